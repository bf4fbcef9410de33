// A layered left-to-right layout for an imported design, in the canvas's node size: clients in
// the first layer, each node one layer right of the deepest node that reaches it (cycles cut
// where they close), stores after their callers; within a layer, nodes sit near the average row
// of their callers so edges stay short. Pure and deterministic.
import { NODE_HEIGHT, NODE_WIDTH } from '../protocol/layoutGraph.js';

type Obj = Record<string, unknown>;

const GAP_X = 90;
const GAP_Y = 40;

function targets(node: Obj): string[] {
  const out: string[] = [];
  const push = (v: unknown) => {
    if (typeof v === 'string' && !out.includes(v)) out.push(v);
  };
  for (const key of ['calls', 'requests', 'routes'] as const) {
    const list = node[key];
    if (Array.isArray(list)) for (const c of list) if (c && typeof c === 'object') push((c as Obj).to);
  }
  if (Array.isArray(node.consumers)) for (const c of node.consumers) push(c);
  return out;
}

export function layeredLayout(nodes: Record<string, Obj>): Record<string, { x: number; y: number }> {
  const ids = Object.keys(nodes);
  const succ = new Map(ids.map((id) => [id, targets(nodes[id]!).filter((t) => t in nodes && t !== id)]));
  const layer = new Map<string, number>();
  // Longest path from the roots, depth-first; an edge back onto the current path is ignored.
  const onPath = new Set<string>();
  const visit = (id: string, depth: number) => {
    if ((layer.get(id) ?? -1) >= depth || onPath.has(id)) return;
    layer.set(id, depth);
    onPath.add(id);
    for (const t of succ.get(id)!) visit(t, depth + 1);
    onPath.delete(id);
  };
  const hasIn = new Set([...succ.values()].flat());
  const roots = ids.filter((id) => nodes[id]!.kind === 'client' || !hasIn.has(id));
  for (const r of roots) visit(r, 0);
  for (const id of ids) if (!layer.has(id)) visit(id, 0);
  // Datastores at least one layer right of every caller (they already are, by longest path).
  const layers: string[][] = [];
  for (const id of ids) (layers[layer.get(id)!] ??= []).push(id);
  const row = new Map<string, number>();
  const preds = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [from, ts] of succ) for (const t of ts) preds.get(t)!.push(from);
  const out = Object.create(null) as Record<string, { x: number; y: number }>;
  layers.forEach((members, li) => {
    if (!members) return;
    const scored = members.map((id, i) => {
      const ps = preds.get(id)!.filter((p) => row.has(p));
      return { id, score: ps.length ? ps.reduce((s, p) => s + row.get(p)!, 0) / ps.length : i, i };
    });
    scored.sort((a, b) => a.score - b.score || a.i - b.i);
    scored.forEach(({ id }, r) => {
      row.set(id, r);
      out[id] = { x: li * (NODE_WIDTH + GAP_X), y: r * (NODE_HEIGHT + GAP_Y) };
    });
  });
  return out;
}
