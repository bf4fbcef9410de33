// Numbers of a simulation result as people read them: milliseconds, rates, percentages, counts;
// the key figures of a run, and the same figures of two runs side by side with their deltas.
import { CAUSES, type Cause, type SimulationResult } from '../../engine/index';

/** A duration in ms: "0.42 ms", "12.3 ms", "412 ms", "1.25 s", "2 min 5 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const a = Math.abs(ms);
  if (a < 1) return `${ms.toFixed(2)} ms`;
  if (a < 100) return `${ms.toFixed(1)} ms`;
  if (a < 1000) return `${Math.round(ms)} ms`;
  if (a < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const min = Math.floor(a / 60_000);
  const s = Math.round((a - min * 60_000) / 1000);
  return `${ms < 0 ? '-' : ''}${min} min${s ? ` ${s} s` : ''}`;
}

/** A count with thousands separators: 30617 -> "30,617". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '–';
  return Math.round(n).toLocaleString('en-US');
}

/** A rate per second: "512 /s", "12.5 /s", "0.25 /s". */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '–';
  const a = Math.abs(perSecond);
  return `${a >= 100 ? Math.round(perSecond).toLocaleString('en-US') : a >= 10 ? perSecond.toFixed(1) : perSecond.toFixed(2)} /s`;
}

/** A fraction as a percentage: 0.0727 -> "7.27 %", 0 -> "0 %". */
export function formatPct(fraction: number): string {
  if (!Number.isFinite(fraction)) return '–';
  if (fraction === 0) return '0 %';
  const p = fraction * 100;
  const a = Math.abs(p);
  return `${a >= 10 ? p.toFixed(1) : a >= 0.1 ? p.toFixed(2) : p.toFixed(3)} %`;
}

export const CAUSE_LABELS: Record<Cause, string> = {
  error: 'error',
  timeout: 'timeout',
  rejected: 'rejected (503)',
  breakerOpen: 'breaker open',
  rateLimited: 'rate limited (429)',
  noReplica: 'no replica',
  notFound: 'not found',
};

export type FigureId = 'requests' | 'throughput' | 'p50' | 'p95' | 'p99' | 'errorRate';

export interface Figure {
  id: FigureId;
  label: string;
  value: number;
  text: string;
  /** Whether a higher value is better (for colouring deltas). */
  higherIsBetter: boolean;
}

export function errorRate(r: SimulationResult): number {
  return r.requests.total > 0 ? r.requests.failed / r.requests.total : 0;
}

export function keyFigures(r: SimulationResult): Figure[] {
  const e = errorRate(r);
  return [
    { id: 'requests', label: 'Requests', value: r.requests.total, text: formatCount(r.requests.total), higherIsBetter: true },
    { id: 'throughput', label: 'Throughput (ok)', value: r.throughput, text: formatRate(r.throughput), higherIsBetter: true },
    { id: 'p50', label: 'Latency p50', value: r.latency.p50, text: formatMs(r.latency.p50), higherIsBetter: false },
    { id: 'p95', label: 'Latency p95', value: r.latency.p95, text: formatMs(r.latency.p95), higherIsBetter: false },
    { id: 'p99', label: 'Latency p99', value: r.latency.p99, text: formatMs(r.latency.p99), higherIsBetter: false },
    { id: 'errorRate', label: 'Error rate', value: e, text: formatPct(e), higherIsBetter: false },
  ];
}

/** Failed client requests by cause, largest first, causes with none left out. */
export function failuresByCause(r: SimulationResult): { cause: Cause; label: string; count: number; share: number }[] {
  return CAUSES.map((cause) => ({
    cause,
    label: CAUSE_LABELS[cause],
    count: r.requests.byCause[cause],
    share: r.requests.failed > 0 ? r.requests.byCause[cause] / r.requests.failed : 0,
  }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count);
}

/** A run's name for headings: "payment-outage · seed 1 · 60 s". */
export function runLabel(r: Pick<SimulationResult, 'scenario' | 'seed' | 'duration'>): string {
  return `${r.scenario ?? 'nominal'} · seed ${r.seed} · ${formatMs(r.duration)}`;
}

/** Runs longer than this (simulated seconds) read their times in minutes, shorter ones in seconds. */
export const MINUTES_PAST_S = 600;

const trim1 = (v: number) => String(Math.round(v * 10) / 10);

/** A time axis's tick label, in seconds from the run's start: "30 s", or "12 min" past 10 minutes. */
export function formatAxisTime(tS: number, spanS: number): string {
  return spanS > MINUTES_PAST_S ? `${trim1(tS / 60)} min` : `${trim1(tS)} s`;
}

/** Tick spacings (seconds) for a time axis over spanS seconds: whole minutes past 10 minutes. */
export function timeAxisIncrs(spanS: number): number[] {
  return spanS > MINUTES_PAST_S
    ? [60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400]
    : [1, 2, 5, 10, 15, 20, 30, 60, 120, 300];
}

/** A moment of a run in words: "42 s", or "12.5 min" in a run past 10 minutes. */
export function formatAt(ms: number, spanMs: number): string {
  return formatAxisTime(ms / 1000, spanMs / 1000);
}

/** A window of a run in words: "30–70 s", or "12–15.5 min" in a run past 10 minutes. */
export function formatWindow(fromMs: number, toMs: number, spanMs: number): string {
  if (spanMs / 1000 > MINUTES_PAST_S) return `${trim1(fromMs / 60_000)}–${trim1(toMs / 60_000)} min`;
  return `${Math.round(fromMs / 1000)}–${Math.round(toMs / 1000)} s`;
}
