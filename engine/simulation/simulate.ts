// simulate(design, options) -> SimulationResult: the discrete-event simulation of a design as
// simulation.md defines it (what happens to a request, resilience as resilience4j/Envoy/HPA do
// it, faults, the JSON results). Deterministic for a given seed: one random stream per component,
// events ordered by (time, insertion). Statistics stream (HDR histograms, time integrals), so
// memory follows what is in flight, not the run length. The breaker, rate limiter, autoscaler
// and saga orchestrator are XState charts run by their compiled steppers (machines/).
import { applyOverrides, edges as designEdges, type Design, type DesignNode, type Distribution, type Retry } from '../model/index.js';
import { EventQueue } from './heap.js';
import { sampler, streamFor, hashString, type Rng } from './rng.js';
import { LatencyStat, r3 } from './stats.js';
import { BreakerInstance, breakerStore, type BreakerState } from './machines/breaker.js';
import { LimiterInstance, limiterStore } from './machines/rateLimiter.js';
import { ScalerInstance, scalerStore } from './machines/autoscaler.js';
import { compiledSaga, sagaStore, SAGA_EVENTS, type SagaEvent, type SagaIo, type SagaOutcome, type SagaStore } from './machines/saga.js';
import {
  CAUSES,
  type ByCause,
  type CallResult,
  type NodeResult,
  type SagaResult,
  type SeriesPoint,
  type SimulationResult,
  type Span,
  type Trace,
} from './result.js';

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
export class SimulationCancelled extends Error {}

// Outcome codes: -1 ok, else an index into CAUSES.
const OK = -1;
const ERROR = 0;
const TIMEOUT = 1;
const REJECTED = 2;
const BREAKER_OPEN = 3;
const RATE_LIMITED = 4;
const NO_REPLICA = 5;
const NOT_FOUND = 6;

// Event kinds.
const E_ARRIVAL = 0;
const E_WORK = 1;
const E_TIMEOUT = 2;
const E_RETRY = 3;
const E_DELIVER = 4;
const E_FAULT = 5;
const E_TICK = 6;
const E_READY = 7;
const E_START_CALL = 8;
const E_MARK = 9;
const E_FINISH = 10;

// Owners of a call.
const OWN_NONE = 0;
const OWN_VISIT = 1;
const OWN_CLIENT = 2;
const OWN_SAGA = 3;

// What a visit is waiting for after its own work.
const PH_CALLS = 0;
const PH_FORWARD = 1;
const PH_MISS = 2;
const PH_SAGA = 3;

// The causes a retry tries again (simulation.md): error, timeout, rejected, noReplica,
// rateLimited. notFound (404) and breakerOpen (also when it comes up from a callee) are final.
const RETRYABLE = Uint8Array.of(1, 1, 1, 0, 1, 1, 0);

const MAX_SPANS = 500;
const MAX_TRANSITIONS = 10_000;
/** Replicas a node may have (each version's, the autoscaler's max): more is refused up front. */
export const MAX_REPLICAS = 100_000;
/** A cap refusing this many times its size ends the run: the results say little by then. */
const STOP_AFTER_REFUSALS = 10;
/** Events at one simulated instant past which the clock is stuck (a zero-time loop). */
const STALL_EVENTS = 2_000_000;
/** Result deliveries nested on the call stack before the rest go through the event queue. */
const MAX_DEPTH = 64;
/** Series points at most; longer runs get a longer interval (whole seconds). */
const MAX_POINTS = 10_000;

class CallStats {
  attempts = 0;
  retries = 0;
  ok = 0;
  failed = 0;
  byCause = new Float64Array(CAUSES.length);
  transitions: CallResult['breaker']['transitions'] = [];
  /** Added by active `delay` faults on this edge. */
  delay = 0;
}

class Edge {
  breakers: (BreakerInstance | undefined)[] = [];
  // Pending per-try deadlines: the timeout is constant per edge, so deadlines arrive in order;
  // the open tries form an intrusive list in that order and one armed kernel timer per edge
  // serves them all. A try that ends unlinks itself at once (no allocation, nothing kept), so
  // memory follows the tries in flight, not rate x timeout.
  toFirst: CallRun | null = null;
  toLast: CallRun | null = null;
  armed = false;
  /** Inside onTimeouts: tries started meanwhile do not arm (the head re-arms at the end). */
  firing = false;
  /** Transitions before this time (the warmup) are not reported. */
  warmup = 0;
  constructor(
    readonly stats: CallStats,
    readonly to: NodeRt,
    readonly async: boolean,
    readonly probability: number,
    readonly timeout: number,
    readonly retry: Retry | undefined,
    readonly breakerCfg: Parameters<typeof breakerStore>[0] | undefined,
    readonly jitter: Rng,
  ) {}

  breakerFor(replica: number): BreakerInstance | null {
    if (!this.breakerCfg) return null;
    let b = this.breakers[replica];
    if (!b) {
      const stats = this.stats;
      const warmup = this.warmup;
      b = new BreakerInstance(
        breakerStore(this.breakerCfg, (at: number, from: BreakerState, to: BreakerState) => {
          if (at >= warmup && stats.transitions.length < MAX_TRANSITIONS) stats.transitions.push({ at: r3(at), replica, from, to });
        }),
      );
      this.breakers[replica] = b;
    }
    return b;
  }
}

class Replica {
  busy = 0;
  queue: Visit[] = [];
  qHead = 0;
  active: Visit[] = [];
  /** Not killed and not scaled away. */
  up = true;
  /** Up and started: the balancer may pick it. */
  serving = true;
  killed = false;
  gen = 0;
  constructor(
    readonly node: NodeRt,
    readonly idx: number,
    readonly ver: VersionRt,
  ) {}
  get waiting(): number {
    return this.queue.length - this.qHead;
  }
}

class VersionRt {
  replicas: Replica[] = [];
  rr = 0;
  wrrCurrent = 0;
  ring: Float64Array | null = null;
  ringRep: Int32Array | null = null;
  constructor(
    readonly name: string,
    readonly weight: number,
    readonly work: (r: Rng) => number,
    readonly errorRate: number,
  ) {}
}

class Backlog {
  items: Message[] = [];
  head = 0;
  rr = 0;
  constructor(
    readonly node: NodeRt,
    readonly consumers: NodeRt[],
    readonly edges: Edge[],
  ) {}
  get count(): number {
    return this.items.length - this.head;
  }
}

class Message {
  deliveries = 0;
  constructor(
    readonly backlog: Backlog,
    readonly published: number,
    readonly counted: boolean,
    readonly trace: TraceRt | null,
    readonly parentSpan: number,
    readonly key: number,
  ) {}
}

class TraceRt {
  spans: Span[] = [];
  constructor(readonly id: string) {}
  start(parent: number, node: string, at: number): number {
    if (this.spans.length >= MAX_SPANS) return -1;
    const i = this.spans.length;
    this.spans.push({
      spanId: (i + 1).toString(16).padStart(16, '0'),
      parentSpanId: parent >= 0 ? this.spans[parent]!.spanId : null,
      node,
      start: r3(at),
      end: -1,
      status: 'unfinished',
    });
    return i;
  }
  end(i: number, at: number, outcome: number): void {
    if (i < 0) return;
    const s = this.spans[i]!;
    s.end = r3(at);
    s.status = outcome === OK ? 'ok' : CAUSES[outcome]!;
  }
}

