// The design as the rules see it, computed once per review and shared by every rule: which edges
// are synchronous, each node's synchronous neighbours, the cycles among them, what clients reach,
// the analytic offered load (load.ts) and a bounded search for the client paths the path rules
// report (pathSearch.ts). Nothing here recurses or enumerates without a bound: a design that
// validates is reviewed in about linear time, however dense (docs/review.md, "Large designs").
import { edges as designEdges, type Edge } from '../model/graph.js';
import { isServiceLike, type Design, type DesignNode } from '../model/schema.js';
import { computeLoad, type Load } from './load.js';
import { matchingRoutes } from './routes.js';
import { keyGraph, type KeyEdge } from './keys.js';
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
  /** Service, gateway or saga (review.md's "service"); takes node ids and path keys. */
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
  /** Nodes some client's request needs: on a synchronous path of calls that are not optional,
   * following the operations the calls name. */
  neededReachable: ReadonlySet<string>;
  /** For a node of neededReachable: the first such path found to it (labels, client first; past
   * 11 labels its first 5 and last 4 with `...(N more)...` between). */
  neededPath: (id: string) => string[];
  load: Load;
  /** True when `from` needs `to`: some synchronous call from it to `to` is not optional. */
  needs: (from: string, to: string) => boolean;
  /** The client paths a path rule reports (bounded; see pathSearch.ts), following operations. */
  paths: (query: PathQuery) => PathResult;
  /** A path key as people read it: the node id, with the operation: `orders "POST /orders"`. */
  label: (key: string) => string;
}

