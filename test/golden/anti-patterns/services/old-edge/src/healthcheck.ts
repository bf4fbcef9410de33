// The container's health check (compose `healthcheck: node dist/healthcheck.js`): asks this
// service's readiness endpoint on loopback and exits 0 when it answers 2xx. The image has node
// but neither curl nor wget.
import { HEALTH, PORT } from './config.js';

fetch(`http://127.0.0.1:${PORT}${HEALTH.readiness}`, { signal: AbortSignal.timeout(4000) }).then(
  (r) => process.exit(r.ok ? 0 : 1),
  () => process.exit(1),
);
