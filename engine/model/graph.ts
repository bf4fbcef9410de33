// The design as a graph: every edge a request can travel (calls, client requests, gateway
// routes, saga steps and compensations, cache misses, queue/topic deliveries), with the policy
// that applies to it. Shared by the simulator, the review, the exporters and the canvas.
import type { Call, CallPolicy, Design, DesignNode, Distribution, ServiceLikeNode } from './schema.js';

export type EdgeKind = 'call' | 'request' | 'route' | 'step' | 'miss' | 'deliver' | 'dlq';

export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Fire-and-forget: async calls, publishes, deliveries to consumers, dead letters. */
  async: boolean;
  policy: CallPolicy;
  /** Index of the entry in its list (calls, requests, routes, steps; an operation's calls). */
  index?: number;
  /** For a call listed under one of the caller's operations: that operation's name. */
  operation?: string;
  /** The callee's operation the entry names (`op`). */
  op?: string;
  /** A call whose final failure does not fail the request. */
  optional?: boolean;
  stage?: number;
  /** Round-trip network time of every try, ms (calls only). */
  network?: number;
}

/** One operation of a node with what it leaves out taken from the node: what a request that
 * runs it does. */
export interface ResolvedOperation {
  name: string;
  weight: number;
  latency: Distribution;
  errorRate: number;
  calls: Call[];
  parallel: boolean;
  /** The calls in the order they run: each inner list runs at once (see callStages). */
  stages: Call[][];
}

/** A service-like node's operations, in the design's order, fully resolved; empty when the node
 * has none (then requests run the node's own latency, errorRate and calls). */
export function operationsOf(node: DesignNode): ResolvedOperation[] {
  if (node.kind !== 'service' && node.kind !== 'gateway' && node.kind !== 'saga') return [];
  return Object.entries(node.operations ?? {}).map(([name, op]) => {
    const calls = op.calls ?? node.calls;
    const parallel = op.parallel ?? node.parallel;
    return {
      name,
      weight: op.weight,
      latency: op.latency ?? node.latency,
      errorRate: op.errorRate ?? node.errorRate,
      calls,
      parallel,
      stages: callStages(calls, parallel),
    };
  });
}

/** What a request to a service-like node runs when it names `op` (or none): the operation, or
 * the node itself when it has no operations. An unknown `op` cannot reach here (references.ts). */
export function operationOf(node: ServiceLikeNode, op: string | undefined): ResolvedOperation | undefined {
  const ops = operationsOf(node);
  if (ops.length === 0 || op === undefined) return undefined;
  return ops.find((o) => o.name === op);
}

/** A call list's stages in the order they run; each runs its calls at once. With stages: by
 * ascending stage number. Without: `parallel: true` is one stage, else one stage per call. */
export function callStages(calls: readonly Call[], parallel: boolean): Call[][] {
  if (calls.length === 0) return [];
  if (calls.some((c) => c.stage !== undefined)) {
    const by = new Map<number, Call[]>();
    for (const c of calls) {
      const s = c.stage ?? 0;
      const list = by.get(s);
      if (list) list.push(c);
      else by.set(s, [c]);
    }
    return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([, list]) => list);
  }
  return parallel ? [[...calls]] : calls.map((c) => [c]);
}

/** The endpoints a node serves: its operations' names that look like endpoints ("GET /x"),
 * then `api` entries not already among them. */
export function endpointsOf(node: DesignNode): string[] {
  if (node.kind !== 'service' && node.kind !== 'gateway' && node.kind !== 'saga') return [];
  const out = Object.keys(node.operations ?? {}).filter((k) => ENDPOINT.test(k));
  for (const a of node.api) if (!out.includes(a)) out.push(a);
  return out;
}
const ENDPOINT = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\/\S*$/;

/** The policy of a forward (gateway route, saga step): the node's calls entry with the same
 * target, else the design's defaults. */
export function forwardPolicy(design: Design, node: DesignNode, to: string): CallPolicy {
  if (node.kind === 'gateway' || node.kind === 'service' || node.kind === 'saga') {
    const c = node.calls.find((x) => x.to === to);
    if (c) return { timeout: c.timeout, retry: c.retry, breaker: c.breaker };
  }
  // No node-level entry: an operation's call to the same target sets the forward's policy.
  if (node.kind === 'gateway' || node.kind === 'service' || node.kind === 'saga')
    for (const op of Object.values(node.operations ?? {})) {
      const c = op.calls?.find((x) => x.to === to);
      if (c) return { timeout: c.timeout, retry: c.retry, breaker: c.breaker };
    }
  const d = design.defaults.call;
  return { timeout: d.timeout, retry: d.retry, breaker: d.breaker };
}

export function edges(design: Design): Edge[] {
  const out: Edge[] = [];
  for (const [from, n] of Object.entries(design.nodes)) {
    switch (n.kind) {
      case 'client':
        n.requests.forEach((r, index) =>
          out.push({
            from,
            to: r.to,
            kind: 'request',
            async: false,
            policy: { timeout: r.timeout, retry: r.retry, breaker: r.breaker },
            index,
            ...(r.op !== undefined ? { op: r.op } : {}),
          }),
        );
        break;
      case 'cache':
        if (n.miss) out.push({ from, to: n.miss, kind: 'miss', async: false, policy: {} });
        break;
      case 'queue':
      case 'topic':
        n.consumers.forEach((c, index) => out.push({ from, to: c, kind: 'deliver', async: true, policy: {}, index }));
        if (n.dlq) out.push({ from, to: n.dlq, kind: 'dlq', async: true, policy: {} });
        break;
      case 'database':
        break;
      default: {
        const forwards = new Set<string>();
        if (n.kind === 'gateway')
          n.routes.forEach((r, index) => {
            forwards.add(r.to);
            out.push({
              from,
              to: r.to,
              kind: 'route',
              async: false,
              policy: forwardPolicy(design, n, r.to),
              index,
              ...(r.op !== undefined ? { op: r.op } : {}),
            });
          });
        if (n.kind === 'saga')
          n.steps.forEach((s, index) => {
            forwards.add(s.to);
            out.push({
              from,
              to: s.to,
              kind: 'step',
              async: false,
              policy: forwardPolicy(design, n, s.to),
              index,
              ...(s.op !== undefined ? { op: s.op } : {}),
            });
          });
        const callEdge = (c: Call, index: number, operation?: string): Edge => ({
          from,
          to: c.to,
          kind: 'call',
          async: c.async,
          policy: { timeout: c.timeout, retry: c.retry, breaker: c.breaker },
          index,
          ...(operation !== undefined ? { operation } : {}),
          ...(c.op !== undefined ? { op: c.op } : {}),
          optional: c.optional,
          ...(c.stage !== undefined ? { stage: c.stage } : {}),
          network: c.network,
        });
        n.calls.forEach((c, index) => {
          // A gateway's or saga's calls entry for a forward target only sets that forward's policy.
          if (forwards.has(c.to)) return;
          out.push(callEdge(c, index));
        });
        for (const [name, op] of Object.entries(n.operations ?? {}))
          (op.calls ?? []).forEach((c, index) => {
            if (!forwards.has(c.to)) out.push(callEdge(c, index, name));
          });
      }
    }
  }
  return out;
}
