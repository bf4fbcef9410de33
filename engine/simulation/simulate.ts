// simulate(design, options) -> SimulationResult: the discrete-event simulation of a design as
// simulation.md defines it (what happens to a request, resilience as resilience4j/Envoy/HPA do
// it, faults, the JSON results). Deterministic for a given seed: one random stream per component,
// events ordered by (time, insertion). Statistics stream (HDR histograms, time integrals), so
// memory follows what is in flight, not the run length. The breaker, rate limiter, autoscaler
// and saga orchestrator are XState charts run by their compiled steppers (machines/).
//
// This file wires the run together; each concern is a module (SimPy's core/events/resources
// split, Ciw's Node/ArrivalNode/Individual):
//   kernel.ts     clock, event queue, dispatch (events.ts: the event types)
//   runtime.ts    the records a run holds (nodes, replicas, edges, calls, visits, messages)
//   build.ts      the design -> the records; sizes refused up front
//   clients.ts    arrivals and end-to-end outcomes
//   calls.ts      tries, timeouts, retries, breakers
//   nodes.ts      a request at a node: queueing, own work, its calls, its end
//   replicas.ts   replicas and balancing
//   messaging.ts  queues, topics, redelivery, DLQ
//   sagas.ts      the saga orchestrator
//   faults.ts     scenario faults;  scaling.ts  the autoscaler
//   collect.ts    statistics and the results JSON
import { applyOverrides, type Design, type Distribution } from '../model/index.js';
import { Kernel, SimulationCancelled } from './kernel.js';
import { Limits, MAX_POINTS, type CallStats, type ClientRt, type FaultRt, type NodeRt } from './runtime.js';
import { buildModel, checkSizes } from './build.js';
import { Collector } from './collect.js';
import { Clients } from './clients.js';
import { Calls } from './calls.js';
import { Nodes } from './nodes.js';
import { Replicas } from './replicas.js';
import { Messaging } from './messaging.js';
import { Sagas } from './sagas.js';
import { Faults } from './faults.js';
import { Scaling } from './scaling.js';
import { ReplayRecorder } from './recording.js';
import type { SimulationResult } from './result.js';

export { SimulationCancelled };
export { MAX_REPLICAS } from './runtime.js';

export interface SimulationProgress {
  events: number;
  /** Simulated time reached (ms). */
  time: number;
  duration: number;
}

export interface SimulateOptions {
  /** A scenario of the design; none: 60 s of nominal traffic. */
  scenario?: string;
  /** Default: the scenario's seed, else 1. */
  seed?: number;
  /** Overrides the scenario's duration (ms). */
  duration?: number;
  onProgress?: (p: SimulationProgress) => void;
  /** Checked with each progress report; true stops the run (SimulationCancelled). */
  shouldCancel?: () => boolean;
  /** Events between progress reports (default 65536). */
  progressEvery?: number;
  /** A wall clock in ms for stats.wallMs (the engine never reads one itself). */
  clock?: () => number;
  /** Traces kept (default 20). */
  maxTraces?: number;
  /**
   * Guard rail: requests in flight at nodes (waiting, in service, or delayed on an edge) at
   * most; past it an arrival is turned away as `rejected` and counted in stats.capped.
   * Default 100 000.
   */
  maxInFlight?: number;
  /** Guard rail: messages waiting in all backlogs at most; past it a publish is lost (counted
   * as failed at the queue/topic and in stats.capped). Default 1 000 000. */
  maxBacklog?: number;
  /** Guard rail: kernel events at most; the run then ends early (stats.stopped "events").
   * Default 50 000 000. */
  maxEvents?: number;
  /** Keep the machines' histories the app's state charts replay (results' `replay`). */
  replay?: boolean;
}

