// A gateway's global token bucket as an XState chart: `rate` tokens per second, capacity one
// second's worth (the burst), starting full, refilled lazily at each TAKE {now}. The answer is
// in store.allowed. States say whether the bucket ran dry (the app shows it).
import { CompiledMachine, defineMachine, type ChartConfig, type Implementations } from './compile.js';

export interface LimiterEvent {
  type: 'TAKE' | 'xstate.init';
  now: number;
}

export interface LimiterStore {
  rate: number;
  capacity: number;
  tokens: number;
  last: number;
  allowed: boolean;
}

export function limiterStore(rate: number): LimiterStore {
  // One second's worth, but never less than one token: a limit under 1/s still lets one through.
  const capacity = Math.max(rate, 1);
  return { rate, capacity, tokens: capacity, last: 0, allowed: false };
}

function tokensAt(s: LimiterStore, now: number): number {
  return Math.min(s.capacity, s.tokens + ((now - s.last) * s.rate) / 1000);
}

const impl: Implementations<LimiterStore, LimiterEvent> = {
  guards: { hasToken: (s, e) => tokensAt(s, e.now) >= 1 },
  actions: {
    take: (s, e) => {
      s.tokens = tokensAt(s, e.now) - 1;
      s.last = e.now;
      s.allowed = true;
    },
    refuse: (s, e) => {
      s.tokens = tokensAt(s, e.now);
      s.last = e.now;
      s.allowed = false;
    },
  },
};

export const limiterChart: ChartConfig = {
  id: 'rateLimiter',
  initial: 'available',
  states: {
    available: {
      on: {
        TAKE: [
          { guard: 'hasToken', actions: ['take'] },
          { target: 'exhausted', actions: ['refuse'] },
        ],
      },
    },
    exhausted: { on: { TAKE: [{ guard: 'hasToken', target: 'available', actions: ['take'] }, { actions: ['refuse'] }] } },
  },
};

export const limiterImpl = impl;
export const limiterMachine = defineMachine(limiterChart, impl);
export const compiledLimiter = new CompiledMachine<LimiterStore, LimiterEvent>(limiterMachine, impl);
const TAKE = compiledLimiter.event('TAKE');

export class LimiterInstance {
  state: number;
  private readonly ev: LimiterEvent = { type: 'TAKE', now: 0 };
  constructor(readonly store: LimiterStore) {
    this.state = compiledLimiter.start(store, { type: 'xstate.init', now: 0 });
  }
  /** Called on every change of state (a run's replay record); null: nobody listens. */
  onChange: ((at: number, from: string, to: string) => void) | null = null;
  take(now: number): boolean {
    this.ev.now = now;
    const before = this.state;
    this.state = compiledLimiter.send(this.state, this.store, TAKE, this.ev);
    if (this.state !== before && this.onChange !== null)
      this.onChange(now, compiledLimiter.states[before]!, compiledLimiter.states[this.state]!);
    return this.store.allowed;
  }
}
