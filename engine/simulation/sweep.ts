// Load sweeps with replications (simulation.md "Sweeps and replications"): one scenario at
// several traffic multipliers, each run with seeds seed, seed+1, ...; per multiplier the mean
// and a Student-t 95 % interval of each figure, each SLO's share of replications met, the
// busiest node; then the knee. Split in three pure steps so the runs can go to any pool of
// workers (the CLI's worker_threads, the app's Web Workers): sweepPlan lists the runs in a
// fixed order, runSweepOne does one run and returns a small summary (plain numbers), and
// aggregateSweep folds the summaries, in plan order, into the document. The same plan gives
// the same document whatever ran the runs, and in whatever order they finished.
import type { Design } from '../model/index.js';
import { prepareRun, simulate, SimulationError } from './simulate.js';
import { entryObjectives, type SloObjective } from './slo.js';
import { tQuantile } from './tdist.js';

export interface SweepOptions {
  scenario?: string;
  /** Multipliers from..to, both included (default 0.5..4). */
  traffic?: [number, number];
  /** How many multipliers (default 8). */
  steps?: number;
  /** Runs per multiplier (default 5). */
  replications?: number;
  /** The first replication's seed (default: the scenario's seed, else 1). */
  seed?: number;
  /** Overrides the scenario's duration (ms). */
  duration?: number;
}

export const SWEEP_DEFAULTS = { traffic: [0.5, 4] as [number, number], steps: 8, replications: 5 };
/** Bounds that keep a sweep finite: a user typo (10000 replications) is refused, not run for hours. */
export const SWEEP_LIMITS = { steps: 100, replications: 1000, runs: 10_000, traffic: 1000 };

export interface SweepRun {
  /** Position in the plan: step * replications + replication. */
  index: number;
  traffic: number;
  replication: number;
  seed: number;
}

/** One run, reduced to what the aggregation needs (plain numbers: cheap to post between threads). */
export interface RunSummary {
  index: number;
  throughput: number;
  /** failed / total client requests (0 without requests). */
  errorRate: number;
  p50: number;
  p99: number;
  /** Each SLO's value, in evaluateSlos order (null: no finished requests). */
  slo: (number | null)[];
  /** 1 when that SLO was met, else 0. */
  met: number[];
  /** Every node's utilization, in the design's node order. */
  utilization: number[];
  /** Requests turned away by the guard rails (an overloaded run). */
  capped: number;
}

export interface Interval {
  mean: number;
  /** 95 % Student-t interval of the mean ([mean, mean] with one replication). */
  ci: [number, number];
}

export interface SweepSlo {
  client: string;
  request: number;
  objective: SloObjective;
  target: number;
  /** Share of replications that met it. */
  met: number;
  /** Over the replications that had a value; null when none had. */
  value: Interval | null;
}

export interface SweepPoint {
  traffic: number;
  throughput: Interval;
  errorRate: Interval;
  p50: Interval;
  p99: Interval;
  slos: SweepSlo[];
  /** The node with the highest mean utilization; null when no node worked. */
  busiest: { node: string; utilization: number } | null;
}

export interface SweepResult {
  design: string;
  scenario: string | null;
  seed: number;
  replications: number;
  points: SweepPoint[];
  knee: { traffic: number; saturates: string | null } | null;
  stats: { runs: number; wallMs: number };
}

/** Rounds to 6 decimals (ms and fractions alike), so documents compare byte for byte. */
const r6 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : 0);

interface Resolved {
  traffic: [number, number];
  steps: number;
  replications: number;
  seed: number;
}

