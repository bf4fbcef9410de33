// Positions for nodes the design's `layout` does not place, until the layered layout (ELK, in the
// worker) answers: a column per kind, left to right as requests flow. Existing positions are kept,
// so a node typed into the YAML appears without moving the others.
import type { Design, NodeKind } from '../../engine/index';
import type { XY } from '../store/commands';

const COLUMN: Record<NodeKind, number> = { client: 0, gateway: 1, service: 2, saga: 2, cache: 3, queue: 3, topic: 3, database: 4 };
const DX = 280;
const DY = 96;

export function fallbackPositions(design: Design, placed: (id: string) => XY | undefined): Record<string, XY> {
  const bottom = new Map<number, number>();
  for (const id of Object.keys(design.nodes)) {
    const p = placed(id);
    if (!p) continue;
    const col = Math.round(p.x / DX);
    bottom.set(col, Math.max(bottom.get(col) ?? -DY, p.y));
  }
  const out: Record<string, XY> = {};
  for (const [id, n] of Object.entries(design.nodes)) {
    if (placed(id)) continue;
    const col = COLUMN[n.kind];
    const y = (bottom.get(col) ?? -DY) + DY;
    bottom.set(col, y);
    out[id] = { x: col * DX, y };
  }
  return out;
}
