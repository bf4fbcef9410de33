// What the canvas shows of the real-system fields: closed-loop clients as users, a count of
// operations on a node, optional calls marked, the callee operations and stages on a call.
import { describe, expect, it } from 'vitest';
import { parseDesign } from '../../engine/index';
import { createDeriveCache, deriveEdges, deriveNodes, type DeriveInput } from './derive';

const design = parseDesign(
  [
    'nodes:',
    '  shoppers: { kind: client, users: 200, think: 5s, requests: [ { to: fe } ] }',
    '  fe:',
    '    kind: service',
    '    operations:',
    '      "GET /": { calls: [ { to: ads, op: GetAds, optional: true, stage: 0 }, { to: cart, op: GetCart, stage: 1 } ] }',
    '      "GET /cart": { calls: [ { to: cart, op: AddItem } ] }',
    '  ads: { kind: service, operations: { GetAds: {} } }',
    '  cart: { kind: service, operations: { GetCart: {}, AddItem: {} } }',
  ].join('\n'),
).design!;
const input: DeriveInput = {
  design,
  positionOf: () => ({ x: 0, y: 0 }),
  selectedNodes: new Set(),
  selectedEdge: null,
  problemsByNode: new Map(),
};

describe('canvas: real-system fields', () => {
  it('shows a closed-loop client as its users and a node’s operations as a count', () => {
    const nodes = deriveNodes(input, createDeriveCache());
    const detail = (id: string) => (nodes.find((n) => n.id === id)!.data as { detail: string }).detail;
    expect(detail('shoppers')).toBe('200 users · think 5s');
    expect(detail('fe')).toBe('2 ops · 10ms');
  });

  it('marks an optional call and labels calls with the operations and stages they name', () => {
    const edges = deriveEdges(input, createDeriveCache());
    const ads = edges.find((e) => e.source === 'fe' && e.target === 'ads')!;
    const cart = edges.find((e) => e.source === 'fe' && e.target === 'cart')!;
    expect(ads.data).toMatchObject({ optional: true, label: 'GetAds · stage 0' });
    expect(cart.data).toMatchObject({ optional: false, label: 'GetCart · AddItem · stage 1' });
    // Calls listed under operations are not the node's own calls list: no index refers to them.
    expect(cart.data!.ref.indices).toEqual([]);
  });
});

describe('canvas: derived arrays are reused', () => {
  it('hands out the same arrays while nothing shown changes, a new one when one node does', () => {
    const cache = createDeriveCache();
    const nodes = deriveNodes(input, cache);
    const edges = deriveEdges(input, cache);
    // Selecting a node changes no edge: React Flow gets the same edges array.
    const selected = { ...input, selectedNodes: new Set(['fe']) };
    expect(deriveEdges(selected, cache)).toBe(edges);
    const nodes2 = deriveNodes(selected, cache);
    expect(nodes2).not.toBe(nodes);
    expect(nodes2.filter((n, i) => n !== nodes[i]).map((n) => n.id)).toEqual(['fe']);
    expect(deriveNodes(selected, cache)).toBe(nodes2);
  });

  it('selecting a call replaces only that edge; a changed design is merged again', () => {
    const cache = createDeriveCache();
    const edges = deriveEdges(input, cache);
    const picked = deriveEdges({ ...input, selectedEdge: 'call:fe->ads' }, cache);
    expect(picked.filter((e, i) => e !== edges[i]).map((e) => [e.id, e.selected])).toEqual([['call:fe->ads', true]]);
    const changed = parseDesign(
      [
        'nodes:',
        '  shoppers: { kind: client, users: 200, think: 5s, requests: [ { to: fe } ] }',
        '  fe: { kind: service, calls: [ { to: ads, op: GetAds, timeout: 1s } ] }',
        '  ads: { kind: service, operations: { GetAds: {} } }',
      ].join('\n'),
    ).design!;
    const next = deriveEdges({ ...input, design: changed }, cache);
    expect(next.map((e) => e.id)).toEqual(['request:shoppers->fe', 'call:fe->ads']);
    expect(next[1]!.data).toMatchObject({ timeout: true, optional: false, label: 'GetAds' });
  });

  it('lists a call under an operation on its edge, by operation and index', () => {
    const e = deriveEdges(input, createDeriveCache()).find((x) => x.id === 'call:fe->cart')!;
    expect(e.data!.ref).toEqual({ from: 'fe', to: 'cart', field: 'calls', indices: [], operations: { 'GET /': [1], 'GET /cart': [0] } });
  });
});
