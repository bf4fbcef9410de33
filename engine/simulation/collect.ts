// Collecting results: the time integrals of every node (busy workers, waiting, capacity), the
// client totals, the per-second series, the traces kept, and the assembly of the results JSON
// (simulation.md "Results"). Everything streams: counters, integrals and HDR histograms.
import { E_MARK } from './events.js';
import { LatencyStat, r3 } from './stats.js';
import { OK, TraceRt, type NodeRt } from './runtime.js';
import {
  CAUSES,
  type ByCause,
  type CallResult,
  type ClientResult,
  type NodeResult,
  type SagaResult,
  type SeriesPoint,
  type SimulationResult,
  type Trace,
} from './result.js';
import type { Simulation } from './simulate.js';
import { evaluateSlos } from './slo.js';

export class Collector {
  // Client totals.
  total = 0;
  okCount = 0;
  readonly byCause = new Float64Array(CAUSES.length);
  /** All clients' latency; the client's own histogram when there is one client (clients.ts). */
  lat = new LatencyStat();
  // Series.
  readonly interval: number;
  readonly sRps: Float64Array;
  private readonly sOk: Float64Array;
  private readonly sFailed: Float64Array;
  private readonly sP50: Float64Array;
  private readonly sP99: Float64Array;
  private sCur = 0;
  private readonly sLat = new LatencyStat();
  // Traces.
  readonly traces: TraceRt[] = [];
  private readonly maxTraces: number;
  private traceStride = 1;
  private reqSeq = 0;

  constructor(
    private readonly s: Simulation,
    interval: number,
    maxTraces: number,
  ) {
    this.interval = interval;
    const points = Math.max(1, Math.ceil(s.duration / interval));
    this.sRps = new Float64Array(points);
    this.sOk = new Float64Array(points);
    this.sFailed = new Float64Array(points);
    this.sP50 = new Float64Array(points);
    this.sP99 = new Float64Array(points);
    this.maxTraces = maxTraces;
    s.k.on(E_MARK, () => {
      for (const n of s.nodeRt.values()) n.repMin = n.repMax = n.serving;
    });
  }

  /** Traces are spread evenly over the expected client requests after the warmup. */
  start(): void {
    if (this.s.clientRt.size === 1) for (const c of this.s.clientRt.values()) this.lat = c.lat;
    let expected = 0;
    for (const c of this.s.clientRt.values()) expected += (c.rate * (this.s.duration - this.s.warmup)) / 1000;
    this.traceStride = Math.max(1, Math.floor(expected / Math.max(1, this.maxTraces)));
    this.s.k.at(this.s.warmup, E_MARK, null, 0);
    const points = this.sRps.length;
    for (const n of this.s.nodeRt.values()) {
      n.sBusy = new Float64Array(points);
      n.sCap = new Float64Array(points);
      n.sIn = new Float64Array(points);
      n.sRep = new Float64Array(points);
      n.sBack = new Float64Array(points);
      n.sEnd = this.interval;
    }
  }

  /** A new client request: counted in its series second; maybe traced. */
  requestStarted(now: number, counted: boolean): TraceRt | null {
    let trace: TraceRt | null = null;
    if (counted && this.traces.length < this.maxTraces && this.reqSeq++ % this.traceStride === 0) {
      trace = new TraceRt((this.traces.length + 1).toString(16).padStart(32, '0'));
      this.traces.push(trace);
    }
    const bucket = Math.floor(now / this.interval);
    if (bucket < this.sRps.length) this.sRps[bucket]!++;
    return trace;
  }

