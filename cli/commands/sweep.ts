// meshwright sweep <design> [--scenario NAME] [--traffic 0.5..4] [--steps 8] [--replications 5]
// [--seed N] [--threads N] [--duration D] [--json]: a load sweep with replications (simulation.md
// "Sweeps and replications"). The engine plans the runs and folds their summaries; the runs go
// to a pool of worker_threads (tinypool), each loading the engine (sweep.worker.mjs). Results
// are placed by plan index, so the document is the same whatever the thread count.
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import {
  aggregateSweep,
  prepareRun,
  resolveSweep,
  SimulationError,
  sweepPlan,
  SWEEP_DEFAULTS,
  SWEEP_LIMITS,
  type Design,
  type RunSummary,
  type SweepOptions,
  type SweepRun,
  type SweepResult,
} from '../../engine/index.js';
import { CliError, EXIT, loadDesign, scanArgs, type Io } from '../io.js';
import { durationFlag, entryLabel, seedFlag, sloFigure } from './simulate.js';

export const help = `Usage: meshwright sweep <design> [--scenario NAME] [--traffic 0.5..4] [--steps 8] [--replications 5] [--seed N] [--threads N] [--duration D] [--json]

Runs the scenario (or nominal traffic) at --steps traffic multipliers evenly spaced over
--traffic A..B (both ends included; on top of the scenario's own traffic), each --replications
times with seeds seed, seed+1, ..., spread over --threads worker threads (default: the
machine's cores). Prints, per multiplier, throughput, error rate, p50 and p99 with 95 %
confidence intervals, the share of replications meeting the objectives (slo) and the busiest
node, then the knee: the largest multiplier at which every objective is met in every
replication (without objectives: errors under 1 % and every node under 0.9 utilization), with
the node that saturates past it. --json prints the sweep document instead. --duration
overrides the scenario's duration per run. Ctrl-C cancels (exit 130).
Exit codes: 0 done, 1 invalid design, 2 wrong usage, unknown scenario or unreadable file.`;

interface Args {
  file: string;
  opts: SweepOptions;
  durationText?: string;
  threads?: number;
  json: boolean;
}

function usage(msg: string): never {
  throw new CliError(`sweep: ${msg}\n\n${help}`, EXIT.usage);
}

const wholeNumber = (flag: string, v: string, max: number, what: string): number => {
  if (!/^\d+$/.test(v) || !(Number(v) >= 1 && Number(v) <= max)) usage(`${flag} expects ${what} from 1 to ${max}, got "${v}"`);
  return Number(v);
};

export function parseArgs(args: string[]): Args {
  const opts: SweepOptions = {};
  let threads: number | undefined;
  let json = false;
  let durationText: string | undefined;
  const files = scanArgs(args, usage, (flag, value) => {
    switch (flag) {
      case '--json':
        json = true;
        break;
      case '--scenario':
        opts.scenario = value();
        break;
      case '--traffic': {
        const v = value();
        const m = /^(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?)$/.exec(v);
        if (!m) usage(`--traffic expects multipliers A..B such as 0.5..4, got "${v}"`);
        const [from, to] = [Number(m[1]), Number(m[2])];
        if (!(from > 0)) usage(`--traffic expects multipliers above 0 (0 sends no requests), got "${v}"`);
        if (from > to) usage(`--traffic expects A..B with A <= B (the smaller multiplier first), got "${v}"`);
        if (to > SWEEP_LIMITS.traffic) usage(`--traffic expects multipliers up to ${SWEEP_LIMITS.traffic}, got "${v}"`);
        opts.traffic = [from, to];
        break;
      }
      case '--steps':
        opts.steps = wholeNumber('--steps', value(), SWEEP_LIMITS.steps, 'a whole number of multipliers');
        break;
      case '--replications':
        opts.replications = wholeNumber('--replications', value(), SWEEP_LIMITS.replications, 'a whole number of runs per multiplier');
        break;
      case '--threads':
        threads = wholeNumber('--threads', value(), 256, 'a whole number of worker threads');
        break;
      case '--seed': {
        const seed = seedFlag(value());
        if (typeof seed === 'string') usage(seed);
        opts.seed = seed;
        break;
      }
      case '--duration': {
        const v = value();
        const ms = durationFlag(v);
        if (typeof ms === 'string') usage(ms);
        opts.duration = ms;
        durationText = v;
        break;
      }
      default:
        return false;
    }
    return true;
  });
  if (files.length !== 1) usage('expected exactly one design file');
  const steps = opts.steps ?? SWEEP_DEFAULTS.steps;
  const [from, to] = opts.traffic ?? SWEEP_DEFAULTS.traffic;
  if (steps === 1 && from !== to)
    usage(`--steps 1 cannot include both ends of --traffic ${from}..${to}; use --steps 2 or more, or --traffic ${from}..${from}`);
  const runs = steps * (opts.replications ?? SWEEP_DEFAULTS.replications);
  if (runs > SWEEP_LIMITS.runs) usage(`--steps x --replications: at most ${SWEEP_LIMITS.runs} runs, got ${runs}`);
  return { file: files[0]!, opts, durationText, threads, json };
}

