// The design as the rules see it, computed once per review and shared by every rule: which edges
// are synchronous, each node's synchronous neighbours, the cycles among them, what clients reach,
// the analytic offered load (load.ts) and a bounded search for the client paths the path rules
// report (pathSearch.ts). Nothing here recurses or enumerates without a bound: a design that
// validates is reviewed in about linear time, however dense (docs/review.md, "Large designs").
import { edges as designEdges, type Edge } from '../model/graph.js';
import { isServiceLike, type Design, type DesignNode } from '../model/schema.js';
import { computeLoad, type Load } from './load.js';
import { routeTargets } from './routes.js';
import { searchPaths, type PathQuery, type PathResult, type SyncGraph } from './pathSearch.js';

/** A knot of synchronous cycles too tangled to list one by one (a strongly connected component). */
export interface Tangle {
  /** The component's nodes, in design order. */
  nodes: string[];
  /** Elementary cycles found before the search stopped counting. */
  found: number;
  /** One of its cycles, from its first node in design order. */
  example: string[];
}

export interface Analysis {
  design: Design;
  /** Every node by id: ids are plain keys (`__proto__` is a node like any other). */
  nodes: ReadonlyMap<string, DesignNode>;
  /** Node ids in design order; findings and tie-breaks follow it. */
  ids: string[];
  rank: (id: string) => number;
  /** Service, gateway or saga (review.md's "service"). */
  isService: (id: string) => boolean;
  edges: Edge[];
  sync: Edge[];
  syncOut: ReadonlyMap<string, Edge[]>;
  /** Distinct nodes joined to each node by a synchronous edge, either way. */
  neighbours: ReadonlyMap<string, ReadonlySet<string>>;
  /** Elementary cycles of synchronous edges, each once, starting at its first node in design order. */
  cycles: string[][];
  /** Components with more cycles than the review lists one by one. */
  tangles: Tangle[];
  /** Nodes a client's traffic reaches by any edge. */
  reachable: ReadonlySet<string>;
  /** Nodes on some client's synchronous path. */
  syncReachable: ReadonlySet<string>;
  load: Load;
  /** True when `from` needs `to`: some synchronous call from it to `to` is not optional. */
  needs: (from: string, to: string) => boolean;
  /** The client paths a path rule reports (bounded; see pathSearch.ts). */
  paths: (query: PathQuery) => PathResult;
}

/** Cycles listed one by one per component; past it (or the step budget) the component is a tangle. */
const MAX_CYCLES_PER_COMPONENT = 20;
const MAX_CYCLE_STEPS = 200_000;

/** Cache misses, gateway forwards, saga steps and client requests hold the caller like a sync call. */
export function isSync(e: Edge): boolean {
  return e.kind === 'call' ? !e.async : e.kind === 'request' || e.kind === 'route' || e.kind === 'step' || e.kind === 'miss';
}

export function attemptsOf(e: Edge): number {
  return e.policy.retry?.attempts ?? 1;
}

export function analyze(design: Design): Analysis {
  const nodes = new Map<string, DesignNode>(Object.entries(design.nodes));
  const ids = [...nodes.keys()];
  const rankOf = new Map(ids.map((id, i) => [id, i]));
  const rank = (id: string) => rankOf.get(id) ?? ids.length;
  const isService = (id: string) => {
    const n = nodes.get(id);
    return n !== undefined && isServiceLike(n);
  };
  const all = designEdges(design).filter((e) => nodes.has(e.from) && nodes.has(e.to));
  const sync = all.filter(isSync);
  const group = (list: Edge[]) => {
    const m = new Map<string, Edge[]>();
    for (const e of list) {
      const l = m.get(e.from);
      if (l) l.push(e);
      else m.set(e.from, [e]);
    }
    return m;
  };
  const syncOut = group(sync);
  const allOut = group(all);

  const neighbours = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  for (const e of sync) {
    if (e.from === e.to) continue;
    neighbours.get(e.from)!.add(e.to);
    neighbours.get(e.to)!.add(e.from);
  }

  // Distinct synchronous successors per node, in first-call order, with the most attempts of the
  // calls to each: 70 000 calls from a to b are one hop.
  const succ = new Map<string, Map<string, number>>();
  for (const id of ids) succ.set(id, new Map());
  for (const e of sync) {
    const m = succ.get(e.from)!;
    m.set(e.to, Math.max(m.get(e.to) ?? 1, attemptsOf(e)));
  }

  const needed = new Set<string>();
  for (const e of sync) needed.add(`${e.from}\u0000${e.to}`);
  const needs = (from: string, to: string) => needed.has(`${from}\u0000${to}`);

  const clients = ids.filter((id) => nodes.get(id)!.kind === 'client');
  const requestEdges = (client: string) => (syncOut.get(client) ?? []).filter((e) => e.kind === 'request');
  // A client's request reaches only the matching route of its entry gateway; a gateway reached
  // any other way may forward along any of its routes.
  const entryFilter = (req: Edge): ((e: Edge) => boolean) => {
    const gw = nodes.get(req.to);
    if (gw?.kind !== 'gateway') return () => true;
    const client = nodes.get(req.from);
    const route = client?.kind === 'client' ? client.requests[req.index ?? 0]?.route : undefined;
    const allowed = new Set(routeTargets(gw, route));
    return (e: Edge) => e.kind !== 'route' || allowed.has(e.to);
  };
  const entryAllows = (req: Edge): ((to: string) => boolean) => {
    const gw = nodes.get(req.to);
    if (gw?.kind !== 'gateway') return () => true;
    const passed = new Set((syncOut.get(req.to) ?? []).filter(entryFilter(req)).map((e) => e.to));
    return (to: string) => passed.has(to);
  };

  const graph: SyncGraph = {
    ids,
    succ,
    isService,
    roots: clients.flatMap((c) =>
      requestEdges(c)
        .filter((req) => req.to !== c)
        .map((req) => ({ client: c, entry: req.to, attempts: attemptsOf(req), allows: entryAllows(req) })),
    ),
  };
  const pathCache = new Map<PathQuery, PathResult>();
  const paths = (q: PathQuery) => {
    let r = pathCache.get(q);
    if (!r) pathCache.set(q, (r = searchPaths(graph, q)));
    return r;
  };

  const { cycles, tangles } = findCycles(ids, rank, succ);

  // Entry gateways forward only along the requests' routes; a node reached by any other edge is
  // expanded in full (an entry gateway too, when an inner edge leads to it).
  const reach = (out: Map<string, Edge[]>) => {
    const seen = new Set<string>();
    const expanded = new Set<string>();
    const queue: string[] = [];
    for (const c of clients)
      for (const req of requestEdges(c)) {
        seen.add(req.to);
        if (nodes.get(req.to)?.kind !== 'gateway') queue.push(req.to);
        else
          for (const e of (out.get(req.to) ?? []).filter(entryFilter(req))) {
            seen.add(e.to);
            queue.push(e.to);
          }
      }
    for (let head = 0; head < queue.length; head++) {
      const n = queue[head]!;
      if (expanded.has(n)) continue;
      expanded.add(n);
      for (const e of out.get(n) ?? []) {
        seen.add(e.to);
        if (!expanded.has(e.to)) queue.push(e.to);
      }
    }
    return seen;
  };

  return {
    design,
    nodes,
    ids,
    rank,
    isService,
    edges: all,
    sync,
    syncOut,
    neighbours,
    cycles,
    tangles,
    reachable: reach(allOut),
    syncReachable: reach(syncOut),
    load: computeLoad(design),
    needs,
    paths,
  };
}

