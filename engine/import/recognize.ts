// What a workload is, from what real files say: the image's name (any registry, namespace, tag
// or digest: `docker.io/bitnami/redis:7.2`, `postgres:16-alpine`), else a well-known port or
// port name, else the engine's own variables (POSTGRES_*, MYSQL_*, MONGO_*). And the units
// real files use: Go/Istio and compose durations, compose CPU and memory.

export type StoreKind = 'database' | 'cache' | 'queue' | 'topic';
export interface Recognized {
  kind: StoreKind;
  engine: string;
  /** how it was recognised: "image", or the guess (port, port name, variables) */
  by: 'image' | string;
}

/** The image's repository name without registry, namespace, tag or digest: `redis` for
 * `docker.io/bitnami/redis:7.2@sha256:...`. */
export function imageBaseName(image: string): string {
  const s = imageRepository(image);
  return s.slice(s.lastIndexOf('/') + 1);
}

/** The image lower-cased without its tag or digest: `docker.io/bitnami/redis`. */
function imageRepository(image: string): string {
  let s = image.trim().toLowerCase();
  const at = s.indexOf('@');
  if (at >= 0) s = s.slice(0, at);
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  if (colon > slash) s = s.slice(0, colon);
  return s;
}

/** The image's tag (`16-alpine`), or undefined. */
export function imageTag(image: string): string | undefined {
  const s = image.trim();
  if (s.includes('@')) return undefined;
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  return colon > slash ? s.slice(colon + 1) : undefined;
}

// Exact repository names (and their common variants) only: `redis_exporter` or
// `postgres-operator` are not datastores.
const IMAGES: [RegExp, StoreKind, string][] = [
  [/^(postgres|postgresql|postgis|timescaledb(-ha)?|postgresql-repmgr|pgvector|cloudnative-pg|spilo(-\d+)?)$/, 'database', 'postgres'],
  [/^(mysql|mysql-server|mariadb|percona(-server)?|percona-server-mysql)$/, 'database', 'mysql'],
  [/^(mongo|mongodb|mongodb-community-server|mongodb-enterprise-server|percona-server-mongodb)$/, 'database', 'mongodb'],
  [/^(redis|redis-stack|redis-stack-server|redis-cluster|valkey|keydb|dragonfly)$/, 'cache', 'redis'],
  [/^(memcached)$/, 'cache', 'memcached'],
  [/^(elasticsearch|opensearch)$/, 'database', 'elasticsearch'],
  [/^(cassandra|scylla|scylladb)$/, 'database', 'cassandra'],
  [/^(kafka|cp-kafka|cp-server|redpanda)$/, 'topic', 'kafka'],
  [/^(rabbitmq)$/, 'queue', 'rabbitmq'],
  [/^(nats|nats-streaming)$/, 'topic', 'nats'],
  [/^(elasticmq|elasticmq-native)$/, 'queue', 'sqs'],
];

const PORTS: Record<number, [StoreKind, string]> = {
  5432: ['database', 'postgres'],
  3306: ['database', 'mysql'],
  27017: ['database', 'mongodb'],
  6379: ['cache', 'redis'],
  11211: ['cache', 'memcached'],
  9200: ['database', 'elasticsearch'],
  9042: ['database', 'cassandra'],
  9092: ['topic', 'kafka'],
  5672: ['queue', 'rabbitmq'],
  4222: ['topic', 'nats'],
};

const PORT_NAMES: [RegExp, StoreKind, string][] = [
  [/^(tcp-)?(postgres|postgresql|pg)$/, 'database', 'postgres'],
  [/^(tcp-)?(mysql|mariadb)$/, 'database', 'mysql'],
  [/^(tcp-)?(mongo|mongodb)$/, 'database', 'mongodb'],
  [/^(tcp-)?redis$/, 'cache', 'redis'],
  [/^(tcp-)?memcached?$/, 'cache', 'memcached'],
  [/^(tcp-)?(cql|cassandra)$/, 'database', 'cassandra'],
  [/^(tcp-)?kafka$/, 'topic', 'kafka'],
  [/^(tcp-)?amqp$/, 'queue', 'rabbitmq'],
  [/^(tcp-)?nats$/, 'topic', 'nats'],
];

export function byImage(image: string | undefined): Recognized | undefined {
  if (!image) return undefined;
  const base = imageBaseName(image);
  for (const [re, kind, engine] of IMAGES) if (re.test(base)) return { kind, engine, by: 'image' };
  return undefined;
}

