// The Kubernetes HPA as an XState chart, one per autoscaled service. The kernel sends TICK
// {now, utilization, ready, current} every 15 s and READY when a started replica serves.
// desired = ceil(ready * utilization / target), kept when |1 - ratio| <= 0.1 (in floating
// point, as the HPA computes it), clamped to [min, max]; scale-up at most max(100 %, 4 pods)
// per period; scale-down to the highest recommendation of the stabilization window. The
// decision goes out through store.scaleTo.
import type { Autoscale } from '../../model/index.js';
import { CompiledMachine, defineMachine, type ChartConfig, type Implementations } from './compile.js';

export interface ScalerEvent {
  type: 'TICK' | 'READY' | 'xstate.init';
  now: number;
  utilization?: number;
  /** Replicas serving now. */
  ready?: number;
  /** Replicas wanted now (serving plus starting). */
  current?: number;
  /** Replicas still starting (READY). */
  starting?: number;
}

export interface ScalerStore {
  cfg: Autoscale;
  /** Recommendations of the stabilization window: [time, replicas] pairs, oldest first. */
  history: number[];
  scaleTo: (n: number, now: number) => void;
}

export function scalerStore(cfg: Autoscale, scaleTo: ScalerStore['scaleTo']): ScalerStore {
  return { cfg, history: [], scaleTo };
}

/** The HPA's recommendation for one period. */
export function recommend(cfg: Autoscale, ready: number, current: number, utilization: number): number {
  const ratio = utilization / cfg.cpu;
  let desired = Math.abs(1 - ratio) <= 0.1 || ready === 0 ? current : Math.ceil(ready * ratio);
  desired = Math.min(cfg.max, Math.max(cfg.min, desired));
  const upLimit = Math.max(current * 2, current + 4);
  return Math.min(desired, upLimit);
}

function stabilized(s: ScalerStore, e: ScalerEvent): number {
  const rec = recommend(s.cfg, e.ready!, e.current!, e.utilization!);
  let best = rec;
  for (let i = 0; i < s.history.length; i += 2) if (s.history[i]! > e.now - s.cfg.downDelay) best = Math.max(best, s.history[i + 1]!);
  return best;
}

const impl: Implementations<ScalerStore, ScalerEvent> = {
  guards: {
    wantsUp: (s, e) => recommend(s.cfg, e.ready!, e.current!, e.utilization!) > e.current!,
    wantsDown: (s, e) => stabilized(s, e) < e.current!,
    allReady: (_s, e) => (e.starting ?? 0) === 0,
  },
  actions: {
    remember: (s, e) => {
      const rec = recommend(s.cfg, e.ready!, e.current!, e.utilization!);
      while (s.history.length > 0 && s.history[0]! <= e.now - s.cfg.downDelay) s.history.splice(0, 2);
      s.history.push(e.now, rec);
    },
    scaleUp: (s, e) => s.scaleTo(recommend(s.cfg, e.ready!, e.current!, e.utilization!), e.now),
    scaleDown: (s, e) => s.scaleTo(stabilized(s, e), e.now),
  },
};

export const scalerChart: ChartConfig = {
  id: 'autoscaler',
  initial: 'steady',
  states: {
    steady: {
      on: {
        TICK: [
          { guard: 'wantsUp', target: 'starting', actions: ['scaleUp', 'remember'] },
          { guard: 'wantsDown', actions: ['scaleDown', 'remember'] },
          { actions: ['remember'] },
        ],
      },
    },
    starting: {
      on: {
        TICK: [
          { guard: 'wantsUp', actions: ['scaleUp', 'remember'] },
          { guard: 'wantsDown', actions: ['scaleDown', 'remember'] },
          { actions: ['remember'] },
        ],
        READY: [{ guard: 'allReady', target: 'steady' }],
      },
    },
  },
};

export const scalerImpl = impl;
export const scalerMachine = defineMachine(scalerChart, impl);
export const compiledScaler = new CompiledMachine<ScalerStore, ScalerEvent>(scalerMachine, impl);
const TICK = compiledScaler.event('TICK');
const READY = compiledScaler.event('READY');

export class ScalerInstance {
  state: number;
  constructor(readonly store: ScalerStore) {
    this.state = compiledScaler.start(store, { type: 'xstate.init', now: 0 });
  }
  /** Called on every change of state (a run's replay record); null: nobody listens. */
  onChange: ((at: number, from: string, to: string) => void) | null = null;
  tick(now: number, utilization: number, ready: number, current: number): void {
    this.step(now, TICK, { type: 'TICK', now, utilization, ready, current });
  }
  ready(now: number, starting: number): void {
    this.step(now, READY, { type: 'READY', now, starting });
  }
  private step(now: number, ev: number, e: ScalerEvent): void {
    const before = this.state;
    this.state = compiledScaler.send(this.state, this.store, ev, e);
    if (this.state !== before && this.onChange !== null)
      this.onChange(now, compiledScaler.states[before]!, compiledScaler.states[this.state]!);
  }
}
