import { describe, expect, it } from 'vitest';
import type { CallResult, Design, SimulationResult } from '../../engine/index';
import { canvasOverlay, errorTone, finalBreakerState, sameForResults, strokeWidth, utilizationTone } from './overlay';

type T = CallResult['breaker']['transitions'][number];
const tr = (at: number, replica: number, from: T['from'], to: T['to']): T => ({ at, replica, from, to });
const call = (attempts: number, ok: number, failed: number, transitions: T[] = []) =>
  ({ attempts, retries: 0, ok, failed, byCause: {}, breaker: { transitions } }) as CallResult;

describe('canvas overlay', () => {
  it('colours utilization green below 70 %, amber below 90 %, red from 90 %', () => {
    expect([0, 0.69, 0.7, 0.89, 0.9, 1.2].map(utilizationTone)).toEqual(['ok', 'ok', 'warn', 'warn', 'bad', 'bad']);
    expect([0, 0.009, 0.01, 0.099, 0.1, 1].map(errorTone)).toEqual(['ok', 'ok', 'warn', 'warn', 'bad', 'bad']);
  });

  it('scales stroke width by rate on a log scale between 1 and 6 px', () => {
    expect(strokeWidth(0)).toBe(1);
    expect(strokeWidth(10)).toBeGreaterThan(2);
    expect(strokeWidth(100)).toBeGreaterThan(strokeWidth(10));
    expect(strokeWidth(999)).toBeCloseTo(6, 1);
    expect(strokeWidth(1e6)).toBe(6);
  });

  it('takes the last transition of each caller replica; open beats half-open', () => {
    expect(finalBreakerState([])).toBeNull();
    expect(finalBreakerState([tr(1, 0, 'closed', 'open'), tr(5, 0, 'open', 'half_open'), tr(6, 0, 'half_open', 'closed')])).toBeNull();
    // Out of order in the list: time decides.
    expect(finalBreakerState([tr(6, 0, 'half_open', 'closed'), tr(1, 0, 'closed', 'open')])).toBeNull();
    expect(finalBreakerState([tr(1, 0, 'closed', 'open'), tr(5, 0, 'open', 'half_open')])).toBe('half_open');
    expect(finalBreakerState([tr(5, 1, 'open', 'half_open'), tr(2, 0, 'closed', 'open')])).toBe('open');
  });

  it('derives node load and breaker badges and edge rate and failure share from a result', () => {
    const design = {
      nodes: { c: { kind: 'client' }, gw: { kind: 'gateway' }, pay: { kind: 'service' }, db: { kind: 'database' }, q: { kind: 'queue' } },
    } as unknown as Design;
    const node = (utilization: number) => ({ utilization });
    const result = {
      duration: 12_000,
      warmup: 2_000,
      nodes: { c: node(0), gw: node(0.5), pay: node(0.95), db: node(0.75), q: node(0.1) },
      calls: {
        'gw->pay': call(1000, 700, 300, [tr(1000, 0, 'closed', 'open')]),
        'pay->db': call(0, 0, 0),
      },
    } as unknown as SimulationResult;
    const o = canvasOverlay(result, design);
    expect([...o.nodes.keys()].sort()).toEqual(['db', 'gw', 'pay']);
    expect(o.nodes.get('pay')).toMatchObject({ utilization: 0.95, tone: 'bad', breaker: null });
    expect(o.nodes.get('db')?.tone).toBe('warn');
    expect(o.nodes.get('gw')).toMatchObject({ tone: 'ok', breaker: 'open', breakerCalls: ['gw->pay'] });
    expect(o.edges.get('gw->pay')).toMatchObject({ rate: 100, errorShare: 0.3, tone: 'bad' });
    expect(o.edges.get('pay->db')).toMatchObject({ rate: 0, width: 1, errorShare: 0, tone: 'ok' });
  });

  it('a move is not a change for the results; an edit is', () => {
    const nodes = { a: { kind: 'service', replicas: 2 } };
    const a = { name: 'x', nodes, layout: {} } as unknown as Design;
    expect(sameForResults(a, { ...a, layout: { a: { x: 1, y: 2 } } } as Design)).toBe(true);
    expect(sameForResults(a, JSON.parse(JSON.stringify(a)) as Design)).toBe(true);
    expect(sameForResults(a, { ...a, nodes: { a: { kind: 'service', replicas: 3 } } } as unknown as Design)).toBe(false);
  });
});
