// The simulation's runtime records: plain, monomorphic classes for what a run holds (nodes,
// replicas, call edges, calls, visits, messages, client requests, traces), the outcome codes and
// the run's limits. Every concern module works on these; none of them knows the design format.
import type { Retry, DesignNode } from '../model/index.js';
import type { Rng } from './rng.js';
import { LatencyStat, r3 } from './stats.js';
import { BreakerInstance, breakerStore, type BreakerState } from './machines/breaker.js';
import type { LimiterInstance } from './machines/rateLimiter.js';
import type { ScalerInstance } from './machines/autoscaler.js';
import { sagaStore, type SagaIo, type SagaStore } from './machines/saga.js';
import { CAUSES, type CallResult, type SagaResult, type Span } from './result.js';

// Outcome codes: -1 ok, else an index into CAUSES.
export const OK = -1;
export const ERROR = 0;
export const TIMEOUT = 1;
export const REJECTED = 2;
export const BREAKER_OPEN = 3;
export const RATE_LIMITED = 4;
export const NO_REPLICA = 5;
export const NOT_FOUND = 6;

// Owners of a call.
export const OWN_NONE = 0;
export const OWN_VISIT = 1;
export const OWN_CLIENT = 2;
export const OWN_SAGA = 3;

// What a visit is waiting for after its own work.
export const PH_CALLS = 0;
export const PH_FORWARD = 1;
export const PH_MISS = 2;
export const PH_SAGA = 3;

// The causes a retry tries again (simulation.md): error, timeout, rejected, noReplica,
// rateLimited. notFound (404) and breakerOpen (also when it comes up from a callee) are final.
export const RETRYABLE = Uint8Array.of(1, 1, 1, 0, 1, 1, 0);

export const MAX_SPANS = 500;
export const MAX_TRANSITIONS = 10_000;
/** Replicas a node may have (each version's, the autoscaler's max): more is refused up front. */
export const MAX_REPLICAS = 100_000;
/** A cap refusing this many times its size ends the run: the results say little by then. */
export const STOP_AFTER_REFUSALS = 10;
/** Events at one simulated instant past which the clock is stuck (a zero-time loop). */
export const STALL_EVENTS = 2_000_000;
/** Result deliveries nested on the call stack before the rest go through the event queue. */
export const MAX_DEPTH = 64;
/** Series points at most; longer runs get a longer interval (whole seconds). */
export const MAX_POINTS = 10_000;

export class CallStats {
  /** Calls the breaker recorded as slow. */
  slow = 0;
  attempts = 0;
  retries = 0;
  ok = 0;
  failed = 0;
  byCause = new Float64Array(CAUSES.length);
  transitions: CallResult['breaker']['transitions'] = [];
  /** Every transition from t = 0, warmup included: the replay record's (recording.ts); null: none kept. */
  replay: { transitions: CallResult['breaker']['transitions']; dropped: number } | null = null;
  /** Added by active `delay` faults on this edge. */
  delay = 0;
}

export class Edge {
  /** The callee is a queue or topic (a publish). */
  readonly toMessaging: boolean;
  /** The caller does not wait: async, or a publish. */
  readonly fire: boolean;
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
  /** A final failure does not fail the caller (`optional`). */
  optional = false;
  /** Round-trip network time of every try (ms): half out, half back. */
  network = 0;
  /** The callee's operation this edge names (`op`), if any. */
  targetOp: string | undefined = undefined;
  /** The call's `stage`, NaN when it has none. */
  stage = NaN;
  constructor(
    readonly stats: CallStats,
    readonly to: NodeRt,
    readonly async: boolean,
    readonly probability: number,
    readonly timeout: number,
    readonly retry: Retry | undefined,
    readonly breakerCfg: Parameters<typeof breakerStore>[0] | undefined,
    readonly jitter: Rng,
  ) {
    this.toMessaging = to.kind === K_QUEUE || to.kind === K_TOPIC;
    this.fire = async || this.toMessaging;
  }

  breakerFor(replica: number): BreakerInstance | null {
    if (!this.breakerCfg) return null;
    let b = this.breakers[replica];
    if (!b) {
      const stats = this.stats;
      const warmup = this.warmup;
      b = new BreakerInstance(
        breakerStore(this.breakerCfg, (at: number, from: BreakerState, to: BreakerState) => {
          if (at >= warmup && stats.transitions.length < MAX_TRANSITIONS) stats.transitions.push({ at: r3(at), replica, from, to });
          const rp = stats.replay;
          if (rp !== null) {
            if (rp.transitions.length < MAX_TRANSITIONS) rp.transitions.push({ at: r3(at), replica, from, to });
            else rp.dropped++;
          }
        }),
      );
      this.breakers[replica] = b;
    }
    return b;
  }
}

