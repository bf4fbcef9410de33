import { describe, expect, it } from 'vitest';
import { waterfall } from './waterfall';

const span = (spanId: string, parentSpanId: string | null, node: string, start: number, end: number, status = 'ok') => ({
  spanId,
  parentSpanId,
  node,
  start,
  end,
  status,
});

describe('trace waterfall', () => {
  it('orders spans as a tree, children by start, with offsets from the trace start', () => {
    const w = waterfall({
      traceId: 't1',
      spans: [
        span('c', 'a', 'payments', 1020, 1060, 'error'),
        span('a', null, 'gateway', 1000, 1100, 'error'),
        span('b', 'a', 'orders', 1005, 1015),
        span('d', 'b', 'db', 1006, 1010),
      ],
    });
    expect(w.rows.map((r) => [r.span.node, r.depth, r.offset, r.length])).toEqual([
      ['gateway', 0, 0, 100],
      ['orders', 1, 5, 10],
      ['db', 2, 6, 4],
      ['payments', 1, 20, 40],
    ]);
    expect(w.total).toBe(100);
    expect(w.status).toBe('error');
  });
  it('draws a span whose parent was not kept as a root; an all-ok trace is ok', () => {
    const w = waterfall({ traceId: 't2', spans: [span('x', 'gone', 'svc', 5, 9)] });
    expect(w.rows).toHaveLength(1);
    expect(w.rows[0]!.depth).toBe(0);
    expect(w.status).toBe('ok');
  });
});
