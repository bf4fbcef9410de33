// unreachable (info): a node (other than a client) that no client's traffic reaches by any edge,
// gateway routes followed only for the paths clients request.
import type { Rule } from '../types.js';

export const unreachable: Rule = {
  id: 'unreachable',
  severity: 'info',
  title: 'A node that no client reaches',
  help: "A node that no client's traffic reaches (by calls, routes or deliveries) is never exercised by the simulation and may be left over. Connect it, or remove it.",
  check(a) {
    return a.ids.flatMap((id) => {
      if (a.nodes.get(id)!.kind === 'client' || a.reachable.has(id)) return [];
      return [
        {
          nodes: [id],
          message: `No client reaches "${id}": nothing calls it, routes to it or delivers to it along any client's paths, so the simulation never exercises it.`,
          fix: `Connect "${id}" (a call, a gateway route, a consumer entry or a client for its batch or partner traffic), or remove it if it is left over.`,
        },
      ];
    });
  },
};
