// The charts laid out by the real elkjs (as the worker does): every state, marker and label has
// a box inside the drawing, sibling states and labels never overlap, every edge has a route.
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { breakerChartOf, limiterChartOf, sagaStateChart, scalerChartOf, type StateChart } from '../simulation/machines/chart.js';
import { chartLayoutGraph, readChartLayout, wrap, type Box, type ChartLayoutGraph } from './chartLayout.js';

const elk = new ELK();
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function check(chart: StateChart) {
  const g = chartLayoutGraph(chart);
  const laid = readChartLayout(g, (await elk.layout(structuredClone(g) as never)) as unknown as ChartLayoutGraph);
  const inside = (b: Box) => b.x >= 0 && b.y >= 0 && b.x + b.width <= laid.width + 0.5 && b.y + b.height <= laid.height + 0.5;
  for (const n of chart.nodes) {
    const b = laid.nodes[n.id];
    expect(b, n.id).toBeDefined();
    expect(inside(b!), n.id).toBe(true);
  }
  // Leaves never overlap each other; a child lies inside its parent.
  const leaves = chart.nodes.filter((n) => !chart.nodes.some((c) => c.parent === n.id));
  for (const a of leaves)
    for (const b of leaves) if (a !== b) expect(overlap(laid.nodes[a.id]!, laid.nodes[b.id]!), `${a.id} / ${b.id}`).toBe(false);
  for (const n of chart.nodes.filter((x) => x.parent)) {
    const p = laid.nodes[n.parent!]!;
    const c = laid.nodes[n.id]!;
    expect(c.x >= p.x && c.y >= p.y && c.x + c.width <= p.x + p.width && c.y + c.height <= p.y + p.height, n.id).toBe(true);
  }
  const labels = chart.edges.map((e) => laid.edges[e.id]!.label!);
  for (const e of chart.edges) expect(laid.edges[e.id]!.points.length, e.id).toBeGreaterThanOrEqual(2);
  labels.forEach((a, i) =>
    labels.forEach((b, j) => i < j && expect(overlap(a, b), `labels ${chart.edges[i]!.id} / ${chart.edges[j]!.id}`).toBe(false)),
  );
  for (const l of labels) for (const n of leaves) expect(overlap(l, laid.nodes[n.id]!), `label over ${n.id}`).toBe(false);
  return laid;
}

describe('chart layout (elkjs)', () => {
  it('breaker, limiter and autoscaler', async () => {
    await check(
      breakerChartOf({ failureRate: 0.5, window: 40, minCalls: 20, openFor: 20_000, halfOpenCalls: 5, slowCall: 300, slowRate: 0.8 }),
    );
    await check(limiterChartOf(1500));
    await check(scalerChartOf({ min: 3, max: 12, cpu: 0.7, startup: 20_000, downDelay: 300_000 }));
  });
  it('a saga with steps and compensations', async () => {
    const laid = await check(
      sagaStateChart([
        { name: 'reserve', to: 'inventory-service', compensate: 'DELETE /reservations/:id' },
        { name: 'charge', to: 'payment-service', compensate: 'POST /payments/:id/refund' },
        { name: 'ship', to: 'shipping-service' },
      ]),
    );
    expect(Object.keys(laid.initials)).toContain('saga.idle');
  });
  it('wraps long lines at spaces', () => {
    expect(wrap('failure rate ≥ 50 % over 20 calls (10 at least)', 20)).toEqual(['failure rate ≥ 50 %', 'over 20 calls (10 at', 'least)']);
  });
});
