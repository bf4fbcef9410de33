// The graph the path rules walk, over "keys": a node with operations is one key per operation (a
// request runs exactly one of them: the one the call, request, route or step names with `op`,
// else one picked by weight, so any of them); a node without is one key, its id. A key's edges
// are what a request running it does: its operation's calls (or the node's, when the operation
// leaves `calls` out), and a gateway's routes or a saga's steps whatever the operation.
import type { Edge } from '../model/graph.js';
import { isServiceLike, type DesignNode } from '../model/schema.js';

export interface KeyEdge {
  from: string;
  to: string;
  edge: Edge;
}

export interface KeyGraph {
  /** Every key, in design order (a node's operations in their order). */
  keys: string[];
  idOf: (key: string) => string;
  /** `orders` or `orders (POST /orders)`. */
  label: (key: string) => string;
  rank: (key: string) => number;
  /** The keys a request to `to` naming `op` (or none) may run. */
  targets: (to: string, op: string | undefined) => string[];
  edges: KeyEdge[];
}

export function keyGraph(nodes: ReadonlyMap<string, DesignNode>, edges: readonly Edge[]): KeyGraph {
  const keys: string[] = [];
  const idOf = new Map<string, string>();
  const opOf = new Map<string, string>();
  const opKeys = new Map<string, Map<string, string>>();
  for (const [id, n] of nodes) {
    const ops = isServiceLike(n) ? Object.keys(n.operations ?? {}) : [];
    if (!ops.length) {
      keys.push(id);
      idOf.set(id, id);
      continue;
    }
    const m = new Map<string, string>();
    for (const op of ops) {
      const k = `${id}\u0000${op}`;
      keys.push(k);
      idOf.set(k, id);
      opOf.set(k, op);
      m.set(op, k);
    }
    opKeys.set(id, m);
  }
  const rankOf = new Map(keys.map((k, i) => [k, i]));
  const targets = (to: string, op: string | undefined): string[] => {
    const m = opKeys.get(to);
    if (!m) return [to];
    const k = op !== undefined ? m.get(op) : undefined;
    return k !== undefined ? [k] : [...m.values()];
  };
  // The operations of a node that run its own call list (they leave `calls` out).
  const usesNodeCalls = new Map<string, string[]>();
  for (const [id, m] of opKeys) {
    const n = nodes.get(id)!;
    const ops = isServiceLike(n) ? (n.operations ?? {}) : {};
    usesNodeCalls.set(
      id,
      [...m].filter(([op]) => ops[op]?.calls === undefined).map(([, k]) => k),
    );
  }
  const sources = (e: Edge): string[] => {
    const m = opKeys.get(e.from);
    if (!m) return [e.from];
    if (e.kind === 'call') return e.operation !== undefined ? [m.get(e.operation)!].filter(Boolean) : usesNodeCalls.get(e.from)!;
    return [...m.values()];
  };
  const out: KeyEdge[] = [];
  for (const e of edges) {
    const to = targets(e.to, e.kind === 'deliver' || e.kind === 'dlq' || e.kind === 'miss' ? undefined : e.op);
    for (const from of sources(e)) for (const t of to) out.push({ from, to: t, edge: e });
  }
  return {
    keys,
    idOf: (k) => idOf.get(k) ?? k,
    label: (k) => {
      const op = opOf.get(k);
      return op === undefined ? (idOf.get(k) ?? k) : `${idOf.get(k)} (${op})`;
    },
    rank: (k) => rankOf.get(k) ?? keys.length,
    targets,
    edges: out,
  };
}
