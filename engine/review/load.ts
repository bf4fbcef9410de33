// Offered load, analytically: the mean arrival rate at every node at the nominal client rates,
// following the requests' paths (request mix weights, gateway routes by longest prefix, call
// probability, retries at the expected rate under the nominal error rates, fan-out, saga steps
// and compensations, cache misses, queue/topic deliveries and redeliveries, canary versions), and
// each node's utilization = arrival x mean own latency / (replicas x concurrency), review.md's
// formula: the replicas that run (for an autoscaled node at least autoscale.min, which the HPA
// keeps), with the utilization autoscale.max would give reported beside it as headroom.
// Timeouts and breakers are ignored: at nominal load they neither add nor remove work.
import type { Design, DesignNode, ServiceLikeNode } from '../model/schema.js';
import { meanOf } from '../model/distribution.js';
import { routeTargets } from './routes.js';

export interface NodeLoad {
  /** Requests per second arriving (tries included). */
  arrival: number;
  /** Busy worker slots over worker slots; for canaries, the busiest version. */
  utilization: number;
  /** Mean own latency (ms) of the busiest version. */
  meanLatency: number;
  /** Worker slots: replicas x concurrency, or connections. */
  slots: number;
  /** The version the numbers are about, for canaries. */
  version?: string;
  /** Autoscaled nodes: the same utilization with autoscale.max replicas (headroom). */
  utilizationAtMax?: number;
  /** Autoscaled nodes: worker slots at autoscale.max. */
  slotsAtMax?: number;
}

export interface Load {
  /** Nodes with a capacity (services, gateways, sagas, databases, caches), in design order. */
  nodes: Map<string, NodeLoad>;
  /** Arrival rate at every node reached, queues and topics included. */
  arrivals: Map<string, number>;
}

type Vec = Map<string, number>;
interface Unit {
  /** Arrivals everywhere caused by one arrival here. */
  load: Vec;
  /** Probability a try here fails (after its own retries downstream). */
  fail: number;
  /** A cycle was cut while computing this: do not memoize. */
  cut: boolean;
}

const ROUTELESS = '\u0001';

function addScaled(into: Vec, from: Vec, k: number): void {
  if (k === 0) return;
  for (const [id, v] of from) into.set(id, (into.get(id) ?? 0) + v * k);
}

/** Expected tries of a call whose every try fails with probability p, up to `attempts` tries. */
export function expectedTries(p: number, attempts: number): number {
  if (p >= 1) return attempts;
  if (p <= 0) return 1;
  return (1 - p ** attempts) / (1 - p);
}

// review.md's utilization divides by replicas x concurrency: the replicas that run, which for an
// autoscaled node is at least autoscale.min (the HPA keeps that many). What autoscale.max would
// add is headroom the HPA may or may not reach in time (startup, stabilization), so it is stated in
// the finding, not counted as capacity.
function runningReplicas(n: ServiceLikeNode): number {
  return n.autoscale ? Math.max(n.replicas, n.autoscale.min) : n.replicas;
}

function maxReplicas(n: ServiceLikeNode): number {
  return n.autoscale ? Math.max(n.replicas, n.autoscale.max) : n.replicas;
}

function versionsOf(
  n: ServiceLikeNode,
  replicasOf: (n: ServiceLikeNode) => number = runningReplicas,
): { name?: string; share: number; replicas: number; latency: number; errorRate: number }[] {
  const base = { replicas: replicasOf(n), latency: meanOf(n.latency), errorRate: n.errorRate };
  const vs = Object.entries(n.versions ?? {}).filter(([, v]) => v.weight > 0);
  const total = vs.reduce((s, [, v]) => s + v.weight, 0);
  if (!vs.length || total <= 0) return [{ share: 1, ...base }];
  return vs.map(([name, v]) => ({
    name,
    share: v.weight / total,
    replicas: v.replicas ?? base.replicas,
    latency: v.latency ? meanOf(v.latency) : base.latency,
    // A version with no replicas fails every request it gets (noReplica).
    errorRate: (v.replicas ?? base.replicas) === 0 ? 1 : (v.errorRate ?? base.errorRate),
  }));
}

export function computeLoad(design: Design): Load {
  let pass = new Map<string, number>();
  let result = run(design, pass);
  // A gateway's rate limit turns the excess away before it is forwarded; a second pass applies it.
  const next = new Map<string, number>();
  for (const [id, n] of Object.entries(design.nodes))
    if (n.kind === 'gateway' && n.rateLimit !== undefined) {
      const a = result.get(id) ?? 0;
      if (a > n.rateLimit) next.set(id, n.rateLimit / a);
    }
  if (next.size) {
    pass = next;
    result = run(design, pass);
  }
  const nodes = new Map<string, NodeLoad>();
  for (const [id, n] of Object.entries(design.nodes)) {
    const arrival = (result.get(id) ?? 0) * (pass.get(id) ?? 1);
    if (n.kind === 'database' || n.kind === 'cache') {
      const meanLatency = meanOf(n.latency);
      nodes.set(id, { arrival, meanLatency, slots: n.connections, utilization: busy(arrival, meanLatency) / n.connections });
    } else if (n.kind === 'gateway' || n.kind === 'service' || n.kind === 'saga') {
      let worst: NodeLoad | undefined;
      const atMax = new Map(versionsOf(n, maxReplicas).map((v) => [v.name, v.replicas]));
      for (const v of versionsOf(n)) {
        if (v.replicas <= 0) continue;
        const slots = v.replicas * n.concurrency;
        const utilization = busy(arrival * v.share, v.latency) / slots;
        if (!worst || utilization > worst.utilization) {
          worst = { arrival, utilization, meanLatency: v.latency, slots, ...(v.name ? { version: v.name } : {}) };
          const maxSlots = (atMax.get(v.name) ?? v.replicas) * n.concurrency;
          if (n.autoscale && maxSlots > 0) {
            worst.slotsAtMax = maxSlots;
            worst.utilizationAtMax = busy(arrival * v.share, v.latency) / maxSlots;
          }
        }
      }
      if (worst) nodes.set(id, worst);
    }
  }
  return { nodes, arrivals: result };
}

