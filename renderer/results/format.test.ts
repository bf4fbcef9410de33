import { describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../engine/index';
import {
  failuresByCause,
  formatAt,
  formatAxisTime,
  formatCount,
  formatMs,
  formatPct,
  formatRate,
  formatWindow,
  keyFigures,
  runLabel,
  timeAxisIncrs,
} from './format';

function result(over: Partial<SimulationResult> = {}): SimulationResult {
  return {
    design: 'shop',
    scenario: null,
    seed: 1,
    duration: 60_000,
    warmup: 0,
    requests: {
      total: 1000,
      ok: 950,
      failed: 50,
      byCause: { error: 10, timeout: 0, rejected: 0, breakerOpen: 40, rateLimited: 0, noReplica: 0, notFound: 0 },
    },
    latency: { mean: 40, p50: 30, p90: 80, p95: 100, p99: 200, max: 900 },
    throughput: 15.8,
    nodes: {},
    calls: {},
    sagas: {},
    clients: {},
    slos: [],
    series: { interval: 1000, points: [] },
    traces: [],
    stats: { events: 1, wallMs: 1, capped: 0, stopped: null },
    ...over,
  };
}

describe('formatting', () => {
  it('formats durations by magnitude', () => {
    expect(formatMs(0.421)).toBe('0.42 ms');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(412.6)).toBe('413 ms');
    expect(formatMs(1250)).toBe('1.25 s');
    expect(formatMs(125_000)).toBe('2 min 5 s');
    expect(formatMs(120_000)).toBe('2 min');
    expect(formatMs(Number.NaN)).toBe('–');
  });
  it('formats counts, rates and percentages', () => {
    expect(formatCount(30617)).toBe('30,617');
    expect(formatRate(512.4)).toBe('512 /s');
    expect(formatRate(12.46)).toBe('12.5 /s');
    expect(formatRate(0.25)).toBe('0.25 /s');
    expect(formatPct(0)).toBe('0 %');
    expect(formatPct(0.0727)).toBe('7.27 %');
    expect(formatPct(0.5)).toBe('50.0 %');
    expect(formatPct(0.0001)).toBe('0.010 %');
  });
  it('names a run', () => {
    expect(runLabel({ scenario: 'payment-outage', seed: 7, duration: 60_000 })).toBe('payment-outage · seed 7 · 1 min');
    expect(runLabel({ scenario: null, seed: 1, duration: 30_000 })).toBe('nominal · seed 1 · 30.00 s');
  });
});

describe('key figures', () => {
  it('lists requests, throughput, percentiles and the error rate', () => {
    const f = keyFigures(result());
    expect(f.map((x) => x.id)).toEqual(['requests', 'throughput', 'p50', 'p95', 'p99', 'errorRate']);
    expect(f.find((x) => x.id === 'p99')!.text).toBe('200 ms');
    expect(f.find((x) => x.id === 'errorRate')!.text).toBe('5.00 %');
  });
  it('gives an empty run an error rate of 0', () => {
    const r = result({ requests: { total: 0, ok: 0, failed: 0, byCause: result().requests.byCause } });
    expect(keyFigures(r).find((x) => x.id === 'errorRate')!.value).toBe(0);
  });
  it('lists failures by cause, largest first, without empty causes', () => {
    expect(failuresByCause(result())).toEqual([
      { cause: 'breakerOpen', label: 'breaker open', count: 40, share: 0.8 },
      { cause: 'error', label: 'error', count: 10, share: 0.2 },
    ]);
  });
});

describe('time axes', () => {
  it('reads seconds up to 10 minutes and minutes past them', () => {
    expect(formatAxisTime(30, 120)).toBe('30 s');
    expect(formatAxisTime(42.5, 600)).toBe('42.5 s');
    expect(formatAxisTime(720, 3600)).toBe('12 min');
    expect(formatAxisTime(750, 3600)).toBe('12.5 min');
    expect(formatAt(31_140, 120_000)).toBe('31.1 s');
    expect(formatWindow(30_000, 70_000, 120_000)).toBe('30–70 s');
    expect(formatWindow(720_000, 930_000, 3_600_000)).toBe('12–15.5 min');
  });
  it('puts ticks on whole minutes past 10 minutes', () => {
    expect(timeAxisIncrs(3600).every((i) => i % 60 === 0)).toBe(true);
    expect(timeAxisIncrs(120)).toContain(10);
  });
});
