// Building a run's model from a design: nodes with their replicas and versions, clients and
// their request entries, call edges with their policies and shared per-(from->to) statistics,
// backlogs of queues and topics, the scenario's faults; and the up-front refusal of sizes that
// cannot run. One random stream per component from (run seed, stable id).
import { edges as designEdges, operationsOf, type Design, type DesignNode } from '../model/index.js';
import { sampler, streamFor } from './rng.js';
import { LimiterInstance, limiterStore } from './machines/rateLimiter.js';
import { ScalerInstance, scalerStore } from './machines/autoscaler.js';
import { Backlog, CallStats, ClientEntry, ClientRt, Edge, MAX_REPLICAS, NodeRt, OpRt, VersionRt, type FaultRt } from './runtime.js';
import { SimulationError, type Simulation } from './simulate.js';

export function buildModel(s: Simulation): void {
  const design = s.design;
  const scenario = s.scenarioName !== null ? design.scenarios[s.scenarioName] : undefined;
  for (const [id, n] of Object.entries(design.nodes)) {
    if (n.kind === 'client') {
      const mul = scenario?.traffic[id] ?? 1;
      s.clientRt.set(
        id,
        new ClientRt(
          id,
          (n.rate ?? 0) * mul,
          n.arrival === 'poisson',
          n.keys,
          streamFor(s.seed, `${id}#arrivals`),
          streamFor(s.seed, `${id}#mix`),
        ),
      );
      if (n.users !== undefined) {
        const c = s.clientRt.get(id)!;
        c.users = n.users * mul;
        c.think = sampler(n.think);
      }
      continue;
    }
    const lb = n.kind === 'gateway' || n.kind === 'service' || n.kind === 'saga' ? n.balancer : 'round_robin';
    const rt = new NodeRt(id, n, streamFor(s.seed, `${id}#work`), streamFor(s.seed, `${id}#lb`), streamFor(s.seed, `${id}#calls`), lb);
    s.nodeRt.set(id, rt);
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
          for (let i = 0; i < count; i++) s.replicas.add(rt, ver);
          rt.versions.push(ver);
        }
        rt.primary = rt.versions.reduce((a, b) => (b.weight > a.weight ? b : a));
        const ops = operationsOf(n);
        if (ops.length > 0) {
          rt.ops = [];
          rt.opByName = new Map();
          for (const o of ops) {
            const raw = n.operations![o.name]!;
            const op = new OpRt(
              o.name,
              o.weight,
              raw.latency !== undefined ? sampler(raw.latency) : null,
              raw.errorRate !== undefined ? raw.errorRate : NaN,
              o.parallel,
            );
            // `calls: []` says "none"; only a left-out list falls back to the node's calls.
            if (raw.calls !== undefined) op.calls = [];
            rt.ops.push(op);
            rt.opByName.set(o.name, op);
            rt.opWeight += o.weight;
          }
        }
        if (n.kind === 'gateway' && n.rateLimit !== undefined) rt.limiter = new LimiterInstance(limiterStore(n.rateLimit));
        if (n.autoscale) {
          const cfg = n.autoscale;
          rt.startup = cfg.startup;
          rt.scale = [];
          rt.scaler = new ScalerInstance(scalerStore(cfg, (want, at) => s.scaling.scaleTo(rt, want, at)));
        }
        break;
      }
      case 'database':
      case 'cache': {
        rt.conc = n.connections;
        const ver = new VersionRt('', 1, sampler(n.latency), n.kind === 'database' ? n.errorRate : 0);
        // Datastore replicas share its requests round robin, `connections` slots each.
        for (let i = 0, count = n.replicas ?? 1; i < count; i++) s.replicas.add(rt, ver);
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
    let stats = s.callStats.get(key);
    if (!stats) s.callStats.set(key, (stats = new CallStats()));
    const to = s.nodeRt.get(e.to);
    if (!to) continue;
    let probability = 1;
    if (e.kind === 'call') {
      const from = design.nodes[e.from]!;
      if (from.kind === 'gateway' || from.kind === 'service' || from.kind === 'saga') {
        const list = e.operation !== undefined ? from.operations![e.operation]!.calls! : from.calls;
        probability = list[e.index!]!.probability;
      }
    }
    const edge = new Edge(
      stats,
      to,
      e.async,
      probability,
      e.policy.timeout ?? Infinity,
      e.policy.retry,
      e.policy.breaker,
      streamFor(s.seed, `${key}#${e.kind}${e.index ?? ''}#jitter`),
    );
    edge.warmup = s.warmup;
    edge.optional = e.optional ?? false;
    edge.network = e.network ?? 0;
    edge.targetOp = e.op;
    if (e.stage !== undefined) edge.stage = e.stage;
    const client = s.clientRt.get(e.from);
    if (client) {
      const entry = (design.nodes[e.from] as Extract<DesignNode, { kind: 'client' }>).requests[e.index!]!;
      client.entries.push(new ClientEntry(edge, entry.weight, entry.route, entry.op));
      client.totalWeight += entry.weight;
      continue;
    }
    const from = s.nodeRt.get(e.from)!;
    switch (e.kind) {
      case 'call': {
        if (e.operation === undefined) {
          from.calls.push(edge);
          break;
        }
        const op = from.opByName?.get(e.operation);
        if (op) (op.calls ??= []).push(edge);
        break;
      }
      case 'route': {
        const r = (from.def as Extract<DesignNode, { kind: 'gateway' }>).routes[e.index!]!;
        from.routes.push({ path: r.path, edge });
        break;
      }
      case 'step': {
        const s = (from.def as Extract<DesignNode, { kind: 'saga' }>).steps[e.index!]!;
        from.steps.push({ edge, compensable: s.compensate !== undefined, compOp: to.ops !== null ? s.compensate : undefined });
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
  // A client's only entry records what the client records: one histogram serves both.
  for (const c of s.clientRt.values()) if (c.entries.length === 1) c.entries[0]!.lat = c.lat;
  // Stages: calls grouped by ascending `stage`, design order within one.
  for (const n of s.nodeRt.values()) {
    n.groups = stagesOf(n.calls);
    for (const op of n.ops ?? []) if (op.calls !== null) op.groups = stagesOf(op.calls);
  }
  // Longest prefix first.
  for (const n of s.nodeRt.values()) n.routes.sort((a, b) => b.path.length - a.path.length);
  // Backlogs: a queue's consumers compete for one backlog; a topic keeps one per consumer.
  for (const n of s.nodeRt.values()) {
    const def = n.def;
    if (def.kind !== 'queue' && def.kind !== 'topic') continue;
    const consumers = def.consumers.map((c) => s.nodeRt.get(c)).filter((c): c is NodeRt => c !== undefined);
    const edgeOf = (c: NodeRt) =>
      new Edge(s.callStats.get(`${n.id}->${c.id}`) ?? new CallStats(), c, true, 1, Infinity, undefined, undefined, n.rngCalls);
    const groups = def.kind === 'queue' ? (consumers.length ? [consumers] : []) : consumers.map((c) => [c]);
    if (groups.length === 0) groups.push([]);
    for (const g of groups) {
      const b = new Backlog(n, g, g.map(edgeOf));
      n.backlogs.push(b);
      for (const c of g) c.subs.push(b);
    }
  }
  for (const n of s.nodeRt.values()) if (n.def.kind === 'saga') n.saga = { started: 0, completed: 0, compensated: 0, failed: 0 };
  // Faults.
  for (const f of scenario?.faults ?? []) {
    const rt: FaultRt = {
      node: f.node !== undefined ? (s.nodeRt.get(f.node) ?? null) : null,
      client: f.node !== undefined ? (s.clientRt.get(f.node) ?? null) : null,
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
      const [a, b] = f.call.split('->').map((x) => x.trim());
      rt.stats = s.callStats.get(`${a}->${b}`) ?? null;
    }
    s.faults.add(rt, f.at, f.for);
  }
}

function stagesOf(calls: Edge[]): Edge[][] | null {
  if (!calls.some((e) => e.stage === e.stage)) return null;
  const by = new Map<number, Edge[]>();
  for (const e of calls) {
    const k = e.stage === e.stage ? e.stage : 0;
    const list = by.get(k);
    if (list) list.push(e);
    else by.set(k, [e]);
  }
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([, list]) => list);
}

/**
 * Refuses, before it starts, a run whose size cannot be simulated in bounded memory and time:
 * more replicas than MAX_REPLICAS on a node, or more client arrivals than the event cap.
 */
const MAX_USERS = 1_000_000;

export function checkSizes(design: Design, scenario: string | null, duration: number, maxEvents: number): void {
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
      if (n.users !== undefined && n.users * (sc?.traffic[id] ?? 1) > MAX_USERS)
        throw new SimulationError(`nodes.${id}.users: ${n.users} users is more than the simulator runs (at most ${MAX_USERS} per client)`, [
          'nodes',
          id,
          'users',
        ]);
      const a = ((n.rate ?? 0) * (sc?.traffic[id] ?? 1) * duration) / 1000;
      arrivals += a;
      if (!busiest || a > busiest.n) busiest = { id, n: a };
      continue;
    }
    if ((n.kind === 'database' || n.kind === 'cache') && n.replicas !== undefined) tooMany(n.replicas, ['nodes', id, 'replicas']);
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
