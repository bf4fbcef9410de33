// The design as a graph: every edge a request can travel (calls, client requests, gateway
// routes, saga steps and compensations, cache misses, queue/topic deliveries), with the policy
// that applies to it. Shared by the simulator, the review, the exporters and the canvas.
import type { CallPolicy, Design, DesignNode } from './schema.js';

export type EdgeKind = 'call' | 'request' | 'route' | 'step' | 'miss' | 'deliver' | 'dlq';

export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Fire-and-forget: async calls, publishes, deliveries to consumers, dead letters. */
  async: boolean;
  policy: CallPolicy;
  /** Index of the entry in its list (calls, requests, routes, steps). */
  index?: number;
}

/** The policy of a forward (gateway route, saga step): the node's calls entry with the same
 * target, else the design's defaults. */
export function forwardPolicy(design: Design, node: DesignNode, to: string): CallPolicy {
  if (node.kind === 'gateway' || node.kind === 'service' || node.kind === 'saga') {
    const c = node.calls.find((x) => x.to === to);
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
            out.push({ from, to: r.to, kind: 'route', async: false, policy: forwardPolicy(design, n, r.to), index });
          });
        if (n.kind === 'saga')
          n.steps.forEach((s, index) => {
            forwards.add(s.to);
            out.push({ from, to: s.to, kind: 'step', async: false, policy: forwardPolicy(design, n, s.to), index });
          });
        n.calls.forEach((c, index) => {
          // A gateway's or saga's calls entry for a forward target only sets that forward's policy.
          if (forwards.has(c.to)) return;
          out.push({
            from,
            to: c.to,
            kind: 'call',
            async: c.async,
            policy: { timeout: c.timeout, retry: c.retry, breaker: c.breaker },
            index,
          });
        });
      }
    }
  }
  return out;
}