  /** A client request ended at now after ms, with an outcome. */
  requestDone(now: number, ms: number, cause: number, counted: boolean): void {
    // Series: finishes come in time order, so one histogram serves the current second.
    const b = Math.floor(now / this.interval);
    if (b !== this.sCur) this.flushSeries(b);
    if (b < this.sOk.length) {
      if (cause === OK) this.sOk[b]!++;
      else this.sFailed[b]!++;
      this.sLat.record(ms);
    }
    if (!counted) return;
    this.total++;
    if (cause === OK) this.okCount++;
    else this.byCause[cause]!++;
    this.lat.record(ms);
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

  /** Brings the time integrals of a node up to now (only the part after the warmup counts). */
  touch(n: NodeRt): void {
    const now = this.s.k.now;
    const dt = now - n.lastT;
    if (dt > 0) {
      n.tBusy += n.busy * dt;
      n.tCap += n.serving * n.conc * dt;
      // The node's series: the state since lastT, split at interval ends.
      let t = n.lastT;
      while (now > n.sEnd && n.sIdx < n.sBusy!.length) {
        this.accrue(n, n.sEnd - t);
        n.sRep![n.sIdx] = n.serving;
        n.sBack![n.sIdx] = this.backlogOf(n);
        t = n.sEnd;
        n.sIdx++;
        n.sEnd += this.interval;
      }
      if (n.sIdx < n.sBusy!.length) this.accrue(n, now - t);
      const warmup = this.s.warmup;
      const from = n.lastT > warmup ? n.lastT : warmup;
      const d = now - from;
      if (d > 0) {
        n.busyArea += n.busy * d;
        n.qArea += (n.waiting + n.backlogCount) * d;
        n.capArea += n.serving * n.conc * d;
      }
    }
    n.lastT = now;
  }

  private accrue(n: NodeRt, d: number): void {
    const i = n.sIdx;
    n.sBusy![i]! += n.busy * d;
    n.sCap![i]! += n.serving * n.conc * d;
    n.sIn![i]! += (n.busy + n.waiting) * d;
  }

  /** A queue's backlog; a topic's largest consumer backlog. */
  private backlogOf(n: NodeRt): number {
    if (n.def.kind !== 'topic') return n.backlogCount;
    let m = 0;
    for (const b of n.backlogs) if (b.count > m) m = b.count;
    return m;
  }

  /** The node's series (simulation.md "Results, continued"), up to the end reached. */
  private nodeSeries(n: NodeRt, end: number): NonNullable<NodeResult['series']> {
    const iv = this.interval;
    const out = { utilization: [] as number[], inFlight: [] as number[], replicas: [] as number[], backlog: [] as number[] };
    for (let i = 0; i < n.sBusy!.length; i++) {
      // Intervals past the end reached (a run stopped early) are 0; the interval the run ended
      // in ends with the state at that moment.
      const len = Math.min(iv, Math.max(0, end - i * iv));
      const past = len === 0 && i > 0;
      const current = i === n.sIdx;
      out.utilization.push(!past && n.sCap![i]! > 0 ? r3(n.sBusy![i]! / n.sCap![i]!) : 0);
      out.inFlight.push(!past && len > 0 ? r3(n.sIn![i]! / len) : 0);
      out.replicas.push(past ? 0 : current ? n.serving : n.sRep![i]!);
      out.backlog.push(past ? 0 : current ? this.backlogOf(n) : n.sBack![i]!);
    }
    return out;
  }

  result(wallMs: number): SimulationResult {
    const s = this.s;
    const end = s.k.now;
    const warmup = s.warmup;
    for (const n of s.nodeRt.values()) this.touch(n);
    this.flushSeries(this.sCur + 1);
    const span = (end - warmup) / 1000;
    const nodes = Object.create(null) as Record<string, NodeResult>; // ids are plain keys (`__proto__` too)
    const empty = { min: 1, max: 1, final: 1 };
    for (const id of Object.keys(s.design.nodes)) {
      const c = s.clientRt.get(id);
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
      const n = s.nodeRt.get(id)!;
      const messaging = n.def.kind === 'queue' || n.def.kind === 'topic';
      const r: NodeResult = {
        arrivals: n.arrivals,
        completed: n.completed,
        failed: n.failed,
        utilization: n.capArea > 0 ? r3(n.busyArea / n.capArea) : 0,
        meanQueue: span > 0 ? r3(n.qArea / (end - warmup)) : 0,
        maxQueue: messaging ? n.backlogMax : n.maxQueue,
        latency: n.lat.summary(),
        replicas: messaging ? { ...empty } : { min: n.repMin, max: n.repMax, final: n.serving },
        backlog: { max: n.backlogMax, final: n.backlogCount },
        dlq: n.dlqCount,
      };
      if (n.def.kind === 'topic') {
        const consumers = Object.create(null) as Record<string, { max: number; final: number }>;
        for (const b of n.backlogs) if (b.consumers.length === 1) consumers[b.consumers[0]!.id] = { max: b.max, final: b.count };
        r.backlog.consumers = consumers;
      }
      if (n.def.kind === 'cache') r.cache = { hits: n.cacheHits, misses: n.cacheMisses };
      if (n.ops !== null) {
        const ops = Object.create(null) as NonNullable<NodeResult['operations']>;
        for (const o of n.ops) ops[o.name] = { arrivals: o.arrivals, failed: o.failed, latency: o.lat.summary() };
        r.operations = ops;
      }
      if (n.scale !== null) r.scale = n.scale;
      if (n.arrivals > 0) r.series = this.nodeSeries(n, end);
      nodes[id] = r;
    }
    const clients = Object.create(null) as Record<string, ClientResult>;
    for (const c of s.clientRt.values())
      clients[c.id] = {
        requests: c.entries.map((e) => ({
          to: e.edge.to.id,
          route: e.route ?? null,
          op: e.op ?? null,
          total: e.total,
          ok: e.ok,
          failed: e.failed,
          latency: e.lat.summary(),
        })),
      };
    const calls = Object.create(null) as Record<string, CallResult>;
    for (const [key, c] of s.callStats)
      calls[key] = {
        attempts: c.attempts,
        retries: c.retries,
        ok: c.ok,
        failed: c.failed,
        byCause: causes(c.byCause),
        breaker: { transitions: c.transitions, slow: c.slow },
      };
    const sagas = Object.create(null) as Record<string, SagaResult>;
    for (const n of s.nodeRt.values()) if (n.saga) sagas[n.id] = { ...n.saga };
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
      spans: t.spans.map((sp) => (sp.end < 0 ? { ...sp, end: r3(end) } : sp)),
    }));
    return {
      design: s.design.name,
      scenario: s.scenarioName,
      seed: s.seed,
      duration: s.duration,
      warmup,
      requests: { total: this.total, ok: this.okCount, failed: this.total - this.okCount, byCause: causes(this.byCause) },
      latency: this.lat.summary(),
      throughput: span > 0 ? r3(this.okCount / span) : 0,
      nodes,
      calls,
      sagas,
      clients,
      slos: evaluateSlos(s.design, clients),
      series: { interval: this.interval, points },
      traces,
      stats: { events: s.k.events, wallMs: r3(wallMs), capped: s.lim.capped, stopped: s.k.stopped },
    };
  }
}

function causes(a: Float64Array): ByCause {
  const out = {} as ByCause;
  CAUSES.forEach((c, i) => (out[c] = a[i]!));
  return out;
}
