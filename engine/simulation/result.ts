// The results of a simulation run: the JSON document of simulation.md (`simulate --json`),
// field for field. All times in milliseconds; every number a plain finite number.
import type { SloResult } from './slo.js';
import type { ReplayRecord } from './machines/replay.js';

export const CAUSES = ['error', 'timeout', 'rejected', 'breakerOpen', 'rateLimited', 'noReplica', 'notFound'] as const;
export type Cause = (typeof CAUSES)[number];
export type ByCause = Record<Cause, number>;

export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface NodeResult {
  arrivals: number;
  completed: number;
  failed: number;
  utilization: number;
  meanQueue: number;
  maxQueue: number;
  latency: LatencySummary;
  replicas: { min: number; max: number; final: number };
  /** consumers: a topic's backlog per consumer service. */
  backlog: { max: number; final: number; consumers?: Record<string, { max: number; final: number }> };
  dlq: number;
  /** Per operation, for nodes with `operations`. */
  operations?: Record<string, { arrivals: number; failed: number; latency: LatencySummary }>;
  /** Caches only. */
  cache?: { hits: number; misses: number };
  /** Autoscaled nodes only: every change of the desired replica count. */
  scale?: { at: number; from: number; to: number }[];
  /** One value per `series` interval; left out for nodes without arrivals. */
  series?: { utilization: number[]; inFlight: number[]; replicas: number[]; backlog: number[] };
}

/** A client's `requests` entry, counted like `requests`. */
export interface ClientRequestResult {
  to: string;
  route: string | null;
  op: string | null;
  total: number;
  ok: number;
  failed: number;
  latency: LatencySummary;
}

export interface ClientResult {
  requests: ClientRequestResult[];
}

export type BreakerStateName = 'closed' | 'open' | 'half_open';

export interface CallResult {
  attempts: number;
  retries: number;
  ok: number;
  failed: number;
  byCause: Partial<ByCause>;
  /** slow: calls the breaker recorded as slow. */
  breaker: { transitions: { at: number; replica: number; from: BreakerStateName; to: BreakerStateName }[]; slow: number };
}

export interface SagaResult {
  started: number;
  completed: number;
  compensated: number;
  failed: number;
}

export interface SeriesPoint {
  t: number;
  rps: number;
  ok: number;
  failed: number;
  p50: number;
  p99: number;
}

export interface Span {
  spanId: string;
  parentSpanId: string | null;
  node: string;
  start: number;
  end: number;
  /** `ok`, a failure cause, or `unfinished` when the run ended first. */
  status: string;
}

export interface Trace {
  traceId: string;
  spans: Span[];
}

export interface SimulationResult {
  design: string;
  scenario: string | null;
  seed: number;
  duration: number;
  warmup: number;
  requests: { total: number; ok: number; failed: number; byCause: ByCause };
  latency: LatencySummary;
  throughput: number;
  nodes: Record<string, NodeResult>;
  calls: Record<string, CallResult>;
  sagas: Record<string, SagaResult>;
  clients: Record<string, ClientResult>;
  /** One per objective of every requests entry with objectives (slo.ts). */
  slos: SloResult[];
  series: { interval: number; points: SeriesPoint[] };
  traces: Trace[];
  /**
   * events: kernel events run; wallMs: time in the event loop; capped (a Meshwright addition):
   * requests and messages turned away because a memory guard rail was hit (0 normally);
   * stopped: why the run ended early (a guard rail), null when it ran to its end.
   */
  stats: { events: number; wallMs: number; capped: number; stopped: 'events' | 'inFlight' | 'backlog' | null };
  /** Only when asked (SimulateOptions.replay, the app): the machines' histories. */
  replay?: ReplayRecord;
}
