// Service "catalog": an HTTP server on PORT with the design's health endpoints,
// structured JSON logs, W3C trace context and graceful shutdown on SIGTERM.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { HEALTH, PORT, SERVICE, env } from './config.js';
import { log, pathMatcher, readBody, readJson, sendJson, startSpan, withTrace } from './runtime.js';
import { failureStatus, type Caller } from './resilience.js';
import { routes } from './api.js';
import { DependencyError, dependencies } from './dependencies.js';
import { draining, ready, startDraining } from './health.js';
import { closeStores } from './stores.js';

void env;
const matchers = routes.map((r) => ({ ...r, match: pathMatcher(r.path) }));

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (req.method === 'GET' && path === HEALTH.liveness) return sendJson(res, 200, { status: 'up' });
  if (req.method === 'GET' && path === HEALTH.readiness) {
    const { ok, checks } = await ready();
    return sendJson(res, ok ? 200 : 503, { status: draining() ? 'draining' : ok ? 'ready' : 'not ready', checks });
  }
  for (const r of matchers) {
    const params = r.method === req.method ? r.match(path) : undefined;
    if (!params) continue;
    try {
      const reply = await r.handle(params, await readJson(req));
      return sendJson(res, reply.status, reply.body);
    } catch (e) {
      if (e instanceof DependencyError) return sendJson(res, e.status, { error: e.message, call: e.outcome });
      throw e;
    }
  }
  if (path === '/') {
    try {
      return sendJson(res, 200, { service: SERVICE, todo: 'no api endpoint drawn in the design', calls: await dependencies(await readJson(req)) });
    } catch (e) {
      if (e instanceof DependencyError) return sendJson(res, e.status, { error: e.message, call: e.outcome });
      throw e;
    }
  }
  sendJson(res, 404, { error: 'not found', path });
}

const server = createServer((req, res) => {
  const span = startSpan(req.headers.traceparent);
  withTrace(span, () => {
    const started = Date.now();
    res.on('finish', () => log('info', 'request', { method: req.method, path: req.url, status: res.statusCode, ms: Date.now() - started }));
    handle(req, res).catch((e: unknown) => {
      log('error', 'request failed', { error: String(e) });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
});

server.listen(PORT, () => {
  log('info', 'listening', { port: PORT });
});

// Graceful shutdown that keeps serving through a rolling update: on SIGTERM readiness turns
// false at once, requests are still served for the drain (SHUTDOWN_DRAIN_MS, default 5000; the
// endpoints and load balancers stop sending meanwhile), then the listener closes, requests in
// flight finish (10 s at most) and connections to brokers and stores close.
const DRAIN_MS = Number(process.env.SHUTDOWN_DRAIN_MS ?? 5000);
let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  startDraining();
  log('info', 'draining', { signal, ms: DRAIN_MS });
  setTimeout(() => {
    log('info', 'shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10000);
    force.unref();
    server.close(() => {
      void Promise.allSettled([
        closeStores(),
      ]).finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  }, DRAIN_MS);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
