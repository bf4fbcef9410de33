// The circuit breaker as resilience4j's count-based CircuitBreaker defines it, as an XState
// chart. One instance per caller replica per callee. Events: ACQUIRE {now} asks permission
// (answer in store.permitted; a permitted call is tagged with store.epoch, read after the step)
// and RECORD {now, failed, slow, epoch} records a finished call. Records from an earlier state
// (a call permitted while CLOSED finishing after the breaker opened) carry a stale epoch and are
// ignored, so HALF_OPEN decides on exactly its own `halfOpenCalls` trials.
import type { Breaker } from '../../model/index.js';
import { CompiledMachine, defineMachine, type ChartConfig, type Implementations } from './compile.js';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerEvent {
  type: 'ACQUIRE' | 'RECORD' | 'xstate.init';
  now: number;
  failed?: boolean;
  slow?: boolean;
  epoch?: number;
}

export interface BreakerStore {
  failureRate: number;
  slowRate: number;
  /** Calls strictly slower than this are slow (Infinity: slow calls off). */
  slowCall: number;
  window: number;
  minCalls: number;
  openFor: number;
  halfOpenCalls: number;
  // The CLOSED sliding window: bit 1 failed, bit 2 slow.
  ring: Uint8Array;
  head: number;
  count: number;
  fails: number;
  slows: number;
  openedAt: number;
  trials: number;
  trialRecorded: number;
  trialFails: number;
  trialSlows: number;
  epoch: number;
  permitted: boolean;
  current: BreakerState;
  /** Called on every transition (not the initial entry). */
  onTransition: ((at: number, from: BreakerState, to: BreakerState) => void) | null;
}

export function breakerStore(cfg: Breaker, onTransition: BreakerStore['onTransition'] = null): BreakerStore {
  return {
    failureRate: cfg.failureRate,
    slowRate: cfg.slowRate,
    slowCall: cfg.slowCall ?? Infinity,
    window: cfg.window,
    minCalls: Math.min(cfg.minCalls, cfg.window),
    openFor: cfg.openFor,
    halfOpenCalls: cfg.halfOpenCalls,
    ring: new Uint8Array(cfg.window),
    head: 0,
    count: 0,
    fails: 0,
    slows: 0,
    openedAt: 0,
    trials: 0,
    trialRecorded: 0,
    trialFails: 0,
    trialSlows: 0,
    epoch: 0,
    permitted: false,
    current: 'closed',
    onTransition,
  };
}

function bits(e: BreakerEvent): number {
  return (e.failed ? 1 : 0) | (e.slow ? 2 : 0);
}

function enter(s: BreakerStore, to: BreakerState, now: number): void {
  const from = s.current;
  s.current = to;
  s.epoch++;
  if (from !== to && s.onTransition) s.onTransition(now, from, to);
}

const impl: Implementations<BreakerStore, BreakerEvent> = {
  guards: {
    stale: (s, e) => e.epoch !== s.epoch,
    tripsClosed: (s, e) => {
      // The window as it will be after this record.
      const b = bits(e);
      let { count, fails, slows } = s;
      if (count === s.window) {
        const old = s.ring[s.head]!;
        fails -= old & 1;
        slows -= (old >> 1) & 1;
      } else count++;
      fails += b & 1;
      slows += (b >> 1) & 1;
      return count >= s.minCalls && (fails / count >= s.failureRate || slows / count >= s.slowRate);
    },
    waitElapsed: (s, e) => e.now > s.openedAt + s.openFor,
    trialsLeft: (s) => s.trials < s.halfOpenCalls,
    lastTrialTrips: (s, e) => {
      if (s.trialRecorded + 1 < s.halfOpenCalls) return false;
      const b = bits(e);
      const n = s.trialRecorded + 1;
      return (s.trialFails + (b & 1)) / n >= s.failureRate || (s.trialSlows + ((b >> 1) & 1)) / n >= s.slowRate;
    },
    lastTrial: (s) => s.trialRecorded + 1 >= s.halfOpenCalls,
  },
  actions: {
    enterClosed: (s, e) => {
      s.head = 0;
      s.count = 0;
      s.fails = 0;
      s.slows = 0;
      s.ring.fill(0);
      if (e.type !== 'xstate.init') enter(s, 'closed', e.now);
    },
    enterOpen: (s, e) => {
      s.openedAt = e.now;
      s.trials = 0;
      s.trialRecorded = 0;
      s.trialFails = 0;
      s.trialSlows = 0;
      enter(s, 'open', e.now);
    },
    enterHalfOpen: (s, e) => enter(s, 'half_open', e.now),
    permit: (s) => {
      s.permitted = true;
    },
    refuse: (s) => {
      s.permitted = false;
    },
    admitTrial: (s) => {
      s.trials++;
      s.permitted = true;
    },
    record: (s, e) => {
      const b = bits(e);
      if (s.count === s.window) {
        const old = s.ring[s.head]!;
        s.fails -= old & 1;
        s.slows -= (old >> 1) & 1;
      } else s.count++;
      s.ring[s.head] = b;
      s.head = s.head + 1 === s.window ? 0 : s.head + 1;
      s.fails += b & 1;
      s.slows += (b >> 1) & 1;
    },
    recordTrial: (s, e) => {
      const b = bits(e);
      s.trialRecorded++;
      s.trialFails += b & 1;
      s.trialSlows += (b >> 1) & 1;
    },
  },
};

