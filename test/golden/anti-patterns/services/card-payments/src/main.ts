// Service "card-payments": an HTTP server on PORT with the design's health endpoints,
// structured JSON logs, W3C trace context and graceful shutdown on SIGTERM.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { HEALTH, PORT, SERVICE, env } from './config.js';
import { log, pathMatcher, readBody, readJson, reachable, sendJson, startSpan, withTrace } from './runtime.js';
import { failureStatus, type ResilientClient } from './resilience.js';
import { routes } from './api.js';
import { DependencyError, dependencies } from './dependencies.js';

void env;
const matchers = routes.map((r) => ({ ...r, match: pathMatcher(r.path) }));

async function ready(): Promise<Record<string, boolean>> {
  const checks: Record<string, boolean> = {};
  return checks;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (req.method === 'GET' && path === HEALTH.liveness) return sendJson(res, 200, { status: 'up' });
  if (req.method === 'GET' && path === HEALTH.readiness) {
    const checks = await ready();
    const ok = Object.values(checks).every(Boolean);
    return sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', checks });
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

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  log('info', 'shutting down', { signal });
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close(() => {
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
