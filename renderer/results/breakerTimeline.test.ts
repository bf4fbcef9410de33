import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../engine/index';
import { breakerRows, breakerTimelines } from './breakerTimeline';

type T = CallResult['breaker']['transitions'][number];
const t = (at: number, replica: number, from: T['from'], to: T['to']): T => ({ at, replica, from, to });

describe('breaker timelines', () => {
  it('covers the run from 0 to its end, starting closed, a row per replica', () => {
    const rows = breakerRows(
      [
        t(31_000, 1, 'closed', 'open'),
        t(30_000, 0, 'closed', 'open'),
        t(61_000, 0, 'open', 'half_open'),
        t(61_500, 0, 'half_open', 'closed'),
      ],
      120_000,
    );
    expect(rows).toEqual([
      {
        replica: 0,
        opened: 1,
        segments: [
          { state: 'closed', start: 0, end: 30_000 },
          { state: 'open', start: 30_000, end: 61_000 },
          { state: 'half_open', start: 61_000, end: 61_500 },
          { state: 'closed', start: 61_500, end: 120_000 },
        ],
      },
      {
        replica: 1,
        opened: 1,
        segments: [
          { state: 'closed', start: 0, end: 31_000 },
          { state: 'open', start: 31_000, end: 120_000 },
        ],
      },
    ]);
  });
  it('counts every opening and merges a half-open that reopens at once', () => {
    const rows = breakerRows(
      [t(10, 0, 'closed', 'open'), t(20, 0, 'open', 'half_open'), t(20, 0, 'half_open', 'open'), t(40, 0, 'open', 'half_open')],
      50,
    );
    expect(rows[0]!.opened).toBe(2);
    expect(rows[0]!.segments).toEqual([
      { state: 'closed', start: 0, end: 10 },
      { state: 'open', start: 10, end: 40 },
      { state: 'half_open', start: 40, end: 50 },
    ]);
  });
  it('a transition at the very end still leaves a segment', () => {
    const rows = breakerRows([t(100, 2, 'closed', 'open')], 100);
    expect(rows[0]!.segments).toEqual([{ state: 'closed', start: 0, end: 100 }]);
  });
  it('lists only calls whose breaker changed state', () => {
    const call = (transitions: T[]): CallResult => ({
      attempts: 0,
      retries: 0,
      ok: 0,
      failed: 0,
      byCause: {},
      breaker: { transitions, slow: 0 },
    });
    const timelines = breakerTimelines({ 'a->b': call([]), 'b->c': call([t(5, 0, 'closed', 'open')]) }, 10);
    expect(timelines.map((x) => x.call)).toEqual(['b->c']);
  });
});