/** Strongly connected components (Tarjan's algorithm, iteratively), in design order inside each. */
export function components(ids: readonly string[], succ: ReadonlyMap<string, ReadonlyMap<string, number>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const frames: { v: string; kids: string[]; i: number }[] = [];
    const open = (v: string) => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      frames.push({ v, kids: [...(succ.get(v)?.keys() ?? [])], i: 0 });
    };
    open(root);
    while (frames.length) {
      const f = frames[frames.length - 1]!;
      if (f.i < f.kids.length) {
        const w = f.kids[f.i++]!;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(f.v, Math.min(low.get(f.v)!, index.get(w)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(f.v)!));
      if (low.get(f.v) === index.get(f.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== f.v);
        out.push(comp);
      }
    }
  }
  return out;
}

/** Each elementary cycle once, from its lowest-ranked node (Tiernan's search inside each component,
 * iteratively); a component with more cycles than are worth listing becomes one tangle. */
function findCycles(
  ids: readonly string[],
  rank: (id: string) => number,
  succ: ReadonlyMap<string, ReadonlyMap<string, number>>,
): { cycles: string[][]; tangles: Tangle[] } {
  const cycles: string[][] = [];
  const tangles: Tangle[] = [];
  for (const comp of components(ids, succ)) {
    comp.sort((x, y) => rank(x) - rank(y));
    if (comp.length === 1) {
      if (succ.get(comp[0]!)?.has(comp[0]!)) cycles.push([comp[0]!]);
      continue;
    }
    const inComp = new Set(comp);
    const within = (v: string) => [...(succ.get(v)?.keys() ?? [])].filter((w) => inComp.has(w));
    const found: string[][] = [];
    let steps = 0;
    let complete = true;
    // A plain ring (one way out of every node) is exactly one cycle.
    if (comp.every((v) => within(v).length === 1)) {
      const ring = [comp[0]!];
      for (let v = within(comp[0]!)[0]!; v !== comp[0]; v = within(v)[0]!) ring.push(v);
      found.push(ring);
    } else
      search: for (let i = 0; i < comp.length; i++) {
        const start = comp[i]!;
        const r0 = rank(start);
        const path = [start];
        const on = new Set(path);
        const frames = [{ kids: within(start), i: 0 }];
        while (frames.length) {
          if (++steps > MAX_CYCLE_STEPS) {
            complete = false;
            break search;
          }
          const f = frames[frames.length - 1]!;
          if (f.i >= f.kids.length) {
            frames.pop();
            on.delete(path.pop()!);
            continue;
          }
          const to = f.kids[f.i++]!;
          if (to === start) {
            found.push([...path]);
            if (found.length > MAX_CYCLES_PER_COMPONENT) {
              complete = false;
              break search;
            }
          } else if (rank(to) > r0 && !on.has(to)) {
            on.add(to);
            path.push(to);
            frames.push({ kids: within(to), i: 0 });
          }
        }
      }
    if (complete) cycles.push(...found);
    else tangles.push({ nodes: comp, found: found.length, example: found[0] ?? [comp[0]!] });
  }
  return { cycles, tangles };
}
