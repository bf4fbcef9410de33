// Service "recommendationservice": a gRPC server on PORT (@grpc/grpc-js) serving the rpcs of
// proto/recommendationservice.proto and the standard grpc.health.v1 health service (grpc-health-check; Kubernetes'
// grpc probe and `node dist/healthcheck.js` ask it), structured JSON logs, W3C trace context from
// the `traceparent` metadata, and graceful shutdown on SIGTERM.
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { PORT, SERVICE } from './config.js';
import { routes } from './api.js';
import { DependencyError, dependencies } from './dependencies.js';
import { loadService, type RpcRequest } from './grpc.js';
import { draining, ready, startDraining } from './health.js';
import { log, pathMatcher, startSpan, withTrace } from './runtime.js';

const SERVICE_PATH = "meshwright.recommendationservice.Recommendationservice";
const RPCS: { name: string; method: string; path: string }[] = [{"name":"ListRecommendations","method":"POST","path":"/ListRecommendations"}];

const handlers = RPCS.map((rpc) => ({
  rpc,
  route: routes.find((r) => r.method === rpc.method && r.path === rpc.path),
  match: pathMatcher(rpc.path),
}));

/** A Reply for the proto: the placeholder's fields, each call's outcome. */
function toReply(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  return { service: SERVICE, endpoint: String(b.endpoint ?? ''), params: b.params ?? {}, todo: String(b.todo ?? ''), calls: b.calls ?? [] };
}

function grpcCodeOf(status: number): grpc.status {
  if (status === 503) return grpc.status.UNAVAILABLE;
  if (status === 504) return grpc.status.DEADLINE_EXCEEDED;
  if (status === 404) return grpc.status.NOT_FOUND;
  if (status === 400) return grpc.status.INVALID_ARGUMENT;
  return grpc.status.INTERNAL;
}

async function run(h: (typeof handlers)[number], req: RpcRequest): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = req.body ? JSON.parse(req.body) : undefined;
  } catch {
    body = req.body;
  }
  if (h.route) {
    const reply = await h.route.handle(req.params, body);
    if (reply.status >= 400) throw Object.assign(new Error(`answered ${reply.status}`), { status: reply.status });
    return toReply(reply.body);
  }
  return toReply({ endpoint: h.rpc.name, params: req.params, todo: 'not implemented yet', calls: await dependencies(body) });
}

const implementation: grpc.UntypedServiceImplementation = {};
for (const h of handlers)
  implementation[h.rpc.name] = (call: grpc.ServerUnaryCall<RpcRequest, unknown>, callback: grpc.sendUnaryData<unknown>) => {
    const span = startSpan(call.metadata.get('traceparent')[0]?.toString());
    withTrace(span, () => {
      const started = Date.now();
      const key = call.metadata.get('idempotency-key')[0]?.toString();
      run(h, call.request).then(
        (reply) => {
          log('info', 'request', { rpc: h.rpc.name, code: 0, ms: Date.now() - started, ...(key ? { idempotencyKey: key } : {}) });
          callback(null, reply);
        },
        (e: unknown) => {
          const status = e instanceof DependencyError ? e.status : ((e as { status?: number }).status ?? 500);
          log(status >= 500 ? 'warn' : 'info', 'request', { rpc: h.rpc.name, status, error: String(e), ms: Date.now() - started });
          callback({ code: grpcCodeOf(status), details: String(e instanceof Error ? e.message : e) });
        },
      );
    });
  };

const server = new grpc.Server();
server.addService(loadService("recommendationservice.proto", SERVICE_PATH).service, implementation);
// The standard health service: '' is the whole server, SERVICE_PATH this service.
const health = new HealthImplementation({ '': 'NOT_SERVING', [SERVICE_PATH]: 'NOT_SERVING' });
health.addToServer(server);

async function refreshHealth(): Promise<void> {
  const { ok, checks } = await ready();
  const status = ok ? 'SERVING' : 'NOT_SERVING';
  health.setStatus('', status);
  health.setStatus(SERVICE_PATH, status);
  if (!ok && !draining()) log('debug', 'not ready', { checks });
}
const healthTimer = setInterval(() => void refreshHealth(), 2000);
healthTimer.unref();

server.bindAsync(`0.0.0.0:${PORT}`, grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    log('error', 'cannot listen', { port: PORT, error: String(err) });
    process.exit(1);
  }
  log('info', 'listening', { port, protocol: 'grpc' });
  void refreshHealth();
});

// Graceful shutdown: on SIGTERM the health service says NOT_SERVING at once and rpcs are still
// served for the drain (SHUTDOWN_DRAIN_MS, default 5000), then the server stops taking calls,
// lets those in flight finish (10000 ms at most) and connections to brokers and stores close.
const DRAIN_MS = Number(process.env.SHUTDOWN_DRAIN_MS ?? 5000);
let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  startDraining();
  health.setStatus('', 'NOT_SERVING');
  health.setStatus(SERVICE_PATH, 'NOT_SERVING');
  log('info', 'draining', { signal, ms: DRAIN_MS });
  setTimeout(() => {
    log('info', 'shutting down', { signal });
    const force = setTimeout(() => {
      server.forceShutdown();
      process.exit(1);
    }, 10000);
    force.unref();
    server.tryShutdown(() => {
      void Promise.allSettled([
      ]).finally(() => process.exit(0));
    });
  }, DRAIN_MS);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
