// TypeScript service stubs (generators.md "TypeScript service stubs"): per workload a view model
// (plain data: names, literals already JSON-encoded so no id can break out of a string) rendered
// by the logic-less Mustache templates of templates/stubs/ (compiled into templates.gen.ts).
// Mustache never compiles with `new Function`, so this also runs under the app's strict CSP.
import Mustache from 'mustache';
import { formatDuration } from '../model/index.js';
import { httpTargets } from './model.js';
import { RUN_AS, STUB_SHUTDOWN, type Ir, type IrHttpTarget, type IrPolicy, type IrWorkload } from './model.js';
import type { OutFile } from './k8s.js';
import { NameAllocator, pascal, tsIdentifier } from './names.js';
import { STUB_TEMPLATES } from './templates.gen.js';
import { STUB_VERSIONS } from './versions.js';

/** Characters a reader or an older parser takes for a line break (U+2028/U+2029, NEL), or that
 * reorder what an editor shows (bidirectional controls: "Trojan Source"). */
const INVISIBLE = /[\u0085\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** A JSON literal that is also a safe JavaScript literal in any tool: the characters above as
 * `\uXXXX` escapes (the same string, shown as what it is). */
const j = (v: unknown, indent?: number) =>
  JSON.stringify(v, null, indent).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
/** Text for Markdown and comments: one line (every control character and line terminator becomes
 * a space, bidirectional controls too), no comment terminator, no table separator. */
const text = (s: string) =>
  s
    .replace(INVISIBLE, ' ')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\*\//g, '* /')
    .replace(/\|/g, '\\|');

function render(name: string, view: object): string {
  const t = STUB_TEMPLATES[name];
  if (t === undefined) throw new Error(`missing stub template ${name}`);
  return Mustache.render(t, view, {}, { escape: (s: string) => s });
}

function policyLiteral(p: IrPolicy, idempotent = false): string {
  const out: Record<string, unknown> = {};
  if (idempotent) out.idempotent = true;
  if (p.timeout !== undefined) out.timeoutMs = p.timeout;
  if (p.retry)
    out.retry = {
      attempts: p.retry.attempts,
      backoffMs: p.retry.backoff,
      multiplier: p.retry.multiplier,
      maxBackoffMs: p.retry.maxBackoff,
      jitter: p.retry.jitter,
    };
  if (p.breaker) {
    const b = p.breaker;
    out.breaker = {
      failureRate: b.failureRate,
      window: b.window,
      minCalls: b.minCalls,
      openForMs: b.openFor,
      halfOpenCalls: b.halfOpenCalls,
      ...(b.slowCall !== undefined ? { slowCallMs: b.slowCall } : {}),
      slowRate: b.slowRate,
    };
  }
  return j(out);
}

function policyTexts(p: IrPolicy) {
  const r = p.retry;
  const b = p.breaker;
  return {
    timeoutText: p.timeout !== undefined ? formatDuration(p.timeout) : 'none',
    retryText: r
      ? `${r.attempts} tries, backoff ${formatDuration(r.backoff)} x${r.multiplier} up to ${formatDuration(r.maxBackoff)}, jitter ${r.jitter}`
      : 'none',
    breakerText: b
      ? `open at ${Math.round(b.failureRate * 100)}% of the last ${b.window} calls (min ${b.minCalls}), for ${formatDuration(b.openFor)}`
      : 'none',
  };
}

const ENDPOINT = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\/\S*)$/;

/** Every endpoint a workload answers: its api and HTTP-form operations, its other operations as
 * `POST /<name>` (a gRPC method name like `GetCart`), and the saga operations it serves. */
function endpointsOf(w: IrWorkload): { method: string; path: string; op?: string }[] {
  const out: { method: string; path: string; op?: string }[] = [...w.api];
  const has = (m: string, p: string) => out.some((e) => e.method === m && e.path === p);
  for (const op of Object.keys(w.node.operations ?? {})) {
    const m = ENDPOINT.exec(op);
    const e = m ? { method: m[1]!, path: m[2]! } : { method: 'POST', path: `/${encodeURIComponent(op)}`, op };
    if (!has(e.method, e.path)) out.push(e);
  }
  for (const op of w.sagaOps)
    if (!has('POST', `/saga/${encodeURIComponent(op)}`)) out.push({ method: 'POST', path: `/saga/${encodeURIComponent(op)}` });
  return out;
}

