// gateway-bypass (info): the design has a gateway, yet a client calls a service or saga directly,
// around the gateway's routing, rate limit and the policies it applies.
import type { Rule } from '../types.js';

export const gatewayBypass: Rule = {
  id: 'gateway-bypass',
  severity: 'info',
  title: 'A client calling a service directly when the design has a gateway',
  help: "A client that calls a service directly, although the design has a gateway, skips the gateway's routing, rate limit, authentication and route policies. Route the client's requests through the gateway and keep the service off the public network.",
  check(a) {
    const gateways = a.ids.filter((id) => a.nodes.get(id)!.kind === 'gateway');
    if (!gateways.length) return [];
    const seen = new Set<string>();
    const hits = [];
    for (const e of a.sync) {
      const to = a.nodes.get(e.to)!;
      if (e.kind !== 'request' || (to.kind !== 'service' && to.kind !== 'saga')) continue;
      const key = `${e.from}\u0000${e.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({
        nodes: [e.from, e.to],
        message: `Client "${e.from}" calls "${e.to}" directly although the design has a gateway (${gateways.join(', ')}): those requests skip its routing, rate limit, authentication and the policies set on its routes.`,
        fix: `Route "${e.from}"'s requests through ${gateways.length === 1 ? `"${gateways[0]}"` : 'a gateway'} with a route to "${e.to}", and keep "${e.to}" off the public network.`,
      });
    }
    return hits;
  },
};