/** A long example path is told by its first and last keys. */
const EXAMPLE_HEAD = 5;
const EXAMPLE_TAIL = 4;

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

  const neighbours = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  for (const e of sync) {
    if (e.from === e.to) continue;
    neighbours.get(e.from)!.add(e.to);
    neighbours.get(e.to)!.add(e.from);
  }

  const needed = new Set<string>();
  for (const e of sync) if (!e.optional) needed.add(`${e.from}\u0000${e.to}`);
  const needs = (from: string, to: string) => needed.has(`${from}\u0000${to}`);

  // The graph the path rules walk: one vertex per operation of a node with operations (a request
  // runs one of them), else per node (keys.ts).
  const g = keyGraph(nodes, all);
  const isService = (k: string) => {
    const n = nodes.get(g.idOf(k));
    return n !== undefined && isServiceLike(n);
  };

  // Distinct synchronous successors per key, in first-call order, with the most attempts of the
  // calls to each: 70 000 calls from a to b are one hop. `needSucc` leaves optional calls out.
  const succ = new Map<string, Map<string, number>>();
  const needSucc = new Map<string, Map<string, number>>();
  for (const k of g.keys) {
    succ.set(k, new Map());
    needSucc.set(k, new Map());
  }
  for (const e of g.edges) {
    if (!isSync(e.edge)) continue;
    const m = succ.get(e.from)!;
    m.set(e.to, Math.max(m.get(e.to) ?? 1, attemptsOf(e.edge)));
    if (e.edge.optional) continue;
    const n = needSucc.get(e.from)!;
    n.set(e.to, Math.max(n.get(e.to) ?? 1, attemptsOf(e.edge)));
  }

  const clients = ids.filter((id) => nodes.get(id)!.kind === 'client');
  const requestEdges = (client: string) => (syncOut.get(client) ?? []).filter((e) => e.kind === 'request');
  // A client's request reaches only the matching route of its entry gateway (and the operation
  // the route names); a gateway reached any other way may forward along any of its routes.
  const entryAllows = (req: Edge): ((to: string) => boolean) => {
    const gw = nodes.get(req.to);
    if (gw?.kind !== 'gateway') return () => true;
    const client = nodes.get(req.from);
    const route = client?.kind === 'client' ? client.requests[req.index ?? 0]?.route : undefined;
    const passed = new Set(matchingRoutes(gw, route).flatMap((r) => g.targets(r.to, r.op)));
    const forwards = new Set(gw.routes.map((r) => r.to));
    // The gateway's own calls (not forwards) run on every request.
    return (to: string) => passed.has(to) || !forwards.has(g.idOf(to));
  };
  const roots = clients.flatMap((c) =>
    requestEdges(c)
      .filter((req) => req.to !== c)
      .flatMap((req) => {
        const allows = entryAllows(req);
        return g.targets(req.to, req.op).map((entry) => ({ client: c, entry, attempts: attemptsOf(req), allows }));
      }),
  );
  const graphOf = (s: Map<string, Map<string, number>>): SyncGraph => ({ ids: g.keys, succ: s, isService, roots });
  const graphs = { all: graphOf(succ), needed: graphOf(needSucc) };
  const pathCache = new Map<PathQuery, PathResult>();
  const paths = (q: PathQuery) => {
    let r = pathCache.get(q);
    if (!r) {
      const found = searchPaths(q.needed ? graphs.needed : graphs.all, q);
      r = {
        truncated: found.truncated,
        paths: found.paths.map((p) => ({ ...p, labels: p.nodes.map(g.label), nodes: p.nodes.map(g.idOf) })),
      };
      pathCache.set(q, r);
    }
    return r;
  };

  const { cycles, tangles } = idCycles(
    findCycles(g.keys, (k) => g.rank(k), succ),
    g.idOf,
  );

  // Entry gateways forward only along the requests' routes; a key reached by any other edge is
  // expanded in full (an entry gateway too, when an inner edge leads to it). `via` keeps the key
  // each was first reached from, for an example path.
  const reach = (out: ReadonlyMap<string, readonly string[]>) => {
    const seen = new Map<string, string | undefined>();
    const expanded = new Set<string>();
    const queue: string[] = [];
    const see = (k: string, from: string | undefined) => {
      if (!seen.has(k)) seen.set(k, from);
    };
    for (const r of roots) {
      see(r.entry, r.client);
      if (nodes.get(g.idOf(r.entry))?.kind !== 'gateway') queue.push(r.entry);
      else
        for (const to of out.get(r.entry) ?? [])
          if (r.allows(to)) {
            see(to, r.entry);
            queue.push(to);
          }
    }
    for (let head = 0; head < queue.length; head++) {
      const k = queue[head]!;
      if (expanded.has(k)) continue;
      expanded.add(k);
      for (const to of out.get(k) ?? []) {
        see(to, k);
        if (!expanded.has(to)) queue.push(to);
      }
    }
    const ids = new Set<string>();
    const via = new Map<string, string>();
    for (const [k] of seen) {
      const id = g.idOf(k);
      ids.add(id);
      if (!via.has(id)) via.set(id, k);
    }
    // The first path that reached each node: client, entry, ... node (labels). A key's parent
    // was seen before it, so `seen`'s order has parents first: each key's depth, and the first
    // keys of its path, in one pass; a long path is told by its ends (a ring of 20 000 services
    // asked for 20 000 paths of up to 20 000 hops: quadratic).
    const depth = new Map<string, number>();
    const head = new Map<string, readonly string[]>();
    for (const [k, from] of seen) {
      const d = from === undefined ? 0 : (depth.get(from) ?? 0) + 1;
      depth.set(k, d);
      const above = from === undefined ? [] : (head.get(from) ?? [from]);
      head.set(k, d < EXAMPLE_HEAD ? [...above, k] : above);
    }
    const example = (id: string): string[] => {
      const last = via.get(id);
      if (last === undefined) return [];
      const hops = depth.get(last)! + 1;
      const out: string[] = [];
      let k: string | undefined = last;
      const walk = hops <= EXAMPLE_HEAD + EXAMPLE_TAIL + 2 ? hops : EXAMPLE_TAIL;
      for (let i = 0; i < walk && k !== undefined; i++, k = seen.get(k)) out.push(g.label(k));
      out.reverse();
      if (walk === hops) return out;
      const top = head.get(last)!;
      return [...top.map(g.label), `...(${hops - top.length - EXAMPLE_TAIL} more)...`, ...out];
    };
    return { ids, example };
  };
  const keysOut = (pred: (e: KeyEdge) => boolean) => {
    const m = new Map<string, string[]>();
    for (const e of g.edges) {
      if (!pred(e)) continue;
      const l = m.get(e.from);
      if (l) l.push(e.to);
      else m.set(e.from, [e.to]);
    }
    return m;
  };
  const anyReach = reach(keysOut(() => true));
  const syncReach = reach(keysOut((e) => isSync(e.edge)));
  const needReach = reach(keysOut((e) => isSync(e.edge) && !e.edge.optional));

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
    reachable: anyReach.ids,
    syncReachable: syncReach.ids,
    neededReachable: needReach.ids,
    neededPath: needReach.example,
    load: computeLoad(design),
    needs,
    paths,
    label: g.label,
  };
}

/** Key cycles as node-id cycles, each once (two operations of one cycle of nodes are one finding). */
function idCycles(
  found: { cycles: string[][]; tangles: Tangle[] },
  idOf: (k: string) => string,
): { cycles: string[][]; tangles: Tangle[] } {
  const seen = new Set<string>();
  const cycles: string[][] = [];
  for (const c of found.cycles) {
    const ids = c.map(idOf);
    const k = ids.join('\u0000');
    if (seen.has(k)) continue;
    seen.add(k);
    cycles.push(ids);
  }
  const tangles: Tangle[] = [];
  const tangled = new Set<string>();
  for (const t of found.tangles) {
    const nodes = [...new Set(t.nodes.map(idOf))];
    const k = nodes.join('\u0000');
    if (tangled.has(k)) continue;
    tangled.add(k);
    tangles.push({ nodes, found: t.found, example: t.example.map(idOf) });
  }
  return { cycles, tangles };
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
