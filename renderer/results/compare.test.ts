import { describe, expect, it } from 'vitest';
import { compareRuns } from './compare';
import { testResult as result } from './testResult';

const byId = (rows: ReturnType<typeof compareRuns>['rows']) => Object.fromEntries(rows.map((x) => [x.id, x]));

describe('comparing two runs', () => {
  it('gives relative deltas, percentage points for the error rate, and tones by direction', () => {
    const base = result();
    const cur = result({
      latency: { ...base.latency, p99: 300, p50: 30.01 },
      throughput: 12,
      requests: { ...base.requests, failed: 100, ok: 900 },
    });
    const { rows, notes } = compareRuns(base, cur);
    const by = byId(rows);
    expect(by.p99).toMatchObject({ baseline: '200 ms', current: '300 ms', delta: '+50.0 %', tone: 'worse' });
    expect(by.p50).toMatchObject({ delta: '±0', tone: 'same' });
    expect(by.throughput).toMatchObject({ delta: '-24.1 %', tone: 'worse' });
    expect(by.errorRate).toMatchObject({ baseline: '5.00 %', current: '10.0 %', delta: '+5.00 pp', tone: 'worse' });
    expect(by.requests!.tone).toBe('same');
    expect(notes).toEqual([]);
  });

  it('calls a drop in latency better when no more requests failed', () => {
    const base = result();
    const cur = result({ latency: { ...base.latency, p95: 50 } });
    expect(byId(compareRuns(base, cur).rows).p95).toMatchObject({ delta: '-50.0 %', tone: 'better', reason: null });
  });

  it('does not call a latency drop better when it came with more failures', () => {
    // An outage: breakers refuse fast, so p99 falls while the error rate rises.
    const base = result({ requests: { ...result().requests, ok: 995, failed: 5 } });
    const cur = result({
      latency: { ...base.latency, p99: 120, p50: 20 },
      requests: { ...base.requests, ok: 920, failed: 80 },
    });
    const by = byId(compareRuns(base, cur).rows);
    expect(by.p99!.tone).not.toBe('better');
    expect(by.p99!.reason).toMatch(/more requests failed \(error rate \+7\.50 pp\)/);
    expect(by.p50!.tone).not.toBe('better');
    expect(by.errorRate).toMatchObject({ delta: '+7.50 pp', tone: 'worse' });
  });

  it('calls a lower error rate better', () => {
    const base = result();
    const cur = result({ requests: { ...base.requests, ok: 990, failed: 10 } });
    expect(byId(compareRuns(base, cur).rows).errorRate).toMatchObject({ delta: '-4.00 pp', tone: 'better' });
  });

  it('says when the runs differ in length, scenario and seed, and does not judge their counts', () => {
    const base = result({ duration: 40_000, requests: { ...result().requests, total: 800, ok: 760 } });
    const cur = result({ scenario: 'black-friday', duration: 120_000, warmup: 10_000, seed: 2 });
    const { notes, rows } = compareRuns(base, cur);
    expect(notes.join('\n')).toMatch(/Different scenarios: the baseline ran nominal traffic, this run black-friday/);
    expect(notes.join('\n')).toMatch(/Different lengths: the baseline ran 40.00 s, this run 2 min \(10.00 s warmup\)/);
    expect(notes.join('\n')).toMatch(/Different seeds \(1 and 2\)/);
    expect(byId(rows).requests).toMatchObject({ tone: 'neutral' });
  });

  it('says when one run was offered more traffic, and then does not call its throughput better', () => {
    const base = result();
    const cur = result({ requests: { ...result().requests, total: 3000, ok: 2950 }, throughput: 49 });
    const { notes, rows } = compareRuns(base, cur);
    expect(notes.join('\n')).toMatch(/offered 3.00× the baseline's traffic/);
    expect(byId(rows).throughput).toMatchObject({ tone: 'neutral', reason: 'the runs were offered different traffic' });
  });
});