class NodeRt {
  versions: VersionRt[] = [];
  replicas: Replica[] = [];
  conc = 1;
  qlim = Infinity;
  calls: Edge[] = [];
  parallel = false;
  routes: { path: string; edge: Edge }[] = [];
  steps: { edge: Edge; compensable: boolean }[] = [];
  miss: Edge | null = null;
  hitRatio = 0;
  limiter: LimiterInstance | null = null;
  subs: Backlog[] = [];
  backlogs: Backlog[] = [];
  maxDeliveries = 3;
  dlq: NodeRt | null = null;
  dlqStats: CallStats | null = null;
  scaler: ScalerInstance | null = null;
  startup = 0;
  primary: VersionRt | null = null;
  // Faults.
  errOverride = NaN;
  latMul = 1;
  // Statistics.
  arrivals = 0;
  completed = 0;
  failed = 0;
  lat = new LatencyStat();
  busy = 0;
  waiting = 0;
  serving = 0;
  lastT = 0;
  busyArea = 0;
  qArea = 0;
  capArea = 0;
  maxQueue = 0;
  repMin = 0;
  repMax = 0;
  backlogCount = 0;
  backlogMax = 0;
  dlqCount = 0;
  // Autoscaler period accumulators (not clamped to the warmup).
  tBusy = 0;
  tCap = 0;
  saga: SagaResult | null = null;
  constructor(
    readonly id: string,
    readonly def: DesignNode,
    readonly rngWork: Rng,
    readonly rngLb: Rng,
    readonly rngCalls: Rng,
    readonly balancer: string,
  ) {}
}

class Visit {
  rep: Replica | null = null;
  inService = false;
  done = false;
  activeIdx = -1;
  start = 0;
  nextCall = 0;
  pending = 0;
  phase = PH_CALLS;
  forward: Edge | null = null;
  span = -1;
  saga: SagaRun | null = null;
  constructor(
    readonly node: NodeRt,
    readonly call: CallRun | null,
    readonly tryNo: number,
    readonly msg: Message | null,
    readonly key: number,
    readonly route: string | undefined,
    readonly trace: TraceRt | null,
    public arrive: number,
  ) {}
}

class CallRun {
  tryNo = 0;
  tryOpen = false;
  // The edge's list of pending deadlines (linked while the try is open and has a timeout).
  toAt = 0;
  toPrev: CallRun | null = null;
  toNext: CallRun | null = null;
  toLinked = false;
  tryStart = 0;
  epoch = -1;
  done = false;
  breaker: BreakerInstance | null = null;
  stepIdx = -1;
  isComp = false;
  constructor(
    readonly edge: Edge,
    readonly ownerKind: number,
    readonly owner: Visit | ClientReq | SagaRun | null,
    readonly callerReplica: number,
    readonly counted: boolean,
    readonly key: number,
    readonly route: string | undefined,
    readonly trace: TraceRt | null,
    readonly parentSpan: number,
  ) {}
}

class ClientReq {
  span = -1;
  constructor(
    readonly client: ClientRt,
    readonly start: number,
    readonly counted: boolean,
    readonly trace: TraceRt | null,
  ) {}
}

class SagaRun {
  state = 0;
  failCause = ERROR;
  store: SagaStore;
  constructor(
    readonly visit: Visit,
    readonly node: NodeRt,
    readonly counted: boolean,
    io: SagaIo,
  ) {
    this.store = sagaStore(
      node.steps.map((s) => s.compensable),
      io,
      this,
    );
  }
}

class ClientRt {
  entries: { edge: Edge; weight: number; route: string | undefined }[] = [];
  totalWeight = 0;
  gen = 0;
  mul = 1;
  arrivals = 0;
  ok = 0;
  failed = 0;
  lat = new LatencyStat();
  constructor(
    readonly id: string,
    readonly rate: number,
    readonly poisson: boolean,
    readonly keys: number,
    readonly rngArr: Rng,
    readonly rngMix: Rng,
  ) {}
}

interface FaultRt {
  node: NodeRt | null;
  client: ClientRt | null;
  stats: CallStats | null;
  errorRate?: number;
  latency?: number;
  kill?: number;
  delay?: number;
  traffic?: number;
  killed: Replica[];
  active: boolean;
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
    if (!o.design) throw new SimulationError(`scenario "${opts.scenario}": ${o.errors.join('; ')}`);
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
  return new Simulation(input, run, opts).run();
}

class Simulation {
  private readonly q = new EventQueue(4096);
  private now = 0;
  private events = 0;
  private readonly design: Design;
  private readonly duration: number;
  private readonly warmup: number;
  private readonly seed: number;
  private readonly nodes = new Map<string, NodeRt>();
  private readonly clients = new Map<string, ClientRt>();
  private readonly callStats = new Map<string, CallStats>();
  private readonly faults: FaultRt[] = [];
  // Client totals.
  private total = 0;
  private okCount = 0;
  private byCause = new Float64Array(CAUSES.length);
  private readonly lat = new LatencyStat();
  // Series.
  private readonly interval: number;
  private readonly sRps: Float64Array;
  private readonly sOk: Float64Array;
  private readonly sFailed: Float64Array;
  private readonly sP50: Float64Array;
  private readonly sP99: Float64Array;
  private sCur = 0;
  private readonly sLat = new LatencyStat();
  // Traces.
  private readonly traces: TraceRt[] = [];
  private readonly maxTraces: number;
  private readonly traceStride: number;
  private reqSeq = 0;
  private readonly sagaIo: SagaIo;
  // Guard rails.
  private inFlight = 0;
  private backlogTotal = 0;
  private capped = 0;
  private refusedInFlight = 0;
  private refusedBacklog = 0;
  private stopped: Stopped = null;
  private depth = 0;
  private readonly maxInFlight: number;
  private readonly maxBacklog: number;
  private readonly maxEvents: number;

  constructor(
    _input: Design,
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
    this.interval = 1000 * Math.max(1, Math.ceil(this.duration / 1000 / MAX_POINTS));
    const points = Math.max(1, Math.ceil(this.duration / this.interval));
    this.sRps = new Float64Array(points);
    this.sOk = new Float64Array(points);
    this.sFailed = new Float64Array(points);
    this.sP50 = new Float64Array(points);
    this.sP99 = new Float64Array(points);
    this.maxTraces = opts.maxTraces ?? 20;
    this.maxInFlight = opts.maxInFlight ?? 100_000;
    this.maxBacklog = opts.maxBacklog ?? 1_000_000;
    this.maxEvents = opts.maxEvents ?? 50_000_000;
    checkSizes(this.design, this.scenarioName, this.duration, this.maxEvents);
    this.sagaIo = {
      callStep: (s, i) => this.sagaCall(s.ref as SagaRun, i, false),
      compensate: (s, j) => this.sagaCall(s.ref as SagaRun, j, true),
      finish: (s, o) => this.sagaFinish(s.ref as SagaRun, o),
    };
    this.build();
    let expected = 0;
    for (const c of this.clients.values()) expected += (c.rate * (this.duration - this.warmup)) / 1000;
    this.traceStride = Math.max(1, Math.floor(expected / Math.max(1, this.maxTraces)));
  }

