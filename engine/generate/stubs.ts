// TypeScript service stubs (generators.md "TypeScript service stubs"): per workload a view model
// (plain data: names, literals already JSON-encoded so no id can break out of a string) rendered
// by the logic-less Mustache templates of templates/stubs/ (compiled into templates.gen.ts).
// Mustache never compiles with `new Function`, so this also runs under the app's strict CSP.
import Mustache from 'mustache';
import { formatDuration } from '../model/index.js';
import type { Ir, IrHttpTarget, IrPolicy, IrWorkload } from './model.js';
import type { OutFile } from './k8s.js';
import { NameAllocator, pascal, tsIdentifier } from './names.js';
import { STUB_TEMPLATES } from './templates.gen.js';
import { STUB_VERSIONS } from './versions.js';

/** Characters a reader or an older parser takes for a line break (U+2028/U+2029, NEL), or that
 * reorder what an editor shows (bidirectional controls: "Trojan Source"). */
const INVISIBLE = /[\u0085\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** A JSON literal that is also a safe JavaScript literal in any tool: the characters above as
 * `\uXXXX` escapes (the same string, shown as what it is). */
const j = (v: unknown) => JSON.stringify(v).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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

function policyLiteral(p: IrPolicy): string {
  const out: Record<string, unknown> = {};
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

/** What a call asks of its callee: the callee's first endpoint (parameters filled in), else `/`. */
function requestOf(callee: IrWorkload | undefined): { method: string; path: string } {
  const first = callee?.api[0];
  if (!first) return { method: 'GET', path: '/' };
  return { method: first.method, path: first.path.replace(/:[^/]+/g, '1') };
}

function workloadFiles(ir: Ir, w: IrWorkload, designName: string): OutFile[] {
  const byName = new Map(ir.workloads.map((x) => [x.name, x]));
  const base = `services/${w.name}`;
  const files: OutFile[] = [];
  const isGateway = w.kind === 'gateway';
  const isSaga = w.kind === 'saga';
  const hasApi = !isGateway && !isSaga;

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
  const clientViews = clients.map((c) => ({
    ident: c.ident,
    calleeJson: j(c.name),
    calleeText: c.name,
    envVar: c.envVar,
    policyJson: policyLiteral(c.policy),
    comment: text(c.comment),
    ...policyTexts(c.policy),
  }));

  const env = w.env.map((e) => ({ name: text(e.name), value: text(e.value), nameJson: j(e.name), valueJson: j(e.value) }));
  const secretEnv = w.secretEnv.map((e) => ({ name: e.name, nameJson: j(e.name) }));
  const stores = w.stores.map((s) => ({ nameJson: j(s.name), envVar: s.envVar }));
  const hasMessaging = w.brokers.length > 0;
  const checks = [...w.stores.map((s) => s.name), ...w.brokers.map((b) => b.name)];

  const endpoints: object[] = [];
  if (hasApi) {
    const fns = new NameAllocator([], '', 200);
    const all = [...w.api, ...w.sagaOps.map((op) => ({ method: 'POST', path: `/saga/${encodeURIComponent(op)}` }))];
    for (const e of all) {
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

  const syncCalls = w.calls.filter((c) => !c.async).map((c) => ({ ident: c.ident, ...requestJson(requestOf(byName.get(c.name))) }));
  const asyncCalls = w.calls
    .filter((c) => c.async)
    .map((c) => ({ ident: c.ident, calleeJson: j(c.name), ...requestJson(requestOf(byName.get(c.name))) }));

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
  if (engines.has('redis')) deps.ioredis = STUB_VERSIONS.ioredis;
  const list = (o: Record<string, string>) => {
    const keys = Object.keys(o).sort();
    return keys.map((k, i) => ({ nameJson: j(k), versionJson: j(o[k]), last: i === keys.length - 1 }));
  };
  files.push({
    path: `${base}/package.json`,
    content: render('package.json.mustache', {
      packageNameJson: j(w.name),
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
  files.push({ path: `${base}/src/healthcheck.ts`, content: STUB_TEMPLATES['src/healthcheck.ts']! });
  files.push({ path: `${base}/src/config.ts`, content: render('src/config.ts.mustache', view) });
  files.push({ path: `${base}/src/clients.ts`, content: render('src/clients.ts.mustache', view) });
  files.push({ path: `${base}/src/main.ts`, content: render('src/main.ts.mustache', view) });
  if (hasApi) {
    files.push({ path: `${base}/src/api.ts`, content: render('src/api.ts.mustache', view) });
    files.push({
      path: `${base}/src/dependencies.ts`,
      content: render('src/dependencies.ts.mustache', { ...view, hasMessaging: view.publishes.length > 0 }),
    });
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

export function stubFiles(ir: Ir): OutFile[] {
  return ir.workloads.flatMap((w) => workloadFiles(ir, w, ir.designName));
}
