// no-api-gateway (warning): a design without a gateway whose clients call two or more services
// directly: every client knows every service's address, and nothing at the edge applies rate
// limits, authentication or routing.
import type { Rule } from '../types.js';

export const noApiGateway: Rule = {
  id: 'no-api-gateway',
  severity: 'warning',
  title: 'No gateway, and clients call two or more services directly',
  help: 'Without an API gateway every client is coupled to every service it calls (addresses, versions, auth), and nothing at the edge limits rates or routes requests. Put a gateway in front and route the clients through it.',
  check(a) {
    if (a.ids.some((id) => a.nodes.get(id)!.kind === 'gateway')) return [];
    const clients: string[] = [];
    const services: string[] = [];
    for (const id of a.ids) {
      const n = a.nodes.get(id)!;
      if (n.kind !== 'client') continue;
      let any = false;
      for (const r of n.requests) {
        const to = a.nodes.get(r.to);
        if (to?.kind !== 'service' && to?.kind !== 'saga') continue;
        any = true;
        if (!services.includes(r.to)) services.push(r.to);
      }
      if (any) clients.push(id);
    }
    if (services.length < 2) return [];
    return [
      {
        nodes: [...clients, ...services],
        message: `The design has no gateway, and ${clients.length === 1 ? `client "${clients[0]}" calls` : `${clients.length} clients (${clients.join(', ')}) call`} ${services.length} services directly (${services.join(', ')}): each client must know each service, and nothing at the edge limits, authenticates or routes their requests.`,
        fix: `Add a gateway node with a route per service (e.g. routes: [ { path: /${services[0]}, to: ${services[0]} } ... ]) and a rateLimit, and point the clients' requests at it.`,
      },
    ];
  },
};
