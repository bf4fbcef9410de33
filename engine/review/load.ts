// Offered load, analytically: the mean arrival rate at every node at the nominal client rates,
// following the requests' paths (request mix weights, gateway routes by longest prefix, call
// probability, retries at the expected rate under the nominal error rates, fan-out, saga steps
// and compensations, cache misses, queue/topic deliveries and redeliveries, canary versions,
// operations named by `op` or picked by weight, stages, optional calls whose failure does not fail
// the request), and each node's utilization = arrival x mean own latency / (replicas x
// concurrency), per operation (its arrivals x its own latency) summed over the node, review.md's
// formula: the replicas that run (for an autoscaled node at least autoscale.min, which the HPA
// keeps), with the utilization autoscale.max would give reported beside it as headroom.
// Timeouts and breakers are ignored: at nominal load they neither add nor remove work.
import {
  isServiceLike,
  type Call,
  type ClientNode,
  type Design,
  type DesignNode,
  type SagaNode,
  type ServiceLikeNode,
} from '../model/schema.js';
import { callStages, forwardPolicy } from '../model/graph.js';
import { meanOf } from '../model/distribution.js';
import { matchingRoutes } from './routes.js';

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
  /** Nodes with operations: the load each operation brings (of the version the numbers are about). */
  operations?: OperationLoad[];
}

export interface OperationLoad {
  name: string;
  /** Requests per second running this operation (tries included). */
  arrival: number;
  /** Its mean own latency, ms. */
  meanLatency: number;
  /** Its share of the node's utilization. */
  utilization: number;
}

export interface Load {
  /** Nodes with a capacity (services, gateways, sagas, databases, caches), in design order. */
  nodes: Map<string, NodeLoad>;
  /** Arrival rate at every node reached, queues and topics included. */
  arrivals: Map<string, number>;
  /** Arrival rate at each operation of the nodes with operations. */
  operations: Map<string, Map<string, number>>;
}

type Vec = Map<string, number>;

const ROUTELESS = '\u0001';

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
  // Node ids are plain keys (a node may be called "__proto__"): a Map, never an object lookup.
  const byId = new Map<string, DesignNode>(Object.entries(design.nodes));
  let pass = new Map<string, number>();
  let flow = run(design, pass, byId);
  // A gateway's rate limit turns the excess away before it is forwarded; a second pass applies it.
  const next = new Map<string, number>();
  for (const [id, n] of byId)
    if (n.kind === 'gateway' && n.rateLimit !== undefined) {
      const a = flow.total.get(id) ?? 0;
      if (a > n.rateLimit) next.set(id, n.rateLimit / a);
    }
  if (next.size) {
    pass = next;
    flow = run(design, pass, byId);
  }
  const result = flow.total;
  const nodes = new Map<string, NodeLoad>();
  for (const [id, n] of byId) {
    const arrival = (result.get(id) ?? 0) * (pass.get(id) ?? 1);
    if (n.kind === 'database' || n.kind === 'cache') {
      const meanLatency = meanOf(n.latency);
      nodes.set(id, { arrival, meanLatency, slots: n.connections, utilization: busy(arrival, meanLatency) / n.connections });
    } else if (n.kind === 'gateway' || n.kind === 'service' || n.kind === 'saga') {
      const scale = pass.get(id) ?? 1;
      // Each operation's own arrivals x its own latency (or the version's, when it has none).
      const reached = flow.operations.get(id);
      const ops = Object.entries(n.operations ?? {})
        .filter(([name]) => reached?.has(name))
        .map(([name, o]) => ({ name, arrival: reached!.get(name)! * scale, latency: o.latency }));
      let worst: NodeLoad | undefined;
      const atMax = new Map(versionsOf(n, maxReplicas).map((v) => [v.name, v.replicas]));
      for (const v of versionsOf(n)) {
        if (v.replicas <= 0) continue;
        const slots = v.replicas * n.concurrency;
        const perOp = ops.map((o) => {
          const meanLatency = o.latency ? meanOf(o.latency) : v.latency;
          return { name: o.name, arrival: o.arrival, meanLatency, utilization: busy(o.arrival * v.share, meanLatency) / slots };
        });
        const busySlots = ops.length ? perOp.reduce((s, o) => s + o.utilization * slots, 0) : busy(arrival * v.share, v.latency);
        const utilization = busySlots / slots;
        if (!worst || utilization > worst.utilization) {
          // The mean own latency of what arrives: the operations' latencies weighted by arrivals.
          const meanLatency = ops.length && arrival > 0 ? (busySlots * 1000) / (arrival * v.share) : v.latency;
          worst = {
            arrival,
            utilization,
            meanLatency,
            slots,
            ...(v.name ? { version: v.name } : {}),
            ...(ops.length ? { operations: perOp } : {}),
          };
          const maxSlots = (atMax.get(v.name) ?? v.replicas) * n.concurrency;
          if (n.autoscale && maxSlots > 0) {
            worst.slotsAtMax = maxSlots;
            worst.utilizationAtMax = busySlots / maxSlots;
          }
        }
      }
      if (worst) nodes.set(id, worst);
    }
  }
  return { nodes, arrivals: result, operations: flow.operations };
}

