// npm run bench: `meshwright import` of a large system — the compose file and the Kubernetes +
// Istio manifests exported from a generated design of 500 services (layers calling 2-3 services
// of the next layer with timeouts and retries, a database per 5 services, a cache per 10, canaries
// and autoscaling), timed from the texts to the validated design. Prints the median of runs.
import ELK from 'elkjs/lib/elk.bundled.js';
import { elkPositions, generate, importSystem, layoutGraph, parseDesign, type Design, type ElkLike } from '../engine/index.js';

const SERVICES = Number(process.env.BENCH_IMPORT_SERVICES ?? 500);
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 5);

function design(total: number) {
  const nodes: Record<string, unknown> = { users: { kind: 'client', rate: 50, requests: [{ to: 'edge' }] } };
  const layers = 5;
  const per = Math.ceil(total / layers);
  const name = (l: number, i: number) => `svc-${l}-${i}`;
  nodes.edge = { kind: 'gateway', image: 'acme/edge:1', port: 8080, routes: [0, 1, 2].map((i) => ({ path: `/p${i}`, to: name(0, i) })) };
  for (let l = 0; l < layers; l++)
    for (let i = 0; i < per; i++) {
      const id = name(l, i);
      const calls: unknown[] = [];
      if (l + 1 < layers)
        for (let k = 0; k < 2 + (i % 2); k++)
          calls.push({ to: name(l + 1, (i * 3 + k) % per), timeout: '300ms', retry: { attempts: 3, backoff: '50ms' } });
      if (i % 5 === 0) {
        nodes[`${id}-db`] = { kind: 'database', engine: i % 10 === 0 ? 'postgres' : 'mongodb', storage: '10Gi' };
        calls.push({ to: `${id}-db`, timeout: '100ms' });
      }
      if (i % 10 === 3) {
        nodes[`${id}-cache`] = { kind: 'cache', engine: 'redis' };
        calls.push({ to: `${id}-cache` });
      }
      nodes[id] = {
        kind: 'service',
        image: `acme/${id}:1.${i}`,
        port: 3000 + (i % 50),
        replicas: 2,
        calls,
        ...(i % 7 === 0 ? { autoscale: { min: 2, max: 8, cpu: '70%' } } : {}),
        ...(i % 11 === 1 ? { versions: { v1: { weight: 90 }, v2: { weight: 10, image: `acme/${id}:2`, replicas: 1 } } } : {}),
      };
    }
  return nodes;
}

const parsed = parseDesign(JSON.stringify({ version: 1, name: 'large', nodes: design(SERVICES) }), 'large.arch.yaml');
if (!parsed.design) throw new Error(parsed.problems.map((p) => p.message).join('; '));
const files = generate(parsed.design, 'all')
  .filter((f) => f.path === 'docker-compose.yml' || /^(k8s|istio)\//.test(f.path))
  .map((f) => ({ path: f.path, text: f.content }));
const bytes = files.reduce((s, f) => s + f.text.length, 0);
const times: number[] = [];
let nodes = 0;
let last: Design | undefined;
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const out = importSystem(files);
  times.push(performance.now() - t0);
  if (!out.design)
    throw new Error(`import failed: ${JSON.stringify(out.problems.slice(0, 3))} ${JSON.stringify(out.invalid?.slice(0, 3))}`);
  nodes = Object.keys(out.design.nodes).length;
  last = out.design;
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(
  `import of ${files.length} files (${(bytes / 1048576).toFixed(1)} MiB: compose, k8s, istio of ${SERVICES} services) -> ${nodes} nodes: ` +
    `median ${median.toFixed(0)} ms of ${RUNS} runs (min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)})`,
);

// The layout `meshwright import` writes (and the app's worker computes): ELK on the imported design.
const layoutTimes: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  await elkPositions(new ELK() as unknown as ElkLike, layoutGraph(last!));
  layoutTimes.push(performance.now() - t0);
}
layoutTimes.sort((a, b) => a - b);
console.log(
  `ELK layout of the imported ${nodes}-node design: median ${layoutTimes[Math.floor(layoutTimes.length / 2)]!.toFixed(0)} ms of ${RUNS} runs ` +
    `(min ${layoutTimes[0]!.toFixed(0)}, max ${layoutTimes.at(-1)!.toFixed(0)})`,
);