  private readonly scenarioName: string | null;

  private stream(id: string): Rng {
    return streamFor(this.seed, id);
  }

  // ---- building the model ----------------------------------------------------------------

  private build(): void {
    const design = this.design;
    const scenario = this.scenarioName !== null ? design.scenarios[this.scenarioName] : undefined;
    for (const [id, n] of Object.entries(design.nodes)) {
      if (n.kind === 'client') {
        const mul = scenario?.traffic[id] ?? 1;
        this.clients.set(
          id,
          new ClientRt(id, (n.rate ?? 0) * mul, n.arrival === 'poisson', n.keys, this.stream(`${id}#arrivals`), this.stream(`${id}#mix`)),
        );
        continue;
      }
      const lb = n.kind === 'gateway' || n.kind === 'service' || n.kind === 'saga' ? n.balancer : 'round_robin';
      const rt = new NodeRt(id, n, this.stream(`${id}#work`), this.stream(`${id}#lb`), this.stream(`${id}#calls`), lb);
      this.nodes.set(id, rt);
      switch (n.kind) {
        case 'gateway':
        case 'service':
        case 'saga': {
          rt.conc = n.concurrency;
          rt.qlim = n.queue;
          rt.parallel = n.parallel;
          const vs = n.versions && Object.keys(n.versions).length > 0 ? Object.entries(n.versions) : [['', { weight: 1 }] as const];
          for (const [name, v] of vs) {
            const ver = new VersionRt(
              name,
              v.weight,
              sampler(('latency' in v && v.latency) || n.latency),
              'errorRate' in v && v.errorRate !== undefined ? v.errorRate : n.errorRate,
            );
            const count = 'replicas' in v && v.replicas !== undefined ? v.replicas : n.replicas;
            for (let i = 0; i < count; i++) this.addReplica(rt, ver);
            rt.versions.push(ver);
          }
          rt.primary = rt.versions.reduce((a, b) => (b.weight > a.weight ? b : a));
          if (n.kind === 'gateway' && n.rateLimit !== undefined) rt.limiter = new LimiterInstance(limiterStore(n.rateLimit));
          if (n.autoscale) {
            const cfg = n.autoscale;
            rt.startup = cfg.startup;
            rt.scaler = new ScalerInstance(scalerStore(cfg, (want, at) => this.scaleTo(rt, want, at)));
          }
          break;
        }
        case 'database':
        case 'cache': {
          rt.conc = n.connections;
          const ver = new VersionRt('', 1, sampler(n.latency), n.kind === 'database' ? n.errorRate : 0);
          this.addReplica(rt, ver);
          rt.versions.push(ver);
          rt.primary = ver;
          if (n.kind === 'cache') rt.hitRatio = n.hitRatio;
          break;
        }
        case 'queue':
        case 'topic':
          rt.maxDeliveries = n.maxDeliveries;
          break;
      }
      rt.serving = rt.replicas.length;
    }
    // Edges, in the graph's order; stats are shared by every edge with the same from->to.
    for (const e of designEdges(design)) {
      const key = `${e.from}->${e.to}`;
      let stats = this.callStats.get(key);
      if (!stats) this.callStats.set(key, (stats = new CallStats()));
      const to = this.nodes.get(e.to);
      if (!to) continue;
      let probability = 1;
      if (e.kind === 'call') {
        const from = design.nodes[e.from]!;
        if (from.kind === 'gateway' || from.kind === 'service' || from.kind === 'saga') probability = from.calls[e.index!]!.probability;
      }
      const edge = new Edge(
        stats,
        to,
        e.async,
        probability,
        e.policy.timeout ?? Infinity,
        e.policy.retry,
        e.policy.breaker,
        this.stream(`${key}#${e.kind}${e.index ?? ''}#jitter`),
      );
      edge.warmup = this.warmup;
      const client = this.clients.get(e.from);
      if (client) {
        const entry = (design.nodes[e.from] as Extract<DesignNode, { kind: 'client' }>).requests[e.index!]!;
        client.entries.push({ edge, weight: entry.weight, route: entry.route });
        client.totalWeight += entry.weight;
        continue;
      }
      const from = this.nodes.get(e.from)!;
      switch (e.kind) {
        case 'call':
          from.calls.push(edge);
          break;
        case 'route': {
          const r = (from.def as Extract<DesignNode, { kind: 'gateway' }>).routes[e.index!]!;
          from.routes.push({ path: r.path, edge });
          break;
        }
        case 'step': {
          const s = (from.def as Extract<DesignNode, { kind: 'saga' }>).steps[e.index!]!;
          from.steps.push({ edge, compensable: s.compensate !== undefined });
          break;
        }
        case 'miss':
          from.miss = edge;
          break;
        case 'deliver':
          break;
        case 'dlq':
          from.dlq = to;
          from.dlqStats = stats;
          break;
      }
    }
    // Longest prefix first.
    for (const n of this.nodes.values()) n.routes.sort((a, b) => b.path.length - a.path.length);
    // Backlogs: a queue's consumers compete for one backlog; a topic keeps one per consumer.
    for (const n of this.nodes.values()) {
      const def = n.def;
      if (def.kind !== 'queue' && def.kind !== 'topic') continue;
      const consumers = def.consumers.map((c) => this.nodes.get(c)).filter((c): c is NodeRt => c !== undefined);
      const edgeOf = (c: NodeRt) =>
        new Edge(this.callStats.get(`${n.id}->${c.id}`) ?? new CallStats(), c, true, 1, Infinity, undefined, undefined, n.rngCalls);
      const groups = def.kind === 'queue' ? (consumers.length ? [consumers] : []) : consumers.map((c) => [c]);
      if (groups.length === 0) groups.push([]);
      for (const g of groups) {
        const b = new Backlog(n, g, g.map(edgeOf));
        n.backlogs.push(b);
        for (const c of g) c.subs.push(b);
      }
    }
    for (const s of this.nodes.values()) if (s.def.kind === 'saga') s.saga = { started: 0, completed: 0, compensated: 0, failed: 0 };
    // Faults.
    for (const f of scenario?.faults ?? []) {
      const rt: FaultRt = {
        node: f.node !== undefined ? (this.nodes.get(f.node) ?? null) : null,
        client: f.node !== undefined ? (this.clients.get(f.node) ?? null) : null,
        stats: null,
        errorRate: f.errorRate,
        latency: f.latency,
        kill: f.kill,
        delay: f.delay,
        traffic: f.traffic,
        killed: [],
        active: false,
      };
      if (f.call !== undefined) {
        const [a, b] = f.call.split('->').map((s) => s.trim());
        rt.stats = this.callStats.get(`${a}->${b}`) ?? null;
      }
      this.faults.push(rt);
      this.q.push(f.at, E_FAULT, rt, 0);
      if (f.for !== undefined) this.q.push(f.at + f.for, E_FAULT, rt, 1);
    }
  }