export function recognize(
  image: string | undefined,
  ports: { port: number; name?: string }[],
  env: Map<string, string>,
): Recognized | undefined {
  const img = byImage(image);
  if (img) return img;
  for (const p of ports) {
    const hit = PORTS[p.port];
    if (hit) return { kind: hit[0], engine: hit[1], by: `its port ${p.port}` };
  }
  for (const p of ports) {
    if (!p.name) continue;
    for (const [re, kind, engine] of PORT_NAMES)
      if (re.test(p.name.toLowerCase())) return { kind, engine, by: `its port name "${p.name}"` };
  }
  // The engine's own settings (the server's), not a client's address of it.
  const keys = [...env.keys()];
  const has = (prefix: string) =>
    keys.some((k) => k.startsWith(prefix)) &&
    !keys.some((k) => k.startsWith(prefix) && /_(HOST|ADDR|ADDRESS|URL|URI|SERVER|PORT)$/.test(k));
  if (has('POSTGRES_')) return { kind: 'database', engine: 'postgres', by: 'its POSTGRES_* variables' };
  if (has('MYSQL_')) return { kind: 'database', engine: 'mysql', by: 'its MYSQL_* variables' };
  if (has('MONGO_')) return { kind: 'database', engine: 'mongodb', by: 'its MONGO_* variables' };
  return undefined;
}

/** Go durations (`1.5s`, `250ms`, `1m30s`, `2h`), as Istio and compose write them -> ms. */
export function goDuration(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v * 1000; // compose: seconds
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(s)) return undefined;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += parseFloat(m[1]!) * unit[m[2]!]!;
  return Math.round(total * 1000) / 1000;
}

/** A compose `cpus` (`0.5`, `"1.5"`) as a Kubernetes quantity (`500m`, `1500m`; whole cores stay). */
export function composeCpu(v: unknown): string | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return Number.isInteger(n) ? String(n) : `${Math.round(n * 1000)}m`;
}

/** A compose byte value (`512m`, `1g`, `256M`, `1024k`, a number of bytes) as a Kubernetes
 * quantity: compose's units are binary (`m` is MiB). */
export function composeMemory(v: unknown): string | undefined {
  if (typeof v === 'number' && v > 0) return v % 1048576 === 0 ? `${v / 1048576}Mi` : String(v);
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([bkmg])?b?\s*$/i.exec(v);
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase();
  const suffix = { b: '', k: 'Ki', m: 'Mi', g: 'Gi' }[unit]!;
  return `${m[1]}${suffix}`;
}

/** A Kubernetes quantity as the design keeps it (text). */
export function quantity(v: unknown): string | undefined {
  if (typeof v === 'number' && v > 0) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return undefined;
}

/** Observability and discovery infrastructure: tracing collectors, metrics, dashboards, log
 * shippers, service registries. Not part of a request's path (spans and metrics are sent in
 * batches, a registry is asked once), so not a node: `undefined` when the image is none of them. */
const INFRASTRUCTURE: [RegExp, string][] = [
  [/(^|\/)(openzipkin\/)?zipkin(-slim)?$/, 'tracing'],
  [/(^|\/)jaegertracing\/[^/]+$|(^|\/)jaeger(-[a-z-]+)?$/, 'tracing'],
  [/(^|\/)(otel\/)?opentelemetry-collector(-contrib|-k8s)?$|(^|\/)otel-collector$/, 'telemetry collection'],
  [/(^|\/)(prom\/)?(prometheus|alertmanager|node-exporter|pushgateway)$|(^|\/)cadvisor$/, 'metrics'],
  [/(^|\/)(grafana\/)?(grafana|loki|promtail|tempo)$/, 'dashboards and logs'],
  [/(^|\/)(fluentd|fluent-bit|filebeat|metricbeat|kibana|logspout)$/, 'logging'],
  [/(^|\/)(hashicorp\/)?consul$|(^|\/)eureka(-server)?$/, 'service discovery'],
];

export function infrastructure(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const s = imageRepository(image);
  for (const [re, what] of INFRASTRUCTURE) if (re.test(s)) return what;
  return undefined;
}

/** The port a URL scheme implies, for recognising what a caller talks to (`mongodb://user-db`). */
export const SCHEME_PORTS: Record<string, number> = {
  postgres: 5432,
  postgresql: 5432,
  mysql: 3306,
  mariadb: 3306,
  mongodb: 27017,
  'mongodb+srv': 27017,
  redis: 6379,
  rediss: 6379,
  memcached: 11211,
  amqp: 5672,
  amqps: 5672,
  nats: 4222,
  kafka: 9092,
  cassandra: 9042,
};
