// Runs an XState v5 machine definition two ways with the same behaviour. Each policy machine
// keeps its numbers in a mutable `store` (its context holds the store) and names every guard and
// action; `defineMachine` builds the XState machine from those named implementations, and
// `compile` walks that machine's state nodes (transitions in document order, guards, exit ->
// transition -> entry actions, as XState orders them) into a lookup table for the hot path.
// Differential tests run the actor and the compiled stepper side by side on the same events.
// Supported subset (checked): flat machines; guarded, targeted or targetless `on` transitions;
// entry/exit actions; final states. No `after`, `always`, `invoke` or nesting.
import { setup, createActor, type AnyStateMachine } from 'xstate';

export interface MachineEvent {
  type: string;
}

export type Guard<S, E> = (store: S, event: E) => boolean;
export type Action<S, E> = (store: S, event: E) => void;

export interface Implementations<S, E> {
  guards: Record<string, Guard<S, E>>;
  actions: Record<string, Action<S, E>>;
}

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
      on?: Record<string, Array<{ guard?: string; target?: string; actions?: string[] }>>;
    }
  >;
}

/** Builds the XState machine: context `{ store }` from input, named guards and actions. */
export function defineMachine<S, E extends MachineEvent>(chart: ChartConfig, impl: Implementations<S, E>): AnyStateMachine {
  const guards: Record<string, (a: { context: { store: S }; event: E }) => boolean> = {};
  for (const [k, g] of Object.entries(impl.guards)) guards[k] = ({ context, event }) => g(context.store, event);
  const actions: Record<string, (a: { context: { store: S }; event: E }) => void> = {};
  for (const [k, f] of Object.entries(impl.actions)) actions[k] = ({ context, event }) => f(context.store, event);
  return setup({
    types: {} as { context: { store: S }; input: { store: S }; events: E },
    guards: guards as never,
    actions: actions as never,
  }).createMachine({
    ...(chart as object),
    context: ({ input }: { input: { store: S } }) => ({ store: input.store }),
  } as never) as unknown as AnyStateMachine;
}

interface CompiledTransition<S, E> {
  guard: Guard<S, E> | null;
  target: number;
  /** Its actions in XState's order (exit, transition, entry) as one function; null: none. */
  run: Action<S, E> | null;
}

/** One function running actions in order: the action itself when there is one. */
function sequence<S, E>(fns: Action<S, E>[]): Action<S, E> | null {
  if (fns.length === 0) return null;
  if (fns.length === 1) return fns[0]!;
  if (fns.length === 2) {
    const [a, b] = fns as [Action<S, E>, Action<S, E>];
    return (s, e) => {
      a(s, e);
      b(s, e);
    };
  }
  return (s, e) => {
    for (let j = 0; j < fns.length; j++) fns[j]!(s, e);
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
    nodes.forEach((n, i) => {
      if (Object.keys(n.states).length > 0) throw new Error(`compile(${root.id}): nested state ${n.key} is not supported`);
      if (n.after.length > 0 || (n.always?.length ?? 0) > 0 || n.invoke.length > 0)
        throw new Error(`compile(${root.id}): after/always/invoke in ${n.key} are not supported`);
      this.states.push(n.key);
      this.final.push(n.type === 'final');
      for (const ev of n.transitions.keys()) if (!this.events.has(ev)) this.events.set(ev, this.events.size);
      void i;
    });
    this.stride = this.events.size;
    this.table = new Array<CompiledTransition<S, E>[] | null>(nodes.length * this.stride).fill(null);
    const index = new Map(nodes.map((n, i) => [n, i]));
    nodes.forEach((n) => this.entry.push(n.entry.map(action)));
    const exits = nodes.map((n) => n.exit.map(action));
    nodes.forEach((n, i) => {
      for (const [ev, defs] of n.transitions) {
        const row: CompiledTransition<S, E>[] = defs.map((t) => {
          const target = t.target && t.target.length > 0 ? index.get(t.target[0]!)! : -1;
          if (t.target && t.target.length > 1) throw new Error(`compile(${root.id}): multiple targets`);
          // A targeted transition (even to itself, when reenter) leaves and enters: exit, actions, entry.
          const leaves = target >= 0 && (target !== i || t.reenter);
          const fns = [...(leaves ? exits[i]! : []), ...t.actions.map(action), ...(leaves ? this.entry[target]! : [])];
          return { guard: t.guard ? guard(t.guard) : null, target: target >= 0 ? target : i, run: sequence(fns) };
        });
        this.table[i * this.stride + this.events.get(ev)!] = row;
      }
    });
    const init = root.initial.target[0]!;
    this.initial = index.get(init)!;
  }

  /** Index of an event type, for `send`. */
  event(type: string): number {
    const e = this.events.get(type);
    if (e === undefined) throw new Error(`unknown event ${type}`);
    return e;
  }

  /** Enters the initial state (runs its entry actions); returns the state index. */
  start(store: S, init: E): number {
    for (const f of this.entry[this.initial]!) f(store, init);
    return this.initial;
  }

  /** Processes one event in state `state`; returns the next state index. */
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
}

/** Actor mode: the reference execution with XState itself (tests, and the app's inspector). */
export function startActor<S>(machine: AnyStateMachine, store: S) {
  const actor = createActor(machine, { input: { store } });
  actor.start();
  return {
    send: (e: MachineEvent) => actor.send(e as never),
    state: (): string => String(actor.getSnapshot().value),
    stop: () => actor.stop(),
  };
}
