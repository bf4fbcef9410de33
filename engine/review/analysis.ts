// The design as the rules see it, computed once per review and shared by every rule: which edges
// are synchronous, the paths clients' requests take through them, the cycles among them, each
// node's synchronous neighbours, what clients reach, and the analytic offered load (load.ts).
import { edges as designEdges, type Edge } from '../model/graph.js';
import { isServiceLike, type Design } from '../model/schema.js';
import { computeLoad, type Load } from './load.js';
import { routeTargets } from './routes.js';

/** A synchronous path from a client: nodes[0] is the client, nodes[1] its entry node. */
export interface SyncPath {
  nodes: string[];
  /** attempts[i]: tries in all on the hop nodes[i] -> nodes[i+1] (the largest of parallel calls). */
  attempts: number[];
}

export interface Analysis {
  design: Design;
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
  /** Maximal simple synchronous paths from clients, gateway routes respected. */
  clientPaths: SyncPath[];
  /** True when path or cycle enumeration stopped at its budget (huge, dense designs). */
  truncated: boolean;
  /** Elementary cycles of synchronous edges, each once, starting at its first node in design order. */
  cycles: string[][];
  /** Nodes a client's traffic reaches by any edge. */
  reachable: ReadonlySet<string>;
  /** Nodes on some client's synchronous path. */
  syncReachable: ReadonlySet<string>;
  load: Load;
}

const MAX_PATHS = 5_000;
const MAX_CYCLES = 2_000;
const MAX_STEPS = 2_000_000;

/** Cache misses, gateway forwards, saga steps and client requests hold the caller like a sync call. */
export function isSync(e: Edge): boolean {
  return e.kind === 'call' ? !e.async : e.kind === 'request' || e.kind === 'route' || e.kind === 'step' || e.kind === 'miss';
}

export function attemptsOf(e: Edge): number {
  return e.policy.retry?.attempts ?? 1;
}

export function analyze(design: Design): Analysis {
  const ids = Object.keys(design.nodes);
  const rankOf = new Map(ids.map((id, i) => [id, i]));
  const rank = (id: string) => rankOf.get(id) ?? ids.length;
  const isService = (id: string) => {
    const n = design.nodes[id];
    return n !== undefined && isServiceLike(n);
  };
  const all = designEdges(design).filter((e) => design.nodes[e.from] && design.nodes[e.to]);
  const sync = all.filter(isSync);
  const group = (list: Edge[]) => {
    const m = new Map<string, Edge[]>();
    for (const e of list) m.set(e.from, [...(m.get(e.from) ?? []), e]);
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

  const clients = ids.filter((id) => design.nodes[id]!.kind === 'client');
  const requestEdges = (client: string) => (syncOut.get(client) ?? []).filter((e) => e.kind === 'request');
  // A client's request reaches only the matching route of its entry gateway; a gateway reached
  // any other way may forward along any of its routes.
  const entryFilter = (req: Edge) => {
    const gw = design.nodes[req.to];
    if (gw?.kind !== 'gateway') return (_e: Edge) => true;
    const client = design.nodes[req.from];
    const route = client?.kind === 'client' ? client.requests[req.index ?? 0]?.route : undefined;
    const allowed = new Set(routeTargets(gw, route));
    return (e: Edge) => e.kind !== 'route' || allowed.has(e.to);
  };

  let steps = 0;
  let truncated = false;

  // Paths: depth-first over distinct successors; a path is kept when it cannot be extended.
  const pathMap = new Map<string, SyncPath>();
  const addPath = (p: SyncPath) => {
    const key = p.nodes.join('\u0000');
    const old = pathMap.get(key);
    if (!old) pathMap.set(key, p);
    else old.attempts = old.attempts.map((a, i) => Math.max(a, p.attempts[i] ?? 1));
  };
  const successors = (node: string, filter: (e: Edge) => boolean) => {
    const by = new Map<string, number>();
    for (const e of syncOut.get(node) ?? []) if (filter(e)) by.set(e.to, Math.max(by.get(e.to) ?? 1, attemptsOf(e)));
    return by;
  };
  const walk = (nodes: string[], attempts: number[], onPath: Set<string>, filter: (e: Edge) => boolean) => {
    if (pathMap.size >= MAX_PATHS || ++steps > MAX_STEPS) {
      truncated = true;
      return;
    }
    const here = nodes[nodes.length - 1]!;
    let extended = false;
    for (const [to, a] of successors(here, filter)) {
      if (onPath.has(to)) continue;
      extended = true;
      onPath.add(to);
      nodes.push(to);
      attempts.push(a);
      walk(nodes, attempts, onPath, () => true);
      nodes.pop();
      attempts.pop();
      onPath.delete(to);
    }
    if (!extended) addPath({ nodes: [...nodes], attempts: [...attempts] });
  };
  for (const c of clients)
    for (const req of requestEdges(c)) {
      if (req.to === c) continue;
      walk([c, req.to], [attemptsOf(req)], new Set([c, req.to]), entryFilter(req));
    }

  // Cycles: each elementary cycle found once, from its lowest-ranked node (Tiernan's search).
  // Strongly connected components first, so each search stays inside the start's component
  // instead of spending its budget on paths that can never come back (Tarjan).
  const comp = new Map<string, number>();
  {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    let next = 0;
    const strong = (v: string) => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const w of successors(v, () => true).keys()) {
        if (!index.has(w)) {
          strong(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.set(w, index.get(v)!);
        } while (w !== v);
      }
    };
    for (const id of ids) if (!index.has(id)) strong(id);
  }
  const cycles: string[][] = [];
  steps = 0;
  for (let i = 0; i < ids.length && cycles.length < MAX_CYCLES && steps <= MAX_STEPS; i++) {
    const start = ids[i]!;
    const stack = [start];
    const on = new Set(stack);
    const dfs = (node: string) => {
      if (cycles.length >= MAX_CYCLES || ++steps > MAX_STEPS) {
        truncated = true;
        return;
      }
      for (const to of successors(node, () => true).keys()) {
        if (to === start) cycles.push([...stack]);
        else if (rank(to) > i && !on.has(to) && comp.get(to) === comp.get(start)) {
          on.add(to);
          stack.push(to);
          dfs(to);
          stack.pop();
          on.delete(to);
        }
      }
    };
    dfs(start);
  }

  // Entry gateways forward only along the requests' routes; a node reached by any other edge is
  // expanded in full (an entry gateway too, when an inner edge leads to it).
  const reach = (out: Map<string, Edge[]>) => {
    const seen = new Set<string>();
    const expanded = new Set<string>();
    const queue: string[] = [];
    for (const c of clients)
      for (const req of requestEdges(c)) {
        seen.add(req.to);
        if (design.nodes[req.to]?.kind !== 'gateway') queue.push(req.to);
        else
          for (const e of (out.get(req.to) ?? []).filter(entryFilter(req))) {
            seen.add(e.to);
            queue.push(e.to);
          }
      }
    while (queue.length) {
      const n = queue.shift()!;
      if (expanded.has(n)) continue;
      expanded.add(n);
      for (const e of out.get(n) ?? []) {
        seen.add(e.to);
        if (!expanded.has(e.to)) queue.push(e.to);
      }
    }
    return seen;
  };

  const clientPaths = [...pathMap.values()];
  return {
    design,
    ids,
    rank,
    isService,
    edges: all,
    sync,
    syncOut,
    neighbours,
    clientPaths,
    truncated,
    cycles,
    reachable: reach(allOut),
    syncReachable: reach(syncOut),
    load: computeLoad(design),
  };
}
