// npm run bench (after the simulation bench): the export of a generated 500-service design, every
// target (compose, k8s, istio, stubs), timed after parsing. The design is what a large system
// looks like: 10 gateways, 450 services in layers that call 2-3 services of the next layer with
// timeouts, retries and breakers, 40 sagas, a database per 5 services, caches, topics and queues
// on each broker engine, canaries and autoscaling. Prints the median of several runs.
import { generate, parseDesign } from '../engine/index.js';

const SERVICES = Number(process.env.BENCH_EXPORT_SERVICES ?? 500);
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 5);
const TARGET_MS = 2000;

export function largeDesign(total: number) {
  const nodes: Record<string, unknown> = {};
  const gateways = Math.max(1, Math.round(total / 50));
  const sagas = Math.max(1, Math.round(total / 12.5));
  const services = total - gateways - sagas;
  const layers = 6;
  const perLayer = Math.ceil(services / layers);
  const svc = (i: number) => `svc-${i}`;
  const policy = {
    timeout: '300ms',
    retry: { attempts: 2, backoff: '50ms', jitter: 'full' },
    breaker: { failureRate: '50%', window: 40, minCalls: 20, openFor: '20s' },
  };
  const engines = ['kafka', 'rabbitmq', 'nats', 'redis'] as const;
  for (let t = 0; t < 20; t++)
    nodes[`events-${t}`] = {
      kind: t % 2 ? 'queue' : 'topic',
      engine: t % 2 ? (['rabbitmq', 'nats', 'redis', 'sqs'] as const)[t % 4] : engines[t % 4],
      consumers: [svc((t * 37) % services), svc((t * 53 + 11) % services)],
      maxDeliveries: 3,
    };
  for (let d = 0; d < Math.ceil(services / 5); d++)
    nodes[`db-${d}`] = { kind: 'database', engine: (['postgres', 'mysql', 'mongodb', 'postgres'] as const)[d % 4], storage: '10Gi' };
  for (let c = 0; c < 20; c++) nodes[`cache-${c}`] = { kind: 'cache', engine: 'redis', miss: `db-${c}` };
  for (let i = 0; i < services; i++) {
    const layer = Math.floor(i / perLayer);
    const calls: Record<string, unknown>[] = [];
    if (layer + 1 < layers)
      for (let k = 0; k < 2 + (i % 2); k++) {
        const j = (layer + 1) * perLayer + ((i * 7 + k * 13) % perLayer);
        if (j < services) calls.push({ to: svc(j), ...policy });
      }
    calls.push({ to: `db-${Math.floor(i / 5)}`, timeout: '200ms' });
    if (i % 10 === 0) calls.push({ to: `cache-${(i / 10) % 20}`, timeout: '50ms' });
    if (i % 9 === 0) calls.push({ to: `events-${i % 20}` });
    nodes[svc(i)] = {
      kind: 'service',
      image: `registry.example.com/shop/${svc(i)}:1.${i % 10}`,
      port: 8080,
      replicas: 2 + (i % 3),
      calls,
      api: ['GET /items/:id', 'POST /items'],
      resources: { cpu: '250m', memory: '256Mi' },
      env: { LOG_LEVEL: 'info' },
      ...(i % 7 === 0 ? { autoscale: { min: 2, max: 10, cpu: '70%' } } : {}),
      ...(i % 25 === 0 ? { versions: { v1: { weight: 90 }, v2: { weight: 10, image: `registry.example.com/shop/${svc(i)}:2.0` } } } : {}),
    };
  }
  for (let s = 0; s < sagas; s++)
    nodes[`saga-${s}`] = {
      kind: 'saga',
      port: 8080,
      replicas: 2,
      steps: [0, 1, 2].map((k) => ({ name: `step${k}`, to: svc(((s * 11 + k) % perLayer) + perLayer), compensate: `undo${k}` })),
      api: ['POST /run'],
    };
  for (let g = 0; g < gateways; g++)
    nodes[`gateway-${g}`] = {
      kind: 'gateway',
      port: 8080,
      replicas: 2,
      rateLimit: 1000,
      routes: [
        ...Array.from({ length: 8 }, (_, k) => ({ path: `/api/r${k}`, to: svc((g * 8 + k) % perLayer) })),
        { path: '/saga', to: `saga-${g % sagas}` },
      ],
    };
  nodes.users = { kind: 'client', rate: 1000, requests: [{ to: 'gateway-0', route: '/api/r0' }] };
  return { name: 'large', nodes };
}

const text = JSON.stringify(largeDesign(SERVICES));
const parsed = parseDesign(text, 'large.json');
if (!parsed.design) throw new Error(`bench design invalid: ${parsed.problems.map((p) => p.message).join('; ')}`);
const design = parsed.design;
const workloads = Object.values(design.nodes).filter((n) => n.kind === 'service' || n.kind === 'gateway' || n.kind === 'saga').length;

const times: number[] = [];
let files = 0;
let bytes = 0;
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const out = generate(design, 'all');
  times.push(performance.now() - t0);
  files = out.length;
  bytes = out.reduce((s, f) => s + f.content.length, 0);
}
const perTarget: string[] = [];
for (const t of ['compose', 'k8s', 'istio', 'stubs'] as const) {
  const t0 = performance.now();
  generate(design, t);
  perTarget.push(`${t} ${(performance.now() - t0).toFixed(0)} ms`);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(
  `export (all targets) of ${workloads} services: median ${median.toFixed(0)} ms of ${RUNS} runs (min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)}; target < ${TARGET_MS} ms), ` +
    `${files} files, ${(bytes / 1048576).toFixed(1)} MiB; one run per target: ${perTarget.join(', ')}`,
);