  private addReplica(n: NodeRt, ver: VersionRt): Replica {
    const r = new Replica(n, n.replicas.length, ver);
    n.replicas.push(r);
    ver.replicas.push(r);
    ver.ring = null;
    return r;
  }

  // ---- the loop ----------------------------------------------------------------------------

  run(): SimulationResult {
    const q = this.q;
    const clock = this.opts.clock;
    const t0 = clock ? clock() : 0;
    for (const c of this.clients.values()) this.scheduleArrival(c);
    for (const n of this.nodes.values()) if (n.scaler) q.push(15_000, E_TICK, n, 0);
    q.push(this.warmup, E_MARK, null, 0);
    const every = this.opts.progressEvery ?? 65_536;
    const onProgress = this.opts.onProgress;
    const shouldCancel = this.opts.shouldCancel;
    let nextReport = every;
    const end = this.duration;
    const maxEvents = this.maxEvents;
    let instant = -1;
    let instantEvents = 0;
    while (q.size > 0 && q.peekTime() <= end) {
      q.pop();
      if (q.popTime !== instant) {
        instant = q.popTime;
        instantEvents = this.events;
      } else if (this.events - instantEvents >= STALL_EVENTS) {
        // The clock no longer moves: a zero-time loop (a consumer republishing to itself).
        this.stopped = 'events';
        break;
      }
      this.now = q.popTime;
      if (this.events >= maxEvents) {
        this.stopped = 'events';
        break;
      }
      this.events++;
      const obj = q.popObj;
      switch (q.popKind) {
        case E_ARRIVAL:
          this.onArrival(obj as ClientRt, q.popArg);
          break;
        case E_WORK:
          this.onWorkDone(obj as Visit);
          break;
        case E_TIMEOUT:
          this.onTimeouts(obj as Edge);
          break;
        case E_RETRY: {
          const c = obj as CallRun;
          if (!c.done) this.startTry(c);
          break;
        }
        case E_DELIVER:
          this.arrive(obj as Visit);
          break;
        case E_START_CALL:
          this.startTry(obj as CallRun);
          break;
        case E_FAULT:
          this.onFault(obj as FaultRt, q.popArg === 0);
          break;
        case E_TICK:
          this.onTick(obj as NodeRt);
          break;
        case E_READY:
          this.onReady(obj as Replica, q.popArg);
          break;
        case E_MARK:
          for (const n of this.nodes.values()) n.repMin = n.repMax = n.serving;
          break;
        case E_FINISH:
          this.deliverResult(obj as CallRun, q.popArg);
          break;
      }
      if (this.stopped !== null) break;
      if (this.events >= nextReport) {
        nextReport += every;
        if (onProgress) onProgress({ events: this.events, time: this.now, duration: end });
        if (shouldCancel && shouldCancel()) throw new SimulationCancelled('simulation cancelled');
      }
    }
    // A run stopped by a guard rail reports what it reached.
    if (this.stopped === null) this.now = end;
    const wallMs = clock ? clock() - t0 : 0;
    if (onProgress) onProgress({ events: this.events, time: this.now, duration: end });
    return this.result(wallMs);
  }

  // ---- clients -----------------------------------------------------------------------------

  private scheduleArrival(c: ClientRt): void {
    const rate = c.rate * c.mul;
    if (!(rate > 0) || c.entries.length === 0) return;
    const gap = c.poisson ? (-Math.log(1 - c.rngArr.next()) * 1000) / rate : 1000 / rate;
    this.q.push(this.now + gap, E_ARRIVAL, c, c.gen);
  }

  private onArrival(c: ClientRt, gen: number): void {
    if (gen !== c.gen) return;
    this.scheduleArrival(c);
    const now = this.now;
    let entry = c.entries[0]!;
    if (c.entries.length > 1) {
      let u = c.rngMix.next() * c.totalWeight;
      for (const e of c.entries) {
        entry = e;
        if ((u -= e.weight) < 0) break;
      }
    }
    const key = Math.floor(c.rngMix.next() * c.keys);
    const counted = now >= this.warmup;
    let trace: TraceRt | null = null;
    if (counted) {
      c.arrivals++;
      if (this.traces.length < this.maxTraces && this.reqSeq++ % this.traceStride === 0) {
        trace = new TraceRt((this.traces.length + 1).toString(16).padStart(32, '0'));
        this.traces.push(trace);
      }
    }
    const bucket = Math.floor(now / this.interval);
    if (bucket < this.sRps.length) this.sRps[bucket]!++;
    const req = new ClientReq(c, now, counted, trace);
    if (trace) req.span = trace.start(-1, c.id, now);
    const call = new CallRun(entry.edge, OWN_CLIENT, req, 0, counted, key, entry.route, trace, req.span);
    this.startTry(call);
  }

  private clientDone(req: ClientReq, cause: number): void {
    const now = this.now;
    const ms = now - req.start;
    if (req.trace) req.trace.end(req.span, now, cause);
    // Series: finishes come in time order, so one histogram serves the current second.
    const b = Math.floor(now / this.interval);
    if (b !== this.sCur) this.flushSeries(b);
    if (b < this.sOk.length) {
      if (cause === OK) this.sOk[b]!++;
      else this.sFailed[b]!++;
      this.sLat.record(ms);
    }
    if (!req.counted) return;
    const c = req.client;
    this.total++;
    if (cause === OK) {
      this.okCount++;
      c.ok++;
    } else {
      this.byCause[cause]!++;
      c.failed++;
    }
    this.lat.record(ms);
    c.lat.record(ms);
  }

  private flushSeries(next: number): void {
    const cur = this.sCur;
    if (cur < this.sP50.length && this.sLat.count > 0) {
      this.sP50[cur] = r3(this.sLat.percentile(50));
      this.sP99[cur] = r3(this.sLat.percentile(99));
    }
    this.sLat.reset();
    this.sCur = next;
  }

  // ---- calls: retry around breaker around per-try timeout ------------------------------------

  private startTry(c: CallRun): void {
    const edge = c.edge;
    const stats = edge.stats;
    const now = this.now;
    c.tryNo++;
    if (c.counted) {
      stats.attempts++;
      if (c.tryNo > 1) stats.retries++;
    }
    if (edge.breakerCfg) {
      if (c.breaker === null) c.breaker = edge.breakerFor(c.callerReplica);
      const epoch = c.breaker!.acquire(now);
      if (epoch < 0) {
        if (c.counted) {
          stats.byCause[BREAKER_OPEN]!++;
          stats.failed++;
        }
        this.finishCall(c, BREAKER_OPEN);
        return;
      }
      c.epoch = epoch;
    }
    c.tryOpen = true;
    c.tryStart = now;
    const to = edge.to;
    const kind = to.def.kind;
    if (kind === 'queue' || kind === 'topic') {
      this.publish(to, c.trace, c.parentSpan, c.key);
      this.tryResult(c, c.tryNo, OK);
      return;
    }
    if (edge.timeout !== Infinity) {
      c.toAt = now + edge.timeout;
      c.toLinked = true;
      c.toPrev = edge.toLast;
      c.toNext = null;
      if (edge.toLast !== null) edge.toLast.toNext = c;
      else edge.toFirst = c;
      edge.toLast = c;
      if (!edge.armed && !edge.firing) {
        edge.armed = true;
        this.q.push(c.toAt, E_TIMEOUT, edge, 0);
      }
    }
    const v = new Visit(to, c, c.tryNo, null, c.key, c.route, c.trace, now);
    this.inFlight++;
    if (stats.delay > 0) this.q.push(now + stats.delay, E_DELIVER, v, 0);
    else this.arrive(v);
  }

