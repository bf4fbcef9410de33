// npm run bench (after the simulation and export benches): the architecture review of the big
// generated designs that once crashed it or took minutes (#10), and of a large realistic one.
// Parsing (YAML/JSON -> model) and the review itself are timed apart; the review's target is a
// few seconds for any design that validates. Prints the median of several runs and the findings.
import { parseDesign, review } from '../engine/index.js';

const RUNS = Number(process.env.BENCH_REVIEW_RUNS ?? 3);
const TARGET_MS = 5000;

type Nodes = Record<string, unknown>;
const designs: { name: string; nodes: () => Nodes }[] = [
  {
    name: '300 fully connected services',
    nodes: () => {
      const n: Nodes = { web: { kind: 'client', requests: [{ to: 's0' }] } };
      for (let i = 0; i < 300; i++)
        n[`s${i}`] = { kind: 'service', calls: Array.from({ length: 299 }, (_, j) => ({ to: `s${j < i ? j : j + 1}` })) };
      return n;
    },
  },
  {
    // Every call has a timeout under its callee's budget of 299 timed calls: 89 700 inversions.
    name: '300 fully connected services, every call timed',
    nodes: () => {
      const n: Nodes = { web: { kind: 'client', requests: [{ to: 's0' }] } };
      for (let i = 0; i < 300; i++)
        n[`s${i}`] = { kind: 'service', calls: Array.from({ length: 299 }, (_, j) => ({ to: `s${j < i ? j : j + 1}`, timeout: '1s' })) };
      return n;
    },
  },
  {
    name: '70 000 calls between two nodes',
    nodes: () => ({
      web: { kind: 'client', requests: [{ to: 'a' }] },
      a: { kind: 'service', calls: Array.from({ length: 70_000 }, () => ({ to: 'b' })) },
      b: { kind: 'service' },
    }),
  },
  {
    name: '45 000 unconnected nodes',
    nodes: () => Object.fromEntries(Array.from({ length: 45_000 }, (_, i) => [`n${i}`, { kind: 'service' }])),
  },
  {
    name: 'a ring of 20 000 retrying services',
    nodes: () => {
      const n: Nodes = { web: { kind: 'client', requests: [{ to: 'n0', retry: { attempts: 2 } }] } };
      for (let i = 0; i < 20_000; i++) n[`n${i}`] = { kind: 'service', calls: [{ to: `n${(i + 1) % 20_000}`, retry: { attempts: 2 } }] };
      return n;
    },
  },
  {
    name: '12 layers x 40 services, each calling 8 of the next (2^36 paths)',
    nodes: () => {
      const n: Nodes = { web: { kind: 'client', rate: 50, requests: [{ to: 'l0s0', retry: { attempts: 2 } }] } };
      for (let l = 0; l < 12; l++)
        for (let s = 0; s < 40; s++)
          n[`l${l}s${s}`] = {
            kind: 'service',
            replicas: 2,
            calls:
              l < 11
                ? Array.from({ length: 8 }, (_, k) => ({ to: `l${l + 1}s${(s + k * 5) % 40}`, timeout: '1s', retry: { attempts: 2 } }))
                : [],
          };
      return n;
    },
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`review bench: median of ${RUNS} runs (parse = JSON text -> model; review = all rules)`);
let slowest = 0;
for (const d of designs) {
  const text = JSON.stringify({ name: 'bench', nodes: d.nodes() });
  const parses: number[] = [];
  const reviews: number[] = [];
  let findings = 0;
  for (let r = 0; r < RUNS; r++) {
    let t = performance.now();
    const parsed = parseDesign(text, 'bench.json');
    parses.push(performance.now() - t);
    if (!parsed.design) throw new Error(`${d.name}: invalid bench design: ${parsed.problems[0]?.message}`);
    t = performance.now();
    findings = review(parsed.design).length;
    reviews.push(performance.now() - t);
  }
  slowest = Math.max(slowest, median(reviews));
  console.log(
    `  ${d.name.padEnd(66)} parse ${median(parses).toFixed(0).padStart(6)} ms   review ${median(reviews).toFixed(0).padStart(6)} ms   ${findings} findings`,
  );
}
console.log(`  slowest review ${slowest.toFixed(0)} ms (target: under ${TARGET_MS} ms)${slowest < TARGET_MS ? '' : '  ** over target **'}`);
