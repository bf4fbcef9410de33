// A typed HTTP client per call of the design, applying exactly that call's timeout (per try),
// retry (tries in all, backoff, multiplier, cap, jitter) and count-based circuit breaker with
// cockatiel 3: well kept, no dependencies, runs on Node 20 (cockatiel 4 needs Node 22), and its
// CountBreaker is the design's sliding window of the last N calls with a minimum call count.
import {
  BrokenCircuitError,
  CountBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  fullJitterGenerator,
  handleAll,
  handleWhen,
  noJitterGenerator,
  noop,
  retry,
  timeout,
  wrap,
  type IPolicy,
} from 'cockatiel';
import { randomUUID } from 'node:crypto';
import { log, traceparent } from './runtime.js';

export interface RetryOptions {
  /** tries in all, the first included */
  attempts: number;
  backoffMs: number;
  multiplier: number;
  maxBackoffMs: number;
  jitter: 'none' | 'full';
}

export interface BreakerOptions {
  failureRate: number;
  window: number;
  minCalls: number;
  openForMs: number;
  halfOpenCalls: number;
  slowCallMs?: number;
  slowRate: number;
}

export interface CallPolicy {
  /** the design's `idempotent: true`: every call carries an Idempotency-Key, the same on each try */
  idempotent?: boolean;
  timeoutMs?: number;
  retry?: RetryOptions;
  breaker?: BreakerOptions;
}

export interface HttpResponse<T> {
  status: number;
  body: T;
}

/** A 5xx answer: a failure for retries and the breaker. */
export class UpstreamError extends Error {
  constructor(
    readonly callee: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${callee} answered ${status}`);
  }
}

export { BrokenCircuitError, TaskCancelledError };

/** What a forward, a saga step or a drawn call needs of a client, HTTP or gRPC. */
export interface Caller {
  readonly callee: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
}

/** The design's policy for one callee as one cockatiel policy: retry wraps breaker wraps timeout,
 * so every try counts in the breaker and an open breaker is not retried. Shared by the HTTP and
 * the gRPC clients. */
export function callPolicy(callee: string, settings: CallPolicy): { policy: IPolicy; breakerState: () => string } {
  const layers: IPolicy[] = [];
  let breakerState = () => 'none';
  if (settings.retry && settings.retry.attempts > 1) {
    const r = settings.retry;
    // An open breaker is an answer, not a failure to retry.
    const p = retry(
      handleWhen((e) => !(e instanceof BrokenCircuitError)),
      {
        maxAttempts: r.attempts - 1, // cockatiel counts retries; the design counts tries
        backoff: new ExponentialBackoff({
          initialDelay: r.backoffMs,
          exponent: r.multiplier,
          maxDelay: r.maxBackoffMs,
          generator: r.jitter === 'full' ? fullJitterGenerator : noJitterGenerator,
        }),
      },
    );
    p.onRetry((e) => log('debug', 'retry', { callee, reason: 'error' in e ? String(e.error) : 'result' }));
    layers.push(p);
  }
  if (settings.breaker) {
    const b = settings.breaker;
    const cb = circuitBreaker(handleAll, {
      halfOpenAfter: b.openForMs,
      breaker: new CountBreaker({ threshold: b.failureRate, size: b.window, minimumNumberOfCalls: b.minCalls }),
    });
    cb.onBreak(() => log('warn', 'breaker open', { callee }));
    cb.onHalfOpen(() => log('info', 'breaker half-open', { callee }));
    cb.onReset(() => log('info', 'breaker closed', { callee }));
    breakerState = () => ['closed', 'half-open', 'open', 'isolated'][cb.state] ?? String(cb.state);
    layers.push(cb);
  }
  if (settings.timeoutMs !== undefined) layers.push(timeout(settings.timeoutMs, TimeoutStrategy.Aggressive));
  return { policy: layers.length ? wrap(...layers) : noop, breakerState };
}

export class ResilientClient {
  private readonly policy: IPolicy;
  readonly breakerState: () => string;

  constructor(
    readonly callee: string,
    private readonly baseUrl: string,
    readonly settings: CallPolicy,
  ) {
    ({ policy: this.policy, breakerState: this.breakerState } = callPolicy(callee, settings));
  }

  /** One request with the design's policy; 5xx, timeouts and network errors throw. */
  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResponse<T>> {
    // One key per logical call: its retries carry the same key, so the callee can tell a retry
    // from a new request (a forwarded request keeps the key it came with).
    const key = this.settings.idempotent ? (headers['idempotency-key'] ?? randomUUID()) : undefined;
    return this.policy.execute(async ({ signal }) => {
      const tp = traceparent();
      const started = Date.now();
      const payload = body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
      const res = await fetch(new URL(path, this.baseUrl), {
        method,
        signal,
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
          ...(key ? { 'idempotency-key': key } : {}),
          ...(tp ? { traceparent: tp } : {}),
        },
        ...(payload !== undefined ? { body: payload } : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      log('debug', 'call', { callee: this.callee, method, path, status: res.status, ms: Date.now() - started });
      if (res.status >= 500) throw new UpstreamError(this.callee, res.status, parsed);
      return { status: res.status, body: parsed as T };
    });
  }
}

/** The HTTP status a failed call maps to for our own caller. */
export function failureStatus(e: unknown): number {
  if (e instanceof BrokenCircuitError) return 503;
  if (e instanceof TaskCancelledError) return 504;
  if (e instanceof UpstreamError) return e.status;
  const code = (e as { grpcCode?: number } | null)?.grpcCode;
  if (code === 4) return 504; // DEADLINE_EXCEEDED
  if (code === 14) return 503; // UNAVAILABLE
  return 502;
}