  private onTimeouts(e: Edge): void {
    e.armed = false;
    e.firing = true;
    const now = this.now;
    // Every linked try is open; the head has the earliest deadline.
    for (let c = e.toFirst; c !== null && c.toAt <= now; c = e.toFirst) this.tryResult(c, c.tryNo, TIMEOUT);
    e.firing = false;
    if (e.toFirst !== null) {
      e.armed = true;
      this.q.push(e.toFirst.toAt, E_TIMEOUT, e, 0);
    }
  }

  /** Takes an ended try's deadline off its edge's list. */
  private unlinkTimeout(c: CallRun): void {
    const e = c.edge;
    const p = c.toPrev;
    const n = c.toNext;
    if (p !== null) p.toNext = n;
    else e.toFirst = n;
    if (n !== null) n.toPrev = p;
    else e.toLast = p;
    c.toPrev = c.toNext = null;
    c.toLinked = false;
  }

  private tryResult(c: CallRun, tryNo: number, cause: number): void {
    if (c.done || !c.tryOpen || tryNo !== c.tryNo) return;
    c.tryOpen = false;
    if (c.toLinked) this.unlinkTimeout(c);
    const now = this.now;
    const edge = c.edge;
    if (c.breaker !== null) {
      const slow = now - c.tryStart > c.breaker.store.slowCall;
      c.breaker.record(now, c.epoch, cause !== OK, slow);
    }
    const stats = edge.stats;
    if (cause === OK) {
      if (c.counted) stats.ok++;
      this.finishCall(c, OK);
      return;
    }
    if (c.counted) stats.byCause[cause]!++;
    const retry = edge.retry;
    if (retry !== undefined && c.tryNo < retry.attempts && RETRYABLE[cause] === 1) {
      let wait = Math.min(retry.backoff * Math.pow(retry.multiplier, c.tryNo - 1), retry.maxBackoff);
      if (retry.jitter === 'full') wait *= edge.jitter.next();
      this.q.push(now + wait, E_RETRY, c, 0);
      return;
    }
    if (c.counted) stats.failed++;
    this.finishCall(c, cause);
  }

  private finishCall(c: CallRun, cause: number): void {
    c.done = true;
    // A result climbs the caller chain on the call stack, but only so far: a deep chain (a
    // zero-latency cycle) goes on through the event queue, so no design can overflow the stack.
    if (this.depth >= MAX_DEPTH) {
      this.q.push(this.now, E_FINISH, c, cause);
      return;
    }
    this.depth++;
    this.deliverResult(c, cause);
    this.depth--;
  }

  private deliverResult(c: CallRun, cause: number): void {
    switch (c.ownerKind) {
      case OWN_VISIT:
        this.visitCallDone(c.owner as Visit, cause);
        break;
      case OWN_CLIENT:
        this.clientDone(c.owner as ClientReq, cause);
        break;
      case OWN_SAGA:
        this.sagaCallDone(c.owner as SagaRun, c, cause);
        break;
    }
  }

  // ---- nodes: arrival, balancing, queueing, work ---------------------------------------------

  private arrive(v: Visit): void {
    const n = v.node;
    const now = this.now;
    v.arrive = now;
    if (now >= this.warmup) n.arrivals++;
    if (v.trace) v.span = v.trace.start(v.call ? v.call.parentSpan : v.msg!.parentSpan, n.id, now);
    if (this.inFlight > this.maxInFlight) {
      this.capped++;
      if (++this.refusedInFlight >= STOP_AFTER_REFUSALS * this.maxInFlight) this.stopped = 'inFlight';
      return this.finishVisit(v, REJECTED);
    }
    if (n.limiter !== null && !n.limiter.take(now)) return this.finishVisit(v, RATE_LIMITED);
    if (n.def.kind === 'gateway') {
      const path = v.route ?? '/';
      let fwd: Edge | null = null;
      for (const r of n.routes)
        if (path.startsWith(r.path)) {
          fwd = r.edge;
          break;
        }
      if (fwd === null) return this.finishVisit(v, NOT_FOUND);
      v.forward = fwd;
    }
    const rep = this.pick(n, v.key);
    if (rep === null) return this.finishVisit(v, NO_REPLICA);
    v.rep = rep;
    if (rep.busy < n.conc) this.startService(v);
    else if (rep.waiting < n.qlim) {
      this.touch(n);
      rep.queue.push(v);
      n.waiting++;
      if (n.waiting > n.maxQueue && now >= this.warmup) n.maxQueue = n.waiting;
    } else {
      v.rep = null;
      this.finishVisit(v, REJECTED);
    }
  }

  private pick(n: NodeRt, key: number): Replica | null {
    let ver = n.versions[0]!;
    if (n.versions.length > 1) ver = this.pickVersion(n, key);
    const reps = ver.replicas;
    const len = reps.length;
    if (len === 0) return null;
    switch (n.balancer) {
      case 'random':
      case 'least_request': {
        let live = reps;
        if (reps.some((r) => !r.serving)) live = reps.filter((r) => r.serving);
        const m = live.length;
        if (m === 0) return null;
        const a = live[Math.floor(n.rngLb.next() * m)]!;
        if (n.balancer === 'random') return a;
        const b = live[Math.floor(n.rngLb.next() * m)]!;
        return b.busy + b.waiting < a.busy + a.waiting ? b : a;
      }
      case 'consistent_hash':
        return this.ringPick(n, ver, key);
      default: {
        for (let k = 0; k < len; k++) {
          let i = ver.rr + k;
          if (i >= len) i -= len;
          const r = reps[i]!;
          if (r.serving) {
            ver.rr = i + 1 >= len ? 0 : i + 1;
            return r;
          }
        }
        return null;
      }
    }
  }

  private pickVersion(n: NodeRt, key: number): VersionRt {
    const vs = n.versions;
    let total = 0;
    for (const v of vs) total += v.weight;
    if (!(total > 0)) return vs[0]!;
    if (n.balancer === 'consistent_hash') {
      // The version by the key's hash too, so the same key keeps its replica across versions.
      let u = ((hashString(String(key), 0x6c8e9cf5) >>> 0) / 4294967296) * total;
      for (const v of vs) if ((u -= v.weight) < 0) return v;
      return vs[vs.length - 1]!;
    }
    if (n.balancer === 'weighted_round_robin') {
      // Smooth weighted round robin (nginx): deterministic interleaving by weight.
      let best = vs[0]!;
      for (const v of vs) {
        v.wrrCurrent += v.weight;
        if (v.wrrCurrent > best.wrrCurrent) best = v;
      }
      best.wrrCurrent -= total;
      return best;
    }
    let u = n.rngLb.next() * total;
    for (const v of vs) if ((u -= v.weight) < 0) return v;
    return vs[vs.length - 1]!;
  }

