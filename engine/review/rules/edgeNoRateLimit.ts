// edge-no-rate-limit (warning): a gateway that a client enters at, with no `rateLimit`: a burst
// or a misbehaving client passes straight through to the services behind it.
import { clientRate } from '../load.js';
import type { Rule } from '../types.js';

export const edgeNoRateLimit: Rule = {
  id: 'edge-no-rate-limit',
  severity: 'warning',
  title: 'A public entry gateway with no rate limit',
  help: 'A gateway that clients enter at with no rate limit lets a burst, a retry storm or one misbehaving client through to every service behind it. Set rateLimit a little above the nominal peak, below what the services behind it can take.',
  check(a) {
    const entering = new Map<string, { clients: string[]; rate: number }>();
    for (const id of a.ids) {
      const n = a.nodes.get(id)!;
      if (n.kind !== 'client') continue;
      const weight = n.requests.reduce((s, r) => s + r.weight, 0);
      for (const r of n.requests) {
        const gw = a.nodes.get(r.to);
        if (gw?.kind !== 'gateway' || gw.rateLimit !== undefined) continue;
        const e = entering.get(r.to) ?? { clients: [], rate: 0 };
        if (!e.clients.includes(id)) e.clients.push(id);
        e.rate += weight > 0 ? (clientRate(n) * r.weight) / weight : 0;
        entering.set(r.to, e);
      }
    }
    return [...entering].map(([gw, e]) => {
      const rate = Math.round(e.rate * 10) / 10;
      const limit = Math.max(1, Math.ceil(e.rate * 2));
      return {
        nodes: [gw],
        message: `Gateway "${gw}" is the entry of ${e.clients.map((c) => `"${c}"`).join(', ')} (${rate} req/s at the nominal rates) and has no rateLimit: a burst or a retrying client passes through to every service behind it.`,
        fix: `Set rateLimit on "${gw}", e.g. rateLimit: ${limit} (twice the nominal ${rate} req/s), and keep it below what the services behind it can serve (see the capacity figures in the report).`,
      };
    });
  },
};
