// Runs an XState v5 machine definition two ways with the same behaviour. Each policy machine
// keeps its numbers in a mutable `store` (its context holds the store) and names every guard and
// action; `defineMachine` builds the XState machine from those named implementations, and
// `compile` walks that machine's state nodes (transitions in document order, guards, exit ->
// transition -> entry actions, as XState orders them) into a lookup table for the hot path.
// Differential tests run the actor and the compiled stepper side by side on the same events.
// Supported subset (checked): flat machines; guarded, targeted or targetless `on` transitions;
// `after` delays (numbers, or named delays of the store); entry/exit actions; final states. No
// `always`, `invoke` or nesting.
//
// `after`, as XState v5 does it: entering a state schedules one timer per delay (XState appends a
// delayed raise of `xstate.after.<delay>.<id>` to the entry actions, so a named delay is worked
// out after the entry actions ran; at the initial state, before them, as XState resolves the
// initial state before it runs the deferred entry actions) and leaving it cancels them (a cancel
// appended to the exit actions); a targetless transition leaves nothing, so the timers run on; a
// `reenter` self-transition cancels and schedules again. A timer that fires is an event like any
// other: its transitions, guards and actions. The compiled stepper does not own a clock: the
// host passes a TimerHost (the simulation's event queue, timers.ts) to `start` and `sendTimed`,
// and delivers a fired timer's event (`timers[t].event`) the same way. A machine without `after`
// runs `send`, which never touches a host (the hot path as before).
import { setup, createActor, type ActorOptions, type AnyStateMachine } from 'xstate';

export interface MachineEvent {
  type: string;
}

export type Guard<S, E> = (store: S, event: E) => boolean;
export type Action<S, E> = (store: S, event: E) => void;

/** A named delay (ms), worked out from the store when its state is entered. */
export type Delay<S, E> = (store: S, event: E) => number;

export interface Implementations<S, E> {
  guards: Record<string, Guard<S, E>>;
  actions: Record<string, Action<S, E>>;
  delays?: Record<string, Delay<S, E>>;
}

/** Where a compiled machine's `after` timers go: the host's clock (one host per instance). */
export interface TimerHost {
  /** Timer `timer` (an index of CompiledMachine.timers) fires `delay` ms from now. */
  schedule(timer: number, delay: number): void;
  /** The state that scheduled timer `timer` was left: it must not fire. */
  cancel(timer: number): void;
}

type Transitions = Array<{ guard?: string; target?: string; actions?: string[]; reenter?: boolean }>;

/** The state chart's shape (XState config): targets are state keys, guards/actions names. */
export interface ChartConfig {
  id: string;
  initial: string;
  states: Record<
    string,
    {
      type?: 'final';
      entry?: string[];
      exit?: string[];
      on?: Record<string, Transitions>;
      /** Delayed transitions: ms, or a named delay (Implementations.delays). */
      after?: Record<string, Transitions>;
    }
  >;
}

/** Builds the XState machine: context `{ store }` from input, named guards and actions. */
export function defineMachine<S, E extends MachineEvent>(chart: ChartConfig, impl: Implementations<S, E>): AnyStateMachine {
  const guards: Record<string, (a: { context: { store: S }; event: E }) => boolean> = {};
  for (const [k, g] of Object.entries(impl.guards)) guards[k] = ({ context, event }) => g(context.store, event);
  const actions: Record<string, (a: { context: { store: S }; event: E }) => void> = {};
  for (const [k, f] of Object.entries(impl.actions)) actions[k] = ({ context, event }) => f(context.store, event);
  const delays: Record<string, (a: { context: { store: S }; event: E }) => number> = {};
  for (const [k, d] of Object.entries(impl.delays ?? {})) delays[k] = ({ context, event }) => d(context.store, event);
  return setup({
    types: {} as { context: { store: S }; input: { store: S }; events: E },
    guards: guards as never,
    actions: actions as never,
    delays: delays as never,
  }).createMachine({
    ...(chart as object),
    context: ({ input }: { input: { store: S } }) => ({ store: input.store }),
  } as never) as unknown as AnyStateMachine;
}

/** An action as the table runs it: the instance's timer host goes along (only timers read it). */
type Step<S, E> = (store: S, event: E, timers?: TimerHost) => void;

interface CompiledTransition<S, E> {
  guard: Guard<S, E> | null;
  target: number;
  /** Its actions in XState's order (exit, transition, entry, then the timers) as one function; null: none. */
  run: Step<S, E> | null;
}

/** One delay of one state's `after`. */
export interface CompiledTimer<S, E> {
  /** The state whose entry schedules it. */
  state: number;
  /** The event index its firing sends (`xstate.after.<delay>.<state id>`). */
  event: number;
  /** That event, as XState sends it (its type only). */
  fired: E;
  /** Its delay: ms, or worked out from the store. */
  delay: number | Delay<S, E>;
}

