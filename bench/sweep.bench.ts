// npm run bench: a sweep of the e-commerce template, 8 multipliers x 5 replications of its
// nominal 60 s (simulation.md's defaults), on 1 worker thread and on all cores, as
// `meshwright sweep` runs it (tinypool workers loading the engine, worker start-up included).
// Prints both wall times and the speed-up; the documents must be identical (wall time aside).
// BENCH_SWEEP_DURATION (ms) shortens each run for a quick look.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { aggregateSweep, parseDesign, sweepPlan, type SweepOptions } from '../engine/index.js';
import { runOnThreads } from '../cli/commands/sweep.js';

const file = new URL('../templates/e-commerce.arch.yaml', import.meta.url);
const design = parseDesign(readFileSync(file, 'utf8'), 'e-commerce.arch.yaml').design!;
const duration = process.env.BENCH_SWEEP_DURATION ? Number(process.env.BENCH_SWEEP_DURATION) : undefined;
const opts: SweepOptions = { steps: 8, replications: 5, ...(duration ? { duration } : {}) };
const plan = sweepPlan(opts, design);
const cores = availableParallelism();

async function timed(threads: number) {
  const t0 = performance.now();
  const c0 = process.cpuUsage(); // the process's CPU time, worker threads included
  const summaries = await runOnThreads(design, opts, plan, threads);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1000;
  const doc = JSON.stringify({ ...aggregateSweep(design, opts, summaries), stats: null });
  return { ms, doc, cpu, text: `${(ms / 1000).toFixed(1)} s (CPU ${(cpu / 1000).toFixed(1)} s: ${(cpu / ms).toFixed(2)} cores busy)` };
}

// The machine's load beside the figures: on a shared machine the speed-up is only what is free.
const load = () => loadavg()[0]!.toFixed(1);
console.log(`sweep: e-commerce, ${plan.length} runs (8 x 5) of ${(duration ?? 60_000) / 1000} s simulated; load average ${load()}`);
const one = await timed(1);
console.log(`  1 thread:  ${one.text}`);
const all = await timed(cores);
console.log(`  ${cores} threads: ${all.text} (all cores)`);
console.log(
  `  speed-up: ${(one.ms / all.ms).toFixed(2)}x on ${cores} cores; load average ${load()}${all.doc === one.doc ? '' : '  (documents DIFFER)'}`,
);
if (all.doc !== one.doc) process.exitCode = 1;
