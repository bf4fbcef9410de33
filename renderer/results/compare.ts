// A run compared with a kept baseline: what differs between the two runs (length, scenario,
// seed, offered traffic) and each key figure's change judged by whether it is better for users.
// Error rate and latency up are worse; a latency drop bought with more failures is not better
// (fast refusals pull the percentiles down); counts and throughput follow the offered traffic,
// so they are judged only when both runs offered the same.
import type { SimulationResult } from '../../engine/index';
import { errorRate, formatMs, formatRate, keyFigures, type FigureId } from './format';

/** neutral: changed, but not better or worse for users by itself (see the reason). */
export type DeltaTone = 'better' | 'worse' | 'same' | 'neutral';

export interface ComparedFigure {
  id: FigureId;
  label: string;
  baseline: string;
  current: string;
  /** "+12.5 %", "-3 ms", "+1.2 pp" (percentage points for the error rate), or "±0". */
  delta: string;
  tone: DeltaTone;
  /** Why the change is not judged by its direction alone. */
  reason: string | null;
}

export interface Comparison {
  /** What differs between the runs themselves, in words. */
  notes: string[];
  rows: ComparedFigure[];
}

/** Relative change below this counts as no change. */
const SAME = 0.005;
/** Offered traffic that differs by more than this makes counts and throughput incomparable. */
const SAME_LOAD = 0.05;

/** Client requests started per measured second. */
export function offeredRate(r: SimulationResult): number {
  const s = (r.duration - r.warmup) / 1000;
  return s > 0 ? r.requests.total / s : 0;
}

function runNotes(b: SimulationResult, c: SimulationResult, loadRatio: number): string[] {
  const notes: string[] = [];
  if (b.design !== c.design) notes.push(`Different designs: the baseline ran ${b.design}, this run ${c.design}.`);
  if (b.scenario !== c.scenario)
    notes.push(`Different scenarios: the baseline ran ${b.scenario ?? 'nominal traffic'}, this run ${c.scenario ?? 'nominal traffic'}.`);
  if (b.duration !== c.duration || b.warmup !== c.warmup) {
    const len = (r: SimulationResult) => `${formatMs(r.duration)}${r.warmup ? ` (${formatMs(r.warmup)} warmup)` : ''}`;
    notes.push(
      `Different lengths: the baseline ran ${len(b)}, this run ${len(c)}. Request counts are not comparable; rates, percentiles and the error rate are.`,
    );
  }
  if (Math.abs(loadRatio - 1) > SAME_LOAD)
    notes.push(
      `This run was offered ${loadRatio.toFixed(2)}× the baseline's traffic (${formatRate(offeredRate(c))} against ${formatRate(offeredRate(b))}).`,
    );
  if (b.seed !== c.seed) notes.push(`Different seeds (${b.seed} and ${c.seed}): a difference of a few percent may be noise.`);
  return notes;
}

export function compareRuns(baseline: SimulationResult, current: SimulationResult): Comparison {
  const b = keyFigures(baseline);
  const c = keyFigures(current);
  const loadRatio = offeredRate(baseline) > 0 ? offeredRate(current) / offeredRate(baseline) : 1;
  const sameLoad = Math.abs(loadRatio - 1) <= SAME_LOAD;
  const errorDiffPp = (errorRate(current) - errorRate(baseline)) * 100;
  const moreFailures = errorDiffPp >= 0.01;
  const rows = b.map((fb, i): ComparedFigure => {
    const fc = c[i]!;
    const diff = fc.value - fb.value;
    let delta: string;
    let changed: boolean;
    if (fb.id === 'errorRate') {
      changed = Math.abs(errorDiffPp) >= 0.01;
      delta = changed ? `${errorDiffPp > 0 ? '+' : ''}${errorDiffPp.toFixed(2)} pp` : '±0';
    } else if (fb.value === 0) {
      changed = fc.value !== 0;
      delta = changed ? `+${fc.text}` : '±0';
    } else {
      const rel = diff / Math.abs(fb.value);
      changed = Math.abs(rel) >= SAME;
      delta = changed ? `${rel > 0 ? '+' : ''}${(rel * 100).toFixed(1)} %` : '±0';
    }
    const row = { id: fb.id, label: fb.label, baseline: fb.text, current: fc.text, delta };
    if (!changed) return { ...row, tone: 'same', reason: null };
    const byDirection: DeltaTone = diff > 0 === fb.higherIsBetter ? 'better' : 'worse';
    if (fb.id === 'requests') return { ...row, tone: 'neutral', reason: 'a count: it follows the run’s length and offered traffic' };
    if (fb.id === 'throughput' && !sameLoad) return { ...row, tone: 'neutral', reason: 'the runs were offered different traffic' };
    if ((fb.id === 'p50' || fb.id === 'p95' || fb.id === 'p99') && byDirection === 'better' && moreFailures)
      return {
        ...row,
        tone: 'neutral',
        reason: `not better: more requests failed (error rate +${errorDiffPp.toFixed(2)} pp), and fast failures pull latency down`,
      };
    return { ...row, tone: byDirection, reason: null };
  });
  return { notes: runNotes(baseline, current, loadRatio), rows };
}
