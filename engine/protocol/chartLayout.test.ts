// The charts laid out as the app does (a saga's grid, chartGrid.ts; the others by the real elkjs,
// as the worker does): every state, marker and label has a box inside the drawing, sibling
// states and labels never overlap, no label covers a state, no edge runs through a state it does
// not start or end at, every edge has a route.
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { breakerChartOf, limiterChartOf, sagaStateChart, scalerChartOf, type StateChart } from '../simulation/machines/chart.js';
import { defineMachine, type ChartConfig } from '../simulation/machines/compile.js';
import { sagaChart, sagaImpl } from '../simulation/machines/saga.js';
import { gridLayout } from './chartGrid.js';
import { chartLayoutGraph, readChartLayout, wrap, type Box, type ChartLayoutGraph } from './chartLayout.js';

const elk = new ELK();
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
/** Does the axis-parallel segment a-b pass through the inside of box (1 px in from its border)? */
const crosses = (a: { x: number; y: number }, b: { x: number; y: number }, box: Box) =>
  overlap(
    { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x) || 0.01, height: Math.abs(a.y - b.y) || 0.01 },
    { x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2 },
  );

async function laidOut(chart: StateChart) {
  const grid = gridLayout(chart);
  if (grid) return grid;
  const g = chartLayoutGraph(chart);
  return readChartLayout(g, (await elk.layout(structuredClone(g) as never)) as unknown as ChartLayoutGraph);
}

async function check(chart: StateChart) {
  const laid = await laidOut(chart);
  const inside = (b: Box) => b.x >= 0 && b.y >= 0 && b.x + b.width <= laid.width + 0.5 && b.y + b.height <= laid.height + 0.5;
  for (const n of chart.nodes) {
    const b = laid.nodes[n.id];
    expect(b, n.id).toBeDefined();
    expect(inside(b!), n.id).toBe(true);
  }
  // Leaves never overlap each other; a child lies inside its parent; compound siblings apart.
  const leaves = chart.nodes.filter((n) => !chart.nodes.some((c) => c.parent === n.id));
  for (const a of leaves)
    for (const b of leaves) if (a !== b) expect(overlap(laid.nodes[a.id]!, laid.nodes[b.id]!), `${a.id} / ${b.id}`).toBe(false);
  for (const n of chart.nodes.filter((x) => x.parent)) {
    const p = laid.nodes[n.parent!]!;
    const c = laid.nodes[n.id]!;
    expect(c.x >= p.x && c.y >= p.y && c.x + c.width <= p.x + p.width && c.y + c.height <= p.y + p.height, n.id).toBe(true);
  }
  const tops = chart.nodes.filter((n) => n.parent === null);
  for (const a of tops)
    for (const b of tops) if (a !== b) expect(overlap(laid.nodes[a.id]!, laid.nodes[b.id]!), `${a.id} / ${b.id}`).toBe(false);
  const labels = chart.edges.map((e) => laid.edges[e.id]!.label!);
  for (const e of chart.edges) expect(laid.edges[e.id]!.points.length, e.id).toBeGreaterThanOrEqual(2);
  labels.forEach((a, i) =>
    labels.forEach((b, j) => i < j && expect(overlap(a, b), `labels ${chart.edges[i]!.id} / ${chart.edges[j]!.id}`).toBe(false)),
  );
  for (const l of labels) {
    expect(inside(l), 'label inside the drawing').toBe(true);
    for (const n of leaves) expect(overlap(l, laid.nodes[n.id]!), `label over ${n.id}`).toBe(false);
  }
  for (const e of chart.edges) {
    const pts = laid.edges[e.id]!.points;
    for (const n of leaves) {
      if (n.id === e.source || n.id === e.target) continue;
      for (let i = 1; i < pts.length; i++) expect(crosses(pts[i - 1]!, pts[i]!, laid.nodes[n.id]!), `${e.id} through ${n.id}`).toBe(false);
    }
  }
  return laid;
}