/** What a call asks of its callee: the operation it names (`op`), else the callee's first
 * endpoint (parameters filled in), else `/` (`GRPC Call` for a gRPC callee). */
function requestOf(callee: IrWorkload | undefined, op?: string): { method: string; path: string } {
  const fill = (e: { method: string; path: string }) => ({ method: e.method, path: e.path.replace(/:[^/]+/g, '1') });
  if (callee && op !== undefined) {
    const m = ENDPOINT.exec(op);
    return fill(m ? { method: m[1]!, path: m[2]! } : { method: 'POST', path: `/${encodeURIComponent(op)}` });
  }
  const first = callee ? endpointsOf(callee)[0] : undefined;
  if (!first)
    return callee?.protocol === 'grpc' && callee.kind === 'service' ? { method: 'GRPC', path: 'Call' } : { method: 'GET', path: '/' };
  return fill(first);
}

/** A gRPC service's identity in its .proto: package, service, and one rpc per endpoint. */
function grpcOf(w: IrWorkload) {
  const pkg = `meshwright.${/^[0-9]/.test(w.name) ? 's' : ''}${w.name.replace(/-/g, '_')}`;
  const service = pascal(tsIdentifier(w.name, 'service'));
  const names = new NameAllocator(['Call'], '', 200);
  const rpcs = endpointsOf(w).map((e) => {
    // An operation named like a method (`GetProduct`) is the rpc's name; an endpoint's words make one.
    if (e.op !== undefined && /^[A-Za-z][A-Za-z0-9_]*$/.test(e.op)) return { name: names.take(e.op), method: e.method, path: e.path };
    const words = `${e.method} ${decodeURIComponent(e.path)}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
    const base = words.map((x) => (x === x.toUpperCase() ? x[0]! + x.slice(1).toLowerCase() : x[0]!.toUpperCase() + x.slice(1))).join('');
    return { name: names.take(/^[A-Za-z]/.test(base) ? base : `Rpc${base}`), method: e.method, path: e.path };
  });
  if (!rpcs.length) rpcs.push({ name: 'Call', method: 'POST', path: '/' });
  return { pkg, service, servicePath: `${pkg}.${service}`, protoFile: `${w.name}.proto`, rpcs };
}

function protoOf(w: IrWorkload, designName: string): string {
  const g = grpcOf(w);
  const rpcLines = g.rpcs.map((r) => `  // ${text(`${r.method} ${r.path}`)}\n  rpc ${r.name} (Request) returns (Reply);`).join('\n');
  return `// ${text(`gRPC service ${w.name} of ${designName}`)}, generated by Meshwright: one rpc per endpoint or
// operation of the design. Every rpc takes the endpoint's path parameters and a JSON body and
// answers the stub's typed placeholder; replace the messages with your own as the service grows.
syntax = "proto3";

package ${g.pkg};

service ${g.service} {
${rpcLines}
}

message Request {
  map<string, string> params = 1;
  // the request body as JSON text
  string body = 2;
}

message CallOutcome {
  string to = 1;
  int32 status = 2;
  string error = 3;
}

message Reply {
  string service = 1;
  string endpoint = 2;
  map<string, string> params = 3;
  string todo = 4;
  repeated CallOutcome calls = 5;
}
`;
}

function workloadFiles(ir: Ir, w: IrWorkload, designName: string): OutFile[] {
  const byName = new Map(ir.workloads.map((x) => [x.name, x]));
  const base = `services/${w.name}`;
  const files: OutFile[] = [];
  const isGateway = w.kind === 'gateway';
  const isSaga = w.kind === 'saga';
  const hasApi = !isGateway && !isSaga;
  // Gateways and sagas answer HTTP; a service whose protocol is grpc serves gRPC.
  const isGrpc = w.protocol === 'grpc' && w.kind === 'service';
  const grpcTargets = httpTargets(w).filter((t) => byName.get(t.name)?.protocol === 'grpc' && byName.get(t.name)?.kind === 'service');

  // Clients: forwards (routes, steps) share one client per callee; each call has its own.
  const clientFor = new Map<string, string>();
  const clients: (IrHttpTarget & { comment: string })[] = [];
  for (const t of [...w.routes.map((r) => r.target), ...w.steps.map((s) => s.target)]) {
    if (clientFor.has(t.name)) continue;
    clientFor.set(t.name, t.ident);
    clients.push({ ...t, comment: `${t.kind === 'route' ? 'gateway route' : 'saga step'} to ${t.name}` });
  }
  if (hasApi) for (const t of w.calls) clients.push({ ...t, comment: `${t.async ? 'async call' : 'call'} to ${t.name}` });
  for (const t of w.misses) clients.push({ ...t, comment: `cache miss: read from ${t.name} when the cache has no entry` });
  const clientViews = clients.map((c) => {
    const callee = byName.get(c.name)!;
    const g = callee.protocol === 'grpc' && callee.kind === 'service' ? grpcOf(callee) : undefined;
    return {
      grpc: g !== undefined,
      protoFileJson: g ? j(g.protoFile) : '',
      servicePathJson: g ? j(g.servicePath) : '',
      rpcsJson: g ? j(g.rpcs) : '',
      ident: c.ident,
      calleeJson: j(c.name),
      calleeText: c.name,
      envVar: c.envVar,
      policyJson: policyLiteral(c.policy, c.idempotent),
      envVarJson: j(c.envVar),
      comment: text(c.comment),
      ...policyTexts(c.policy),
    };
  });

  const env = w.env.map((e) => ({
    name: text(e.name),
    value: text(e.composeValue ?? e.value),
    nameJson: j(e.name),
    valueJson: j(e.composeValue ?? e.value),
  }));
  const secretEnv = w.secretEnv.map((e) => ({ name: e.name, nameJson: j(e.name) }));
  const storeIdents = new NameAllocator([], '', 200);
  const stores = w.stores.map((s) => ({
    ident: storeIdents.take(tsIdentifier(s.name)),
    className: `${pascal(s.engine)}Store`,
    nameJson: j(s.name),
    envVarJson: j(s.envVar),
    credentials: s.credentials ? { userVarJson: j(s.credentials.userVar), passwordVarJson: j(s.credentials.passwordVar) } : undefined,
  }));
  const storeEngines = [...new Set(w.stores.map((s) => s.engine))].sort();
  const hasMessaging = w.brokers.length > 0;
  const checks = [...w.stores.map((s) => s.name), ...w.brokers.map((b) => b.name)];

  const endpoints: object[] = [];
  if (hasApi) {
    const fns = new NameAllocator([], '', 200);
    for (const e of endpointsOf(w)) {
      const fnName = fns.take(tsIdentifier(`${e.method} ${e.path}`));
      const params = [...e.path.matchAll(/:([^/]+)/g)].map((m) => ({ keyJson: j(m[1]) }));
      endpoints.push({
        fnName,
        typeName: pascal(fnName),
        params,
        methodJson: j(e.method),
        pathJson: j(e.path),
        endpointJson: j(`${e.method} ${e.path}`),
        endpointText: text(`${e.method} ${e.path}`),
      });
    }
  }

  const syncCalls = w.calls.filter((c) => !c.async).map((c) => ({ ident: c.ident, ...requestJson(requestOf(byName.get(c.name), c.op)) }));
  const asyncCalls = w.calls
    .filter((c) => c.async)
    .map((c) => ({ ident: c.ident, calleeJson: j(c.name), ...requestJson(requestOf(byName.get(c.name), c.op)) }));

  const routes = [...w.routes]
    .sort((a, b) => b.path.length - a.path.length)
    .map((r) => ({ prefixJson: j(r.path), ident: clientFor.get(r.target.name)! }));
  const sagaPaths = w.api.filter((e) => e.method === 'POST' && !e.path.includes(':')).map((e) => e.path);

  const node = w.node;
  const view = {
    nameJson: j(w.name),
    nameText: w.name,
    idText: text(j(w.id)),
    idJson: j(w.name),
    kindText: { gateway: 'Gateway', service: 'Service', saga: 'Saga orchestrator' }[w.kind],
    designText: text(designName),
    port: w.port,
    livenessJson: j(w.health.liveness),
    readinessJson: j(w.health.readiness),
    liveness: text(w.health.liveness),
    readiness: text(w.health.readiness),
    env,
    secretEnv,
    stores,
    clients: clientViews,
    hasApi,
    isGateway,
    isSaga,
    hasMessaging,
    hasChecks: checks.length > 0,
    hasStores: stores.length > 0,
    storeEngines: storeEngines.map((e) => ({ engine: e, className: `${pascal(e)}Store` })),
    optionalJson: j(w.optionalDeps),
    optionalText: w.optionalDeps.join(', '),
    drainMs: STUB_SHUTDOWN.drainMs,
    hasGrpcClients: clientViews.some((c) => c.grpc),
    hasHttpClients: clientViews.some((c) => !c.grpc),
    protoFiles: isGrpc || grpcTargets.length > 0,
    ...(isGrpc
      ? {
          protoFile: grpcOf(w).protoFile,
          protoFileJson: j(grpcOf(w).protoFile),
          servicePathJson: j(grpcOf(w).servicePath),
          rpcsJson: j(grpcOf(w).rpcs),
        }
      : {}),
    runAsUser: RUN_AS.user,
    runAsGroup: RUN_AS.group,
    closeMs: STUB_SHUTDOWN.closeMs,
    checksText: checks.join(', '),
    endpoints,
    parallel: hasApi && node.parallel && syncCalls.length > 0,
    syncCalls,
    asyncCalls,
    publishes: w.publishes
      .filter((c) => hasApi && ir.channels.some((x) => x.name === c.name) && !isDlqOnly(ir, w, c.name))
      .map((c) => ({ channelJson: j(c.name) })),
    routes,
    routesText: text(w.routes.map((r) => `${r.path} -> ${r.target.name}`).join(', ')) || 'none',
    rateLimit: node.kind === 'gateway' && node.rateLimit ? Math.max(1, Math.round(node.rateLimit)) : undefined,
    sagaPathsJson: j(sagaPaths.length ? sagaPaths : ['/saga']),
    stepsText: text(w.steps.map((s) => (s.compensate ? `${s.name} (undo: ${s.compensate})` : s.name)).join(' -> ')),
  };

  const deps: Record<string, string> = { cockatiel: STUB_VERSIONS.cockatiel };
  const devDeps: Record<string, string> = { '@types/node': STUB_VERSIONS['@types/node'], typescript: STUB_VERSIONS.typescript };
  if (isSaga) deps.xstate = STUB_VERSIONS.xstate;
  const engines = new Set(w.brokers.map((b) => b.engine));
  if (engines.has('kafka')) deps.kafkajs = STUB_VERSIONS.kafkajs;
  if (engines.has('rabbitmq')) {
    deps.amqplib = STUB_VERSIONS.amqplib;
    devDeps['@types/amqplib'] = STUB_VERSIONS['@types/amqplib'];
  }
  if (engines.has('nats')) deps.nats = STUB_VERSIONS.nats;
  if (isGrpc || grpcTargets.length) {
    deps['@grpc/grpc-js'] = STUB_VERSIONS['@grpc/grpc-js'];
    deps['@grpc/proto-loader'] = STUB_VERSIONS['@grpc/proto-loader'];
  }
  if (isGrpc) deps['grpc-health-check'] = STUB_VERSIONS['grpc-health-check'];
  if (engines.has('redis') || storeEngines.includes('redis')) deps.ioredis = STUB_VERSIONS.ioredis;
  if (storeEngines.includes('postgres')) {
    deps.pg = STUB_VERSIONS.pg;
    devDeps['@types/pg'] = STUB_VERSIONS['@types/pg'];
  }
  if (storeEngines.includes('mysql')) deps.mysql2 = STUB_VERSIONS.mysql2;
  if (storeEngines.includes('mongodb')) deps.mongodb = STUB_VERSIONS.mongodb;
  if (storeEngines.includes('cassandra')) deps['cassandra-driver'] = STUB_VERSIONS['cassandra-driver'];
  const list = (o: Record<string, string>) => {
    const keys = Object.keys(o).sort();
    return keys.map((k, i) => ({ nameJson: j(k), versionJson: j(o[k]), last: i === keys.length - 1 }));
  };
  files.push({
    path: `${base}/package.json`,
    content: render('package.json.mustache', {
      packageNameJson: j(stubPackageName(ir, w)),
      descriptionJson: j(`${view.kindText} ${w.name} of ${designName}, generated by Meshwright`),
      dependencies: list(deps),
      devDependencies: list(devDeps),
    }),
  });
  files.push({ path: `${base}/tsconfig.json`, content: STUB_TEMPLATES['tsconfig.json']! });
  files.push({ path: `${base}/Dockerfile`, content: render('Dockerfile.mustache', view) });
  files.push({ path: `${base}/README.md`, content: render('README.md.mustache', view) });
  files.push({ path: `${base}/src/runtime.ts`, content: STUB_TEMPLATES['src/runtime.ts']! });
  files.push({ path: `${base}/src/resilience.ts`, content: STUB_TEMPLATES['src/resilience.ts']! });
  files.push({
    path: `${base}/src/healthcheck.ts`,
    content: isGrpc ? render('src/grpc-healthcheck.ts.mustache', view) : STUB_TEMPLATES['src/healthcheck.ts']!,
  });
  files.push({ path: `${base}/src/health.ts`, content: render('src/health.ts.mustache', view) });
  if (isGrpc || grpcTargets.length) files.push({ path: `${base}/src/grpc.ts`, content: STUB_TEMPLATES['src/grpc.ts']! });
  if (isGrpc) files.push({ path: `${base}/proto/${w.name}.proto`, content: protoOf(w, designName) });
  for (const t of grpcTargets)
    if (t.name !== w.name && !files.some((f) => f.path === `${base}/proto/${t.name}.proto`))
      files.push({ path: `${base}/proto/${t.name}.proto`, content: protoOf(byName.get(t.name)!, designName) });
  files.push({ path: `${base}/src/config.ts`, content: render('src/config.ts.mustache', view) });
  files.push({ path: `${base}/src/clients.ts`, content: render('src/clients.ts.mustache', view) });
  files.push({ path: `${base}/src/main.ts`, content: render(isGrpc ? 'src/grpc-main.ts.mustache' : 'src/main.ts.mustache', view) });
  if (hasApi) {
    files.push({ path: `${base}/src/api.ts`, content: render('src/api.ts.mustache', view) });
    files.push({
      path: `${base}/src/dependencies.ts`,
      content: render('src/dependencies.ts.mustache', { ...view, hasMessaging: view.publishes.length > 0 }),
    });
  }
  if (stores.length) {
    files.push({ path: `${base}/src/stores.ts`, content: render('src/stores.ts.mustache', view) });
    for (const e of storeEngines) files.push({ path: `${base}/src/stores/${e}.ts`, content: STUB_TEMPLATES[`src/stores/${e}.ts`]! });
  }
  if (isSaga) files.push({ path: `${base}/src/saga.ts`, content: render('src/saga.ts.mustache', { ...view, ...sagaView(w, clientFor) }) });
  if (hasMessaging) {
    const brokerIdent = new Map(w.brokers.map((b) => [b.name, tsIdentifier(b.name)]));
    const channelList = new Map<string, { nameJson: string; kindJson: string; brokerIdent: string }>();
    for (const c of [...w.publishes, ...w.consumes])
      channelList.set(c.name, { nameJson: j(c.name), kindJson: j(c.kind), brokerIdent: brokerIdent.get(c.broker.name)! });
    const messagingView = {
      brokers: w.brokers.map((b) => ({
        className: `${pascal(b.engine)}Broker`,
        engine: b.engine,
        ident: brokerIdent.get(b.name)!,
        nameJson: j(b.name),
        envVar: b.envVar,
      })),
      channels: [...channelList.values()],
      consumes: w.consumes.map((c) => ({ nameJson: j(c.name), maxDeliveries: c.maxDeliveries, dlqJson: c.dlq ? j(c.dlq) : 'undefined' })),
    };
    files.push({ path: `${base}/src/messaging.ts`, content: render('src/messaging.ts.mustache', messagingView) });
    for (const e of [...engines].sort())
      files.push({ path: `${base}/src/brokers/${e}.ts`, content: STUB_TEMPLATES[`src/brokers/${e}.ts`]! });
  }
  return files;
}

/** A DLQ a consumer writes to on failure is not something each request publishes. */
function isDlqOnly(ir: Ir, w: IrWorkload, channel: string): boolean {
  const drawn = w.node.calls.some((c) => {
    const ch = ir.channels.find((x) => x.id === c.to);
    return ch?.name === channel;
  });
  return !drawn;
}

function requestJson(r: { method: string; path: string }) {
  return { methodJson: j(r.method), pathJson: j(r.path) };
}

function sagaView(w: IrWorkload, clientFor: Map<string, string>) {
  const idents = new NameAllocator([], '', 200);
  const steps = w.steps.map((s) => ({ ...s, id: pascal(idents.take(tsIdentifier(s.name))) }));
  const stepState = (i: number) => `step${steps[i]!.id}`;
  const compState = (i: number) => `compensate${steps[i]!.id}`;
  /** The compensation to run when step i fails: the closest earlier step that has one. */
  const undoFrom = (i: number): string => {
    for (let k = i - 1; k >= 0; k--) if (steps[k]!.compensate) return compState(k);
    return 'compensated';
  };
  const operations: object[] = [];
  const states: object[] = [];
  steps.forEach((s, i) => {
    const client = clientFor.get(s.target.name)!;
    operations.push({ actor: stepState(i), client, pathJson: j(`/saga/${encodeURIComponent(s.name)}`) });
    states.push({
      state: stepState(i),
      actorJson: j(stepState(i)),
      isStep: true,
      stepJson: j(s.name),
      nextJson: j(i + 1 < steps.length ? stepState(i + 1) : 'completed'),
      onErrorJson: j(undoFrom(i)),
    });
  });
  steps.forEach((s, i) => {
    if (!s.compensate) return;
    operations.push({
      actor: compState(i),
      client: clientFor.get(s.target.name)!,
      pathJson: j(`/saga/${encodeURIComponent(s.compensate)}`),
    });
    states.push({ state: compState(i), actorJson: j(compState(i)), isStep: false, nextJson: j(undoFrom(i)) });
  });
  return { operations, states, initialJson: j(steps.length ? stepState(0) : 'completed') };
}

/** The npm package name of a workload's stub: scoped by the namespace, so a node called `pg` or
 * `nats` never shadows the driver of that name inside the workspace. */
export function stubPackageName(ir: Ir, w: IrWorkload): string {
  return `@${ir.namespace}/${w.name}`;
}

/** services/: one npm workspace, so one `npm install` (one lockfile) serves every stub. */
function workspaceFiles(ir: Ir): OutFile[] {
  if (!ir.workloads.length) return [];
  const pkg = {
    name: `${ir.namespace}-services`,
    version: '0.1.0',
    private: true,
    description: `The service stubs of ${ir.designName}, generated by Meshwright: one npm workspace, one lockfile`,
    workspaces: ir.workloads.map((w) => w.name),
    // One tsc for every stub (project references): the libraries are read once, not per stub.
    scripts: {
      build: 'tsc -b',
      typecheck: 'npm run typecheck --workspaces',
    },
    devDependencies: { typescript: STUB_VERSIONS.typescript },
    engines: { node: '>=20.19' },
  };
  const tsconfig = { files: [], references: ir.workloads.map((w) => ({ path: w.name })) };
  return [
    { path: 'services/package.json', content: `${j(pkg, 2)}\n` },
    { path: 'services/.dockerignore', content: '**/node_modules\n**/dist\n' },
    { path: 'services/tsconfig.json', content: `${j(tsconfig, 2)}\n` },
  ];
}

export function stubFiles(ir: Ir): OutFile[] {
  return [...workspaceFiles(ir), ...ir.workloads.flatMap((w) => workloadFiles(ir, w, ir.designName))];
}