export const breakerChart: ChartConfig = {
  id: 'breaker',
  initial: 'closed',
  states: {
    closed: {
      entry: ['enterClosed'],
      on: {
        ACQUIRE: [{ actions: ['permit'] }],
        RECORD: [{ guard: 'stale' }, { guard: 'tripsClosed', target: 'open', actions: ['record'] }, { actions: ['record'] }],
      },
    },
    open: {
      entry: ['enterOpen'],
      on: {
        // Lazy, as resilience4j by default: the first attempt after openFor turns HALF_OPEN and is
        // the first trial. The trial counters are reset on entering OPEN, not HALF_OPEN, so the
        // admitting action (which XState runs before HALF_OPEN's entry) is not undone.
        ACQUIRE: [{ guard: 'waitElapsed', target: 'half_open', actions: ['admitTrial'] }, { actions: ['refuse'] }],
      },
    },
    half_open: {
      entry: ['enterHalfOpen'],
      on: {
        ACQUIRE: [{ guard: 'trialsLeft', actions: ['admitTrial'] }, { actions: ['refuse'] }],
        RECORD: [
          { guard: 'stale' },
          { guard: 'lastTrialTrips', target: 'open', actions: ['recordTrial'] },
          { guard: 'lastTrial', target: 'closed', actions: ['recordTrial'] },
          { actions: ['recordTrial'] },
        ],
      },
    },
  },
};

export const breakerImpl = impl;
export const breakerMachine = defineMachine(breakerChart, impl);
export const compiledBreaker = new CompiledMachine<BreakerStore, BreakerEvent>(breakerMachine, impl);
export const BREAKER_ACQUIRE = compiledBreaker.event('ACQUIRE');
export const BREAKER_RECORD = compiledBreaker.event('RECORD');

/** A breaker run by the compiled stepper (the simulator's hot path). */
export class BreakerInstance {
  state: number;
  private readonly ev: BreakerEvent = { type: 'ACQUIRE', now: 0, failed: false, slow: false, epoch: 0 };
  constructor(readonly store: BreakerStore) {
    this.state = compiledBreaker.start(store, { type: 'xstate.init', now: 0 });
  }
  /** Asks permission at `now`: the epoch to record with, or -1 when refused. */
  acquire(now: number): number {
    const ev = this.ev;
    ev.type = 'ACQUIRE';
    ev.now = now;
    this.state = compiledBreaker.send(this.state, this.store, BREAKER_ACQUIRE, ev);
    return this.store.permitted ? this.store.epoch : -1;
  }
  record(now: number, epoch: number, failed: boolean, slow: boolean): void {
    const ev = this.ev;
    ev.type = 'RECORD';
    ev.now = now;
    ev.epoch = epoch;
    ev.failed = failed;
    ev.slow = slow;
    this.state = compiledBreaker.send(this.state, this.store, BREAKER_RECORD, ev);
  }
}
