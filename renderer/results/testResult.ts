// A small simulation result for the results' unit tests, overridable field by field.
import type { SimulationResult } from '../../engine/index';

export function testResult(over: Partial<SimulationResult> = {}): SimulationResult {
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
