// `after` delays: random flat charts with delayed transitions (numbers and a named delay of the
// store; guarded, targetless and reentering ones) run by XState itself on its SimulatedClock and
// by the compiled stepper on the simulation's kernel (timers.ts); every action, its time and the
// state after every event must be the same.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SimulatedClock } from 'xstate';
import { CompiledMachine, defineMachine, startActor, type ChartConfig, type Implementations } from './compile.js';
import { Kernel } from '../kernel.js';
import { TimedMachine } from '../timers.js';

interface Store {
  count: number;
  log: string[];
  now: () => number;
}
interface Ev {
  type: string;
}

const N = 4;
const actions: Implementations<Store, Ev>['actions'] = {
  inc: (s, e) => {
    s.count++;
    s.log.push(`${s.now()} inc on ${e.type}`);
  },
};
for (let i = 0; i < N; i++) {
  actions[`enter${i}`] = (s) => void s.log.push(`${s.now()} enter s${i}`);
  actions[`exit${i}`] = (s) => void s.log.push(`${s.now()} exit s${i}`);
}
const impl: Implementations<Store, Ev> = {
  guards: { even: (s) => s.count % 2 === 0, odd: (s) => s.count % 2 === 1 },
  actions,
  // 7..10 ms: never equal to the numeric delays, so no two timers of one state are due together.
  delays: { patience: (s) => 7 + (s.count % 4) },
};

const transition = fc.record(
  {
    guard: fc.constantFrom('even', 'odd'),
    target: fc.nat(N - 1),
    reenter: fc.boolean(),
    inc: fc.boolean(),
  },
  { requiredKeys: ['inc'] },
);
const state = fc.record({
  incOnEntry: fc.boolean(),
  on: fc.dictionary(fc.constantFrom('A', 'B'), fc.array(transition, { minLength: 1, maxLength: 2 }), { maxKeys: 2 }),
  after: fc.dictionary(fc.constantFrom('5', '12', 'patience'), fc.array(transition, { minLength: 1, maxLength: 2 }), { maxKeys: 3 }),
});
const events = fc.array(fc.record({ dt: fc.integer({ min: 0, max: 15 }), type: fc.constantFrom('A', 'B', 'C') }), { maxLength: 40 });

type Gen = { incOnEntry: boolean; on: Record<string, T[]>; after: Record<string, T[]> };
type T = { guard?: string; target?: number; reenter?: boolean; inc: boolean };

function chartOf(states: Gen[]): ChartConfig {
  const tr = (list: T[]) =>
    list.map((t) => ({
      ...(t.guard ? { guard: t.guard } : {}),
      ...(t.target !== undefined ? { target: `s${t.target % states.length}` } : {}),
      ...(t.reenter ? { reenter: true } : {}),
      actions: t.inc ? ['inc'] : [],
    }));
  const out: ChartConfig = { id: 'm', initial: 's0', states: {} };
  states.forEach((g, i) => {
    out.states[`s${i}`] = {
      entry: g.incOnEntry ? [`enter${i}`, 'inc'] : [`enter${i}`],
      exit: [`exit${i}`],
      on: Object.fromEntries(Object.entries(g.on).map(([k, v]) => [k, tr(v)])),
      after: Object.fromEntries(Object.entries(g.after).map(([k, v]) => [k, tr(v)])),
    };
  });
  return out;
}

function viaXState(chart: ChartConfig, evs: { dt: number; type: string }[]): string[] {
  const clock = new SimulatedClock();
  const store: Store = { count: 0, log: [], now: () => clock.now() };
  const actor = startActor(defineMachine(chart, impl), store, clock);
  for (const e of evs) {
    for (let k = 0; k < e.dt; k++) clock.increment(1); // every timer fires at its own ms
    actor.send(e);
    store.log.push(`${clock.now()} ${e.type} -> ${actor.state()}`);
  }
  for (let k = 0; k < 40; k++) clock.increment(1);
  store.log.push(`end ${actor.state()}`);
  actor.stop();
  return store.log;
}

function viaKernel(chart: ChartConfig, evs: { dt: number; type: string }[]): string[] {
  const k = new Kernel();
  const store: Store = { count: 0, log: [], now: () => k.now };
  const compiled = new CompiledMachine<Store, Ev>(defineMachine(chart, impl), impl);
  const m = new TimedMachine(k, compiled, store, { type: 'xstate.init' });
  const until = (end: number) => k.run({ end, maxEvents: 1e9, progressEvery: 1e9 });
  let t = 0;
  for (const e of evs) {
    t += e.dt;
    until(t); // timers due at or before t first, as the XState clock does before the send
    const ev = compiled.events.get(e.type);
    if (ev !== undefined) m.send(ev, e);
    store.log.push(`${k.now} ${e.type} -> ${compiled.states[m.state]}`);
  }
  until(t + 40);
  store.log.push(`end ${compiled.states[m.state]}`);
  return store.log;
}

describe('after: the compiled stepper on the kernel behaves as the XState interpreter', () => {
  it('on random charts with delayed transitions and random events', () => {
    let fired = 0;
    fc.assert(
      fc.property(fc.array(state, { minLength: 2, maxLength: N }), events, (states, evs) => {
        const chart = chartOf(states);
        const ref = viaXState(chart, evs);
        expect(viaKernel(chart, evs)).toEqual(ref);
        if (ref.some((l) => l.includes('inc on xstate.after'))) fired++;
      }),
      { numRuns: 400 },
    );
    expect(fired).toBeGreaterThan(50); // delayed transitions really fired (and ran actions)
  });

  it('a state left before its delay is up does not take the delayed transition; re-entering restarts it', () => {
    const chart: ChartConfig = {
      id: 'm',
      initial: 's0',
      states: {
        s0: { entry: ['enter0'], on: { A: [{ target: 's1' }] } },
        s1: {
          entry: ['enter1'],
          exit: ['exit1'],
          after: { 10: [{ target: 's2' }] },
          on: { A: [{ target: 's0' }], B: [{ target: 's1', reenter: true }] },
        },
        s2: { entry: ['enter2'] },
      },
    };
    // s1 at 0, left at 5 (A), back at 6, re-entered at 12 (B): s2 only at 22.
    const evs = [
      { dt: 0, type: 'A' },
      { dt: 5, type: 'A' },
      { dt: 1, type: 'A' },
      { dt: 6, type: 'B' },
    ];
    const log = viaKernel(chart, evs);
    expect(log).toEqual(viaXState(chart, evs));
    expect(log.filter((l) => l.includes('enter s2'))).toEqual(['22 enter s2']);
  });

  it('a machine with `after` refuses to run without a timer host', () => {
    const chart: ChartConfig = { id: 'm', initial: 's0', states: { s0: { after: { 5: [{ target: 's1' }] } }, s1: {} } };
    const c = new CompiledMachine<Store, Ev>(defineMachine(chart, impl), impl);
    expect(() => c.start({ count: 0, log: [], now: () => 0 }, { type: 'xstate.init' })).toThrow(/timer host/);
    expect(c.timers.map((t) => [t.state, t.delay])).toEqual([[0, 5]]);
  });
});