const shop = [
  { name: 'reserve', to: 'inventory-service', compensate: 'DELETE /reservations/:id' },
  { name: 'charge', to: 'payment-service', compensate: 'POST /payments/:id/refund' },
  { name: 'ship', to: 'shipping-service' },
];
const eight = Array.from({ length: 8 }, (_, i) => ({
  name: `step-${i + 1}`,
  to: `service-${i + 1}`,
  ...(i < 7 && i !== 3 ? { compensate: `POST /undo/${i + 1}` } : {}),
}));

describe('chart layout', () => {
  it('breaker, limiter and autoscaler (elkjs)', async () => {
    await check(
      breakerChartOf({ failureRate: 0.5, window: 40, minCalls: 20, openFor: 20_000, halfOpenCalls: 5, slowCall: 300, slowRate: 0.8 }),
    );
    await check(limiterChartOf(1500));
    await check(scalerChartOf({ min: 3, max: 12, cpu: 0.7, startup: 20_000, downDelay: 300_000 }));
  });
  it('a saga: a grid of steps top to bottom, each compensation beside its step', async () => {
    const chart = sagaStateChart(shop);
    const laid = await check(chart);
    expect(Object.keys(laid.initials)).toContain('saga.idle');
    const b = (id: string) => laid.nodes[id]!;
    // Steps in one column, in order; a compensation in its step's row, to the right.
    expect(b('saga.running#0').x).toBe(b('saga.running#2').x);
    expect(b('saga.running#0').y).toBeLessThan(b('saga.running#1').y);
    expect(b('saga.running#1').y).toBeLessThan(b('saga.running#2').y);
    for (const i of [0, 1]) {
      expect(b(`saga.compensating#${i}`).y).toBe(b(`saga.running#${i}`).y);
      expect(b(`saga.compensating#${i}`).x).toBeGreaterThan(b(`saga.running#${i}`).x + b(`saga.running#${i}`).width);
    }
    // Short captions: the step's name and its service; the full text stays the label.
    expect(chart.nodes.find((n) => n.id === 'saga.running#1')!.caption).toEqual({ name: '2. charge', detail: '→ payment-service' });
    expect(laid.width).toBeLessThan(1100);
    expect(laid.height).toBeLessThan(340);
  });
  it('a saga of 8 steps (one without compensation) grows downwards, not sideways', async () => {
    const three = await laidOut(sagaStateChart(shop.map((s, i) => ({ ...s, name: `step-${i + 1}`, to: `service-${i + 1}` }))));
    const laid = await check(sagaStateChart(eight));
    expect(laid.width).toBeLessThan(1100);
    expect(laid.width).toBeLessThan(three.width * 1.25);
    expect(laid.height).toBeGreaterThan(three.height * 2);
  });
  it('sagas of 1 and 2 steps, and a step without compensation first', async () => {
    await check(sagaStateChart([{ name: 'only', to: 'a' }]));
    await check(
      sagaStateChart([
        { name: 'one', to: 'a', compensate: 'undo' },
        { name: 'two', to: 'b' },
      ]),
    );
    await check(
      sagaStateChart([
        { name: 'one', to: 'a' },
        { name: 'two', to: 'b', compensate: 'undo' },
        { name: 'three', to: 'c' },
      ]),
    );
  });
  it('a changed saga definition (a timeout state, reached by a new event) is drawn in the grid too', async () => {
    const copy: ChartConfig = structuredClone(sagaChart);
    copy.states.running!.on!.DEADLINE = [{ target: 'timed_out' }];
    copy.states.timed_out = { type: 'final' };
    const chart = sagaStateChart(shop, defineMachine(copy, sagaImpl));
    expect(gridLayout(chart)).not.toBeNull();
    const laid = await check(chart);
    expect(laid.nodes['saga.timed_out']).toBeDefined();
  });
  it('wraps long lines at spaces', () => {
    expect(wrap('failure rate ≥ 50 % over 20 calls (10 at least)', 20)).toEqual(['failure rate ≥ 50 %', 'over 20 calls (10 at', 'least)']);
  });
});
