// A machine definition as a drawable state chart: the states (nested and final ones included)
// and transitions read from the XState machine the engine runs (machine.root's state nodes,
// their `on`, `after` and `always` transitions, guards and actions), labelled in the design's
// terms ("failure rate ≥ 50 % over 20 calls", "open for 30 s"). Nothing here is drawn by hand:
// change a machine's config and its chart follows. Transitions without a target (a state
// handling an event and staying) are listed inside their state, as UML internal transitions.
// A saga's orchestration is unrolled into its steps and compensations by running the real
// machine (an XState actor) over every step outcome (exploreChart).
import { createActor, type AnyStateMachine } from 'xstate';
import type { Autoscale, Breaker, Design } from '../../model/index.js';
import { breakerMachine } from './breaker.js';
import { limiterMachine } from './rateLimiter.js';
import { scalerMachine } from './autoscaler.js';
import { sagaMachine, sagaStore, type SagaIo, type SagaStore } from './saga.js';

export type ChartNodeType = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

export interface ChartNode {
  /** Unique in the chart; the XState state id, or `<state id>#<n>` for an unrolled configuration. */
  id: string;
  /** What a replay names the state by: the state key, or `<key>#<n>` for an unrolled one. */
  key: string;
  label: string;
  parent: string | null;
  type: ChartNodeType;
  /** The initial state of its parent (the machine's initial state at the top). */
  initial: boolean;
  /** Internal transitions (handled without leaving the state), one per line. */
  lines: string[];
  /**
   * What the box shows when `label` is long (a saga's step): a short name and a detail line.
   * The full label stays the state's name in the status line and the box's tooltip.
   */
  caption?: { name: string; detail: string };
}

export interface ChartEdge {
  id: string;
  source: string;
  target: string;
  /** The machine's event type (or `after <ms>`, `always`). */
  event: string;
  /** The label, one entry per line: the event, then the guard in brackets. */
  label: string[];
}

export interface StateChart {
  /** The machine's id ("breaker"). */
  machine: string;
  title: string;
  nodes: ChartNode[];
  edges: ChartEdge[];
  /** Same key, same drawing: charts with equal keys share one layout. */
  key: string;
}

/** How a kind names its events, guards, actions and states for the design's user. */
export interface ChartTerms {
  title?: string;
  states?: Record<string, string>;
  events?: Record<string, string>;
  guards?: Record<string, string>;
  /** The label of an unguarded transition that follows this guard's (its negation). */
  otherwise?: Record<string, string>;
  /** An action's label; null hides it (bookkeeping). Unnamed actions show by name. */
  actions?: Record<string, string | null>;
}

const nameOf = (x: unknown): string =>
  typeof x === 'string' ? x : typeof (x as { type?: unknown })?.type === 'string' ? (x as { type: string }).type : 'action';

type StateNodeLike = AnyStateMachine['root'];
type TransitionLike = ReturnType<StateNodeLike['transitions']['get']> extends (infer T)[] | undefined ? T : never;

function eventLabel(terms: ChartTerms, event: string): string {
  return terms.events?.[event] ?? event;
}

/** The guard part of a transition's label: its own guard, or the negation of the one before. */
function guardLabel(terms: ChartTerms, t: TransitionLike, previous: TransitionLike[]): string | null {
  if (t.guard) {
    const g = nameOf(t.guard);
    return terms.guards?.[g] ?? g;
  }
  const before = previous.filter((p) => p.guard);
  if (before.length === 0) return null;
  const last = nameOf(before[before.length - 1]!.guard);
  if (before.length === 1 && terms.otherwise?.[last]) return terms.otherwise[last]!;
  return 'otherwise';
}

function actionsLabel(terms: ChartTerms, actions: readonly unknown[]): string {
  const shown = actions.map(nameOf).flatMap((a) => {
    const l = terms.actions && a in terms.actions ? terms.actions[a] : a;
    return l === null || l === undefined ? [] : [l];
  });
  return shown.join(', ');
}

