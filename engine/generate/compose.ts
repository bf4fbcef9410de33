// docker-compose.yml view of the intermediate model (generators.md "docker-compose"): one service
// per workload, store and broker; env addresses `<CALLEE>_URL`; only gateways publish ports;
// depends_on waits for health; credentials come from the user's environment, never from here.
import { NATS_ARGS, httpTargets, type Ir, type IrBroker, type IrStore, type IrWorkload } from './model.js';
import { toYaml, withComments } from './yaml.js';

type Obj = Record<string, unknown>;
/** A mapping whose keys are names from the design: null prototype, so `__proto__` is a key. */
const record = (): Obj => Object.create(null) as Obj;

/** Text compose is meant to interpolate: a credential from the user's environment. */
class Interpolated {
  constructor(readonly text: string) {}
}

/** Every string of the file is text (`$` written `$$`, so `${AWS_SECRET_ACCESS_KEY}` in a
 * design's env stays those characters and `$5` no error) but the credentials we ask compose to
 * interpolate: no design string can read the user's environment. */
function literal(v: unknown): unknown {
  if (v instanceof Interpolated) return v.text;
  if (typeof v === 'string') return v.replace(/\$/g, '$$$$');
  if (Array.isArray(v)) return v.map(literal);
  if (typeof v === 'object' && v !== null) {
    const out = record();
    for (const [k, x] of Object.entries(v)) out[k] = literal(x);
    // withComments keeps its comments under a symbol: they are comments, not values.
    for (const sym of Object.getOwnPropertySymbols(v)) (out as Record<symbol, unknown>)[sym] = (v as Record<symbol, unknown>)[sym];
    return out;
  }
  return v;
}

// A placeholder default, never a secret: `docker compose config` and a first local `up` work as
// generated, and a real value comes from the environment or an .env file beside this one.
function secretVar(v: string): Interpolated {
  return new Interpolated(`\${${v}:-${v.endsWith('_USER') ? 'app' : 'change-me'}}`);
}

/** The node's kind, under the label the Kubernetes export uses too: `meshwright import` gives
 * gateways, sagas and a Redis used as a database or a broker back as what they were. */
function componentLabel(kind: string): Obj {
  const labels = record();
  labels['app.kubernetes.io/component'] = kind;
  return labels;
}

