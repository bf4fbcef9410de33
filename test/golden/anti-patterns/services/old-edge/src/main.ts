// Gateway "old-edge": an HTTP server on PORT with the design's health endpoints,
// structured JSON logs, W3C trace context and graceful shutdown on SIGTERM.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { HEALTH, PORT, SERVICE, env } from './config.js';
import { log, pathMatcher, readBody, readJson, sendJson, startSpan, withTrace } from './runtime.js';
import { failureStatus, type Caller } from './resilience.js';
import { clients } from './clients.js';
import { draining, ready, startDraining } from './health.js';

void env;

// The design's routes, longest prefix first: the first match wins.
const forwards: { prefix: string; client: Caller }[] = [
];

function prefixMatches(prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`) || prefix === '/';
}

async function forward(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const route = forwards.find((f) => prefixMatches(f.prefix, path));
  if (!route) return false;
  const body = await readBody(req);
  const headers: Record<string, string> = {};
  for (const h of ['content-type', 'authorization', 'accept', 'idempotency-key']) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h];
  try {
    const r = await route.client.request(req.method ?? 'GET', req.url ?? '/', body.length ? body : undefined, headers);
    sendJson(res, r.status, r.body);
  } catch (e) {
    log('warn', 'forward failed', { callee: route.client.callee, error: String(e) });
    sendJson(res, failureStatus(e), { error: `${route.client.callee} unavailable`, detail: String(e) });
  }
  return true;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (req.method === 'GET' && path === HEALTH.liveness) return sendJson(res, 200, { status: 'up' });
  if (req.method === 'GET' && path === HEALTH.readiness) {
    const { ok, checks } = await ready();
    return sendJson(res, ok ? 200 : 503, { status: draining() ? 'draining' : ok ? 'ready' : 'not ready', checks });
  }
  if (await forward(req, res, path)) return;
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
      ]).finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  }, DRAIN_MS);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