/** Busy slots: arrivals per ms x mean ms (0 with no arrivals, even for an unbounded mean). */
function busy(perSecond: number, meanMs: number): number {
  return perSecond > 0 ? (perSecond * meanMs) / 1000 : 0;
}

// Two passes over the graph of (node, gateway route, operation) keys, neither recursive: a
// depth-first post-order computes each key's probability of failing (its callees first) and the
// calls it makes per arrival; arrivals then flow from the clients in reverse post-order (a
// topological order). A request that names no operation of a node with operations arrives at a
// dispatch key that splits it by the operations' weights (a retry picks again, as the simulator
// does). An edge back to a key still open in the search (a cycle, the sync-cycle rule's business)
// is cut: numbers inside a cycle are a lower bound.
interface Key {
  id: string;
  route: string | undefined;
  op: string | undefined;
  /** A request to a node with operations that names none: split by weight. */
  dispatch: boolean;
}

interface Flow {
  /** Arrivals per node id (dispatch keys not counted: their operations are). */
  total: Vec;
  /** Arrivals per operation, for nodes with operations. */
  operations: Map<string, Vec>;
}

function run(design: Design, pass: Map<string, number>, nodes: ReadonlyMap<string, DesignNode>): Flow {
  const info = new Map<string, Key>();
  const key = (id: string, route?: string, op?: string): string => {
    const n = nodes.get(id);
    const ops = n && isServiceLike(n) ? n.operations : undefined;
    const hasOps = ops !== undefined && Object.keys(ops).length > 0;
    const r = n?.kind === 'gateway' ? route : undefined;
    const o = hasOps && op !== undefined && Object.hasOwn(ops, op) ? op : undefined;
    const k = `${id}\u0000${r ?? ROUTELESS}\u0000${o ?? ''}`;
    if (!info.has(k)) info.set(k, { id, route: r, op: o, dispatch: hasOps && o === undefined });
    return k;
  };
  const opsOf = (n: ServiceLikeNode) => Object.entries(n.operations ?? {});

  /** The keys a key may call, in the order its behaviour calls them (the search's order). */
  const children = (k: string): string[] => {
    const { id, route, op, dispatch } = info.get(k)!;
    const n = nodes.get(id);
    if (!n) return [];
    switch (n.kind) {
      case 'client':
      case 'database':
        return [];
      case 'cache':
        return n.miss && n.hitRatio < 1 ? [key(n.miss)] : [];
      case 'queue':
      case 'topic':
        return [...n.consumers.map((c) => key(c)), ...(n.dlq ? [key(n.dlq)] : [])];
      default: {
        if (dispatch) return opsOf(n).map(([o]) => key(id, route, o));
        const out: string[] = [];
        if (n.kind === 'gateway') for (const r of matchingRoutes(n, route)) out.push(key(r.to, undefined, r.op));
        if (n.kind === 'saga') for (const s of n.steps) out.push(key(s.to, undefined, s.op), key(s.to, undefined, s.compensate));
        for (const c of ownCalls(n, op)) out.push(key(c.to, undefined, c.op));
        return out;
      }
    }
  };

  const fail = new Map<string, number>();
  /** Per key: the keys it sends tries to and how many per arrival here (cut edges left out). */
  const sends = new Map<string, [string, number][]>();
  const order: string[] = [];

  const compute = (k: string, cut: ReadonlySet<string>) => {
    const { id, route, op, dispatch } = info.get(k)!;
    const n = nodes.get(id);
    const out: [string, number][] = [];
    if (!n) {
      // A reference to no node (the model validates them; never an Object.prototype lookup here).
      fail.set(k, 0);
      sends.set(k, out);
      order.push(k);
      return;
    }
    /** `made` calls to key `t` with up to `attempts` tries; returns the probability all tries fail. */
    const call = (t: string, made: number, attempts: number): number => {
      if (cut.has(t) || !fail.has(t)) return 0;
      const f = fail.get(t)!;
      if (made !== 0) out.push([t, made * expectedTries(f, attempts)]);
      return f ** attempts;
    };
    let failure = 0;
    switch (n.kind) {
      case 'client':
        break;
      case 'database':
        failure = n.errorRate;
        break;
      case 'cache': {
        const missRate = 1 - n.hitRatio;
        failure = n.miss && missRate > 0 ? missRate * call(key(n.miss), missRate, 1) : 0;
        break;
      }
      case 'queue':
      case 'topic': {
        // A topic gives each consumer a copy; a queue's competing consumers share the messages.
        const share = n.kind === 'topic' ? 1 : 1 / Math.max(1, n.consumers.length);
        for (const c of n.consumers) {
          const dead = call(key(c), share, n.maxDeliveries);
          if (n.dlq && dead > 0) call(key(n.dlq), share * dead, 1);
        }
        break;
      }
      default: {
        if (dispatch) {
          // Each arrival runs one operation, picked by weight: its tries are the caller's.
          const ops = opsOf(n);
          const weight = ops.reduce((s, [, o]) => s + o.weight, 0);
          for (const [o, def] of ops) {
            const t = key(id, route, o);
            const share = weight > 0 ? def.weight / weight : 1 / ops.length;
            if (cut.has(t) || !fail.has(t)) continue;
            out.push([t, share]);
            failure += share * fail.get(t)!;
          }
          break;
        }
        const raw = op !== undefined ? n.operations![op]! : undefined;
        // An operation's own errorRate replaces its version's; a version with no replicas fails all.
        const errorRate = versionsOf(n).reduce((s, v) => s + v.share * (v.replicas === 0 ? 1 : (raw?.errorRate ?? v.errorRate)), 0);
        const passed = pass.get(id) ?? 1;
        let reach = (1 - errorRate) * passed;
        const attemptsTo = (to: string) => forwardPolicy(design, n, to).retry?.attempts ?? 1;
        if (n.kind === 'gateway') {
          const targets = matchingRoutes(n, route);
          if (!targets.length)
            reach = 0; // no route matches: 404
          else {
            const share = reach / targets.length;
            const failAll = targets.reduce((s, r) => s + call(key(r.to, undefined, r.op), share, attemptsTo(r.to)), 0) / targets.length;
            reach *= 1 - failAll;
          }
        } else if (n.kind === 'saga') {
          const done: SagaNode['steps'] = [];
          for (const step of n.steps) {
            const failed = call(key(step.to, undefined, step.op), reach, attemptsTo(step.to));
            // The completed steps' compensations run, in reverse, when this step fails.
            for (const c of done) call(key(c.to, undefined, c.compensate), reach * failed, attemptsTo(c.to));
            reach *= 1 - failed;
            if (step.compensate) done.unshift(step);
          }
        }
        const calls = ownCalls(n, op);
        const parallel = raw?.parallel ?? n.parallel;
        // Stages (or a parallel list) run their calls at once; the next starts with what is left.
        for (const group of callStages(calls, parallel)) {
          const start = reach;
          let ok = 1;
          for (const c of group) {
            const made = start * c.probability;
            // Fire-and-forget calls are not retried by the caller: it never learns the outcome.
            const failed = call(key(c.to, undefined, c.op), made, c.async ? 1 : (c.retry?.attempts ?? 1));
            // An optional call's final failure does not fail the request.
            if (c.async || c.optional) continue;
            ok *= 1 - c.probability * failed;
          }
          reach = start * ok;
        }
        failure = Math.min(1, Math.max(0, 1 - reach));
      }
    }
    fail.set(k, failure);
    sends.set(k, out);
    order.push(k);
  };

  // Iterative depth-first search: a frame per open key, its children examined in order; a child
  // still open is cut for this key (as a recursive search would find it on its stack).
  const open = new Set<string>();
  const visit = (root: string) => {
    if (fail.has(root)) return;
    const stack: { k: string; kids: string[]; i: number; cut: Set<string> }[] = [];
    const push = (k: string) => {
      open.add(k);
      stack.push({ k, kids: children(k), i: 0, cut: new Set() });
    };
    push(root);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.i < top.kids.length) {
        const kid = top.kids[top.i++]!;
        if (open.has(kid)) top.cut.add(kid);
        else if (!fail.has(kid)) push(kid);
        continue;
      }
      stack.pop();
      open.delete(top.k);
      compute(top.k, top.cut);
    }
  };

  const total: Vec = new Map();
  const operations = new Map<string, Vec>();
  const arrivals = new Map<string, number>();
  for (const n of nodes.values()) {
    if (n.kind !== 'client') continue;
    const weight = n.requests.reduce((s, r) => s + r.weight, 0);
    if (weight <= 0) continue;
    for (const r of n.requests) {
      const k = key(r.to, r.route, r.op);
      visit(k);
      const rate = ((clientRate(n) * r.weight) / weight) * expectedTries(fail.get(k) ?? 0, r.retry?.attempts ?? 1);
      arrivals.set(k, (arrivals.get(k) ?? 0) + rate);
    }
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const k = order[i]!;
    const a = arrivals.get(k) ?? 0;
    if (a === 0) continue;
    const { id, op, dispatch } = info.get(k)!;
    if (!dispatch) total.set(id, (total.get(id) ?? 0) + a);
    if (op !== undefined) {
      let m = operations.get(id);
      if (!m) operations.set(id, (m = new Map()));
      m.set(op, (m.get(op) ?? 0) + a);
    }
    for (const [to, per] of sends.get(k)!) arrivals.set(to, (arrivals.get(to) ?? 0) + a * per);
  }
  return { total, operations };
}

/** The calls a request that runs `op` (or the node itself) makes besides its forwards: a
 * gateway's or saga's calls entry for a forward target only sets that forward's policy. */
function ownCalls(n: ServiceLikeNode, op: string | undefined): Call[] {
  const calls = (op !== undefined ? n.operations?.[op]?.calls : undefined) ?? n.calls;
  if (n.kind === 'service') return calls;
  const forwards = forwardTargets(n);
  return calls.filter((c) => !forwards.has(c.to));
}

/** A client's nominal request rate: its `rate`, or for closed-loop users users / mean think time
 * (the most they can send; answers take time too, so the real rate is a little lower). */
export function clientRate(n: ClientNode): number {
  if (n.rate !== undefined) return n.rate;
  if (n.users !== undefined) {
    const think = meanOf(n.think);
    return think > 0 && Number.isFinite(think) ? (n.users * 1000) / think : 0;
  }
  return 0;
}

function forwardTargets(n: DesignNode): Set<string> {
  if (n.kind === 'gateway') return new Set(n.routes.map((r) => r.to));
  if (n.kind === 'saga') return new Set(n.steps.map((s) => s.to));
  return new Set();
}
