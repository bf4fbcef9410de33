// Readiness, shared by the server and the container's health check: ready when not draining and
// every required store and broker answers a round trip in time (a query, a PING, not a TCP
// connect); a dependency reached only through the design's optional calls is reported, not
// waited for.

const OPTIONAL = new Set<string>([]);
let isDraining = false;

export function draining(): boolean {
  return isDraining;
}

/** SIGTERM: from now on not ready, while requests are still served. */
export function startDraining(): void {
  isDraining = true;
}

export async function ready(): Promise<{ ok: boolean; checks: Record<string, boolean> }> {
  const checks: Record<string, boolean> = {};
  const ok = !isDraining && Object.entries(checks).every(([name, up]) => up || OPTIONAL.has(name));
  return { ok, checks };
}