/** One function running actions in order: the action itself when there is one. */
function sequence<S, E>(fns: Step<S, E>[]): Step<S, E> | null {
  if (fns.length === 0) return null;
  if (fns.length === 1) return fns[0]!;
  if (fns.length === 2) {
    const [a, b] = fns as [Step<S, E>, Step<S, E>];
    return (s, e, h) => {
      a(s, e, h);
      b(s, e, h);
    };
  }
  return (s, e, h) => {
    for (let j = 0; j < fns.length; j++) fns[j]!(s, e, h);
  };
}

/** A lookup-table stepper for one machine definition. */
export class CompiledMachine<S, E extends MachineEvent> {
  readonly states: string[] = [];
  readonly final: boolean[] = [];
  readonly events = new Map<string, number>();
  /** Rows by state * stride + event: a dense array, null where an event does nothing. */
  private readonly table: (CompiledTransition<S, E>[] | null)[];
  private readonly stride: number;
  private readonly entry: Action<S, E>[][] = [];
  /** Every state's `after` delays, in state then document order. */
  readonly timers: CompiledTimer<S, E>[] = [];
  /** Per state: its timers (indexes of `timers`), scheduled on entry, cancelled on exit. */
  private readonly stateTimers: number[][] = [];
  readonly initial: number;

  constructor(machine: AnyStateMachine, impl: Implementations<S, E>) {
    const root = machine.root;
    const nodes = Object.values(root.states);
    const action = (a: unknown): Action<S, E> => {
      const name = typeof a === 'string' ? a : (a as { type?: unknown }).type;
      const f = typeof name === 'string' ? impl.actions[name] : undefined;
      if (!f) throw new Error(`compile(${root.id}): unsupported action ${JSON.stringify(a)}`);
      return f;
    };
    const guard = (g: unknown): Guard<S, E> => {
      const name = typeof g === 'string' ? g : (g as { type?: unknown }).type;
      const f = typeof name === 'string' ? impl.guards[name] : undefined;
      if (!f) throw new Error(`compile(${root.id}): unsupported guard ${JSON.stringify(g)}`);
      return f;
    };
    const delays = (machine.implementations as { delays?: Record<string, unknown> }).delays ?? {};
    const delayOf = (d: unknown, where: string): number | Delay<S, E> => {
      if (typeof d === 'number' && d >= 0) return d;
      const named = typeof d === 'string' ? impl.delays?.[d] : undefined;
      // defineMachine gives XState the same named delays: check it has this one too.
      if (!named || typeof delays[d as string] !== 'function')
        throw new Error(`compile(${root.id}): unsupported delay ${JSON.stringify(d)} in ${where}`);
      return named;
    };
    const builtin = (a: unknown): string | null => {
      const t = (a as { type?: unknown }).type;
      return typeof a === 'function' && (t === 'xstate.raise' || t === 'xstate.cancel') ? t : null;
    };
    nodes.forEach((n) => {
      if (Object.keys(n.states).length > 0) throw new Error(`compile(${root.id}): nested state ${n.key} is not supported`);
      if ((n.always?.length ?? 0) > 0 || n.invoke.length > 0)
        throw new Error(`compile(${root.id}): always/invoke in ${n.key} are not supported`);
      this.states.push(n.key);
      this.final.push(n.type === 'final');
      // Reading `after` first: XState adds its delayed raise / cancel to entry / exit on first read.
      void n.after;
      for (const ev of n.transitions.keys()) if (!this.events.has(ev)) this.events.set(ev, this.events.size);
    });
    this.stride = this.events.size;
    this.table = new Array<CompiledTransition<S, E>[] | null>(nodes.length * this.stride).fill(null);
    const index = new Map(nodes.map((n, i) => [n, i]));
    nodes.forEach((n, i) => {
      const mine: number[] = [];
      const seen = new Set<string>();
      for (const a of n.after) {
        if (seen.has(a.eventType)) continue; // one timer per delay, however many transitions it has
        seen.add(a.eventType);
        mine.push(this.timers.length);
        this.timers.push({
          state: i,
          event: this.events.get(a.eventType)!,
          fired: { type: a.eventType } as E,
          delay: delayOf(a.delay, n.key),
        });
      }
      this.stateTimers.push(mine);
      // The delayed raises and their cancels are the timers (below), not actions.
      for (const a of [...n.entry, ...n.exit]) {
        const b = builtin(a);
        const id = (a as { id?: unknown; sendId?: unknown })[b === 'xstate.raise' ? 'id' : 'sendId'];
        if (b !== null && !(typeof id === 'string' && seen.has(id))) throw new Error(`compile(${root.id}): unsupported ${b} in ${n.key}`);
      }
    });
    const own = (list: readonly unknown[]) => list.filter((a) => builtin(a) === null).map(action);
    nodes.forEach((n) => this.entry.push(own(n.entry)));
    const exits = nodes.map((n) => own(n.exit));
    const arm = (state: number): Step<S, E> | null => (this.stateTimers[state]!.length > 0 ? this.armer(state) : null);
    const disarm = (state: number): Step<S, E> | null => {
      const ts = this.stateTimers[state]!;
      if (ts.length === 0) return null;
      const id = root.id;
      return (_s, _e, h) => {
        if (h === undefined) throw new Error(`${id}: a machine with \`after\` delays runs with a timer host`);
        for (let j = 0; j < ts.length; j++) h.cancel(ts[j]!);
      };
    };
    nodes.forEach((n, i) => {
      for (const [ev, defs] of n.transitions) {
        const row: CompiledTransition<S, E>[] = defs.map((t) => {
          const target = t.target && t.target.length > 0 ? index.get(t.target[0]!)! : -1;
          if (t.target && t.target.length > 1) throw new Error(`compile(${root.id}): multiple targets`);
          // A targeted transition (even to itself, when reenter) leaves and enters: exit, actions,
          // entry; then the timers (XState defers both: the old state's cancelled, the new one's scheduled).
          const leaves = target >= 0 && (target !== i || t.reenter);
          const timers = leaves ? [disarm(i), arm(target)].filter((f): f is Step<S, E> => f !== null) : [];
          const fns: Step<S, E>[] = [
            ...(leaves ? exits[i]! : []),
            ...t.actions.map(action),
            ...(leaves ? this.entry[target]! : []),
            ...timers,
          ];
          return { guard: t.guard ? guard(t.guard) : null, target: target >= 0 ? target : i, run: sequence(fns) };
        });
        this.table[i * this.stride + this.events.get(ev)!] = row;
      }
    });
    const init = root.initial.target[0]!;
    this.initial = index.get(init)!;
  }