/** Options with defaults applied and checked; errors name the option and what is expected. */
export function resolveSweep(opts: SweepOptions, design?: Design): Resolved {
  const [from, to] = opts.traffic ?? SWEEP_DEFAULTS.traffic;
  const steps = opts.steps ?? SWEEP_DEFAULTS.steps;
  const replications = opts.replications ?? SWEEP_DEFAULTS.replications;
  const scenarioSeed = opts.scenario !== undefined ? design?.scenarios[opts.scenario]?.seed : undefined;
  const seed = opts.seed ?? scenarioSeed ?? 1;
  const L = SWEEP_LIMITS;
  // A multiplier of 0 has no requests, so nothing to measure (its objectives would all be unmet).
  if (!Number.isFinite(from) || !Number.isFinite(to) || !(from > 0) || to > L.traffic || from > to)
    throw new SimulationError(`traffic: expected multipliers A..B with 0 < A <= B <= ${L.traffic}, got ${from}..${to}`, ['traffic']);
  if (!Number.isInteger(steps) || steps < 1 || steps > L.steps)
    throw new SimulationError(`steps: expected a whole number from 1 to ${L.steps}, got ${steps}`, ['steps']);
  if (steps === 1 && from !== to)
    throw new SimulationError(`steps: 1 step cannot include both ends of ${from}..${to}; use 2 or more, or A..A`, ['steps']);
  if (!Number.isInteger(replications) || replications < 1 || replications > L.replications)
    throw new SimulationError(`replications: expected a whole number from 1 to ${L.replications}, got ${replications}`, ['replications']);
  if (steps * replications > L.runs)
    throw new SimulationError(`steps x replications: at most ${L.runs} runs, got ${steps} x ${replications} = ${steps * replications}`, [
      'replications',
    ]);
  if (!Number.isSafeInteger(seed)) throw new SimulationError(`seed: expected an integer, got ${seed}`, ['seed']);
  return { traffic: [from, to], steps, replications, seed };
}

/**
 * The runs, multiplier by multiplier, replications inside (the order of the document). Pass
 * the design so a scenario's own seed is the default seed, as `simulate` does.
 */
export function sweepPlan(opts: SweepOptions, design?: Design): SweepRun[] {
  const { traffic, steps, replications, seed } = resolveSweep(opts, design);
  const runs: SweepRun[] = [];
  for (let i = 0; i < steps; i++) {
    const m = steps === 1 ? traffic[0] : r6(traffic[0] + ((traffic[1] - traffic[0]) * i) / (steps - 1));
    for (let r = 0; r < replications; r++) runs.push({ index: i * replications + r, traffic: m, replication: r, seed: seed + r });
  }
  return runs;
}

/** The design with every client's traffic multiplied by m (on top of the scenario's own). */
function withTraffic(design: Design, scenario: string | undefined, m: number): Design {
  const clients = Object.entries(design.nodes).filter(([, n]) => n.kind === 'client');
  if (scenario !== undefined) {
    const sc = design.scenarios[scenario];
    if (!sc) return design; // simulate() refuses it with the list of scenarios
    const traffic = Object.fromEntries([
      ...Object.entries(sc.traffic),
      ...clients.map(([id]) => [id, (Object.hasOwn(sc.traffic, id) ? sc.traffic[id]! : 1) * m]),
    ]) as Record<string, number>;
    return { ...design, scenarios: { ...design.scenarios, [scenario]: { ...sc, traffic } } };
  }
  // No scenario: scale the clients themselves (a closed loop's users are rounded at run time,
  // as a scenario's multiplier is).
  const nodes = Object.fromEntries(
    Object.entries(design.nodes).map(([id, n]) => {
      if (n.kind !== 'client') return [id, n];
      const c = { ...n };
      if (c.rate !== undefined) c.rate *= m;
      if (c.users !== undefined) c.users *= m;
      return [id, c];
    }),
  ) as Design['nodes'];
  return { ...design, nodes };
}

/** One run of the plan: simulate() at its multiplier and seed, reduced to a summary. */
export function runSweepOne(design: Design, opts: SweepOptions, run: SweepRun): RunSummary {
  const r = simulate(withTraffic(design, opts.scenario, run.traffic), {
    scenario: opts.scenario,
    seed: run.seed,
    duration: opts.duration,
    maxTraces: 0,
  });
  return {
    index: run.index,
    throughput: r.throughput,
    errorRate: r.requests.total > 0 ? r.requests.failed / r.requests.total : 0,
    p50: r.latency.p50,
    p99: r.latency.p99,
    slo: r.slos.map((s) => s.value),
    met: r.slos.map((s) => (s.met ? 1 : 0)),
    utilization: Object.values(r.nodes).map((n) => n.utilization),
    capped: r.stats.capped,
  };
}