/** The chart of a machine definition, labelled with `terms`. */
export function machineChart(machine: AnyStateMachine, terms: ChartTerms = {}, key = ''): StateChart {
  const nodes: ChartNode[] = [];
  const edges: ChartEdge[] = [];
  const root = machine.root;
  const walk = (n: StateNodeLike, parent: StateNodeLike | null) => {
    const initialOfParent = parent !== null && parent.initial?.target.some((s) => s === n);
    const lines: string[] = [];
    nodes.push({
      id: n.id,
      key: n.path.join('.'),
      label: terms.states?.[n.key] ?? n.key.replace(/_/g, '-'),
      parent: parent && parent !== root ? parent.id : null,
      type: n.type,
      initial: initialOfParent,
      lines,
    });
    const delayed = new Map<string, number | string>();
    for (const a of n.after) delayed.set(a.eventType, typeof a.delay === 'function' ? 'delay' : a.delay);
    const groups: [string, TransitionLike[]][] = [...n.transitions];
    if (n.always && n.always.length) groups.push(['', n.always as TransitionLike[]]);
    for (const [event, defs] of groups) {
      const d = delayed.get(event);
      const ev =
        event === '' ? 'always' : d !== undefined ? `after ${typeof d === 'number' ? durationLabel(d) : d}` : eventLabel(terms, event);
      defs.forEach((t, i) => {
        const guard = guardLabel(terms, t, defs.slice(0, i));
        const acts = actionsLabel(terms, t.actions);
        if (!t.target || t.target.length === 0) {
          // Inside the state, a bare "otherwise" says nothing: the line reads as the default.
          const g = t.guard ? guard : guard === 'otherwise' ? null : guard;
          if (!acts && !g) return;
          lines.push(`${ev}${g ? ` [${g}]` : ''} / ${acts || 'ignored'}`);
          return;
        }
        for (const target of t.target)
          edges.push({
            id: `${n.id}:${event || 'always'}:${i}:${target.id}`,
            source: n.id,
            target: target.id,
            event: d !== undefined ? `after ${d}` : event || 'always',
            label: [ev, ...(guard ? [`[${guard}]`] : [])],
          });
      });
    }
    for (const c of Object.values(n.states)) walk(c, n);
  };
  for (const c of Object.values(root.states)) walk(c, root);
  const top = root.initial?.target[0];
  if (top) for (const n of nodes) if (n.id === top.id) n.initial = true;
  return { machine: root.id, title: terms.title ?? root.id, nodes, edges, key: `${root.id}|${key}|${shapeKey(nodes, edges)}` };
}

/** A cheap fingerprint of the drawing, so a changed definition never reuses an old layout. */
function shapeKey(nodes: ChartNode[], edges: ChartEdge[]): string {
  let h = 0;
  const add = (s: string) => {
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  };
  for (const n of nodes) add(`${n.id}|${n.label}|${n.parent}|${n.lines.join('\n')}|${n.caption?.name ?? ''}|${n.caption?.detail ?? ''}`);
  for (const e of edges) add(`${e.source}>${e.target}|${e.label.join('\n')}`);
  return (h >>> 0).toString(36);
}

// ---- Unrolling a machine whose store indexes a sequence (the saga's steps) ----

export interface Exploration<S> {
  /** A fresh store for a fresh run. */
  store: () => S;
  /** The events to try in every configuration. */
  events: string[];
  /** A configuration's identity and label within its state; null: the state as it is. */
  project: (state: string, store: S) => { n: number; label: string; caption?: { name: string; detail: string } } | null;
  terms: ChartTerms;
  /** Configurations at most (a guard against unbounded stores). */
  max?: number;
}

/**
 * The chart of a machine as it runs on concrete stores: each reachable (state, projected store)
 * configuration a node, nested in its machine state; each event that moves between them an
 * edge. Found by running the machine itself (an XState actor) along event sequences, breadth
 * first. Machine states never reached still show (from the definition).
 */
export function exploreChart<S>(machine: AnyStateMachine, x: Exploration<S>, key = ''): StateChart {
  const base = machineChart(machine, x.terms, key);
  const root = machine.root;
  const stateId = (value: string) => `${root.id}.${value}`;
  type Projected = ReturnType<Exploration<S>['project']>;
  const configs = new Map<string, { path: string[]; state: string; n: number | null; label: string | null; caption: Projected }>();
  const edges = new Map<string, ChartEdge>();
  const run = (path: string[]) => {
    const store = x.store();
    const actor = createActor(machine, { input: { store } });
    actor.start();
    for (const e of path) actor.send({ type: e } as never);
    const snap = actor.getSnapshot();
    const state = String(snap.value);
    const done = snap.status === 'done';
    const p = x.project(state, store);
    actor.stop();
    return { id: p ? `${stateId(state)}#${p.n}` : stateId(state), state, done, n: p?.n ?? null, label: p?.label ?? null, caption: p };
  };
  const start = run([]);
  configs.set(start.id, { path: [], state: start.state, n: start.n, label: start.label, caption: start.caption });
  const queue = [start.id];
  const max = x.max ?? 400;
  while (queue.length && configs.size < max) {
    const id = queue.shift()!;
    const c = configs.get(id)!;
    for (const ev of x.events) {
      const path = [...c.path, ev];
      const next = run(path);
      if (next.id === id) continue;
      if (!configs.has(next.id)) {
        configs.set(next.id, { path, state: next.state, n: next.n, label: next.label, caption: next.caption });
        if (!next.done) queue.push(next.id);
      }
      const eid = `${id}:${ev}:${next.id}`;
      edges.set(eid, { id: eid, source: id, target: next.id, event: ev, label: [eventLabel(x.terms, ev)] });
    }
  }
  const nodes: ChartNode[] = [];
  for (const n of base.nodes) {
    const children = [...configs.entries()].filter(([, c]) => stateId(c.state) === n.id && c.n !== null);
    if (children.length === 0) {
      nodes.push(n);
      continue;
    }
    nodes.push({ ...n, type: 'compound', lines: [] });
    children.sort((a, b) => a[1].path.length - b[1].path.length);
    children.forEach(([cid, c], i) =>
      nodes.push({
        id: cid,
        key: `${n.key}#${c.n}`,
        label: c.label!,
        parent: n.id,
        type: 'atomic',
        initial: i === 0,
        lines: [],
        ...(c.caption?.caption ? { caption: c.caption.caption } : {}),
      }),
    );
  }
  const list = [...edges.values()];
  return { machine: base.machine, title: base.title, nodes, edges: list, key: `${base.key}|${shapeKey(nodes, list)}` };
}