export class Replica {
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

export class VersionRt {
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

export class Backlog {
  items: Message[] = [];
  head = 0;
  rr = 0;
  /** The largest count after the warmup. */
  max = 0;
  constructor(
    readonly node: NodeRt,
    readonly consumers: NodeRt[],
    readonly edges: Edge[],
  ) {}
  get count(): number {
    return this.items.length - this.head;
  }
}

export class Message {
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

export class TraceRt {
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

/** One operation of a node: its own work and calls; what it leaves out comes from the node. */
export class OpRt {
  arrivals = 0;
  failed = 0;
  readonly lat = new LatencyStat();
  /** Its own calls (edges listed under it); null: it runs the node's calls. */
  calls: Edge[] | null = null;
  /** Its calls' stages when any has a `stage`, in the order they run. */
  groups: Edge[][] | null = null;
  constructor(
    readonly name: string,
    readonly weight: number,
    /** Its own latency sampler; null: the version's. */
    readonly work: ((r: Rng) => number) | null,
    /** Its own error rate; NaN: the version's. */
    readonly errorRate: number,
    readonly parallel: boolean,
  ) {}
}

// Node kinds and balancers as small integers for the hot path (the design's strings come from
// a parser and may not be interned; def.kind reads through the union's many object shapes).
export const K_SERVICE = 0;
export const K_GATEWAY = 1;
export const K_SAGA = 2;
export const K_DATABASE = 3;
export const K_CACHE = 4;
export const K_QUEUE = 5;
export const K_TOPIC = 6;
export const K_OTHER = 7;
const KIND_CODES: Record<string, number> = {
  service: K_SERVICE,
  gateway: K_GATEWAY,
  saga: K_SAGA,
  database: K_DATABASE,
  cache: K_CACHE,
  queue: K_QUEUE,
  topic: K_TOPIC,
};
export const LB_ROUND_ROBIN = 0;
export const LB_RANDOM = 1;
export const LB_LEAST_REQUEST = 2;
export const LB_CONSISTENT_HASH = 3;
export const LB_WEIGHTED_ROUND_ROBIN = 4;
const LB_CODES: Record<string, number> = {
  random: LB_RANDOM,
  least_request: LB_LEAST_REQUEST,
  consistent_hash: LB_CONSISTENT_HASH,
  weighted_round_robin: LB_WEIGHTED_ROUND_ROBIN,
};

export class NodeRt {
  /** def.kind as a K_ code. */
  readonly kind: number;
  /** The balancer as an LB_ code (anything else: round robin). */
  readonly lb: number;
  versions: VersionRt[] = [];
  /** Operations (nodes with `operations`), with their weights' sum and a lookup by name. */
  ops: OpRt[] | null = null;
  opWeight = 0;
  opByName: Map<string, OpRt> | null = null;
  /** The node's calls' stages when any has a `stage`. */
  groups: Edge[][] | null = null;
  replicas: Replica[] = [];
  conc = 1;
  qlim = Infinity;
  calls: Edge[] = [];
  parallel = false;
  routes: { path: string; edge: Edge }[] = [];
  steps: { edge: Edge; compensable: boolean; compOp: string | undefined }[] = [];
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
  cacheHits = 0;
  cacheMisses = 0;
  /** Changes of the autoscaler's desired count (autoscaled nodes only). */
  scale: { at: number; from: number; to: number }[] | null = null;
  // Per-interval series accumulators (collect.ts): busy and capacity worker time, requests in
  // flight x time; replicas and backlog at each interval's end. The current interval and its end.
  sBusy: Float64Array | null = null;
  sCap: Float64Array | null = null;
  sIn: Float64Array | null = null;
  sRep: Float64Array | null = null;
  sBack: Float64Array | null = null;
  sIdx = 0;
  sEnd = 0;
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
  ) {
    this.kind = KIND_CODES[def.kind] ?? K_OTHER;
    this.lb = LB_CODES[balancer] ?? LB_ROUND_ROBIN;
  }
}

const NO_EDGES: Edge[] = [];

export class Visit {
  rep: Replica | null = null;
  inService = false;
  done = false;
  activeIdx = -1;
  nextCall = 0;
  pending = 0;
  phase = PH_CALLS;
  forward: Edge | null = null;
  span = -1;
  saga: SagaRun | null = null;
  /** The operation it runs (nodes with operations). */
  op: OpRt | null = null;
  /** The calls it makes: its operation's or the node's, with their mode. */
  calls: Edge[] = NO_EDGES;
  par = false;
  groups: Edge[][] | null = null;
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

export class CallRun {
  tryNo = 0;
  tryOpen = false;
  // The edge's list of pending deadlines (linked while the try is open and has a timeout); the
  // deadline is tryStart + edge.timeout.
  toPrev: CallRun | null = null;
  toNext: CallRun | null = null;
  toLinked = false;
  tryStart = 0;
  epoch = -1;
  done = false;
  breaker: BreakerInstance | null = null;
  stepIdx = -1;
  isComp = false;
  /** The operation a compensation names on the step's node. */
  compOp: string | undefined = undefined;
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

/** A client's `requests` entry, with its own counts (results' `clients`). */
export class ClientEntry {
  total = 0;
  ok = 0;
  failed = 0;
  /** The client's own histogram when it is the client's only entry (the same records). */
  lat = new LatencyStat();
  constructor(
    readonly edge: Edge,
    readonly weight: number,
    readonly route: string | undefined,
    readonly op: string | undefined,
  ) {}
}

export class ClientReq {
  span = -1;
  constructor(
    readonly client: ClientRt,
    readonly entry: ClientEntry,
    readonly start: number,
    readonly counted: boolean,
    readonly trace: TraceRt | null,
  ) {}
}

export class SagaRun {
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

export class ClientRt {
  entries: ClientEntry[] = [];
  /** Closed loop: users (before the traffic multiplier; 0 for an open-loop client), their think
   * time, and how many are in the loop now. */
  users = 0;
  think: ((r: Rng) => number) | null = null;
  active = 0;
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

export interface FaultRt {
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

/** The guard rails' counters (simulation.md "Guard rails"). */
export class Limits {
  inFlight = 0;
  backlog = 0;
  capped = 0;
  refusedInFlight = 0;
  refusedBacklog = 0;
  constructor(
    readonly maxInFlight: number,
    readonly maxBacklog: number,
    readonly maxEvents: number,
  ) {}
}
