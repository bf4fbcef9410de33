// Workload facts -> a design: kinds and engines, calls from addresses in the environment (and
// compose depends_on/links, and Istio), entry clients, fields, notes, written as a YAML Document
// whose guessed fields carry a comment saying so. The layout is the hosts' (ELK, as the canvas).
import { Document, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { callSchema, databaseSchema, serviceSchema, cacheSchema, formatDuration, type NodeKind } from '../model/index.js';
import { NameAllocator, dnsLabel, envPrefix } from '../generate/names.js';
import { SCHEME_PORTS, recognize, type Recognized } from './recognize.js';
import type { Workload } from './types.js';

type Obj = Record<string, unknown>;
const dict = <T = unknown>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** What the installed design format accepts (fields for real systems land over time). */
const FORMAT = {
  serviceField: (f: string) => f in serviceSchema.shape,
  storeField: (f: string) => f in databaseSchema.shape,
  cacheField: (f: string) => f in cacheSchema.shape,
  callEnv: 'env' in callSchema.shape,
  limits: serviceSchema.shape.resources.safeParse({ limits: { memory: '1Mi' } }).success,
  probe: (serviceSchema.shape.health as { safeParse: (v: unknown) => { success: boolean } }).safeParse({ probe: 'grpc' }).success,
  startup: (serviceSchema.shape.health as { safeParse: (v: unknown) => { success: boolean } }).safeParse({ startup: 1000 }).success,
};

export const DEFAULT_CLIENT_RATE = 10;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const GATEWAY_IMAGES =
  /^(nginx|nginx-unprivileged|envoy|traefik|kong|haproxy|caddy|krakend|tyk-gateway|apisix|emissary|ambassador|openresty)$/;
const GATEWAY_NAMES = /(^|[-_.])(gateway|gw|bff|api-gateway|edge|ingress|proxy)([-_.]|$)/;
const LOAD_GENERATORS =
  /^(loadgenerator|load-generator|loadgen|load-test|loadtest|load-tester|locust|k6|jmeter|gatling|vegeta|wrk2?|artillery|user-sim|user-simulator)$/;

/** An entry named or built like a gateway (nginx, envoy, `api-gateway`, `web-bff`, ...). */
export function looksLikeGateway(name: string, image: string | undefined): boolean {
  return GATEWAY_IMAGES.test(baseImage(image)) || GATEWAY_NAMES.test(name.toLowerCase());
}

const COMPONENT_KINDS: Record<string, NodeKind> = {
  gateway: 'gateway',
  'api-gateway': 'gateway',
  bff: 'gateway',
  ingress: 'gateway',
  edge: 'gateway',
  saga: 'saga',
  orchestrator: 'saga',
  database: 'database',
  db: 'database',
  cache: 'cache',
};

interface Decided {
  w: Workload;
  kind: NodeKind;
  engine?: string;
  /** why the kind (a guess says so) */
  kindWhy?: string;
}

interface CallOut {
  to: string;
  /** the callee is a service, gateway or saga */
  service?: boolean;
  envKey?: string;
  why: string;
  guessed?: string;
}

export interface BuildResult {
  doc: Document;
  /** node id -> notes */
  notes: Map<string, string[]>;
}

function baseImage(image: string | undefined): string {
  if (!image) return '';
  const noTag = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  return noTag.slice(noTag.lastIndexOf('/') + 1).toLowerCase();
}

function decide(w: Workload, dialed: number[] = []): Decided {
  const label = (w.labels['app.kubernetes.io/component'] ?? w.labels.component ?? w.labels.tier ?? '').toLowerCase();
  let rec: Recognized | undefined = recognize(w.image, w.ports, w.env);
  // Without ports of its own, the port (or URL scheme) its callers dial says what it is.
  if (!rec && w.ports.length === 0 && dialed.length) {
    const viaCallers = recognize(
      undefined,
      dialed.map((port) => ({ port })),
      new Map(),
    );
    if (viaCallers) rec = { ...viaCallers, by: viaCallers.by.replace(/^its port/, 'the port its callers dial,') };
  }
  const fromLabel = COMPONENT_KINDS[label];
  // A label that says what it is beats a guess from its port or variables.
  const SERVICE_LABELS = /^(service|backend|api|frontend|web|worker|app|server|microservice)$/;
  if (rec && rec.by !== 'image' && SERVICE_LABELS.test(label)) return { w, kind: 'service' };
  if (rec && label === 'broker' && rec.kind === 'cache')
    return { w, kind: 'queue', engine: rec.engine, kindWhy: 'a broker: the queue it carries is not named in the files' };
  if (rec) {
    // A component label may say what the engine is used as (a Redis as a database).
    if (fromLabel === 'database' && (rec.kind === 'cache' || rec.kind === 'database'))
      return { w, kind: 'database', engine: rec.engine, ...why(rec) };
    if (fromLabel === 'cache' && rec.kind === 'cache') return { w, kind: 'cache', engine: rec.engine, ...why(rec) };
    if (rec.kind === 'database' && rec.engine === 'mysql' && baseImage(w.image).includes('mariadb'))
      w.notes.push('MariaDB: simulated and exported as MySQL');
    return { w, kind: rec.kind, engine: rec.engine, ...why(rec) };
  }
  if (fromLabel === 'database' || fromLabel === 'cache')
    return { w, kind: 'service', kindWhy: `labelled ${label} but its engine is not one the design knows` };
  if (fromLabel) return { w, kind: fromLabel };
  if (SERVICE_LABELS.test(label)) return { w, kind: 'service' };
  if (w.routes.length) return { w, kind: 'gateway' };
  if (LOAD_GENERATORS.test(baseImage(w.image)) || LOAD_GENERATORS.test(w.name))
    return { w, kind: 'client', kindWhy: 'a load generator: traffic into the system' };
  if (w.entry.length && looksLikeGateway(w.name, w.image))
    return { w, kind: 'gateway', kindWhy: 'guessed: an entry point named or built like a gateway' };
  return { w, kind: 'service' };
}

function why(rec: Recognized): { kindWhy?: string } {
  return rec.by === 'image' ? {} : { kindWhy: `guessed from ${rec.by}` };
}

// --- addresses in the environment -------------------------------------------------------------

const ADDRESS_KEY = /(_|^)(URL|URI|ADDR|ADDRESS|HOST|HOSTNAME|HOSTS|SERVER|SERVERS|ENDPOINT|BROKERS?|BOOTSTRAP_SERVERS|DSN)$/i;

/** Host names a value mentions: URLs (any scheme, userinfo, several hosts), `host:port`, and a
 * bare host when the variable is an address (`*_HOST`, `*_ADDR`). */
export function hostsIn(key: string, value: string): string[] {
  const out: string[] = [];
  const add = (h: string) => {
    const x = h.toLowerCase().replace(/\.$/, '');
    // a host name has a letter: `10:30` is a time, `10.0.0.1:80` an address of no workload
    if (/[a-z]/.test(x) && !out.includes(x)) out.push(x);
  };
  for (const m of value.matchAll(/[a-z][a-z0-9+.-]*:\/\/([^/?#\s"']+)/gi)) {
    const authority = m[1]!.slice(m[1]!.lastIndexOf('@') + 1);
    for (const part of authority.split(',')) add(part.replace(/:\d*$/, '').replace(/^\[|\]$/g, ''));
  }
  const rest = value.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s"']+/gi, ' ');
  for (const m of rest.matchAll(/(?:^|[\s,;=@(])([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?):(\d{1,5})(?![\d.])/gi)) add(m[1]!);
  if (ADDRESS_KEY.test(key))
    for (const part of rest.split(/[\s,;]+/)) if (/^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/i.test(part) && !/^\d+$/.test(part)) add(part);
  return out;
}

/** Hosts with the port a value dials them at: `host:port`, or a URL's port or scheme's port. */
function addressesIn(value: string): { host: string; port: number }[] {
  const out: { host: string; port: number }[] = [];
  for (const m of value.matchAll(/([a-z][a-z0-9+.-]*):\/\/([^/?#\s"']+)/gi)) {
    // `postgresql+psycopg2`, `db+postgresql`, `mongodb+srv`: any part that names an engine.
    const scheme = m[1]!.toLowerCase();
    const schemePort =
      SCHEME_PORTS[scheme] ??
      scheme
        .split('+')
        .map((x) => SCHEME_PORTS[x])
        .find(Boolean);
    const authority = m[2]!.slice(m[2]!.lastIndexOf('@') + 1);
    for (const part of authority.split(',')) {
      const hp = /^([^:]+)(?::(\d+))?$/.exec(part);
      if (!hp) continue;
      const port = hp[2] ? Number(hp[2]) : schemePort;
      if (port) out.push({ host: hp[1]!.toLowerCase(), port });
    }
  }
  const rest = value.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s"']+/gi, ' ');
  for (const m of rest.matchAll(/(?:^|[\s,;=@(])([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?):(\d{1,5})(?![\d.])/gi))
    out.push({ host: m[1]!.toLowerCase(), port: Number(m[2]) });
  return out;
}

export interface Hosts {
  /** The workload a host names, as `from` dials it: within `from`'s compose project first (two
   * projects' `db` are two networks' `db`), else any. */
  resolve: (host: string, from?: Workload) => Workload | undefined;
}

export function hostResolver(workloads: Workload[], namespaces: Set<string>): Hosts {
  const index = new Map<string, Workload>();
  const inProject = new Map<string, Workload>();
  for (const w of workloads)
    for (const h of w.hosts) {
      if (!index.has(h)) index.set(h, w);
      const key = w.project !== undefined ? `${w.project}\u0000${h}` : undefined;
      if (key !== undefined && !inProject.has(key)) inProject.set(key, w);
    }
  return {
    resolve(host: string, from?: Workload) {
      const h = host.toLowerCase();
      const own = from?.project !== undefined ? inProject.get(`${from.project}\u0000${h}`) : undefined;
      if (own) return own;
      if (index.has(h)) return index.get(h);
      const parts = h.split('.');
      const rest = parts.slice(1).join('.');
      // name.namespace, name.namespace.svc, name.namespace.svc.cluster.local
      const inCluster = /^[a-z0-9-]+(\.svc(\.cluster\.local)?)?$/.test(rest) && (namespaces.has(parts[1]!) || rest.includes('svc'));
      if (parts.length > 1 && inCluster) return index.get(parts[0]!);
      return undefined;
    },
  };
}

// --- the design ---------------------------------------------------------------------------------

export interface BuildInput {
  workloads: Workload[];
  namespaces: Set<string>;
  name: string;
}

export function buildDesign(input: BuildInput): BuildResult {
  const { workloads } = input;
  const hosts = hostResolver(workloads, input.namespaces);
  // The ports callers dial each workload at (`user-db:27017`, `mongodb://user-db`).
  const dialed = new Map<Workload, number[]>();
  for (const w of workloads)
    for (const value of w.env.values())
      for (const { host, port } of addressesIn(value)) {
        const callee = hosts.resolve(host, w);
        if (!callee || callee === w) continue;
        const list = dialed.get(callee) ?? [];
        if (!list.includes(port)) list.push(port);
        dialed.set(callee, list);
      }
  const decided = new Map<string, Decided>();
  for (const w of workloads) decided.set(w.name, decide(w, dialed.get(w)));
  const kindOf = (name: string) => decided.get(name)!.kind;
  const isServiceKind = (k: NodeKind) => k === 'service' || k === 'gateway' || k === 'saga';
  const comments: { path: (string | number)[]; text: string; before?: boolean }[] = [];
  const notes = new Map<string, string[]>();
  const noteOn = (id: string, text: string) => {
    const list = notes.get(id) ?? [];
    if (!list.includes(text)) list.push(text);
    notes.set(id, list);
  };

  // Calls: addresses in the environment, then depends_on/links, then what Istio says.
  const calls = new Map<string, CallOut[]>();
  const usedEnv = new Map<string, Set<string>>();
  for (const w of workloads) {
    const list: CallOut[] = [];
    const used = new Set<string>();
    const add = (c: CallOut) => {
      if (c.to === w.name || list.some((x) => x.to === c.to)) return;
      list.push(c);
    };
    const mine = isServiceKind(kindOf(w.name)) || kindOf(w.name) === 'client';
    for (const [key, value] of w.env) {
      for (const h of hostsIn(key, value)) {
        const callee = hosts.resolve(h, w);
        if (!callee || callee === w) continue;
        used.add(key);
        if (mine) add({ to: callee.name, envKey: key, why: `${key}`, service: isServiceKind(kindOf(callee.name)) });
      }
    }
    // A load generator's target is often on its command line (`-h edge-router`, `--host=http://web`).
    if (kindOf(w.name) === 'client')
      for (const word of [...(w.command ?? []), ...(w.args ?? [])])
        for (const h of hostsIn('HOST', word.replace(/^--?[a-z-]+=/i, ''))) {
          const callee = hosts.resolve(h, w);
          if (callee && callee !== w) add({ to: callee.name, why: 'its command line', service: isServiceKind(kindOf(callee.name)) });
        }
    for (const d of w.dependsOn) {
      const callee = hosts.resolve(d, w);
      if (callee && callee !== w && mine)
        add({ to: callee.name, why: 'depends_on', guessed: 'from depends_on/links (no address in its environment)' });
    }
    // Secret credentials of a store it calls are regenerated by every export.
    const bySecret = new Map<string, string[]>();
    for (const s of w.secretEnv) {
      const store = list.find(
        (c) =>
          !isServiceKind(kindOf(c.to)) &&
          (s.name === `${envPrefix(dnsLabel(c.to))}_USER` || s.name === `${envPrefix(dnsLabel(c.to))}_PASSWORD`),
      );
      if (!store) bySecret.set(s.secret, [...(bySecret.get(s.secret) ?? []), s.name]);
    }
    for (const [secret, names] of bySecret) noteOn(w.name, `env ${names.join(', ')} from Secret ${secret}: secrets are not imported`);
    calls.set(w.name, list);
    usedEnv.set(w.name, used);
  }
  for (const callee of workloads)
    for (const caller of callee.policies.keys()) {
      if (caller === '*') continue;
      const list = calls.get(caller);
      if (list && !list.some((c) => c.to === callee.name) && isServiceKind(kindOf(caller)))
        list.push({ to: callee.name, why: 'Istio route' });
    }
  // Routes of gateways learnt from an Istio ingress VirtualService are calls too (forwards).
  const routeTargets = new Set<string>();
  for (const w of workloads)
    for (const r of w.routes) {
      routeTargets.add(r.to);
      const list = calls.get(w.name)!;
      if (!list.some((c) => c.to === r.to)) list.push({ to: r.to, why: 'Istio ingress route' });
    }
  // Istio's allow-list: a caller it admits calls it.
  for (const callee of workloads)
    for (const sa of callee.allowedAccounts)
      for (const caller of workloads) {
        if (caller === callee || caller.serviceAccount !== sa || !isServiceKind(kindOf(caller.name))) continue;
        const list = calls.get(caller.name)!;
        if (!list.some((c) => c.to === callee.name))
          list.push({ to: callee.name, why: 'AuthorizationPolicy', guessed: 'from an Istio AuthorizationPolicy that admits it' });
      }

  // A NetworkPolicy's allow-list: the pods it admits call it.
  for (const callee of workloads)
    for (const from of callee.allowedFrom) {
      const list = calls.get(from);
      if (!list || !isServiceKind(kindOf(from)) || list.some((c) => c.to === callee.name)) continue;
      list.push({ to: callee.name, why: 'NetworkPolicy', guessed: 'from a NetworkPolicy that admits it' });
    }
  const inbound = new Map<string, number>();
  for (const list of calls.values()) for (const c of list) inbound.set(c.to, (inbound.get(c.to) ?? 0) + 1);
  // Ways in: what the files publish. The ingress admitted by an AuthorizationPolicy to a gateway's
  // route target reaches it through that gateway.
  for (const w of workloads) if (routeTargets.has(w.name)) w.entry = w.entry.filter((e) => !e.includes('(AuthorizationPolicy)'));
  const explicit = workloads.filter((w) => w.entry.length > 0 && isServiceKind(kindOf(w.name)));
  // None found: the workloads nobody calls are where traffic enters, the API-looking ones first.
  const roots = workloads.filter((w) => isServiceKind(kindOf(w.name)) && (inbound.get(w.name) ?? 0) === 0 && w.ports.length > 0);
  const apiLike = roots.filter((w) =>
    /(^|[-_.])(api|web|www|frontend|front|ui|app|portal|gateway|gw|bff|server|http|site)([-_.]|$)/.test(w.name),
  );
  const entryNodes = explicit.length ? explicit : apiLike.length ? apiLike : roots;
  const guessedEntry = explicit.length === 0;
  const isEntry = new Set(entryNodes.map((w) => w.name));

  // Messaging: a workload nobody calls and that is no entry consumes from the queues/topics it
  // talks to; the others publish.
  const consumers = new Map<string, string[]>();
  const consumed = new Map<string, CallOut[]>();
  for (const w of workloads) {
    if (!isServiceKind(kindOf(w.name))) continue;
    const list = calls.get(w.name)!;
    const worker = (inbound.get(w.name) ?? 0) === 0 && !isEntry.has(w.name);
    if (!worker) continue;
    for (const c of [...list]) {
      const k = kindOf(c.to);
      if (k !== 'queue' && k !== 'topic') continue;
      list.splice(list.indexOf(c), 1);
      consumed.set(w.name, [...(consumed.get(w.name) ?? []), c]);
      const cs = consumers.get(c.to) ?? [];
      cs.push(w.name);
      consumers.set(c.to, cs);
    }
  }

  const nodes = dict<Obj>();
  const ids = new NameAllocator(
    workloads.map((w) => w.name),
    '-',
    63,
  );
  const routesOf = new Map<string, { path: string; to: string; guessed: boolean }[]>();

  for (const w of workloads) {
    const d = decided.get(w.name)!;
    const node = dict();
    node.kind = d.kind;
    if (w.project !== undefined) node.group = w.project;
    const id = w.name;
    const path = (...p: (string | number)[]) => ['nodes', id, ...p];
    if (d.kindWhy) comments.push({ path: path('kind'), text: d.kindWhy });
    if (d.kind === 'client') fillLoadGenerator(w, node, path, comments, noteOn, calls.get(w.name)!);
    else if (isServiceKind(d.kind))
      fillService(w, node, path, comments, noteOn, usedEnv.get(w.name)!, [...calls.get(w.name)!, ...(consumed.get(w.name) ?? [])]);
    else fillStore(w, d, node, path, comments, noteOn, consumers.get(w.name) ?? []);
    nodes[id] = node;
  }

  // Calls with their policies, on the caller nodes.
  for (const w of workloads) {
    const node = nodes[w.name]!;
    if (!isServiceKind(kindOf(w.name))) continue;
    const list = calls.get(w.name)!;
    const out: Obj[] = [];
    list.forEach((c) => {
      const callee = workloads.find((x) => x.name === c.to)!;
      const call = dict();
      call.to = c.to;
      const pol = callee.policies.get(w.name) ?? callee.policies.get('*');
      const i = out.length;
      const cpath = ['nodes', w.name, 'calls', i];
      if (pol?.timeout !== undefined) {
        call.timeout = formatDuration(pol.timeout);
        if (pol.timeoutGuessed) comments.push({ path: [...cpath, 'timeout'], text: 'guessed: the route timeout shared by every try' });
      }
      if (pol?.retry) {
        const r = dict();
        r.attempts = pol.retry.attempts;
        if (pol.retry.backoff !== undefined) r.backoff = formatDuration(pol.retry.backoff);
        if (pol.retry.multiplier !== undefined) r.multiplier = pol.retry.multiplier;
        call.retry = r;
      }
      if (callee.outlier && isServiceKind(kindOf(c.to))) {
        const n = callee.outlier.consecutive;
        call.breaker = {
          failureRate: '100%',
          window: n,
          minCalls: n,
          ...(callee.outlier.openFor !== undefined ? { openFor: formatDuration(callee.outlier.openFor) } : {}),
        };
        comments.push({ path: [...cpath, 'breaker'], text: `approximated from outlierDetection (${n} consecutive 5xx eject an endpoint)` });
      }
      if (decided.get(c.to)!.kind !== 'queue' && decided.get(c.to)!.kind !== 'topic' && isGrpc(callee) && !FORMAT.serviceField('protocol'))
        call.protocol = 'grpc';
      if (c.envKey && FORMAT.callEnv && c.service && ENV_NAME.test(c.envKey) && c.envKey !== `${envPrefix(dnsLabel(c.to))}_URL`)
        call.env = c.envKey;
      if (c.guessed) comments.push({ path: cpath, text: `guessed: ${c.guessed}`, before: true });
      out.push(call);
    });
    // A gateway needs routes, else every request is a 404: Istio's, else one per service it calls.
    if (kindOf(w.name) === 'gateway') {
      const routes = w.routes.length
        ? w.routes.map((r) => ({ path: r.path, to: r.to, guessed: false }))
        : out
            .filter((c) => isServiceKind(kindOf(String(c.to))))
            .map((c) => ({ path: `/${String(c.to)}`, to: String(c.to), guessed: true }));
      if (routes.length) {
        node.routes = routes.map((r) => ({ path: r.path, to: r.to }));
        if (routes[0]!.guessed)
          comments.push({
            path: ['nodes', w.name, 'routes'],
            text: 'guessed: one route per service it calls (the files name no paths)',
            before: true,
          });
      }
      routesOf.set(w.name, routes);
    }
    if (out.length) node.calls = out;
  }

  // Clients: one per way in, at a stated default rate.
  for (const e of entryNodes) {
    const id = ids.take(entryNodes.length === 1 ? 'users' : `${e.name}-users`);
    const client = dict();
    client.kind = 'client';
    client.label = `Outside traffic to ${e.name}`;
    client.rate = DEFAULT_CLIENT_RATE;
    const routes = routesOf.get(e.name) ?? [];
    client.requests = routes.length ? routes.map((r) => ({ to: e.name, route: r.path })) : [{ to: e.name }];
    nodes[id] = client;
    const by = guessedEntry ? 'guessed: the files publish no way in, and nobody calls it' : `enters by ${e.entry.join(', ')}`;
    comments.push({ path: ['nodes', id, 'rate'], text: `guessed: a default rate; set the real traffic (${by})` });
  }

  const design = dict();
  design.version = 1;
  design.name = input.name;
  design.description = `Imported by meshwright import from ${[...new Set(workloads.map((w) => w.origin.file))].join(', ')}`;
  design.nodes = nodes;
  for (const w of workloads) for (const n of w.notes) noteOn(w.name, n);
  if (notes.size) {
    const n = dict<string[]>();
    for (const [id, list] of notes) if (id in nodes) n[id] = list;
    design.notes = n;
  }
  const doc = new Document(design);
  flowSmallItems(doc);
  for (const c of comments) {
    const target = doc.getIn(c.path, true) as YamlNode | undefined;
    if (!target) continue;
    if (c.before || isMap(target) || isSeq(target)) target.commentBefore = ` ${c.text}`;
    else target.comment = ` ${c.text}`;
  }
  return { doc, notes };
}

function isGrpc(w: Workload): boolean {
  const probes = [w.probes.liveness, w.probes.readiness, w.probes.startup];
  if (probes.some((p) => p?.type === 'grpc')) return true;
  return w.ports.some((p) => /^grpc(-|$)/i.test(p.name ?? '') || /^(grpc|kubernetes\.io\/h2c)$/i.test(p.appProtocol ?? ''));
}

/** The port it serves: the one a Service targets or named http/grpc, else its PORT, else the first. */
function mainPort(w: Workload): number | undefined {
  const named = w.ports.find((p) => /^(http|grpc|web|api)(-|$)/i.test(p.name ?? ''));
  if (named) return named.port;
  const env = Number(w.env.get('PORT'));
  if (Number.isInteger(env) && env > 0 && env < 65536) return env;
  return w.ports[0]?.port;
}

type Comments = { path: (string | number)[]; text: string; before?: boolean }[];

function fillService(
  w: Workload,
  node: Obj,
  path: (...p: (string | number)[]) => (string | number)[],
  comments: Comments,
  noteOn: (id: string, t: string) => void,
  usedEnv: Set<string>,
  calls: CallOut[],
): void {
  if (w.image) node.image = w.image;
  const port = mainPort(w);
  if (port) node.port = port;
  else comments.push({ path: path('kind'), text: 'no port in the files: the design default (3000) applies' });
  if (w.servicePort !== undefined && port !== undefined && w.servicePort !== port) {
    if (FORMAT.serviceField('servicePort')) node.servicePort = w.servicePort;
    else noteOn(w.name, `its Service listens on ${w.servicePort} (callers dial that port)`);
  }
  const others = w.ports.filter((p) => p.port !== port).map((p) => `${p.port}${p.name ? ` (${p.name})` : ''}`);
  if (others.length) noteOn(w.name, `port${others.length > 1 ? 's' : ''} ${others.join(', ')}: only one port is modelled`);
  if (w.replicas !== undefined) {
    node.replicas = Math.max(1, w.replicas);
    if (w.replicas === 0) noteOn(w.name, 'scaled to 0 replicas in the files: imported with 1');
    if (w.replicasFromHpa) comments.push({ path: path('replicas'), text: "the HPA's minimum: the manifest leaves replicas to the HPA" });
  }
  if (w.concurrency !== undefined) {
    const replicas = totalReplicas(w);
    const concurrency = Math.max(1, Math.round(w.concurrency / replicas));
    if (concurrency !== 16) node.concurrency = concurrency;
    const queue = w.queue !== undefined ? Math.max(0, Math.round(w.queue / replicas)) : undefined;
    if (queue !== undefined && queue !== 128) node.queue = queue;
  }
  if (w.balancer && w.balancer.kind !== 'round_robin') {
    node.balancer = w.balancer.kind;
    if (w.balancer.hashKey) node.hashKey = w.balancer.hashKey;
  }
  if (isGrpc(w) && FORMAT.serviceField('protocol')) node.protocol = 'grpc';
  if (w.command) {
    if (FORMAT.serviceField('command')) node.command = w.command;
    else noteOn(w.name, `command ${JSON.stringify(w.command)}: not mapped`);
  }
  if (w.args) {
    if (FORMAT.serviceField('args')) node.args = w.args;
    else noteOn(w.name, `args ${JSON.stringify(w.args)}: not mapped`);
  }
  const res = resourcesOf(w, noteOn);
  if (res) node.resources = res;
  if (w.autoscale) {
    const a = w.autoscale;
    const as = dict();
    as.min = Math.max(1, a.min);
    as.max = Math.max(as.min as number, a.max);
    as.cpu = `${Math.round((a.cpu ?? 0.7) * 100)}%`;
    const startup = w.probes.startup?.budget;
    if (startup !== undefined && !FORMAT.startup) as.startup = formatDuration(startup);
    if (a.downDelay !== undefined) as.downDelay = formatDuration(a.downDelay);
    node.autoscale = as;
    if (a.cpu === undefined) comments.push({ path: path('autoscale', 'cpu'), text: 'guessed: the HPA has no CPU target' });
  }
  // Environment: what is not an address of a callee (those are calls now) nor the port.
  const env = dict<string>();
  // A store's address stays as written (credentials, database, options); a service's is the call's env.
  const addressed = new Set(
    calls
      .filter((c) => c.service)
      .map((c) => c.envKey)
      .filter(Boolean) as string[],
  );
  for (const [k, v] of w.env) {
    if (k === 'PORT' && Number(v) === port) continue;
    // A called store's credentials: every export writes them again from the store.
    if (calls.some((c) => k === `${envPrefix(dnsLabel(c.to))}_USER` || k === `${envPrefix(dnsLabel(c.to))}_PASSWORD`)) continue;
    const generatedFor = calls.find((c) => k === `${envPrefix(dnsLabel(c.to))}_URL`);
    if (addressed.has(k) && (generatedFor || FORMAT.callEnv)) continue;
    // The export's own address of a store or broker (no credentials, options or other database)
    // is written again by every export; anything more is kept as written.
    if (generatedFor && !generatedFor.service && plainAddress(v, generatedFor.to)) continue;
    if (w.interpolated.has(k)) continue;
    env[k] = v;
  }
  if (Object.keys(env).length) node.env = env;
  const health = healthOf(w);
  if (health) node.health = health;
  if (w.versions.length > 1) {
    const versions = dict<Obj>();
    const base = w.versions[0]!;
    if (base.image && !w.image) node.image = base.image;
    const image = (node.image as string | undefined) ?? base.image;
    const replicas = (node.replicas as number | undefined) ?? base.replicas ?? 1;
    const weights = w.versions.map((v) => v.weight ?? v.replicas ?? 1);
    for (const [i, v] of w.versions.entries()) {
      const out = dict();
      out.weight = weights[i];
      if (v.image && v.image !== image) out.image = v.image;
      const fixed = w.autoscale ? !v.autoscaled : v.replicas !== undefined && v.replicas !== replicas;
      if (fixed && v.replicas !== undefined) out.replicas = v.replicas;
      versions[v.key] = out;
    }
    node.versions = versions;
    if (w.versions.every((v) => v.weight === undefined))
      comments.push({ path: path('versions'), text: 'weights by replica count (no weighted route read)', before: true });
  }
}

function totalReplicas(w: Workload): number {
  if (w.versions.length > 1) return w.versions.reduce((s, v) => s + (v.replicas ?? w.replicas ?? 1), 0) || 1;
  return Math.max(1, w.replicas ?? 1);
}

function resourcesOf(w: Workload, noteOn: (id: string, t: string) => void): Obj | undefined {
  if (!w.resources) return undefined;
  const r = dict();
  if (w.resources.cpu) r.cpu = w.resources.cpu;
  if (w.resources.memory) r.memory = w.resources.memory;
  const l = w.resources.limits;
  if (l && !FORMAT.limits && (l.cpu ?? w.resources.cpu) === w.resources.cpu && (l.memory ?? w.resources.memory) === w.resources.memory) {
    // limits equal to the requests: nothing is lost
  } else if (l) {
    if (FORMAT.limits) r.limits = { ...l };
    else noteOn(w.name, `resource limits ${JSON.stringify(w.resources.limits)}: not mapped`);
  }
  return Object.keys(r).length ? r : undefined;
}

function healthOf(w: Workload): Obj | undefined {
  const live = w.probes.liveness;
  const ready = w.probes.readiness;
  const h = dict();
  if (live?.type === 'http' && live.path) h.liveness = live.path;
  if (ready?.type === 'http' && ready.path) h.readiness = ready.path;
  if (h.liveness && !h.readiness) h.readiness = h.liveness;
  if (h.readiness && !h.liveness) h.liveness = h.readiness;
  const type = ready?.type ?? live?.type;
  if (FORMAT.probe && type && type !== 'exec') h.probe = type;
  if (FORMAT.startup && w.probes.startup?.budget !== undefined && w.source === 'kubernetes')
    h.startup = formatDuration(w.probes.startup.budget);
  return Object.keys(h).length ? h : undefined;
}

function fillStore(
  w: Workload,
  d: Decided,
  node: Obj,
  path: (...p: (string | number)[]) => (string | number)[],
  comments: Comments,
  noteOn: (id: string, t: string) => void,
  consumers: string[],
): void {
  node.engine = d.engine;
  const field = d.kind === 'cache' ? FORMAT.cacheField : FORMAT.storeField;
  if (d.kind === 'database' && w.storage) node.storage = w.storage;
  const defaultConnections = d.kind === 'database' ? 100 : 1000;
  if ((d.kind === 'database' || d.kind === 'cache') && w.connections !== undefined && w.connections !== defaultConnections)
    node.connections = w.connections;
  if (d.kind === 'queue' || d.kind === 'topic') {
    if (consumers.length) {
      node.consumers = consumers;
      comments.push({ path: path('consumers'), text: 'guessed: the workloads nobody calls that talk to it', before: true });
    }
  }
  if (field('image') && w.image) node.image = w.image;
  else if (w.image) noteOn(w.name, `image ${w.image}`);
  if (w.replicas !== undefined && w.replicas > 1) {
    if (field('replicas')) node.replicas = w.replicas;
    else noteOn(w.name, `${w.replicas} replicas: not mapped for a ${d.kind}`);
  }
  const res = resourcesOf(w, noteOn);
  if (res) {
    if (field('resources')) node.resources = res;
    else noteOn(w.name, `resources ${JSON.stringify(res)}: not mapped for a ${d.kind}`);
  }
  const env = [...w.env.entries()].filter(([k]) => !w.interpolated.has(k));
  if (env.length) {
    if (field('env')) {
      const e = dict<string>();
      for (const [k, v] of env) e[k] = v;
      node.env = e;
    } else noteOn(w.name, `engine settings ${env.map(([k]) => k).join(', ')}: not mapped`);
  }
}

function fillLoadGenerator(
  w: Workload,
  node: Obj,
  path: (...p: (string | number)[]) => (string | number)[],
  comments: Comments,
  noteOn: (id: string, t: string) => void,
  calls: CallOut[],
): void {
  const users = Number(w.env.get('USERS'));
  if (Number.isInteger(users) && users > 0) {
    node.users = users;
    comments.push({ path: path('users'), text: 'from its USERS variable: users in a closed loop' });
  } else {
    node.rate = DEFAULT_CLIENT_RATE;
    comments.push({ path: path('rate'), text: 'guessed: a default rate; set the load it generates' });
  }
  node.requests = calls.filter((c) => c.service).map((c) => ({ to: c.to }));
  if (w.image) noteOn(w.name, `load generator ${w.image}`);
  for (const [k, v] of w.env)
    if (k !== 'USERS' && !calls.some((c) => c.envKey === k)) noteOn(w.name, `env ${k}=${v}: not mapped on a client`);
}

/** `{ to: db, timeout: 2s }` and `{ x: 0, y: 100 }` read best inline, as people write designs. */
function flowSmallItems(doc: Document): void {
  const small = (n: unknown) => isMap(n) && n.items.length <= 4 && n.items.every((p) => isScalar(p.value));
  const layout = doc.get('layout', true);
  if (isMap(layout)) for (const p of layout.items) if (isMap(p.value)) p.value.flow = true;
  const nodes = doc.get('nodes', true);
  if (!isMap(nodes)) return;
  for (const p of nodes.items) {
    if (!isMap(p.value)) continue;
    for (const key of ['calls', 'requests', 'routes']) {
      const list = p.value.get(key, true);
      if (isSeq(list)) for (const item of list.items) if (small(item)) (item as { flow: boolean }).flow = true;
    }
    for (const key of ['command', 'args', 'consumers']) {
      const list = p.value.get(key, true);
      if (isSeq(list) && list.items.length <= 8) list.flow = true;
    }
  }
}

function plainAddress(value: string, name: string): boolean {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/@?#]+)(\/[^?#]*)?$/i.exec(value);
  if (!m) return false;
  const path = m[2] ?? '';
  return m[1]!.split(':')[0]!.toLowerCase() === name && (path === '' || path === `/${dnsLabel(name).replace(/-/g, '_')}`);
}
