// A load sweep (simulation.md "Sweeps and replications") as the Capacity view shows it: the
// charts' data (mean and 95 % interval per multiplier, objective lines), and the knee in words.
import type { SweepResult } from '../../engine/index';
import { formatMs, formatPct } from './format';
import type { Aligned } from './series';

export type SweepFigure = 'p99' | 'errorRate';

export interface TargetLine {
  label: string;
  /** In the chart's unit: ms for p99, percent for the error rate. */
  value: number;
}

/** How a figure is charted: ms as they are, fractions as percentages. */
const scale = (figure: SweepFigure) => (figure === 'errorRate' ? 100 : 1);

/**
 * [traffic, mean, interval low, interval high] per multiplier. Both figures are never negative,
 * so a wide interval of few replications is drawn from 0 (the document keeps its true bounds).
 */
export function sweepSeries(r: SweepResult, figure: SweepFigure): Aligned {
  const k = scale(figure);
  return [
    r.points.map((p) => p.traffic),
    r.points.map((p) => p[figure].mean * k),
    r.points.map((p) => Math.max(0, p[figure].ci[0] * k)),
    r.points.map((p) => p[figure].ci[1] * k),
  ];
}

function entryName(r: SweepResult, client: string, request: number): string {
  const entries = r.points[0]?.slos.filter((s) => s.client === client) ?? [];
  return new Set(entries.map((s) => s.request)).size > 1 ? `${client} #${request + 1}` : client;
}

/**
 * The objective lines on a figure's chart: each p99 objective on the p99 chart, each error-rate
 * objective on the error chart; without objectives, the knee's own bound (1 % errors).
 */
export function targetLines(r: SweepResult, figure: SweepFigure): TargetLine[] {
  const slos = r.points[0]?.slos ?? [];
  const seen = new Set<string>();
  const out: TargetLine[] = [];
  for (const s of slos) {
    if (s.objective !== figure) continue;
    const value = s.target * scale(figure);
    const label = `${entryName(r, s.client, s.request)} ${figure === 'p99' ? 'p99' : 'error rate'} ≤ ${figure === 'p99' ? formatMs(s.target) : formatPct(s.target)}`;
    if (seen.has(label)) continue;
    seen.add(label);
    out.push({ label, value });
  }
  if (slos.length === 0 && figure === 'errorRate') out.push({ label: 'knee bound: 1 % errors', value: 1 });
  return out;
}

/** The knee in words: how far traffic can grow with every objective met, and what saturates past it. */
export function kneeText(r: SweepResult): { tone: 'ok' | 'bad' | 'warn'; text: string } {
  const pts = r.points;
  if (pts.length === 0) return { tone: 'warn', text: 'The sweep has no points.' };
  const rule =
    (pts[0]?.slos.length ?? 0) > 0
      ? 'every objective met in every replication'
      : 'under 1 % errors and no node at 90 % utilization, in every replication';
  const first = pts[0]!;
  const last = pts.at(-1)!;
  const busy = (p: (typeof pts)[number]) =>
    p.busiest ? `${p.busiest.node} at ${formatPct(p.busiest.utilization)} utilization` : 'no node working';
  if (!r.knee)
    return {
      tone: 'bad',
      text: `No knee: already at ×${first.traffic}, the smallest multiplier, not ${rule} (busiest: ${busy(first)}).`,
    };
  const at = pts.findIndex((p) => p.traffic === r.knee!.traffic);
  const past = pts[at + 1];
  if (!past)
    return {
      tone: 'ok',
      text: `No knee up to ×${last.traffic}: ${rule} at every multiplier swept; raise the range to find it (busiest at ×${last.traffic}: ${busy(last)}).`,
    };
  return {
    tone: 'warn',
    text: `Knee at ×${r.knee.traffic}: ${rule} up to ${r.knee.traffic}× traffic; at ×${past.traffic} it is not, and the busiest node there is ${past.busiest ? `${past.busiest.node} (${formatPct(past.busiest.utilization)} utilization)` : 'none'}.`,
  };
}
