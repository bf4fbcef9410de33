// Gateway "web": an HTTP server on PORT with the design's health endpoints,
// structured JSON logs, W3C trace context and graceful shutdown on SIGTERM.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { HEALTH, PORT, SERVICE, env } from './config.js';
import { log, pathMatcher, readBody, readJson, reachable, sendJson, startSpan, withTrace } from './runtime.js';
import { failureStatus, type ResilientClient } from './resilience.js';
import { clients } from './clients.js';

void env;

// The design's routes, longest prefix first: the first match wins.
const forwards: { prefix: string; client: ResilientClient }[] = [
  { prefix: "/api", client: clients.api },
  { prefix: "/", client: clients.api },
];

// Token bucket of the design's rateLimit: 400 requests per second, burst one second.
const bucket = { tokens: 400, at: Date.now() };
function admit(): boolean {
  const now = Date.now();
  bucket.tokens = Math.min(400, bucket.tokens + ((now - bucket.at) / 1000) * 400);
  bucket.at = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

function prefixMatches(prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`) || prefix === '/';
}

async function forward(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const route = forwards.find((f) => prefixMatches(f.prefix, path));
  if (!route) return false;
  const body = await readBody(req);
  const headers: Record<string, string> = {};
  for (const h of ['content-type', 'authorization', 'accept']) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h];
  try {
    const r = await route.client.request(req.method ?? 'GET', req.url ?? '/', body.length ? body : undefined, headers);
    sendJson(res, r.status, r.body);
  } catch (e) {
    log('warn', 'forward failed', { callee: route.client.callee, error: String(e) });
    sendJson(res, failureStatus(e), { error: `${route.client.callee} unavailable`, detail: String(e) });
  }
  return true;
}

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
  if (!admit()) return sendJson(res, 429, { error: 'rate limit' });
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
