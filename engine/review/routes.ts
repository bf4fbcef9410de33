// Which route a client request takes at a gateway (longest prefix, as the simulator does).
import type { GatewayNode } from '../model/schema.js';

type Route = GatewayNode['routes'][number];

/** Routes a request for `route` takes at a gateway: the longest matching prefix; a request
 * without a route takes a "/" route if there is one, else any route (we cannot know which). */
export function matchingRoutes(gw: GatewayNode, route: string | undefined): Route[] {
  if (route === undefined) {
    const root = gw.routes.find((r) => r.path === '/');
    if (root) return [root];
    const seen = new Set<string>();
    return gw.routes.filter((r) => {
      const k = `${r.to}\u0000${r.op ?? ''}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
  let best: Route | undefined;
  for (const r of gw.routes) if (route.startsWith(r.path) && (!best || r.path.length > best.path.length)) best = r;
  return best ? [best] : [];
}

/** Route targets a request for `route` takes at a gateway (see matchingRoutes). */
export function routeTargets(gw: GatewayNode, route: string | undefined): string[] {
  return [...new Set(matchingRoutes(gw, route).map((r) => r.to))];
}
