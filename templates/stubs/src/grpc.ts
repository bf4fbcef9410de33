// gRPC with the gRPC project's own Node libraries, @grpc/grpc-js and @grpc/proto-loader: the
// generated .proto (proto/) loaded at run time, and unary calls with exactly the design's
// timeout (the per-try deadline), retry and breaker (cockatiel, as for HTTP calls). Every rpc
// takes a Request (the path parameters and a JSON body) and answers a Reply; an rpc stands for
// one endpoint of the design, so HTTP-shaped calls (gateway forwards, saga steps, dependencies)
// find their rpc by method and path.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { IPolicy } from 'cockatiel';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { callPolicy, type CallPolicy } from './resilience.js';
import { log, pathMatcher, traceparent } from './runtime.js';

export const LOADER_OPTIONS: protoLoader.Options = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };

/** The service `servicePath` (package.Service) of proto/<protoFile>. */
export function loadService(protoFile: string, servicePath: string): grpc.ServiceClientConstructor {
  const def = protoLoader.loadSync(fileURLToPath(new URL(`../proto/${protoFile}`, import.meta.url)), LOADER_OPTIONS);
  let o: unknown = grpc.loadPackageDefinition(def);
  for (const part of servicePath.split('.')) o = (o as Record<string, unknown>)[part];
  if (typeof o !== 'function') throw new Error(`no service ${servicePath} in ${protoFile}`);
  return o as grpc.ServiceClientConstructor;
}

/** An rpc and the endpoint of the design it stands for. */
export interface Rpc {
  name: string;
  method: string;
  path: string;
}

export interface RpcRequest {
  params: Record<string, string>;
  /** the request body as JSON text ('' when none) */
  body: string;
}

/** A failed call: the gRPC status code, for retries, the breaker and our own caller's status. */
export class GrpcCallError extends Error {
  constructor(
    readonly callee: string,
    readonly grpcCode: number,
    message: string,
  ) {
    super(`${callee}: ${grpc.status[grpcCode] ?? grpcCode} ${message}`);
  }
}

// Codes that say the callee failed (retried, counted by the breaker); the others are answers.
const FAILURES = new Set<number>([
  grpc.status.UNAVAILABLE,
  grpc.status.DEADLINE_EXCEEDED,
  grpc.status.INTERNAL,
  grpc.status.UNKNOWN,
  grpc.status.RESOURCE_EXHAUSTED,
  grpc.status.CANCELLED,
]);

/** The HTTP status that stands for a gRPC answer (gateways answer HTTP). */
export function httpStatusOf(code: number): number {
  const map: Record<number, number> = { 0: 200, 3: 400, 5: 404, 6: 409, 7: 403, 9: 409, 10: 409, 12: 501, 16: 401 };
  return map[code] ?? 500;
}

type Unary = (
  req: RpcRequest,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (e: grpc.ServiceError | null, r: unknown) => void,
) => grpc.ClientUnaryCall;

export class GrpcClient {
  private readonly client: grpc.Client;
  private readonly policy: IPolicy;
  readonly breakerState: () => string;
  private readonly routes: { rpc: string; method: string; match: (p: string) => Record<string, string> | undefined }[];

  constructor(
    readonly callee: string,
    address: string,
    protoFile: string,
    servicePath: string,
    rpcs: Rpc[],
    readonly settings: CallPolicy,
  ) {
    const Ctor = loadService(protoFile, servicePath);
    this.client = new Ctor(address, grpc.credentials.createInsecure());
    ({ policy: this.policy, breakerState: this.breakerState } = callPolicy(callee, settings));
    this.routes = rpcs.map((r) => ({ rpc: r.name, method: r.method, match: pathMatcher(r.path) }));
  }

  /** One unary call with the design's policy: failures throw GrpcCallError, other codes answer. */
  async call(rpc: string, request: RpcRequest, headers: Record<string, string> = {}): Promise<{ code: number; reply: unknown }> {
    // One key per logical call: its retries carry the same key.
    const key = this.settings.idempotent ? (headers['idempotency-key'] ?? randomUUID()) : undefined;
    const fn = (this.client as unknown as Record<string, Unary | undefined>)[rpc];
    if (typeof fn !== 'function') throw new Error(`${this.callee} has no rpc ${rpc}`);
    return this.policy.execute(
      ({ signal }) =>
        new Promise<{ code: number; reply: unknown }>((resolve, reject) => {
          const md = new grpc.Metadata();
          const tp = traceparent();
          if (tp) md.set('traceparent', tp);
          if (key) md.set('idempotency-key', key);
          const started = Date.now();
          const opts: grpc.CallOptions = this.settings.timeoutMs !== undefined ? { deadline: Date.now() + this.settings.timeoutMs } : {};
          const c = fn.call(this.client, request, md, opts, (err, reply) => {
            log('debug', 'call', { callee: this.callee, rpc, code: err?.code ?? 0, ms: Date.now() - started });
            if (!err) return resolve({ code: 0, reply });
            if (FAILURES.has(err.code)) return reject(new GrpcCallError(this.callee, err.code, err.details || err.message));
            resolve({ code: err.code, reply: { error: err.details } });
          });
          signal.addEventListener('abort', () => c.cancel(), { once: true });
        }),
    );
  }

  /** An HTTP-shaped call: the rpc whose endpoint matches method and path (`GRPC <rpc>` names it). */
  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown }> {
    let rpc: string | undefined;
    let params: Record<string, string> = {};
    if (method === 'GRPC') rpc = path;
    else {
      const p = new URL(path, 'http://localhost').pathname;
      for (const r of this.routes) {
        const m = r.method === method ? r.match(p) : undefined;
        if (m) {
          rpc = r.rpc;
          params = m;
          break;
        }
      }
    }
    if (!rpc) return { status: 404, body: { error: `${this.callee} has no rpc for ${method} ${path}` } };
    const text =
      body === undefined
        ? ''
        : typeof body === 'string'
          ? body
          : body instanceof Uint8Array
            ? Buffer.from(body).toString('utf8')
            : JSON.stringify(body);
    const { code, reply } = await this.call(rpc, { params, body: text }, headers);
    return { status: httpStatusOf(code), body: reply };
  }
}