/** Busy slots: arrivals per ms x mean ms (0 with no arrivals, even for an unbounded mean). */
function busy(perSecond: number, meanMs: number): number {
  return perSecond > 0 ? (perSecond * meanMs) / 1000 : 0;
}

function run(design: Design, pass: Map<string, number>): Vec {
  const memo = new Map<string, Unit>();
  const onStack = new Set<string>();

  const unit = (id: string, route: string | undefined): Unit => {
    const n = design.nodes[id];
    const key = n?.kind === 'gateway' ? `${id}\u0000${route ?? ROUTELESS}` : id;
    const known = memo.get(key);
    if (known) return known;
    // A cycle (the sync-cycle rule's business) is cut here rather than followed forever.
    if (!n || onStack.has(key)) return { load: new Map(), fail: 0, cut: true };
    onStack.add(key);
    const u = compute(id, n, route);
    onStack.delete(key);
    // Memoized even when a cycle was cut: recomputing would be exponential in dense cyclic
    // designs, and the numbers inside a cycle are a lower bound either way.
    memo.set(key, u);
    return u;
  };

  const compute = (id: string, n: DesignNode, route: string | undefined): Unit => {
    const load: Vec = new Map([[id, 1]]);
    let cut = false;
    /** Adds `made` calls to `to` with up to `attempts` tries; returns the probability all tries fail. */
    const call = (to: string, made: number, attempts: number, r?: string): number => {
      const t = unit(to, r);
      cut ||= t.cut;
      addScaled(load, t.load, made * expectedTries(t.fail, attempts));
      return t.fail ** attempts;
    };
    switch (n.kind) {
      case 'client':
        return { load, fail: 0, cut };
      case 'database':
        return { load, fail: n.errorRate, cut };
      case 'cache': {
        const missRate = 1 - n.hitRatio;
        const fail = n.miss && missRate > 0 ? missRate * call(n.miss, missRate, 1) : 0;
        return { load, fail, cut };
      }
      case 'queue':
      case 'topic': {
        // A topic gives each consumer a copy; a queue's competing consumers share the messages.
        const share = n.kind === 'topic' ? 1 : 1 / Math.max(1, n.consumers.length);
        for (const c of n.consumers) {
          const dead = call(c, share, n.maxDeliveries);
          if (n.dlq && dead > 0) call(n.dlq, share * dead, 1);
        }
        return { load, fail: 0, cut };
      }
      default: {
        const errorRate = versionsOf(n).reduce((s, v) => s + v.share * v.errorRate, 0);
        const passed = pass.get(id) ?? 1;
        let reach = (1 - errorRate) * passed;
        const calls = n.kind === 'gateway' || n.kind === 'saga' ? n.calls.filter((c) => !forwardTargets(n).has(c.to)) : n.calls;
        const policyFor = (to: string) => n.calls.find((c) => c.to === to)?.retry?.attempts ?? design.defaults.call.retry?.attempts ?? 1;
        if (n.kind === 'gateway') {
          const targets = routeTargets(n, route);
          if (!targets.length)
            reach = 0; // no route matches: 404
          else {
            const failAll = targets.reduce((s, to) => s + call(to, reach / targets.length, policyFor(to)), 0) / targets.length;
            reach *= 1 - failAll;
          }
        } else if (n.kind === 'saga') {
          const done: string[] = [];
          for (const step of n.steps) {
            const failed = call(step.to, reach, policyFor(step.to));
            // The completed steps' compensations run, in reverse, when this step fails.
            for (const c of done) call(c, reach * failed, policyFor(c));
            reach *= 1 - failed;
            if (step.compensate) done.push(step.to);
          }
        }
        const start = reach;
        let parallelOk = 1;
        for (const c of calls) {
          const made = (n.parallel ? start : reach) * c.probability;
          // Fire-and-forget calls are not retried by the caller: it never learns the outcome.
          const failed = call(c.to, made, c.async ? 1 : (c.retry?.attempts ?? 1));
          if (c.async) continue;
          if (n.parallel) parallelOk *= 1 - c.probability * failed;
          else reach *= 1 - c.probability * failed;
        }
        if (n.parallel) reach = start * parallelOk;
        return { load, fail: Math.min(1, Math.max(0, 1 - reach)), cut };
      }
    }
  };

  const total: Vec = new Map();
  for (const n of Object.values(design.nodes)) {
    if (n.kind !== 'client') continue;
    const weight = n.requests.reduce((s, r) => s + r.weight, 0);
    if (weight <= 0) continue;
    for (const r of n.requests) {
      const u = unit(r.to, r.route);
      addScaled(total, u.load, (((n.rate ?? 0) * r.weight) / weight) * expectedTries(u.fail, r.retry?.attempts ?? 1));
    }
  }
  return total;
}

function forwardTargets(n: DesignNode): Set<string> {
  if (n.kind === 'gateway') return new Set(n.routes.map((r) => r.to));
  if (n.kind === 'saga') return new Set(n.steps.map((s) => s.to));
  return new Set();
}