// ---- The four kinds, in the design's terms ----

const pct = (f: number) => `${Math.round(f * 1000) / 10} %`;
/** A duration for a label: `800 ms`, `30 s`, `5 min`. */
export function durationLabel(ms: number): string {
  if (ms < 1000) return `${Math.round(ms * 100) / 100} ms`;
  if (ms < 60_000 || ms % 1000 !== 0) return `${Math.round(ms / 10) / 100} s`;
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.floor(ms / 60_000)} min ${(ms % 60_000) / 1000} s`;
}
const dur = durationLabel;
const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

export function breakerTerms(cfg: Breaker): ChartTerms {
  const minCalls = Math.min(cfg.minCalls, cfg.window);
  const slow = cfg.slowCall !== undefined ? ` or slow (> ${dur(cfg.slowCall)}) ≥ ${pct(cfg.slowRate)}` : '';
  const trials = `${cfg.halfOpenCalls} trial call${cfg.halfOpenCalls === 1 ? '' : 's'}`;
  return {
    title: 'circuit breaker',
    states: { half_open: 'half-open' },
    events: { ACQUIRE: 'call', RECORD: 'call ends' },
    guards: {
      stale: 'let through before the last change',
      tripsClosed: `failure rate ≥ ${pct(cfg.failureRate)}${slow} over ${cfg.window} calls${minCalls < cfg.window ? ` (${minCalls} at least)` : ''}`,
      waitElapsed: `open for ${dur(cfg.openFor)}`,
      trialsLeft: `fewer than ${trials}`,
      lastTrialTrips: `${ordinal(cfg.halfOpenCalls)} trial ends, failure rate ≥ ${pct(cfg.failureRate)}${slow}`,
      lastTrial: `${ordinal(cfg.halfOpenCalls)} trial ends`,
    },
    otherwise: { waitElapsed: `open for less than ${dur(cfg.openFor)}`, trialsLeft: `${trials} let through` },
    actions: {
      enterClosed: null,
      enterOpen: null,
      enterHalfOpen: null,
      permit: 'let through',
      refuse: 'reject (breakerOpen)',
      admitTrial: 'let through as a trial',
      record: 'count in the window',
      recordTrial: 'count the trial',
    },
  };
}

export function limiterTerms(rate: number): ChartTerms {
  const burst = Math.max(rate, 1);
  return {
    title: 'rate limiter (token bucket)',
    events: { TAKE: 'request' },
    guards: { hasToken: `a token left (${rate}/s, burst ${burst})` },
    otherwise: { hasToken: 'no token left' },
    actions: { take: 'let through', refuse: 'reject (429 rateLimited)' },
  };
}

export function scalerTerms(cfg: Autoscale): ChartTerms {
  return {
    title: 'autoscaler (HPA)',
    events: { TICK: 'every 15 s', READY: 'a new replica serves' },
    guards: {
      wantsUp: `utilization over ${pct(cfg.cpu)} target: more replicas (max ${cfg.max})`,
      wantsDown: `fewer replicas for ${dur(cfg.downDelay)} (min ${cfg.min})`,
      allReady: 'none still starting',
    },
    actions: { scaleUp: `scale up (starts in ${dur(cfg.startup)})`, scaleDown: 'scale down', remember: null },
  };
}

export interface SagaStepTerms {
  name: string;
  to: string;
  compensate?: string | undefined;
}

const NO_IO: SagaIo = { callStep: () => {}, compensate: () => {}, finish: () => {} };

export function sagaTerms(): ChartTerms {
  return {
    title: 'saga orchestration',
    events: { START: 'request', STEP_OK: 'ok', STEP_FAILED: 'failed', COMP_OK: 'ok', COMP_FAILED: 'failed' },
    guards: {
      noSteps: 'no steps',
      lastStep: 'last step',
      hasCompensation: 'a done step has a compensation',
      hasCompensationBefore: 'another compensation to run',
    },
    actions: {
      callStep: 'call the step',
      advance: null,
      markFailed: null,
      compensateNext: 'compensate',
      stepBack: null,
      finishCompleted: null,
      finishCompensated: null,
      finishFailed: null,
    },
  };
}

/** A saga's orchestration over its steps: step "charge" -> ... -> compensate "refund". */
export function sagaStateChart(steps: readonly SagaStepTerms[], machine: AnyStateMachine = sagaMachine): StateChart {
  const compensable = steps.map((s) => s.compensate !== undefined);
  const key = JSON.stringify(steps.map((s) => [s.name, s.to, s.compensate ?? null]));
  return exploreChart<SagaStore>(
    machine,
    {
      store: () => sagaStore(compensable, NO_IO),
      events: ['START', 'STEP_OK', 'STEP_FAILED', 'COMP_OK', 'COMP_FAILED'],
      project: (state, s) => {
        if (state === 'running' && s.step < steps.length) {
          const st = steps[s.step]!;
          return { n: s.step, label: `step “${st.name}” → ${st.to}`, caption: { name: `${s.step + 1}. ${st.name}`, detail: `→ ${st.to}` } };
        }
        if (state === 'compensating' && s.comp >= 0) {
          const st = steps[s.comp]!;
          return {
            n: s.comp,
            label: `compensate “${st.compensate}” (${st.name})`,
            caption: { name: `compensate ${st.name}`, detail: st.compensate! },
          };
        }
        return null;
      },
      terms: sagaTerms(),
    },
    key,
  );
}

export const breakerChartOf = (cfg: Breaker, machine: AnyStateMachine = breakerMachine): StateChart =>
  machineChart(machine, breakerTerms(cfg), JSON.stringify(cfg));
export const limiterChartOf = (rate: number, machine: AnyStateMachine = limiterMachine): StateChart =>
  machineChart(machine, limiterTerms(rate), String(rate));
export const scalerChartOf = (cfg: Autoscale, machine: AnyStateMachine = scalerMachine): StateChart =>
  machineChart(machine, scalerTerms(cfg), JSON.stringify(cfg));

/** Something in a design that runs one of the machines. */
export type MachineTarget =
  | { kind: 'breaker'; from: string; to: string; call: string; breaker: Breaker }
  | { kind: 'saga'; node: string; steps: SagaStepTerms[] }
  | { kind: 'limiter'; node: string; rate: number }
  | { kind: 'autoscaler'; node: string; autoscale: Autoscale };

/** The chart of a target. */
export function chartOf(t: MachineTarget): StateChart {
  switch (t.kind) {
    case 'breaker':
      return breakerChartOf(t.breaker);
    case 'saga':
      return sagaStateChart(t.steps);
    case 'limiter':
      return limiterChartOf(t.rate);
    case 'autoscaler':
      return scalerChartOf(t.autoscale);
  }
}

/** Every machine the design runs, in the design's order: nodes' own, then calls' breakers. */
export function machineTargets(design: Design, callEdges: { from: string; to: string; policy: { breaker?: Breaker } }[]): MachineTarget[] {
  const out: MachineTarget[] = [];
  for (const [id, n] of Object.entries(design.nodes)) {
    if (n.kind === 'saga')
      out.push({ kind: 'saga', node: id, steps: n.steps.map((s) => ({ name: s.name, to: s.to, compensate: s.compensate })) });
    if (n.kind === 'gateway' && n.rateLimit !== undefined) out.push({ kind: 'limiter', node: id, rate: n.rateLimit });
    if ((n.kind === 'gateway' || n.kind === 'service' || n.kind === 'saga') && n.autoscale)
      out.push({ kind: 'autoscaler', node: id, autoscale: n.autoscale });
  }
  const seen = new Set<string>();
  for (const e of callEdges) {
    const call = `${e.from}->${e.to}`;
    if (!e.policy.breaker || seen.has(call)) continue;
    seen.add(call);
    out.push({ kind: 'breaker', from: e.from, to: e.to, call, breaker: e.policy.breaker });
  }
  return out;
}