/** A run that cannot be done; `path` names the design field at fault when there is one. */
export class SimulationError extends Error {
  constructor(
    message: string,
    readonly path?: (string | number)[],
  ) {
    super(message);
  }
}
/** Resolves the scenario and its `set`; the design to run, and the run's parameters. */
export function prepareRun(
  design: Design,
  opts: Pick<SimulateOptions, 'scenario' | 'seed' | 'duration'>,
): { design: Design; scenario: string | null; seed: number; duration: number; warmup: number } {
  let d = design;
  let duration = 60_000;
  let warmup = 0;
  let seed = 1;
  if (opts.scenario !== undefined) {
    const sc = design.scenarios[opts.scenario];
    if (!sc) {
      const names = Object.keys(design.scenarios);
      throw new SimulationError(
        `unknown scenario "${opts.scenario}"${names.length ? ` (the design has: ${names.join(', ')})` : ' (the design has none)'}`,
      );
    }
    const o = applyOverrides(design, sc.set);
    if (!o.design) throw new SimulationError(`scenario "${opts.scenario}": ${o.errors.join('; ')}`, ['scenarios', opts.scenario, 'set']);
    d = o.design;
    duration = sc.duration;
    warmup = sc.warmup;
    if (sc.seed !== undefined) seed = sc.seed;
  }
  if (opts.seed !== undefined) seed = opts.seed;
  if (opts.duration !== undefined) duration = opts.duration;
  warmup = Math.min(warmup, duration);
  return { design: d, scenario: opts.scenario ?? null, seed, duration, warmup };
}

export function simulate(input: Design, opts: SimulateOptions = {}): SimulationResult {
  const run = prepareRun(input, opts);
  return new Simulation(run, opts).run();
}

/** One run: its parameters, its model, and the concern modules that work on it. */
export class Simulation {
  readonly k = new Kernel();
  readonly design: Design;
  readonly scenarioName: string | null;
  readonly seed: number;
  readonly duration: number;
  readonly warmup: number;
  readonly lim: Limits;
  // The model (build.ts).
  readonly nodeRt = new Map<string, NodeRt>();
  readonly clientRt = new Map<string, ClientRt>();
  readonly callStats = new Map<string, CallStats>();
  readonly faultRt: FaultRt[] = [];
  // The concerns.
  readonly collect: Collector;
  readonly clients: Clients;
  readonly calls: Calls;
  readonly nodes: Nodes;
  readonly replicas: Replicas;
  readonly messaging: Messaging;
  readonly sagas: Sagas;
  readonly faults: Faults;
  readonly scaling: Scaling;
  /** The replay record, when asked for (recording.ts). */
  readonly replay: ReplayRecorder | null;

  constructor(
    run: ReturnType<typeof prepareRun>,
    private readonly opts: SimulateOptions,
  ) {
    this.design = run.design;
    this.duration = run.duration;
    this.warmup = run.warmup;
    this.seed = run.seed;
    this.scenarioName = run.scenario;
    if (!Number.isFinite(this.duration) || this.duration < 0)
      throw new SimulationError(`duration: expected a finite time of at least 0 ms, got ${this.duration}`, ['duration']);
    this.lim = new Limits(opts.maxInFlight ?? 100_000, opts.maxBacklog ?? 1_000_000, opts.maxEvents ?? 50_000_000);
    checkSizes(this.design, this.scenarioName, this.duration, this.lim.maxEvents);
    const interval = 1000 * Math.max(1, Math.ceil(this.duration / 1000 / MAX_POINTS));
    this.collect = new Collector(this, interval, opts.maxTraces ?? 20);
    this.clients = new Clients(this);
    this.calls = new Calls(this);
    this.nodes = new Nodes(this);
    this.replicas = new Replicas(this);
    this.messaging = new Messaging(this);
    this.sagas = new Sagas(this);
    this.faults = new Faults(this);
    this.scaling = new Scaling(this);
    buildModel(this);
    this.replay = opts.replay ? new ReplayRecorder(this) : null;
  }

  run(): SimulationResult {
    const clock = this.opts.clock;
    const t0 = clock ? clock() : 0;
    this.clients.start();
    this.scaling.start();
    this.collect.start();
    this.k.run({
      end: this.duration,
      maxEvents: this.lim.maxEvents,
      progressEvery: this.opts.progressEvery ?? 65_536,
      onProgress: this.opts.onProgress,
      shouldCancel: this.opts.shouldCancel,
    });
    const wallMs = clock ? clock() - t0 : 0;
    const result = this.collect.result(wallMs);
    if (this.replay) result.replay = this.replay.result();
    return result;
  }
}

export type { Distribution };
