// gateway-without-routes (info, a project rule): a gateway with no `routes`. A gateway forwards a request only along its matching route ("no match: 404",
// design-format.md), and its `calls` are the forwards' policies or calls made before the forward,
// so the simulator answers every request to it notFound and makes none of its calls. A gateway
// drawn on the canvas gets `calls` for its edges, not routes: this says why its runs fail.
import type { Rule } from '../types.js';

export const gatewayWithoutRoutes: Rule = {
  id: 'gateway-without-routes',
  severity: 'info',
  title: 'A gateway with no routes',
  help: 'A gateway forwards a request only along the route whose path prefix matches it; with no routes every request is answered 404 (notFound, using no worker) and none of the gateway’s calls is made. Give it routes (path -> node), or make it a service if it aggregates its calls itself.',
  check(a) {
    const callers = new Map<string, Set<string>>();
    for (const e of a.edges) {
      if (a.nodes.get(e.to)?.kind !== 'gateway') continue;
      let s = callers.get(e.to);
      if (!s) callers.set(e.to, (s = new Set()));
      s.add(e.from);
    }
    return a.ids.flatMap((id) => {
      const n = a.nodes.get(id)!;
      if (n.kind !== 'gateway' || n.routes.length > 0) return [];
      const from = [...(callers.get(id) ?? [])];
      const targets = [...new Set(n.calls.map((c) => c.to))];
      const calls = targets.length ? ` and none of its calls (to ${targets.map((t) => `"${t}"`).join(', ')}) is made` : '';
      const example = targets[0] ? `routes: [{ path: /, to: ${targets[0]} }]` : 'routes: [{ path: /, to: <node> }]';
      return [
        {
          nodes: [id],
          message: `Gateway "${id}" has no routes: a gateway forwards a request only along a matching route, so every request${from.length ? ` from ${from.map((f) => `"${f}"`).join(', ')}` : ' to it'} is answered 404 (notFound)${calls}.`,
          fix: `Give "${id}" routes, e.g. ${example} (a calls entry with the same to then sets that forward's timeout, retry and breaker), or make it a service if it calls ${targets.length ? 'them' : 'its callees'} itself.`,
        },
      ];
    });
  },
};
