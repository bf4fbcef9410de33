// npm run bench: parsing a large design (text -> checked, normalized model), the step every
// command and the app's open start with (#10: 45 000 flow-style nodes once took ~2 min, the yaml
// library's uniqueKeys check being quadratic; duplicates are now found in our own linear pass).
// Prints the median wall time and the process CPU time of each (CPU is the fairer figure on a
// shared machine), split into the YAML read and the rest (schema, references, normalization).
import { parseDesign } from '../engine/index.js';
import { readYaml } from '../engine/model/yamlRead.js';

const RUNS = Number(process.env.BENCH_PARSE_RUNS ?? 3);
const N = 45_000;

const ids = Array.from({ length: N }, (_, i) => `n${i}`);
const cases: { name: string; text: string }[] = [
  {
    name: `${N} nodes, flow style (JSON)`,
    text: JSON.stringify({ version: 1, name: 'big', nodes: Object.fromEntries(ids.map((id) => [id, { kind: 'service' }])) }),
  },
  {
    name: `${N} nodes, block YAML`,
    text: `version: 1\nname: big\nnodes:\n${ids.map((id) => `  ${id}:\n    kind: service\n    replicas: 2\n`).join('')}`,
  },
  {
    name: `${N} nodes, each merging an anchor (<<: *svc)`,
    text: `version: 1\nname: big\nnodes:\n  base: &svc { kind: service, replicas: 2, latency: 20ms }\n${ids.map((id) => `  ${id}: { <<: *svc }\n`).join('')}`,
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

console.log(`parse bench: median of ${RUNS} runs (wall ms / CPU ms)`);
for (const c of cases) {
  const wall: number[] = [];
  const cpus: number[] = [];
  const yamlWall: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let t = performance.now();
    readYaml(c.text);
    yamlWall.push(performance.now() - t);
    const c0 = cpu();
    t = performance.now();
    const parsed = parseDesign(c.text, 'big.arch.yaml');
    wall.push(performance.now() - t);
    cpus.push(cpu() - c0);
    if (!parsed.design) throw new Error(`${c.name}: invalid bench design: ${parsed.problems[0]?.message}`);
  }
  console.log(
    `  ${c.name.padEnd(48)} ${(c.text.length / 1e6).toFixed(1).padStart(4)} MB   parse ${median(wall).toFixed(0).padStart(6)} / ${median(cpus).toFixed(0).padStart(6)} ms   (YAML read ${median(yamlWall).toFixed(0)} ms)`,
  );
}
