// The design the charts bench (charts.bench.ts) and the State chart e2e (test/e2e/charts.spec.ts)
// time the tab on: 10 front services behind a rate-limited gateway, each calling 10 flaky
// backends (30-44 % errors) through breakers of 10 different settings (100 calls with breakers,
// which trip and recover all run long), an autoscaled front and an 8-step checkout saga.
const FRONTS = 10;
const BACKENDS = 10;

/** The design as JSON text (a design file may be JSON). */
export function hundredBreakers(): string {
  const nodes: Record<string, unknown> = {
    web: {
      kind: 'client',
      rate: 40,
      requests: [...Array.from({ length: FRONTS }, (_, f) => ({ to: 'gateway', route: `/f${f}` })), { to: 'gateway', route: '/checkout' }],
    },
    gateway: {
      kind: 'gateway',
      rateLimit: 60,
      routes: [...Array.from({ length: FRONTS }, (_, f) => ({ path: `/f${f}`, to: `front-${f}` })), { path: '/checkout', to: 'checkout' }],
    },
    checkout: {
      kind: 'saga',
      steps: Array.from({ length: 8 }, (_, i) => ({
        name: `step-${i + 1}`,
        to: `back-0-${i}`,
        ...(i < 7 ? { compensate: `POST /undo/${i + 1}` } : {}),
      })),
    },
  };
  for (let f = 0; f < FRONTS; f++) {
    nodes[`front-${f}`] = {
      kind: 'service',
      replicas: 2,
      ...(f === 0 ? { autoscale: { min: 2, max: 6, cpu: '60%' } } : {}),
      calls: Array.from({ length: BACKENDS }, (_, b) => ({
        to: `back-${f}-${b}`,
        timeout: '500ms',
        breaker: { failureRate: '50%', window: 10, minCalls: 5, openFor: `${2 + f}s`, halfOpenCalls: 2 },
      })),
    };
    for (let b = 0; b < BACKENDS; b++)
      nodes[`back-${f}-${b}`] = { kind: 'service', latency: '5ms', errorRate: `${30 + ((f * BACKENDS + b) % 15)}%` };
  }
  return JSON.stringify({ version: 1, name: 'hundred-breakers', nodes }, null, 1);
}
