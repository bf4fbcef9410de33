// The minimap draws what the canvas has: every design node once, in its kind's colour, the
// selected ones outlined, group frames left out; its bounds are the nodes'.
import { describe, expect, it } from 'vitest';
import { parseDesign } from '../../engine/index';
import { createDeriveCache, deriveNodes } from './derive';
import { KINDS } from './kinds';
import { minimapShapes } from './OverviewMap';

const design = parseDesign(
  [
    'nodes:',
    '  web: { kind: client, rate: 5, requests: [ { to: api } ] }',
    '  api: { kind: service, group: edge, calls: [ { to: db } ] }',
    '  orders: { kind: service, group: edge }',
    '  db: { kind: database }',
    'layout:',
    '  web: { x: 0, y: 0 }',
    '  api: { x: 300, y: 0 }',
    '  orders: { x: 300, y: 200 }',
    '  db: { x: 600, y: -50 }',
  ].join('\n'),
).design!;
const nodes = deriveNodes(
  {
    design,
    positionOf: (id) => design.layout[id]!,
    selectedNodes: new Set(['orders']),
    selectedEdge: null,
    problemsByNode: new Map(),
  },
  createDeriveCache(),
);

describe('the minimap', () => {
  const { paths, selected, bounds } = minimapShapes(nodes);
  const rects = (d: string) => d.match(/M/g)?.length ?? 0;

  it('draws each design node once, in its kind colour, and no group frame', () => {
    expect(nodes.some((n) => n.type === 'frame')).toBe(true);
    expect(paths.map((p) => p.colour).sort()).toEqual([KINDS.client.colour, KINDS.database.colour, KINDS.service.colour].sort());
    expect(paths.reduce((k, p) => k + rects(p.d), 0)).toBe(4);
    expect(rects(paths.find((p) => p.colour === KINDS.service.colour)!.d)).toBe(2);
    expect(paths.find((p) => p.colour === KINDS.client.colour)!.d).toBe('M0,0h184v60h-184z');
  });

  it('outlines the selected nodes and spans the nodes', () => {
    expect(selected).toBe('M300,200h184v60h-184z');
    expect(bounds).toEqual({ x: 0, y: -50, width: 784, height: 310 });
  });
});
