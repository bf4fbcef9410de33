// npm run bench: the State chart tab's work on a design with 100 breakers (issue #18 "fast on a
// design with 100 breakers"). A generated design: 10 front services, each calling 10 flaky
// backends through breakers of 10 different settings (100 calls with breakers), a gateway rate
// limit, an autoscaler and an 8-step saga; simulated for BENCH_CHARTS_SECONDS (3600) s with the
// replay record. Timed (median of BENCH_CHARTS_RUNS): building every machine's chart graph, the
// layouts cold (elkjs, as the worker runs it, one per distinct chart; the saga's grid) and
// cached (the tab's cache is by chart key), and a scrub step — the replay's state, last change
// and per-state counts at a time — for one breaker (what the tab shows) and for all 100. The
// record's size: transitions kept and its JSON and heap size.
import ELK from 'elkjs/lib/elk.bundled.js';
import {
  breakerRecordings,
  chartLayoutGraph,
  chartOf,
  changeAt,
  changeTimes,
  edges,
  gridLayout,
  machineTargets,
  parseDesign,
  readChartLayout,
  simulate,
  stateAt,
  type ChartLayout,
  type ChartLayoutGraph,
  type Recording,
} from '../engine/index.js';
import { hundredBreakers } from './hundredBreakers.js';

const SECONDS = Number(process.env.BENCH_CHARTS_SECONDS ?? 3600);
const RUNS = Number(process.env.BENCH_CHARTS_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (f: () => void, runs = RUNS) =>
  median(
    Array.from({ length: runs }, () => {
      const t0 = performance.now();
      f();
      return performance.now() - t0;
    }),
  );
async function timeAsync(f: () => Promise<unknown>, runs = RUNS) {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
const us = (x: number) => `${(x * 1000).toFixed(1)} µs`;
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

async function main() {
  const parsed = parseDesign(hundredBreakers(), 'hundred-breakers.json');
  if (!parsed.design) throw new Error(`bad bench design: ${JSON.stringify(parsed.problems.slice(0, 3))}`);
  const design = parsed.design;
  const calls = edges(design);
  const targets = machineTargets(design, calls);
  const kinds = targets.reduce<Record<string, number>>((m, t) => ((m[t.kind] = (m[t.kind] ?? 0) + 1), m), {});
  console.log(`charts bench: ${Object.keys(design.nodes).length} nodes, machines ${JSON.stringify(kinds)}, ${SECONDS} s simulated`);

  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const result = simulate(design, { duration: SECONDS * 1000, replay: true, seed: 7 });
  const simMs = performance.now() - t0;
  gc?.();
  const heap1 = process.memoryUsage().heapUsed;
  const breakerCalls = targets.flatMap((t) => (t.kind === 'breaker' ? [t.call] : []));
  const recs = new Map(breakerCalls.map((c) => [c, breakerRecordings(result, c)]));
  const transitions = [...recs.values()].reduce((a, r) => a + count(r), 0);
  const replayJson = JSON.stringify(result.replay ?? {}).length;
  const transJson = JSON.stringify([...recs.values()].map((r) => [...r.values()])).length;
  const sagaRuns = Object.values(result.replay?.sagas ?? {}).reduce((a, s) => a + s.runs.length, 0);
  console.log(
    `  simulate ${SECONDS} s with replay: ${ms(simMs)}; breaker transitions replayed ${transitions} (JSON ${mb(transJson)}), ` +
      `whole replay record JSON ${mb(replayJson)} (${sagaRuns} saga runs kept), heap after the run ${gc ? `+${mb(heap1 - heap0)} (result and record)` : 'n/a (run with --expose-gc)'}`,
  );

  // Chart graphs: every machine of the design, as the tab's target list and chart would.
  const build = time(() => targets.map((t) => chartOf(t)));
  const charts = targets.map((t) => chartOf(t));
  const keys = new Map(charts.map((c) => [c.key, c]));
  const sagaBuild = time(() => targets.filter((t) => t.kind === 'saga').map((t) => chartOf(t)));
  console.log(
    `  chart graphs of all ${targets.length} machines: ${ms(build)} (the 8-step saga's unrolling: ${ms(sagaBuild)}); ${keys.size} distinct charts`,
  );

  // Layouts: elkjs as the worker runs it (a fresh ELK: cold), one per distinct chart key.
  const layOut = async (c: (typeof charts)[number], elk: InstanceType<typeof ELK>): Promise<ChartLayout> => {
    const grid = gridLayout(c);
    if (grid) return grid;
    const g = chartLayoutGraph(c);
    return readChartLayout(g, (await elk.layout(structuredClone(g) as never)) as unknown as ChartLayoutGraph);
  };
  const firstElk = new ELK();
  const tFirst = performance.now();
  await layOut(
    charts.find((c) => c.machine === 'breaker')!,
    firstElk,
  );
  const first = performance.now() - tFirst;
  const perChart = await timeAsync(async () => {
    const elk = new ELK();
    for (const c of keys.values()) await layOut(c, elk);
  }, 3);
  const uncached = await timeAsync(async () => {
    for (const c of charts) await layOut(c, firstElk);
  }, 1);
  const sagaChart = charts.find((c) => c.machine === 'saga')!;
  const grid = time(() => gridLayout(sagaChart), 50);
  const cache = new Map([...keys.keys()].map((k) => [k, Promise.resolve(null)]));
  const cached = time(() => charts.forEach((c) => cache.get(c.key)), 50);
  console.log(
    `  layout: first breaker chart ${ms(first)} (elkjs warming up); the ${keys.size} distinct charts ${ms(perChart)}; ` +
      `all ${charts.length} without the cache ${ms(uncached)}; cached (by key) ${us(cached / charts.length)} per chart; the saga's grid ${ms(grid)}`,
  );

  // Scrubbing: what one step of the scrubber computes (ChartsPanel/replayModel): the followed
  // replica's state and last change, and every replica's state for the counts.
  const busiest = [...recs].sort((a, b) => count(b[1]) - count(a[1]))[0]!;
  const steps = 400;
  const at = (i: number) => ((i + 0.5) / steps) * SECONDS * 1000;
  const scrub = (rs: Map<number, Recording>, i: number) => {
    const t = at(i);
    const first = rs.values().next().value;
    if (first) {
      stateAt(first, t);
      changeAt(first, t);
    }
    for (const r of rs.values()) stateAt(r, t);
  };
  const one = time(() => {
    for (let i = 0; i < steps; i++) scrub(busiest[1], i);
  }, 20);
  const all = time(() => {
    for (let i = 0; i < steps; i++) for (const r of recs.values()) scrub(r, i);
  }, 5);
  const stops = time(() => changeTimes(busiest[1].values()), 20);
  console.log(
    `  scrub step: the busiest breaker (${busiest[0]}, ${busiest[1].size} replicas, ${count(busiest[1])} changes) ${us(one / steps)}; ` +
      `all 100 breakers ${us(all / steps)}; its scrubber stops once per machine ${ms(stops)}`,
  );
}

function count(rs: Map<number, Recording>): number {
  let n = 0;
  for (const r of rs.values()) n += r.changes.length;
  return n;
}

await main();
