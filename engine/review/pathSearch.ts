// The client paths a path rule reports, found without enumerating every path (which is
// exponential in dense designs). A path rule counts something along a path — service hops, retry
// attempts — in a small capped monoid (a hop count and a product of attempts, each capped just
// past the rule's threshold), and reports a path "up to its last counted hop": a prefix that ends
// with a counted hop, qualifies, and can end there (some maximal path goes on from it without
// another counted hop), unless a longer reported path extends it.
//
// 1. An iterative depth-first search from the clients' entries turns the synchronous graph into a
//    DAG: an edge back to a node still open is left out (that cycle is sync-cycle's finding).
// 2. In post-order, per node: can a path end here with no more counted hops (`clean`), and which
//    capped values can the rest of a reportable path still add (`tails`, a set of <= C x P codes).
// 3. A depth-first walk from each client follows only hops after which a reportable path still
//    exists, so every branch it takes ends in a finding; it stops after MAX_LISTED paths or
//    MAX_STEPS steps (`truncated`). Work: O(edges x C x P) plus the listed paths' lengths.

/** The synchronous graph of one design, as analysis.ts builds it. */
export interface SyncGraph {
  ids: readonly string[];
  /** Distinct synchronous successors of every node, with the most attempts of the calls to each. */
  succ: ReadonlyMap<string, ReadonlyMap<string, number>>;
  isService: (id: string) => boolean;
  /** One per client request entry: the client, its entry node, the entry's attempts, and which of
   * the entry's successors the request may go on to (an entry gateway's matching route). */
  roots: readonly { client: string; entry: string; attempts: number; allows: (to: string) => boolean }[];
}

export interface PathQuery {
  /** What a hop adds: [count, factor]. A hop counts when count > 0 or factor > 1. `first` is the
   * client's own hop to its entry node. */
  hop: (from: string, to: string, attempts: number, first: boolean) => readonly [number, number];
  /** Counts and products above these are the same to `qualifies` (keep them just past thresholds). */
  countCap: number;
  productCap: number;
  qualifies: (count: number, product: number) => boolean;
  /** Hops the rule follows (default: every synchronous hop). */
  follows?: (from: string, to: string) => boolean;
  /** Only calls a request needs: optional calls left out (analysis.ts picks the graph). */
  needed?: boolean;
}

export interface FoundPath {
  /** The client first, then its entry node, then the path up to its last counted hop. */
  nodes: string[];
  /** The same as people read it: with the operation each hop runs (analysis.ts). */
  labels: string[];
  /** attempts[i]: tries of the hop nodes[i] -> nodes[i + 1]. */
  attempts: number[];
  /** Exact (uncapped) sums and products of the hops' values. */
  count: number;
  product: number;
}

export interface PathResult {
  paths: FoundPath[];
  /** The walk stopped at its budget: more paths qualify than are listed. */
  truncated: boolean;
}

export const MAX_LISTED = 50;
const MAX_STEPS = 1_000_000;

interface Dag {
  order: string[];
  out: Map<string, [string, number][]>;
}

const dags = new WeakMap<SyncGraph, Dag>();

function dagOf(g: SyncGraph): Dag {
  const known = dags.get(g);
  if (known) return known;
  const out = new Map<string, [string, number][]>();
  const order: string[] = [];
  const state = new Map<string, 1 | 2>(); // 1 open, 2 done
  const starts = [...g.roots.map((r) => r.entry), ...g.ids];
  for (const root of starts) {
    if (state.has(root)) continue;
    const frames: { v: string; kids: [string, number][]; i: number }[] = [];
    const open = (v: string) => {
      state.set(v, 1);
      out.set(v, []);
      frames.push({ v, kids: [...(g.succ.get(v) ?? new Map<string, number>())], i: 0 });
    };
    open(root);
    while (frames.length) {
      const f = frames[frames.length - 1]!;
      if (f.i < f.kids.length) {
        const kid = f.kids[f.i++]!;
        const s = state.get(kid[0]);
        if (s === 1) continue; // back edge: left out
        out.get(f.v)!.push(kid);
        if (s === undefined) open(kid[0]);
        continue;
      }
      frames.pop();
      state.set(f.v, 2);
      order.push(f.v);
    }
  }
  const dag = { order, out };
  dags.set(g, dag);
  return dag;
}

