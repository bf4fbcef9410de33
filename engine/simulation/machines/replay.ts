// What a run recorded of its machines, and replaying it: the state a machine was in at a time.
// Everything comes from the `replay` record a run keeps when asked (SimulateOptions.replay),
// which starts at t = 0 whatever the warmup; breakers of a run without it fall back on the
// results' calls.<from>-><to>.breaker.transitions (after the warmup only). State names are the chart's node keys (chart.ts): `open`,
// `exhausted`, `running#1` (a saga's second step), `compensating#0`.
import type { CallResult, SimulationResult } from '../result.js';
import type { SagaOutcome } from './saga.js';

export interface StateChange {
  at: number;
  from: string;
  to: string;
}

export type BreakerTransition = CallResult['breaker']['transitions'][number];

/** One machine instance's history: where it started and every change, in time order. */
export interface Recording {
  initial: string;
  changes: StateChange[];
}

export interface SagaStepRecord {
  step: number;
  compensation: boolean;
  start: number;
  /** null: still running when the run ended. */
  end: number | null;
  ok: boolean | null;
}

/** One saga instance: its steps and compensations as they ran. */
export interface SagaRunRecord {
  start: number;
  end: number | null;
  outcome: SagaOutcome | null;
  steps: SagaStepRecord[];
}

/** A path through a saga (which steps ran, which compensations) and how many runs took it. */
export interface SagaPath {
  steps: { step: number; compensation: boolean; ok: boolean }[];
  outcome: SagaOutcome;
  count: number;
}

/** The machines' histories a run keeps when asked (bounded: see `dropped`). */
export interface ReplayRecord {
  /**
   * Calls whose breakers changed state: every transition per caller replica from t = 0 (the
   * results' breaker.transitions leave out the warmup's).
   */
  breakers: Record<string, { transitions: BreakerTransition[]; dropped: number }>;
  /** Gateways with a rate limit: the bucket's changes (available <-> exhausted). */
  limiters: Record<string, { changes: StateChange[]; dropped: number }>;
  /** Autoscaled nodes: the autoscaler chart's changes (steady <-> starting). */
  scalers: Record<string, { changes: StateChange[]; dropped: number }>;
  /**
   * Saga nodes: a sample of runs spread over the run (the first to start in each of 100 slots,
   * and the first run of every path), and every path with its count.
   */
  sagas: Record<string, { runs: SagaRunRecord[]; paths: SagaPath[]; dropped: number }>;
}

/** The state at time `t`: after every change at or before `t`. */
export function stateAt(rec: Recording, t: number): string {
  const c = rec.changes;
  let lo = 0;
  let hi = c.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c[mid]!.at <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? rec.initial : c[lo - 1]!.to;
}

/** The last change at or before `t` (the one that led to stateAt), or null. */
export function changeAt(rec: Recording, t: number): StateChange | null {
  let last: StateChange | null = null;
  for (const c of rec.changes) {
    if (c.at > t) break;
    last = c;
  }
  return last;
}

/** Each caller replica's breaker history for a call (replicas that never changed are closed). */
export function breakerRecordings(result: SimulationResult, call: string): Map<number, Recording> {
  const out = new Map<number, Recording>();
  const fromStart = result.replay?.breakers;
  const list = fromStart ? (fromStart[call]?.transitions ?? []) : (result.calls[call]?.breaker.transitions ?? []);
  for (const t of list) {
    let r = out.get(t.replica);
    // From t = 0 every breaker starts closed; the results after a warmup: the first change says where it was.
    if (!r) out.set(t.replica, (r = { initial: fromStart ? 'closed' : t.from, changes: [] }));
    r.changes.push({ at: t.at, from: t.from, to: t.to });
  }
  for (const r of out.values()) r.changes.sort((a, b) => a.at - b.at);
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

export function limiterRecording(result: SimulationResult, node: string): Recording | null {
  const l = result.replay?.limiters[node];
  return l ? { initial: l.changes[0]?.from ?? 'available', changes: l.changes } : null;
}

export function scalerRecording(result: SimulationResult, node: string): Recording | null {
  const s = result.replay?.scalers[node];
  return s ? { initial: s.changes[0]?.from ?? 'steady', changes: s.changes } : null;
}

/** A saga run as chart states: idle, each step (`running#i`), compensation, then its outcome. */
export function sagaRecording(run: SagaRunRecord): Recording {
  const changes: StateChange[] = [];
  let state = 'idle';
  const go = (at: number, to: string) => {
    if (to === state) return;
    changes.push({ at, from: state, to });
    state = to;
  };
  for (const s of run.steps) go(s.start, `${s.compensation ? 'compensating' : 'running'}#${s.step}`);
  if (run.outcome !== null && run.end !== null) go(run.end, run.outcome);
  return { initial: 'idle', changes };
}

/** Every change time of some recordings, sorted, each once: the scrubber's stops. */
export function changeTimes(recs: Iterable<Recording>): number[] {
  const s = new Set<number>();
  for (const r of recs) for (const c of r.changes) s.add(c.at);
  return [...s].sort((a, b) => a - b);
}
