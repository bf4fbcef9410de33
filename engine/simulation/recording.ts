// The replay record (SimulateOptions.replay): what the app's state charts replay. Every kind is
// recorded from t = 0, the warmup included (the results' statistics, breaker transitions among
// them, start after the warmup; a replay shows what the machines did). Off the hot path: the
// machines call back only when their state changes, and only when a record is kept; a saga run
// notes each step (a whole call) as it starts and ends. Bounded: MAX_CHANGES per machine (and
// MAX_TRANSITIONS per call's breakers), SAGA_SLOTS + one per path of sampled saga runs,
// MAX_TRACKED saga runs followed at once; what is left out is counted.
import type { SagaOutcome } from './machines/saga.js';
import type { ReplayRecord, SagaPath, SagaRunRecord, StateChange } from './machines/replay.js';
import type { SagaRun } from './runtime.js';
import { r3 } from './stats.js';
import type { Simulation } from './simulate.js';

export const MAX_CHANGES = 10_000;
const SAGA_SLOTS = 100;
const MAX_PATHS = 200;
const MAX_TRACKED = 10_000;

interface SagaRec {
  runs: SagaRunRecord[];
  slots: Set<number>;
  paths: Map<string, SagaPath>;
  dropped: number;
}

export class ReplayRecorder {
  private readonly rec: ReplayRecord = { breakers: {}, limiters: {}, scalers: {}, sagas: {} };
  private readonly sagaOf = new Map<string, SagaRec>();
  private readonly live = new Map<SagaRun, SagaRunRecord>();
  private readonly slot: number;

  constructor(private readonly s: Simulation) {
    this.slot = Math.max(1, s.duration / SAGA_SLOTS);
    for (const stats of s.callStats.values()) stats.replay = { transitions: [], dropped: 0 };
    for (const n of s.nodeRt.values()) {
      if (n.limiter) {
        const l = (this.rec.limiters[n.id] = { changes: [] as StateChange[], dropped: 0 });
        n.limiter.onChange = (at, from, to) => push(l, at, from, to);
      }
      if (n.scaler) {
        const c = (this.rec.scalers[n.id] = { changes: [] as StateChange[], dropped: 0 });
        n.scaler.onChange = (at, from, to) => push(c, at, from, to);
      }
      if (n.def.kind === 'saga') this.sagaOf.set(n.id, { runs: [], slots: new Set(), paths: new Map(), dropped: 0 });
    }
  }

  sagaStart(run: SagaRun): void {
    if (this.live.size >= MAX_TRACKED) {
      this.sagaOf.get(run.node.id)!.dropped++;
      return;
    }
    this.live.set(run, { start: r3(this.s.k.now), end: null, outcome: null, steps: [] });
  }

  sagaStep(run: SagaRun, step: number, compensation: boolean): void {
    this.live.get(run)?.steps.push({ step, compensation, start: r3(this.s.k.now), end: null, ok: null });
  }

  sagaStepDone(run: SagaRun, ok: boolean): void {
    const st = this.live.get(run)?.steps.at(-1);
    if (!st || st.end !== null) return;
    st.end = r3(this.s.k.now);
    st.ok = ok;
  }

  sagaEnd(run: SagaRun, outcome: SagaOutcome): void {
    const r = this.live.get(run);
    if (!r) return;
    this.live.delete(run);
    r.end = r3(this.s.k.now);
    r.outcome = outcome;
    this.keep(run.node.id, r);
  }

  private keep(node: string, r: SagaRunRecord): void {
    const sr = this.sagaOf.get(node)!;
    let fresh = false;
    if (r.outcome !== null) {
      const steps = r.steps.map((s) => ({ step: s.step, compensation: s.compensation, ok: s.ok === true }));
      const key = `${JSON.stringify(steps)}${r.outcome}`;
      const p = sr.paths.get(key);
      if (p) p.count++;
      else if (sr.paths.size < MAX_PATHS) {
        sr.paths.set(key, { steps, outcome: r.outcome, count: 1 });
        fresh = true;
      }
    }
    const slot = Math.floor(r.start / this.slot);
    if (fresh || !sr.slots.has(slot)) {
      sr.slots.add(slot);
      sr.runs.push(r);
    } else sr.dropped++;
  }

  result(): ReplayRecord {
    // Calls whose breakers changed state (the others stayed closed, or have no breaker).
    for (const [key, stats] of this.s.callStats)
      if (stats.replay && stats.replay.transitions.length > 0) this.rec.breakers[key] = stats.replay;
    // Runs still going at the end: sampled like the others, with no outcome.
    for (const [run, r] of this.live) this.keep(run.node.id, r);
    this.live.clear();
    for (const [id, sr] of this.sagaOf) {
      sr.runs.sort((a, b) => a.start - b.start);
      this.rec.sagas[id] = { runs: sr.runs, paths: [...sr.paths.values()].sort((a, b) => b.count - a.count), dropped: sr.dropped };
    }
    return this.rec;
  }
}

function push(l: { changes: StateChange[]; dropped: number }, at: number, from: string, to: string): void {
  if (l.changes.length < MAX_CHANGES) l.changes.push({ at: r3(at), from, to });
  else l.dropped++;
}
