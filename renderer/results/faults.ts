// The fault windows of a run: what its scenario broke, where and when (simulation.md "Faults"),
// for the shading on the time charts and for the verdict. Read from the design the result was
// computed from, clipped to the run's length.
import type { Design, Fault, SimulationResult } from '../../engine/index';
import { formatMs, formatPct, formatWindow } from './format';

export interface FaultWindow {
  /** ms from the run's start. */
  start: number;
  end: number;
  /** The node, or the call as "from → to". */
  target: string;
  /** The effects in words: "errors 100 %", "latency ×4", "2 replicas down". */
  what: string;
  /** "payment-service errors 100 % 30–70 s". */
  label: string;
}

function effects(f: Fault): string[] {
  const out: string[] = [];
  if (f.errorRate !== undefined)
    out.push(`errors ${Number.isInteger(f.errorRate * 100) ? `${f.errorRate * 100} %` : formatPct(f.errorRate)}`);
  if (f.latency !== undefined) out.push(`latency ×${f.latency}`);
  if (f.kill !== undefined) out.push(`${f.kill} replica${f.kill === 1 ? '' : 's'} down`);
  if (f.delay !== undefined) out.push(`+${formatMs(f.delay)} delay`);
  if (f.traffic !== undefined) out.push(`traffic ×${f.traffic}`);
  return out;
}

function callName(call: string): string {
  const [from, to] = call.split('->').map((s) => s.trim());
  return `${from} → ${to}`;
}

/** The scenario's faults that act within the run, in the scenario's order. */
export function faultWindows(design: Design | null, result: Pick<SimulationResult, 'scenario' | 'duration'>): FaultWindow[] {
  const scenario = result.scenario !== null ? design?.scenarios[result.scenario] : undefined;
  if (!scenario) return [];
  const out: FaultWindow[] = [];
  for (const f of scenario.faults) {
    const start = f.at;
    const end = Math.min(result.duration, f.for !== undefined ? f.at + f.for : result.duration);
    if (start >= result.duration || end <= start) continue;
    const target = f.node ?? (f.call ? callName(f.call) : '?');
    const what = effects(f).join(', ') || 'fault';
    out.push({ start, end, target, what, label: `${target} ${what} ${formatWindow(start, end, result.duration)}` });
  }
  return out;
}