function storeHealth(s: IrStore): Obj | undefined {
  switch (s.engine) {
    case 'postgres':
      return { test: ['CMD-SHELL', 'pg_isready -U "$POSTGRES_USER" -d "$POSTGRES_DB"'] };
    case 'mysql':
      return { test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1'] };
    case 'mongodb':
      return { test: ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping')"] };
    case 'redis':
      return { test: ['CMD', 'redis-cli', 'ping'] };
    case 'elasticsearch':
      return { test: ['CMD-SHELL', 'curl -fsu "elastic:$ELASTIC_PASSWORD" http://127.0.0.1:9200/_cluster/health'] };
    case 'cassandra':
      return { test: ['CMD', 'cqlsh', '-e', 'describe keyspaces'] };
    case 'memcached':
      // No client in the image, but bash (Debian based): a TCP connect is the check.
      return { test: ['CMD-SHELL', 'bash -c "exec 3<>/dev/tcp/127.0.0.1/11211"'] };
    default:
      return undefined;
  }
}

function brokerHealth(b: IrBroker): Obj | undefined {
  switch (b.engine) {
    case 'kafka':
      return { test: ['CMD-SHELL', '/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server 127.0.0.1:9092 > /dev/null'] };
    case 'rabbitmq':
      return { test: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'] };
    case 'redis':
      return { test: ['CMD', 'redis-cli', 'ping'] };
    case 'nats':
      // The alpine image has busybox wget; the monitoring port answers /healthz.
      return { test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:8222/healthz'] };
    default:
      return undefined; // the elasticmq native image has no shell to probe with
  }
}

const timing = { interval: '10s', timeout: '5s', retries: 5, start_period: '20s' };

function storeEnv(s: IrStore): Obj | undefined {
  const c = s.credentials;
  if (!c) return undefined;
  switch (s.engine) {
    case 'postgres':
      return { POSTGRES_USER: secretVar(c.userVar), POSTGRES_PASSWORD: secretVar(c.passwordVar), POSTGRES_DB: c.db };
    case 'mysql':
      return {
        MYSQL_USER: secretVar(c.userVar),
        MYSQL_PASSWORD: secretVar(c.passwordVar),
        MYSQL_DATABASE: c.db,
        MYSQL_RANDOM_ROOT_PASSWORD: 'yes',
      };
    case 'mongodb':
      return {
        MONGO_INITDB_ROOT_USERNAME: secretVar(c.userVar),
        MONGO_INITDB_ROOT_PASSWORD: secretVar(c.passwordVar),
        MONGO_INITDB_DATABASE: c.db,
      };
    case 'elasticsearch':
      return { 'discovery.type': 'single-node', ELASTIC_PASSWORD: secretVar(c.passwordVar) };
    default:
      return undefined;
  }
}

function brokerEnv(b: IrBroker): Obj | undefined {
  if (b.engine !== 'kafka') return undefined;
  // A single KRaft node that is its own controller, reachable by its service name.
  return {
    KAFKA_NODE_ID: '1',
    KAFKA_PROCESS_ROLES: 'broker,controller',
    KAFKA_LISTENERS: `PLAINTEXT://:${b.port},CONTROLLER://:9093`,
    KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${b.name}:${b.port}`,
    KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
    KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
    KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
  };
}

/** The stubs' own check, run inside a stub image (it has node and the built stub): readiness over
 * HTTP, or the standard gRPC health service for a grpc stub (src/healthcheck.ts). */
export const STUB_HEALTHCHECK = ['CMD', 'node', 'dist/healthcheck.js'];

/** A stub image: built from services/<name> (`--target all`), or the default image the stub is
 * meant to become. An image the design names may be anything (Go, Java, .NET): nothing is known
 * to run inside it, so it gets no health check and its dependents wait for it to start. */
function runsStub(w: IrWorkload, build: boolean): boolean {
  return build || w.node.image === undefined;
}

/** Host ports for the gateways, which alone publish: each takes its own port (a range for
 * replicas) and moves up past ports another gateway already holds. */
function hostPorts(ir: Ir): Map<string, { range: string; moved?: string }> {
  const taken = new Map<number, string>();
  const out = new Map<string, { range: string; moved?: string }>();
  for (const w of ir.workloads) {
    if (w.kind !== 'gateway') continue;
    const n = Math.max(1, w.replicas);
    const free = (start: number) => {
      for (let p = start; p < start + n; p++) if (p > 65535 || taken.has(p)) return false;
      return true;
    };
    let start = w.port;
    while (!free(start)) start = start + n > 65535 ? 1024 : start + 1;
    for (let p = start; p < start + n; p++) taken.set(p, w.name);
    const range = n > 1 ? `${start}-${start + n - 1}` : String(start);
    const holder = taken.get(w.port) !== w.name ? taken.get(w.port) : undefined;
    out.set(w.name, {
      range,
      ...(start !== w.port ? { moved: `host port ${range}: ${w.port} is published by ${holder ?? 'another gateway'}` } : {}),
    });
  }
  return out;
}

/** depends_on without cycles: a workload waits for what it calls, synchronous calls first, in the
 * design's order; an edge that would close a cycle (the callee already waits, directly or not,
 * for the caller) is left out and said so. */
function startOrder(ir: Ir): { deps: Map<string, string[]>; dropped: Map<string, string[]> } {
  const deps = new Map<string, string[]>(ir.workloads.map((w) => [w.name, []]));
  const dropped = new Map<string, string[]>();
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const x = stack.pop()!;
      if (x === to) return true;
      if (seen.has(x)) continue;
      seen.add(x);
      for (const y of deps.get(x) ?? []) stack.push(y);
    }
    return false;
  };
  const edges: [string, string][] = [];
  for (const async of [false, true])
    for (const w of ir.workloads) for (const t of httpTargets(w)) if (t.async === async && t.name !== w.name) edges.push([w.name, t.name]);
  for (const [from, to] of edges) {
    const list = deps.get(from)!;
    if (list.includes(to)) continue;
    if (reaches(to, from)) {
      const d = dropped.get(from) ?? [];
      if (!d.includes(to)) d.push(to);
      dropped.set(from, d);
      continue;
    }
    list.push(to);
  }
  return { deps, dropped };
}

export function composeFile(ir: Ir, opts: { build: boolean }): string {
  const services = record() as Record<string, Obj>;
  const serviceComments = record() as Record<string, string>;
  const volumes = record();
  const healthy = new Map<string, boolean>();
  for (const s of ir.stores) healthy.set(s.name, storeHealth(s) !== undefined);
  for (const b of ir.brokers) healthy.set(b.name, brokerHealth(b) !== undefined);
  for (const w of ir.workloads) healthy.set(w.name, runsStub(w, opts.build));
  const published = hostPorts(ir);
  const order = startOrder(ir);

  for (const w of ir.workloads) {
    const env = record();
    for (const e of w.env) env[e.name] = e.composeValue ?? e.value;
    for (const e of w.secretEnv) env[e.name] = secretVar(e.name);
    const deps = record();
    const dep = (name: string) => {
      deps[name] = { condition: healthy.get(name) ? 'service_healthy' : 'service_started' };
    };
    for (const name of order.deps.get(w.name)!) dep(name);
    for (const s of w.stores) dep(s.name);
    for (const b of w.brokers) dep(b.name);
    // Built: the stub from the npm workspace (the one lockfile is in it), under compose's own image
    // name, never tagged as the design's image (`golang:1.22` must not be overwritten by a stub).
    // Run as designed: the design's image with its command and args.
    const svc: Obj = opts.build ? { build: { context: './services', dockerfile: `${w.name}/Dockerfile` } } : { image: w.image };
    if (!opts.build && w.node.command) svc.entrypoint = [...w.node.command];
    if (!opts.build && w.node.args) svc.command = [...w.node.args];
    svc.restart = 'unless-stopped';
    svc.labels = componentLabel(w.kind);
    svc.deploy = { replicas: w.replicas };
    const notes: string[] = [];
    const pub = published.get(w.name);
    if (pub) {
      // Loopback only: a local stack is not served to the whole network by default.
      svc.ports = [`127.0.0.1:${pub.range}:${w.port}`];
      if (pub.moved) notes.push(pub.moved);
    } else svc.expose = [String(w.port)];
    svc.environment = env;
    if (runsStub(w, opts.build)) svc.healthcheck = { test: [...STUB_HEALTHCHECK], ...timing };
    else notes.push(`no health check: nothing is known to run inside ${w.image}; callers wait for it to start, not to be ready`);
    if (Object.keys(deps).length) svc.depends_on = deps;
    const cut = order.dropped.get(w.name);
    if (cut)
      notes.push(
        `not waiting for ${cut.join(', ')}: ${cut.length > 1 ? 'they wait' : 'it waits'}, directly or not, for ${w.name} (a call cycle in the design); compose cannot start a cycle`,
      );
    if (notes.length) serviceComments[w.name] = notes.join('\n');
    services[w.name] = svc;
  }
  for (const s of ir.stores) {
    const svc: Obj = { image: s.image, restart: 'unless-stopped', labels: componentLabel(s.kind) };
    const env = storeEnv(s);
    if (env) svc.environment = env;
    if (s.dataPath) {
      volumes[`${s.name}-data`] = {};
      svc.volumes = [`${s.name}-data:${s.dataPath}`];
    }
    const h = storeHealth(s);
    if (h) svc.healthcheck = { ...h, ...timing };
    services[s.name] = svc;
  }
  for (const b of ir.brokers) {
    const svc: Obj = { image: b.image, restart: 'unless-stopped', labels: componentLabel('broker') };
    const env = brokerEnv(b);
    if (env) svc.environment = env;
    volumes[`${b.name}-data`] = {};
    const dataPath = { kafka: '/var/lib/kafka/data', rabbitmq: '/var/lib/rabbitmq', nats: '/data', redis: '/data', sqs: '/data' }[
      b.engine
    ]!;
    svc.volumes = [`${b.name}-data:${dataPath}`];
    if (b.engine === 'nats') svc.command = [...NATS_ARGS];
    const h = brokerHealth(b);
    if (h) svc.healthcheck = { ...h, ...timing };
    services[b.name] = svc;
  }
  const doc: Obj = { name: ir.namespace, services: withComments(services, serviceComments) };
  if (Object.keys(volumes).length) doc.volumes = volumes;
  const canary = ir.workloads.filter((w) => w.versions.length > 1).map((w) => w.name);
  const comment = [
    `${ir.designName}: generated by Meshwright from the design; edit the design, not this file.`,
    'Credentials come from the environment (an .env file beside this one); "change-me" is a placeholder, not a secret.',
    'Gateways publish their ports on 127.0.0.1 only.',
    ...(canary.length ? [`Compose cannot split traffic: ${canary.join(', ')} run their base image here; see istio/ for the canary.`] : []),
  ].join('\n');
  return toYaml({ value: literal(doc), comment });
}
