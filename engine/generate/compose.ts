// docker-compose.yml view of the intermediate model (generators.md "docker-compose"): one service
// per workload, store and broker; env addresses `<CALLEE>_URL`; only gateways publish ports;
// depends_on waits for health; credentials come from the user's environment, never from here.
import { NATS_ARGS, httpTargets, type Ir, type IrBroker, type IrStore, type IrWorkload } from './model.js';
import { toYaml } from './yaml.js';

type Obj = Record<string, unknown>;

// A placeholder default, never a secret: `docker compose config` and a first local `up` work as
// generated, and a real value comes from the environment or an .env file beside this one.
function secretVar(v: string): string {
  return `\${${v}:-${v.endsWith('_USER') ? 'app' : 'change-me'}}`;
}

function storeHealth(s: IrStore): Obj | undefined {
  switch (s.engine) {
    case 'postgres':
      return { test: ['CMD-SHELL', 'pg_isready -U "$$POSTGRES_USER" -d "$$POSTGRES_DB"'] };
    case 'mysql':
      return { test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1'] };
    case 'mongodb':
      return { test: ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping')"] };
    case 'redis':
      return { test: ['CMD', 'redis-cli', 'ping'] };
    case 'elasticsearch':
      return { test: ['CMD-SHELL', 'curl -fsu "elastic:$$ELASTIC_PASSWORD" http://127.0.0.1:9200/_cluster/health'] };
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

export function composeServiceHealthcheck(w: IrWorkload): string[] {
  // The stub image has node but no curl: ask readiness with node's fetch.
  const url = `http://127.0.0.1:${w.port}${w.health.readiness}`;
  return ['CMD', 'node', '-e', `fetch(${JSON.stringify(url)}).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`];
}

export function composeFile(ir: Ir, opts: { build: boolean }): string {
  const services: Obj = {};
  const volumes: Obj = {};
  const healthy = new Map<string, boolean>();
  for (const s of ir.stores) healthy.set(s.name, storeHealth(s) !== undefined);
  for (const b of ir.brokers) healthy.set(b.name, brokerHealth(b) !== undefined);
  for (const w of ir.workloads) healthy.set(w.name, true);

  for (const w of ir.workloads) {
    const env: Obj = {};
    for (const e of w.env) env[e.name] = e.value;
    for (const e of w.secretEnv) env[e.name] = secretVar(e.name);
    const deps: Obj = {};
    const dep = (name: string) => {
      deps[name] = { condition: healthy.get(name) ? 'service_healthy' : 'service_started' };
    };
    for (const t of httpTargets(w)) if (t.name !== w.name) dep(t.name);
    for (const s of w.stores) dep(s.name);
    for (const b of w.brokers) dep(b.name);
    const svc: Obj = { image: w.image };
    if (opts.build) svc.build = { context: `./services/${w.name}` };
    svc.deploy = { replicas: w.replicas };
    if (w.kind === 'gateway') {
      const host = w.replicas > 1 ? `${w.port}-${w.port + w.replicas - 1}` : String(w.port);
      svc.ports = [`${host}:${w.port}`];
    } else svc.expose = [String(w.port)];
    svc.environment = env;
    svc.healthcheck = { test: composeServiceHealthcheck(w), ...timing };
    if (Object.keys(deps).length) svc.depends_on = deps;
    services[w.name] = svc;
  }
  for (const s of ir.stores) {
    const svc: Obj = { image: s.image };
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
    const svc: Obj = { image: b.image };
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
  const doc: Obj = { name: ir.namespace, services };
  if (Object.keys(volumes).length) doc.volumes = volumes;
  const canary = ir.workloads.filter((w) => w.versions.length > 1).map((w) => w.name);
  const comment = [
    `${ir.designName}: generated by Meshwright from the design; edit the design, not this file.`,
    'Credentials come from the environment (an .env file beside this one); "change-me" is a placeholder, not a secret.',
    ...(canary.length ? [`Compose cannot split traffic: ${canary.join(', ')} run their base image here; see istio/ for the canary.`] : []),
  ].join('\n');
  return toYaml({ value: doc, comment });
}