function bar(io: Io, total: number, threads: number) {
  let shown = false;
  return {
    update(done: number) {
      const w = 30;
      const fill = Math.round((w * done) / total);
      io.err(`\r[${'#'.repeat(fill)}${'.'.repeat(w - fill)}] ${done}/${total} runs on ${threads} thread${threads === 1 ? '' : 's'}`);
      shown = true;
    },
    done() {
      if (shown) io.err('\r\x1b[K');
    },
  };
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
const pm = (iv: { mean: number; ci: [number, number] }, f: (x: number) => string) =>
  iv.ci[1] > iv.ci[0] ? `${f(iv.mean)} ± ${f((iv.ci[1] - iv.ci[0]) / 2)}` : f(iv.mean);
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
/** A multiplier as read: x1.5, x2.333. */
const times = (m: number) => `x${+m.toFixed(3)}`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === rows[0]!.length - 1 ? cell : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

export function summary(r: SweepResult, design: Parameters<typeof entryLabel>[0]): string {
  const lines: string[] = [];
  lines.push(
    `${r.design} · ${r.scenario ?? 'nominal traffic'} · ${r.points.length} multipliers x ${r.replications} replications · seed ${r.seed}` +
      ` · 95 % intervals (Student t)`,
  );
  lines.push('');
  const withSlos = r.points[0] !== undefined && r.points[0].slos.length > 0;
  const rows = [['traffic', 'throughput', 'errors', 'p50', 'p99', ...(withSlos ? ['SLOs met'] : []), 'busiest node']];
  for (const p of r.points) {
    const met = p.slos.filter((s) => s.met === 1).length;
    rows.push([
      times(p.traffic),
      pm(p.throughput, (x) => `${x.toFixed(1)}/s`),
      pm(p.errorRate, pct),
      pm(p.p50, ms),
      pm(p.p99, ms),
      ...(withSlos ? [`${met}/${p.slos.length}`] : []),
      p.busiest ? `${p.busiest.node} ${(p.busiest.utilization * 100).toFixed(0)} %` : '-',
    ]);
  }
  lines.push(table(rows));
  // The objectives missed somewhere, with where they started to fail.
  if (withSlos) {
    const missed = r.points[0]!.slos.map((s, k) => ({ s, first: r.points.find((p) => p.slos[k]!.met < 1) }));
    for (const { s, first } of missed)
      if (first) {
        const at = first.slos.find((x) => x.client === s.client && x.request === s.request && x.objective === s.objective)!;
        lines.push(
          `  ${s.objective} <= ${sloFigure(s.objective, s.target)} for ${entryLabel(design, s)}: missed from ${times(first.traffic)}` +
            ` (${at.value ? sloFigure(s.objective, at.value.mean) : 'no requests'}, met in ${(at.met * 100).toFixed(0)} % of runs)`,
        );
      }
  }
  lines.push('');
  const rule = withSlos ? 'every objective met in every replication' : 'errors under 1 % and every node under 90 % utilization';
  if (r.knee === null) lines.push(`knee: none — already at ${times(r.points[0]?.traffic ?? 0)} not every replication has ${rule}`);
  else if (r.knee.traffic === r.points[r.points.length - 1]!.traffic)
    lines.push(
      `knee: at least ${times(r.knee.traffic)} (${rule} up to the largest multiplier)${r.knee.saturates ? `; the busiest node there: ${r.knee.saturates}` : ''}`,
    );
  else {
    const next = r.points[r.points.findIndex((p) => p.traffic === r.knee!.traffic) + 1]!;
    const busy = next.busiest ? `${next.busiest.node} (${(next.busiest.utilization * 100).toFixed(0)} %)` : 'none';
    lines.push(`knee: ${times(r.knee.traffic)} (${rule}); the busiest node past it: ${busy}`);
    // With objectives, the lines above already say which were missed where.
    if (!withSlos) lines.push(`  at ${times(next.traffic)}: ${whyFails(next)}`);
  }
  lines.push(`${r.stats.runs} runs in ${(r.stats.wallMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}

/** What made a point fail the knee's test, from its figures (the test itself is per replication). */
function whyFails(p: SweepResult['points'][number]): string {
  const why: string[] = [];
  if (p.errorRate.ci[1] >= 0.01) why.push(`errors ${pct(p.errorRate.mean)}`);
  if (p.busiest && p.busiest.utilization >= 0.85)
    why.push(`${p.busiest.node} at ${(p.busiest.utilization * 100).toFixed(0)} % utilization`);
  return why.length ? why.join(', ') : 'errors reached 1 % or a node 90 % utilization in some replication';
}

/** The worker entry: plain .mjs that registers tsx, so it loads the TypeScript engine from source. */
const WORKER = new URL('./sweep.worker.mjs', import.meta.url);

/**
 * Runs the plan on a pool of worker threads; each summary lands at its plan index, so the
 * result does not depend on which thread ran what or when it finished. An abort (or a failed
 * run) stops the rest and terminates the workers. Used by the command and bench/sweep.bench.ts.
 */
export async function runOnThreads(
  design: Design,
  opts: SweepOptions,
  plan: SweepRun[],
  threads: number,
  signal?: AbortSignal,
  onDone?: (done: number) => void,
): Promise<RunSummary[]> {
  const pool = new Tinypool({ filename: WORKER.href, minThreads: threads, maxThreads: threads, idleTimeout: 1000 });
  const stop = new AbortController();
  setMaxListeners(plan.length + 10, stop.signal); // every queued task listens for the abort
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort);
  const summaries: RunSummary[] = new Array(plan.length);
  let done = 0;
  try {
    await Promise.all(
      plan.map(async (run) => {
        summaries[run.index] = (await pool.run({ design, opts, run }, { signal: stop.signal })) as RunSummary;
        onDone?.(++done);
      }),
    );
    return summaries;
  } catch (e) {
    stop.abort(); // one failed run stops the rest
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool.destroy(); // terminates the workers, mid-run when aborted
  }
}

export async function run(args: string[], io: Io): Promise<number> {
  const a = parseArgs(args);
  const { design } = loadDesign(a.file, io);
  let plan;
  try {
    // An unknown scenario, or a `set` that breaks the design, before any worker starts.
    const prepared = prepareRun(design, { scenario: a.opts.scenario, duration: a.opts.duration });
    const warmup = a.opts.scenario !== undefined ? design.scenarios[a.opts.scenario]!.warmup : 0;
    if (prepared.duration <= warmup)
      throw new CliError(
        `sweep: --duration ${a.durationText ?? `${prepared.duration} ms`} is not longer than the scenario's warmup (${warmup / 1000} s): nothing would be measured`,
        EXIT.usage,
      );
    resolveSweep(a.opts, design);
    plan = sweepPlan(a.opts, design);
  } catch (e) {
    if (e instanceof SimulationError) {
      const unknown = e.message.startsWith('unknown scenario');
      throw new CliError(`${a.file}: ${e.message}`, unknown || e.path ? EXIT.usage : EXIT.invalid);
    }
    throw e;
  }
  if (!Object.values(design.nodes).some((n) => n.kind === 'client'))
    throw new CliError(`${a.file}: the design has no clients: a sweep multiplies client traffic, so there is nothing to sweep`, EXIT.usage);

  const threads = Math.max(1, Math.min(a.threads ?? availableParallelism(), plan.length));
  const t0 = performance.now();
  const abort = new AbortController();
  let cancelled = false;
  const onSigint = () => {
    cancelled = true;
    abort.abort();
  };
  process.once('SIGINT', onSigint);
  const progress = io.tty ? bar(io, plan.length, threads) : null;
  let done = 0;
  let summaries: RunSummary[];
  try {
    progress?.update(0);
    summaries = await runOnThreads(design, a.opts, plan, threads, abort.signal, (n) => progress?.update((done = n)));
  } catch (e) {
    if (cancelled) throw new CliError(`\nsweep: cancelled after ${done} of ${plan.length} runs`, 130);
    const msg = (e as Error).message ?? String(e);
    throw new CliError(`${a.file}: sweep run failed: ${msg}`, EXIT.invalid);
  } finally {
    process.removeListener('SIGINT', onSigint);
    progress?.done();
  }
  const result = aggregateSweep(design, a.opts, summaries, performance.now() - t0);
  io.out(a.json ? `${JSON.stringify(result, null, 2)}\n` : `${summary(result, design)}\n`);
  return EXIT.ok;
}
