// Breaker state timelines from a run's recorded transitions (calls.<from>-><to>.breaker): one row
// per caller replica whose breaker ever changed state, as contiguous segments closed/open/
// half_open covering the whole run from 0 to its duration. Every breaker starts closed.
import type { BreakerStateName, CallResult } from '../../engine/index';

export interface Segment {
  state: BreakerStateName;
  start: number;
  end: number;
}

export interface BreakerRow {
  replica: number;
  segments: Segment[];
  /** Times the breaker opened. */
  opened: number;
}

export interface BreakerTimeline {
  call: string;
  rows: BreakerRow[];
}

export function breakerRows(transitions: CallResult['breaker']['transitions'], duration: number): BreakerRow[] {
  const byReplica = new Map<number, { at: number; to: BreakerStateName }[]>();
  for (const t of transitions) {
    const list = byReplica.get(t.replica) ?? [];
    list.push({ at: t.at, to: t.to });
    byReplica.set(t.replica, list);
  }
  const rows: BreakerRow[] = [];
  for (const [replica, list] of [...byReplica].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.at - b.at);
    const segments: Segment[] = [];
    let state: BreakerStateName = 'closed';
    let start = 0;
    let opened = 0;
    for (const t of list) {
      const at = Math.min(Math.max(t.at, start), duration);
      if (at > start) segments.push({ state, start, end: at });
      state = t.to;
      start = at;
      if (t.to === 'open') opened++;
    }
    if (duration > start || segments.length === 0) segments.push({ state, start, end: Math.max(duration, start) });
    rows.push({ replica, segments: merge(segments), opened });
  }
  return rows;
}

/** Adjacent segments in the same state become one. */
function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out.at(-1);
    if (last && last.state === s.state && last.end === s.start) last.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

/** The calls whose breakers changed state, in the result's order, with their rows. */
export function breakerTimelines(calls: Record<string, CallResult>, duration: number): BreakerTimeline[] {
  return Object.entries(calls)
    .filter(([, c]) => c.breaker.transitions.length > 0)
    .map(([call, c]) => ({ call, rows: breakerRows(c.breaker.transitions, duration) }));
}
