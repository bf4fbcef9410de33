// Runtime helpers shared by every generated stub: structured JSON logs, W3C trace context
// (traceparent) kept per request, small HTTP helpers and a TCP reachability check for readiness.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { SERVICE } from './config.js';

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = LEVELS[(process.env.LOG_LEVEL ?? 'info') as Level] ?? LEVELS.info;

export interface TraceContext {
  traceId: string;
  spanId: string;
  flags: string;
}

const traces = new AsyncLocalStorage<TraceContext>();

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (LEVELS[level] < threshold) return;
  const t = traces.getStore();
  const line = {
    time: new Date().toISOString(),
    level,
    service: SERVICE,
    msg,
    ...(t ? { traceId: t.traceId, spanId: t.spanId } : {}),
    ...fields,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A new span for this request: the caller's trace id when a valid traceparent came in. */
export function startSpan(header: string | string[] | undefined): TraceContext {
  const m = typeof header === 'string' ? TRACEPARENT.exec(header.trim()) : null;
  const spanId = randomBytes(8).toString('hex');
  if (m && m[1] !== '0'.repeat(32) && m[2] !== '0'.repeat(16)) return { traceId: m[1]!, spanId, flags: m[3]! };
  return { traceId: randomBytes(16).toString('hex'), spanId, flags: '01' };
}

export function withTrace<T>(ctx: TraceContext, fn: () => T): T {
  return traces.run(ctx, fn);
}

/** The header to send downstream: this span is the callee's parent. */
export function traceparent(): string | undefined {
  const t = traces.getStore();
  return t ? `00-${t.traceId}-${t.spanId}-${t.flags}` : undefined;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function readBody(req: IncomingMessage, limit = 1_048_576): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req);
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return body.toString('utf8');
  }
}

/** Can a TCP connection to the address in `url` be opened? Readiness for stores without a driver. */
export function reachable(url: string, timeoutMs = 500): Promise<boolean> {
  let host: string;
  let port: number;
  try {
    const u = new URL(url);
    host = u.hostname;
    port = Number(u.port);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The promise, or a rejection once `ms` have passed (readiness must answer in time). */
export function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Compiles "/orders/:id" into a matcher returning the named parameters. */
export function pathMatcher(pattern: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const source = pattern
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        names.push(seg.slice(1));
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const re = new RegExp(`^${source}/?$`);
  return (path) => {
    const m = re.exec(path);
    if (!m) return undefined;
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
  };
}
