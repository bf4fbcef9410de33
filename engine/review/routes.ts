// Which route target a client request takes at a gateway (longest prefix, as the simulator does).
import type { GatewayNode } from '../model/schema.js';

/** Route targets a request for `route` takes at a gateway: the longest matching prefix; a request
 * without a route takes a "/" route if there is one, else any route (we cannot know which). */
export function routeTargets(gw: GatewayNode, route: string | undefined): string[] {
  if (route === undefined) {
    const root = gw.routes.find((r) => r.path === '/');
    return root ? [root.to] : [...new Set(gw.routes.map((r) => r.to))];
  }
  let best: { path: string; to: string } | undefined;
  for (const r of gw.routes) if (route.startsWith(r.path) && (!best || r.path.length > best.path.length)) best = r;
  return best ? [best.to] : [];
}