/** Mean and 95 % Student-t interval, summed in the given order (the plan's). */
export function meanInterval(xs: readonly number[]): Interval {
  const n = xs.length;
  if (n === 0) return { mean: 0, ci: [0, 0] };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  if (n < 2) return { mean: r6(mean), ci: [r6(mean), r6(mean)] };
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  const half = (tQuantile(0.975, n - 1) * Math.sqrt(ss / (n - 1))) / Math.sqrt(n);
  return { mean: r6(mean), ci: [r6(mean - half), r6(mean + half)] };
}

/** The sweep document from the summaries of every run of the plan (any order; sorted here). */
export function aggregateSweep(design: Design, opts: SweepOptions, summaries: RunSummary[], wallMs = 0): SweepResult {
  const plan = sweepPlan(opts, design);
  const { replications, seed } = resolveSweep(opts, design);
  const byIndex = new Map(summaries.map((s) => [s.index, s]));
  // The design as run (a scenario's `set` applied): its nodes and objectives.
  const runDesign = prepareRun(design, { scenario: opts.scenario }).design;
  const nodeIds = Object.keys(runDesign.nodes);
  const objectives: { client: string; request: number; objective: SloObjective; target: number }[] = [];
  for (const [id, n] of Object.entries(runDesign.nodes))
    if (n.kind === 'client')
      n.requests.forEach((e, i) => {
        for (const [objective, target] of entryObjectives(n.slo, e.slo)) objectives.push({ client: id, request: i, objective, target });
      });
  const points: SweepPoint[] = [];
  const passes: boolean[] = [];
  for (let start = 0; start < plan.length; start += replications) {
    const runs = plan.slice(start, start + replications).map((p) => {
      const s = byIndex.get(p.index);
      if (!s) throw new Error(`aggregateSweep: no summary for run ${p.index}`);
      return s;
    });
    const slos: SweepSlo[] = objectives.map((o, k) => {
      const values = runs.map((r) => r.slo[k]).filter((v): v is number => v !== null && v !== undefined);
      const met = runs.reduce((a, r) => a + (r.met[k] ?? 0), 0) / runs.length;
      return { ...o, met: r6(met), value: values.length ? meanInterval(values) : null };
    });
    // Ties go to the first node in the design's order.
    let top = -1;
    let topU = 0;
    for (let j = 0; j < nodeIds.length; j++) {
      const u = runs.reduce((a, r) => a + (r.utilization[j] ?? 0), 0) / runs.length;
      if (u > topU) [top, topU] = [j, u];
    }
    const busiest = top >= 0 ? { node: nodeIds[top]!, utilization: r6(topU) } : null;
    points.push({
      traffic: plan[start]!.traffic,
      throughput: meanInterval(runs.map((r) => r.throughput)),
      errorRate: meanInterval(runs.map((r) => r.errorRate)),
      p50: meanInterval(runs.map((r) => r.p50)),
      p99: meanInterval(runs.map((r) => r.p99)),
      slos,
      busiest,
    });
    // The knee's test, in every replication: every SLO met; without SLOs, errors under 1 % and
    // no node at 0.9 utilization or more.
    passes.push(
      objectives.length > 0
        ? runs.every((r) => r.met.every((m) => m === 1))
        : runs.every((r) => r.errorRate < 0.01 && r.utilization.every((u) => u < 0.9)),
    );
  }
  // The knee: the last multiplier before the first that fails.
  let knee: SweepResult['knee'] = null;
  const firstFail = passes.indexOf(false);
  const last = firstFail === -1 ? points.length - 1 : firstFail - 1;
  if (last >= 0) {
    const past = firstFail === -1 ? points[last]! : points[firstFail]!;
    knee = { traffic: points[last]!.traffic, saturates: past.busiest?.node ?? null };
  }
  return {
    design: design.name,
    scenario: opts.scenario ?? null,
    seed,
    replications,
    points,
    knee,
    stats: { runs: plan.length, wallMs: r6(wallMs) },
  };
}