export function searchPaths(g: SyncGraph, q: PathQuery): PathResult {
  const { order, out } = dagOf(g);
  const C = Math.max(0, Math.floor(q.countCap));
  const P = Math.max(1, Math.floor(q.productCap));
  const code = (c: number, p: number) => Math.min(c, C) * (P + 1) + Math.min(p, P);
  const countOf = (k: number) => Math.floor(k / (P + 1));
  const productOf = (k: number) => k % (P + 1);
  const times = (a: number, b: number) => code(countOf(a) + countOf(b), productOf(a) * productOf(b));
  const ok = (k: number) => q.qualifies(countOf(k), productOf(k));
  const follows = q.follows ?? (() => true);
  const marked = (m: readonly [number, number]) => m[0] > 0 || m[1] > 1;

  // Post-order: clean (can end here) and tails (what a reportable rest of the path may add).
  const clean = new Map<string, boolean>();
  const tails = new Map<string, Set<number>>();
  const cleanVia = (kids: readonly [string, number][], from: string, allows: (to: string) => boolean = () => true) => {
    let any = false;
    for (const [x, a] of kids) {
      if (!follows(from, x) || !allows(x)) continue;
      any = true;
      if (!marked(q.hop(from, x, a, false)) && clean.get(x)) return true;
    }
    return !any;
  };
  for (const v of order) {
    const kids = out.get(v)!;
    clean.set(v, cleanVia(kids, v));
    let t: Set<number> | undefined;
    for (const [x, a] of kids) {
      if (!follows(v, x)) continue;
      const hm = q.hop(v, x, a, false);
      const m = code(hm[0], hm[1]);
      if (marked(hm) && clean.get(x)) (t ??= new Set()).add(m);
      for (const f of tails.get(x) ?? []) (t ??= new Set()).add(times(m, f));
    }
    if (t) tails.set(v, t);
  }

  const found = new Map<string, FoundPath>();
  let steps = 0;
  let truncated = false;
  interface Frame {
    v: string;
    state: number;
    counted: boolean;
    kids: [string, number][];
    i: number;
    below: boolean;
    canEnd: boolean;
  }
  walk: for (const root of g.roots) {
    const h0 = q.hop(root.client, root.entry, root.attempts, true);
    const nodes = [root.client, root.entry];
    const attempts = [root.attempts];
    const counts = [h0[0]];
    const products = [h0[1]];
    const fruitful = (v: string, state: number, allows: (to: string) => boolean) =>
      (out.get(v) ?? []).filter(([x, a]) => {
        if (!follows(v, x) || !allows(x)) return false;
        const hm = q.hop(v, x, a, false);
        const t = times(state, code(hm[0], hm[1]));
        if (marked(hm) && clean.get(x) && ok(t)) return true;
        for (const f of tails.get(x) ?? []) if (ok(times(t, f))) return true;
        return false;
      });
    const s0 = code(h0[0], h0[1]);
    const frames: Frame[] = [
      {
        v: root.entry,
        state: s0,
        counted: marked(h0),
        kids: fruitful(root.entry, s0, root.allows),
        i: 0,
        below: false,
        canEnd: cleanVia(out.get(root.entry) ?? [], root.entry, root.allows),
      },
    ];
    while (frames.length) {
      if (++steps > MAX_STEPS || found.size >= MAX_LISTED) {
        truncated = true;
        break walk;
      }
      const f = frames[frames.length - 1]!;
      if (f.i < f.kids.length) {
        const [x, a] = f.kids[f.i++]!;
        const hm = q.hop(f.v, x, a, false);
        const state = times(f.state, code(hm[0], hm[1]));
        nodes.push(x);
        attempts.push(a);
        counts.push(hm[0]);
        products.push(hm[1]);
        frames.push({ v: x, state, counted: marked(hm), kids: fruitful(x, state, () => true), i: 0, below: false, canEnd: !!clean.get(x) });
        continue;
      }
      frames.pop();
      const emit = !f.below && f.counted && f.canEnd && ok(f.state);
      if (emit) {
        const key = nodes.join('\u0000');
        if (!found.has(key))
          found.set(key, {
            nodes: [...nodes],
            labels: [...nodes],
            attempts: [...attempts],
            count: counts.reduce((x, y) => x + y, 0),
            product: products.reduce((x, y) => x * y, 1),
          });
      }
      const parent = frames[frames.length - 1];
      if (parent && (emit || f.below)) parent.below = true;
      nodes.pop();
      attempts.pop();
      counts.pop();
      products.pop();
    }
  }
  return { paths: [...found.values()], truncated };
}