  private ringPick(n: NodeRt, ver: VersionRt, key: number): Replica | null {
    if (ver.ring === null) {
      const pts: [number, number][] = [];
      ver.replicas.forEach((r, i) => {
        for (let k = 0; k < 64; k++) pts.push([hashString(`${n.id}#${r.idx}#${k}`) >>> 0, i]);
      });
      pts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      ver.ring = Float64Array.from(pts, (p) => p[0]);
      ver.ringRep = Int32Array.from(pts, (p) => p[1]);
    }
    const ring = ver.ring;
    const h = hashString(String(key), 0x2545f491) >>> 0;
    let lo = 0;
    let hi = ring.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ring[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    for (let k = 0; k < ring.length; k++) {
      const r = ver.replicas[ver.ringRep![(lo + k) % ring.length]!]!;
      if (r.serving) return r;
    }
    return null;
  }

  /** Brings the time integrals of a node up to now (only the part after the warmup counts). */
  private touch(n: NodeRt): void {
    const now = this.now;
    const dt = now - n.lastT;
    if (dt > 0) {
      n.tBusy += n.busy * dt;
      n.tCap += n.serving * n.conc * dt;
      const from = n.lastT > this.warmup ? n.lastT : this.warmup;
      const d = now - from;
      if (d > 0) {
        n.busyArea += n.busy * d;
        n.qArea += (n.waiting + n.backlogCount) * d;
        n.capArea += n.serving * n.conc * d;
      }
    }
    n.lastT = now;
  }

  private startService(v: Visit): void {
    const n = v.node;
    const rep = v.rep!;
    this.touch(n);
    rep.busy++;
    n.busy++;
    v.inService = true;
    v.activeIdx = rep.active.length;
    rep.active.push(v);
    v.start = this.now;
    const work = rep.ver.work(n.rngWork) * n.latMul;
    this.q.push(this.now + work, E_WORK, v, 0);
  }

  private onWorkDone(v: Visit): void {
    if (v.done) return;
    const n = v.node;
    const err = n.errOverride === n.errOverride ? n.errOverride : v.rep!.ver.errorRate;
    if (err > 0 && n.rngWork.next() < err) return this.finishVisit(v, ERROR);
    const kind = n.def.kind;
    if (kind === 'database') return this.finishVisit(v, OK);
    if (kind === 'cache') {
      if (n.miss === null || n.rngCalls.next() < n.hitRatio) return this.finishVisit(v, OK);
      v.phase = PH_MISS;
      return this.callFrom(v, n.miss);
    }
    v.phase = PH_CALLS;
    if (n.parallel) {
      v.pending = 1;
      for (const e of n.calls) {
        if (v.done) return;
        if (e.probability < 1 && n.rngCalls.next() >= e.probability) continue;
        if (e.async || e.to.def.kind === 'queue' || e.to.def.kind === 'topic') this.fireAndForget(v, e);
        else {
          v.pending++;
          this.callFrom(v, e);
        }
      }
      if (v.done) return;
      if (--v.pending === 0) this.afterCalls(v);
      return;
    }
    this.continueCalls(v);
  }

  private continueCalls(v: Visit): void {
    const n = v.node;
    const calls = n.calls;
    while (v.nextCall < calls.length) {
      const e = calls[v.nextCall++]!;
      if (e.probability < 1 && n.rngCalls.next() >= e.probability) continue;
      if (e.async || e.to.def.kind === 'queue' || e.to.def.kind === 'topic') {
        this.fireAndForget(v, e);
        if (v.done) return;
        continue;
      }
      this.callFrom(v, e);
      return;
    }
    this.afterCalls(v);
  }

  private afterCalls(v: Visit): void {
    const n = v.node;
    if (v.forward !== null) {
      v.phase = PH_FORWARD;
      return this.callFrom(v, v.forward);
    }
    if (n.def.kind === 'saga') {
      v.phase = PH_SAGA;
      const run = new SagaRun(v, n, v.arrive >= this.warmup, this.sagaIo);
      v.saga = run;
      if (run.counted) n.saga!.started++;
      run.state = compiledSaga.send(compiledSaga.initial, run.store, SAGA_EVENTS.START, SAGA_START);
      return;
    }
    this.finishVisit(v, OK);
  }

  private callFrom(v: Visit, e: Edge): void {
    const c = new CallRun(e, OWN_VISIT, v, v.rep!.idx, v.arrive >= this.warmup, v.key, v.route, v.trace, v.span);
    this.startTry(c);
  }

  private fireAndForget(v: Visit, e: Edge): void {
    const c = new CallRun(e, OWN_NONE, null, v.rep!.idx, v.arrive >= this.warmup, v.key, undefined, v.trace, v.span);
    this.startTry(c);
  }

  private visitCallDone(v: Visit, cause: number): void {
    if (v.done) return;
    if (cause !== OK) return this.finishVisit(v, cause);
    switch (v.phase) {
      case PH_CALLS:
        if (v.node.parallel) {
          if (--v.pending === 0) this.afterCalls(v);
        } else this.continueCalls(v);
        return;
      default:
        this.finishVisit(v, OK);
    }
  }

  private finishVisit(v: Visit, cause: number): void {
    if (v.done) return;
    v.done = true;
    this.inFlight--;
    const n = v.node;
    const now = this.now;
    const rep = v.rep;
    if (rep !== null && v.inService) {
      this.touch(n);
      const last = rep.active.pop()!;
      if (last !== v) {
        rep.active[v.activeIdx] = last;
        last.activeIdx = v.activeIdx;
      }
      v.inService = false;
      rep.busy--;
      n.busy--;
      this.serveNext(rep);
    }
    if (v.arrive >= this.warmup) {
      if (cause === OK) n.completed++;
      else n.failed++;
      n.lat.record(now - v.arrive);
    }
    if (v.trace) v.trace.end(v.span, now, cause);
    if (v.call !== null) this.tryResult(v.call, v.tryNo, cause);
    else if (v.msg !== null) this.messageDone(v.msg, v.node, cause);
  }

  private serveNext(rep: Replica): void {
    if (rep.killed) return;
    const n = rep.node;
    if (rep.waiting > 0) {
      const v = rep.queue[rep.qHead]!;
      rep.queue[rep.qHead++] = undefined as unknown as Visit;
      if (rep.qHead > 1024 && rep.qHead * 2 > rep.queue.length) {
        rep.queue = rep.queue.slice(rep.qHead);
        rep.qHead = 0;
      }
      n.waiting--;
      this.startService(v);
      return;
    }
    if (rep.serving && n.subs.length > 0) {
      for (const b of n.subs) {
        if (b.count > 0) {
          this.deliver(b, rep, b.consumers.indexOf(n));
          return;
        }
      }
    }
  }

  // ---- messaging -----------------------------------------------------------------------------

  private publish(qn: NodeRt, trace: TraceRt | null, parentSpan: number, key: number): void {
    const now = this.now;
    const counted = now >= this.warmup;
    for (const b of qn.backlogs) {
      if (counted) qn.arrivals++;
      if (this.backlogTotal >= this.maxBacklog) {
        // Guard rail: the copy is lost.
        this.capped++;
        if (++this.refusedBacklog >= STOP_AFTER_REFUSALS * this.maxBacklog) this.stopped = 'backlog';
        if (counted) qn.failed++;
        continue;
      }
      this.enqueue(b, new Message(b, now, counted, trace, parentSpan, key));
    }
  }

  private enqueue(b: Backlog, m: Message): void {
    const qn = b.node;
    this.touch(qn);
    b.items.push(m);
    this.backlogTotal++;
    qn.backlogCount++;
    if (qn.backlogCount > qn.backlogMax && this.now >= this.warmup) qn.backlogMax = qn.backlogCount;
    this.dispatch(b);
  }

  private dispatch(b: Backlog): void {
    const cs = b.consumers;
    while (b.count > 0) {
      let found: Replica | null = null;
      let ci = -1;
      for (let k = 0; k < cs.length && found === null; k++) {
        const i = (b.rr + k) % cs.length;
        const c = cs[i]!;
        for (const r of c.replicas)
          if (r.serving && r.busy < c.conc) {
            found = r;
            ci = i;
            break;
          }
      }
      if (found === null) return;
      b.rr = (ci + 1) % cs.length;
      this.deliver(b, found, ci);
    }
  }

  private deliver(b: Backlog, rep: Replica, ci: number): void {
    const qn = b.node;
    this.touch(qn);
    const m = b.items[b.head]!;
    b.items[b.head++] = undefined as unknown as Message;
    if (b.head > 1024 && b.head * 2 > b.items.length) {
      b.items = b.items.slice(b.head);
      b.head = 0;
    }
    qn.backlogCount--;
    this.backlogTotal--;
    m.deliveries++;
    const edge = b.edges[ci]!;
    if (m.counted) {
      edge.stats.attempts++;
      if (m.deliveries > 1) edge.stats.retries++;
    }
    const n = rep.node;
    const v = new Visit(n, null, 0, m, m.key, undefined, m.trace, this.now);
    this.inFlight++;
    if (this.now >= this.warmup) n.arrivals++;
    if (v.trace) v.span = v.trace.start(m.parentSpan, n.id, this.now);
    v.rep = rep;
    this.startService(v);
  }

  private messageDone(m: Message, consumer: NodeRt, cause: number): void {
    const b = m.backlog;
    const qn = b.node;
    const stats = b.edges[b.consumers.indexOf(consumer)]!.stats;
    if (cause === OK) {
      if (m.counted) {
        stats.ok++;
        qn.completed++;
        qn.lat.record(this.now - m.published);
      }
      return;
    }
    if (m.counted) stats.byCause[cause]!++;
    if (m.deliveries < qn.maxDeliveries) {
      this.enqueue(b, m);
      return;
    }
    if (m.counted) {
      stats.failed++;
      qn.failed++;
      qn.dlqCount++;
      qn.lat.record(this.now - m.published);
    }
    if (qn.dlq !== null) {
      // A publish to the DLQ: one try, ok at once, like any publish.
      if (this.now >= this.warmup) {
        qn.dlqStats!.attempts++;
        qn.dlqStats!.ok++;
      }
      this.publish(qn.dlq, m.trace, m.parentSpan, m.key);
    }
  }

  // ---- sagas -------------------------------------------------------------------------------

  private sagaCall(run: SagaRun, step: number, comp: boolean): void {
    const v = run.visit;
    const c = new CallRun(run.node.steps[step]!.edge, OWN_SAGA, run, v.rep!.idx, run.counted, v.key, undefined, v.trace, v.span);
    c.stepIdx = step;
    c.isComp = comp;
    // Started from the kernel, not inside the chart's step, so a call that ends at once
    // (no replica, breaker open) cannot re-enter the chart mid-transition.
    this.q.push(this.now, E_START_CALL, c, 0);
  }

  private sagaCallDone(run: SagaRun, c: CallRun, cause: number): void {
    if (run.visit.done) return;
    let ev: number;
    if (c.isComp) ev = cause === OK ? SAGA_EVENTS.COMP_OK : SAGA_EVENTS.COMP_FAILED;
    else {
      ev = cause === OK ? SAGA_EVENTS.STEP_OK : SAGA_EVENTS.STEP_FAILED;
      if (cause !== OK) run.failCause = cause;
    }
    run.state = compiledSaga.send(run.state, run.store, ev, SAGA_EVENT);
  }

  private sagaFinish(run: SagaRun, outcome: SagaOutcome): void {
    const stats = run.node.saga!;
    if (run.counted) stats[outcome]++;
    this.finishVisit(run.visit, outcome === 'completed' ? OK : run.failCause);
  }

  // ---- faults and autoscaling ----------------------------------------------------------------

  private onFault(f: FaultRt, starting: boolean): void {
    if (starting === f.active) return;
    f.active = starting;
    if (f.stats && f.delay !== undefined) f.stats.delay += starting ? f.delay : -f.delay;
    if (f.client && f.traffic !== undefined) {
      const c = f.client;
      c.mul = this.faults.reduce((m, x) => (x.active && x.client === c && x.traffic !== undefined ? m * x.traffic : m), 1);
      c.gen++;
      this.scheduleArrival(c);
    }
    const n = f.node;
    if (!n) return;
    if (f.errorRate !== undefined || f.latency !== undefined) {
      let err = NaN;
      let mul = 1;
      for (const x of this.faults)
        if (x.active && x.node === n) {
          if (x.errorRate !== undefined) err = x.errorRate;
          if (x.latency !== undefined) mul *= x.latency;
        }
      n.errOverride = err;
      n.latMul = mul;
    }
    if (f.kill !== undefined) {
      if (starting) {
        for (let i = n.replicas.length - 1; i >= 0 && f.killed.length < f.kill; i--) {
          const r = n.replicas[i]!;
          if (r.up && !r.killed) {
            f.killed.push(r);
            this.kill(r);
          }
        }
      } else {
        for (const r of f.killed) this.restore(r);
        f.killed = [];
      }
    }
  }

  private setServing(r: Replica, serving: boolean): void {
    if (r.serving === serving) return;
    const n = r.node;
    this.touch(n);
    r.serving = serving;
    n.serving += serving ? 1 : -1;
    if (this.now >= this.warmup) {
      n.repMin = Math.min(n.repMin, n.serving);
      n.repMax = Math.max(n.repMax, n.serving);
    }
  }

  private kill(r: Replica): void {
    const n = r.node;
    r.killed = true;
    r.up = false;
    r.gen++;
    this.setServing(r, false);
    // Requests waiting at the replica and in its workers fail with `error`.
    const waiting = r.queue.slice(r.qHead);
    r.queue = [];
    r.qHead = 0;
    this.touch(n);
    n.waiting -= waiting.length;
    for (const v of waiting) {
      v.rep = null;
      this.finishVisit(v, ERROR);
    }
    for (const v of r.active.slice()) if (!v.done) this.finishVisit(v, ERROR);
  }

  private restore(r: Replica): void {
    r.killed = false;
    r.up = true;
    this.setServing(r, true);
    this.wake(r.node);
  }

  /** New capacity at a consumer: pull from its backlogs. */
  private wake(n: NodeRt): void {
    for (const b of n.subs) this.dispatch(b);
  }

  private onTick(n: NodeRt): void {
    this.touch(n);
    const util = n.tCap > 0 ? n.tBusy / n.tCap : 0;
    n.tBusy = 0;
    n.tCap = 0;
    const ver = n.primary!;
    let current = 0;
    let ready = 0;
    for (const r of ver.replicas)
      if (r.up) {
        current++;
        if (r.serving) ready++;
      }
    n.scaler!.tick(this.now, util, ready, current);
    this.q.push(this.now + 15_000, E_TICK, n, 0);
  }

  private scaleTo(n: NodeRt, want: number, now: number): void {
    const ver = n.primary!;
    const up = ver.replicas.filter((r) => r.up);
    if (want > up.length) {
      let add = want - up.length;
      for (const r of ver.replicas) {
        if (add === 0) break;
        if (!r.up && !r.killed) {
          r.up = true;
          r.gen++;
          this.q.push(now + n.startup, E_READY, r, r.gen);
          add--;
        }
      }
      while (add-- > 0) {
        const r = this.addReplica(n, ver);
        r.serving = false;
        this.q.push(now + n.startup, E_READY, r, r.gen);
      }
    } else if (want < up.length) {
      // Starting replicas go first, then the newest; they finish what they hold (drain).
      const order = up.filter((r) => !r.serving).concat(up.filter((r) => r.serving).reverse());
      for (let i = 0; i < up.length - want; i++) {
        const r = order[i]!;
        r.up = false;
        r.gen++;
        this.setServing(r, false);
      }
    }
  }

  private onReady(r: Replica, gen: number): void {
    if (gen !== r.gen || !r.up) return;
    this.setServing(r, true);
    this.wake(r.node);
    let starting = 0;
    for (const x of r.ver.replicas) if (x.up && !x.serving) starting++;
    r.node.scaler?.ready(this.now, starting);
  }

  // ---- results -------------------------------------------------------------------------------

  private result(wallMs: number): SimulationResult {
    const end = this.now;
    for (const n of this.nodes.values()) this.touch(n);
    this.flushSeries(this.sCur + 1);
    const span = (end - this.warmup) / 1000;
    const byCause = causes(this.byCause);
    const nodes: Record<string, NodeResult> = {};
    const empty = { min: 1, max: 1, final: 1 };
    for (const id of Object.keys(this.design.nodes)) {
      const c = this.clients.get(id);
      if (c) {
        nodes[id] = {
          arrivals: c.arrivals,
          completed: c.ok,
          failed: c.failed,
          utilization: 0,
          meanQueue: 0,
          maxQueue: 0,
          latency: c.lat.summary(),
          replicas: { ...empty },
          backlog: { max: 0, final: 0 },
          dlq: 0,
        };
        continue;
      }
      const n = this.nodes.get(id)!;
      const messaging = n.def.kind === 'queue' || n.def.kind === 'topic';
      nodes[id] = {
        arrivals: n.arrivals,
        completed: n.completed,
        failed: n.failed,
        utilization: n.capArea > 0 ? r3(n.busyArea / n.capArea) : 0,
        meanQueue: span > 0 ? r3(n.qArea / (end - this.warmup)) : 0,
        maxQueue: messaging ? n.backlogMax : n.maxQueue,
        latency: n.lat.summary(),
        replicas: messaging ? { ...empty } : { min: n.repMin, max: n.repMax, final: n.serving },
        backlog: { max: n.backlogMax, final: n.backlogCount },
        dlq: n.dlqCount,
      };
    }
    const calls: Record<string, CallResult> = {};
    for (const [key, s] of this.callStats)
      calls[key] = {
        attempts: s.attempts,
        retries: s.retries,
        ok: s.ok,
        failed: s.failed,
        byCause: causes(s.byCause),
        breaker: { transitions: s.transitions },
      };
    const sagas: Record<string, SagaResult> = {};
    for (const n of this.nodes.values()) if (n.saga) sagas[n.id] = { ...n.saga };
    const points: SeriesPoint[] = [];
    for (let i = 0; i < this.sRps.length; i++)
      points.push({
        t: i * this.interval,
        rps: this.sRps[i]!,
        ok: this.sOk[i]!,
        failed: this.sFailed[i]!,
        p50: this.sP50[i]!,
        p99: this.sP99[i]!,
      });
    const traces: Trace[] = this.traces.map((t) => ({
      traceId: t.id,
      spans: t.spans.map((s) => (s.end < 0 ? { ...s, end: r3(end) } : s)),
    }));
    return {
      design: this.design.name,
      scenario: this.scenarioName,
      seed: this.seed,
      duration: this.duration,
      warmup: this.warmup,
      requests: { total: this.total, ok: this.okCount, failed: this.total - this.okCount, byCause },
      latency: this.lat.summary(),
      throughput: span > 0 ? r3(this.okCount / span) : 0,
      nodes,
      calls,
      sagas,
      series: { interval: this.interval, points },
      traces,
      stats: { events: this.events, wallMs: r3(wallMs), capped: this.capped, stopped: this.stopped },
    };
  }
}

type Stopped = SimulationResult['stats']['stopped'];

/**
 * Refuses, before it starts, a run whose size cannot be simulated in bounded memory and time:
 * more replicas than MAX_REPLICAS on a node, or more client arrivals than the event cap.
 */
function checkSizes(design: Design, scenario: string | null, duration: number, maxEvents: number): void {
  const sc = scenario !== null ? design.scenarios[scenario] : undefined;
  const tooMany = (n: number, path: (string | number)[]) => {
    if (n > MAX_REPLICAS)
      throw new SimulationError(
        `${path.join('.')}: ${n} replicas is more than the simulator runs (at most ${MAX_REPLICAS} per node)`,
        path,
      );
  };
  let arrivals = 0;
  let busiest: { id: string; n: number } | null = null;
  for (const [id, n] of Object.entries(design.nodes)) {
    if (n.kind === 'client') {
      const a = ((n.rate ?? 0) * (sc?.traffic[id] ?? 1) * duration) / 1000;
      arrivals += a;
      if (!busiest || a > busiest.n) busiest = { id, n: a };
      continue;
    }
    if (n.kind !== 'gateway' && n.kind !== 'service' && n.kind !== 'saga') continue;
    tooMany(n.replicas, ['nodes', id, 'replicas']);
    for (const [v, ver] of Object.entries(n.versions ?? {}))
      if (ver.replicas !== undefined) tooMany(ver.replicas, ['nodes', id, 'versions', v, 'replicas']);
    if (n.autoscale) tooMany(n.autoscale.max, ['nodes', id, 'autoscale', 'max']);
  }
  if (busiest && arrivals > maxEvents)
    throw new SimulationError(
      `nodes.${busiest.id}.rate: ${Math.round(arrivals).toExponential(2)} requests in ${duration / 1000} s is more than the ${maxEvents}-event cap allows (lower the rate or the duration)`,
      ['nodes', busiest.id, 'rate'],
    );
}

const SAGA_START: SagaEvent = { type: 'START' };
const SAGA_EVENT: SagaEvent = { type: 'STEP_OK' };

function causes(a: Float64Array): ByCause {
  const out = {} as ByCause;
  CAUSES.forEach((c, i) => (out[c] = a[i]!));
  return out;
}

export type { Distribution };