  /** Schedules a state's timers, each delay worked out now (after the entry actions). */
  private armer(state: number): Step<S, E> {
    const ts = this.stateTimers[state]!;
    const timers = this.timers;
    const id = this.states[state]!;
    return (s, e, h) => {
      if (h === undefined) throw new Error(`${id}: a machine with \`after\` delays runs with a timer host`);
      for (let j = 0; j < ts.length; j++) {
        const d = timers[ts[j]!]!.delay;
        h.schedule(ts[j]!, typeof d === 'number' ? d : d(s, e));
      }
    };
  }

  /** Index of an event type, for `send`. */
  event(type: string): number {
    const e = this.events.get(type);
    if (e === undefined) throw new Error(`unknown event ${type}`);
    return e;
  }

  /**
   * Enters the initial state (runs its entry actions, schedules its timers on `timers`); returns
   * the state index. As XState does, the initial state's delays are worked out before its entry
   * actions run.
   */
  start(store: S, init: E, timers?: TimerHost): number {
    const ts = this.stateTimers[this.initial]!;
    const delays = ts.map((t) => {
      const d = this.timers[t]!.delay;
      return typeof d === 'number' ? d : d(store, init);
    });
    for (const f of this.entry[this.initial]!) f(store, init);
    if (ts.length > 0) {
      if (timers === undefined) throw new Error(`${this.states[this.initial]}: a machine with \`after\` delays runs with a timer host`);
      ts.forEach((t, j) => timers.schedule(t, delays[j]!));
    }
    return this.initial;
  }

  /** Processes one event in state `state`; returns the next state index (a machine without `after`). */
  send(state: number, store: S, eventIndex: number, event: E): number {
    if (this.final[state]) return state;
    const row = this.table[state * this.stride + eventIndex];
    if (!row) return state;
    for (let k = 0; k < row.length; k++) {
      const t = row[k]!;
      if (t.guard !== null && !t.guard(store, event)) continue;
      if (t.run !== null) t.run(store, event);
      return t.target;
    }
    return state;
  }

  /** `send` for a machine with `after`: its entries and exits schedule and cancel on `timers`. */
  sendTimed(state: number, store: S, eventIndex: number, event: E, timers: TimerHost): number {
    if (this.final[state]) return state;
    const row = this.table[state * this.stride + eventIndex];
    if (!row) return state;
    for (let k = 0; k < row.length; k++) {
      const t = row[k]!;
      if (t.guard !== null && !t.guard(store, event)) continue;
      if (t.run !== null) t.run(store, event, timers);
      return t.target;
    }
    return state;
  }
}

/** Actor mode: the reference execution with XState itself (tests, and the app's inspector); `clock`: XState's (a SimulatedClock in tests). */
export function startActor<S>(machine: AnyStateMachine, store: S, clock?: ActorOptions<AnyStateMachine>['clock']) {
  const actor = createActor(machine, { input: { store }, ...(clock ? { clock } : {}) });
  actor.start();
  return {
    send: (e: MachineEvent) => actor.send(e as never),
    state: (): string => String(actor.getSnapshot().value),
    stop: () => actor.stop(),
  };
}
