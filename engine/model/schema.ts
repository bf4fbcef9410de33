// The design format (`*.arch.yaml`, docs/design-format.md) defined once. The validator, the
// normalized TypeScript types (z.output) and the JSON Schema for the editor all come from here.
// Cross-references between ids are checked in references.ts, which needs the whole design.
import { z } from 'zod';
import { DURATION_PATTERN, formatDuration, MAX_DURATION_MS, PERCENT_PATTERN, parseDuration, parsePercent } from './units.js';

// The app runs under a strict Content-Security-Policy: no `new Function`.
z.config({ jitless: true });

export const CURRENT_VERSION = 1;

const DURATION_HINT = 'a duration (a number of ms, or a string like 250ms, 2s, 1.5m)';
const PERCENT_HINT = 'a percentage (a number 0..1 or a string like 50%)';

const duration = () =>
  z
    .union([z.number().min(0), z.string().regex(new RegExp(DURATION_PATTERN), { error: `expected ${DURATION_HINT}` })], {
      error: `expected ${DURATION_HINT}`,
    })
    .transform((v) => parseDuration(v)!)
    .pipe(z.number().max(MAX_DURATION_MS, { error: `expected a duration of at most ${formatDuration(MAX_DURATION_MS)} (a year)` }))
    .meta({ description: DURATION_HINT });

const percent = () =>
  z
    .union([z.number().min(0).max(1), z.string().regex(new RegExp(PERCENT_PATTERN), { error: `expected ${PERCENT_HINT}` })], {
      error: `expected ${PERCENT_HINT}`,
    })
    .transform((v) => parsePercent(v)!)
    .pipe(z.number().max(1, { error: 'expected a percentage of at most 100%' }))
    .meta({ description: PERCENT_HINT });

const id = () => z.string().min(1).max(63);
const posInt = () => z.int().min(1);

const ID_PATTERN = '^[^\\u0000-\\u001f\\u007f]{1,63}$';
export const nodeIdSchema = z
  .string()
  .regex(new RegExp(ID_PATTERN), { error: 'expected an id of 1-63 characters without control characters' });

export const distributionSchema = z
  .union(
    [
      duration().transform((value) => ({ dist: 'constant' as const, value })),
      z.discriminatedUnion('dist', [
        z.strictObject({ dist: z.literal('constant'), value: duration() }),
        z.strictObject({ dist: z.literal('exponential'), mean: duration() }),
        z.strictObject({ dist: z.literal('uniform'), min: duration(), max: duration() }),
        z.strictObject({ dist: z.literal('normal'), mean: duration(), sd: duration() }),
        z.strictObject({ dist: z.literal('lognormal'), p50: duration(), p99: duration() }),
        z.strictObject({ dist: z.literal('pareto'), min: duration(), alpha: z.number().gt(0) }),
      ]),
    ],
    { error: `expected ${DURATION_HINT} or a distribution like { dist: exponential, mean: 20ms }` },
  )
  .meta({ description: 'a duration (constant) or { dist: constant|exponential|uniform|normal|lognormal|pareto, ... }' });

export const retrySchema = z.strictObject({
  attempts: posInt().default(3).meta({ description: 'tries in all, the first included' }),
  backoff: duration().default(100),
  multiplier: z.number().min(1).default(2),
  maxBackoff: duration().default(30_000),
  jitter: z.enum(['none', 'full']).default('none'),
});

export const breakerSchema = z.strictObject({
  failureRate: percent().default(0.5),
  window: posInt().default(100).meta({ description: 'count-based sliding window of the last N calls' }),
  minCalls: posInt().default(100),
  openFor: duration().default(60_000),
  halfOpenCalls: posInt().default(10),
  slowCall: duration().optional(),
  slowRate: percent().default(1),
});

const policyFields = {
  timeout: duration().optional().meta({ description: 'bounds each try; the callee keeps working' }),
  retry: retrySchema.optional(),
  breaker: breakerSchema.optional(),
};

export const PROTOCOLS = ['http', 'grpc'] as const;
export const PROBES = ['http', 'grpc', 'tcp', 'none'] as const;

/** An operation's name: an endpoint (`GET /orders/:id`) or a gRPC method (`GetCart`). */
const OP_PATTERN = '^[^\\u0000-\\u001f\\u007f]{1,120}$';
export const operationNameSchema = z.string().regex(new RegExp(OP_PATTERN), {
  error: 'expected an operation name of 1-120 characters without control characters',
});
const opRef = () => operationNameSchema.meta({ description: "the callee's operation (one of its `operations`)" });

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// (U+FDD0 starts the stand-in for `__proto__` while the schema runs: keys.ts.)
const ENV_KEY = /^\ufdd0?[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export const callSchema = z.strictObject({
  to: id(),
  op: opRef().optional(),
  async: z.boolean().default(false),
  probability: percent().default(1),
  ...policyFields,
  // Normalized (normalize.ts): a call that names no protocol speaks its callee's.
  protocol: z.enum(PROTOCOLS).default('http').meta({ description: "http | grpc; default: the callee's protocol" }),
  optional: z.boolean().default(false).meta({ description: 'a final failure of this call does not fail the request' }),
  stage: z.int().min(0).optional().meta({ description: 'calls of one stage run at once; stages run in ascending order' }),
  network: duration().default(0).meta({ description: 'round-trip network time of every try; default defaults.call.network, else 0' }),
  env: z
    .string()
    .regex(ENV_NAME, { error: 'expected an environment variable name like AD_SERVICE_ADDR' })
    .optional()
    .meta({ description: "the variable that carries the callee's address to the caller" }),
  idempotent: z.boolean().default(false).meta({ description: 'the caller sends an idempotency key: retrying is safe' }),
});

export const operationSchema = z.strictObject({
  weight: z.number().min(0).default(1).meta({ description: 'share of requests that name no operation' }),
  latency: distributionSchema.optional().meta({ description: "own work; default: the node's latency" }),
  errorRate: percent().optional().meta({ description: "default: the node's errorRate" }),
  calls: z.array(callSchema).optional().meta({ description: "default: the node's calls" }),
  parallel: z.boolean().optional().meta({ description: "default: the node's parallel" }),
});

export const BALANCERS = ['round_robin', 'random', 'least_request', 'consistent_hash', 'weighted_round_robin'] as const;

export const versionSchema = z.strictObject({
  weight: z.number().min(0),
  image: z.string().min(1).optional(),
  latency: distributionSchema.optional(),
  errorRate: percent().optional(),
  replicas: z.int().min(0).optional(),
});

export const autoscaleSchema = z.strictObject({
  min: posInt().default(1),
  max: posInt().default(10),
  cpu: percent().default(0.7).meta({ description: 'target utilization' }),
  startup: duration().default(20_000).meta({ description: 'a new replica serves after this' }),
  downDelay: duration().default(300_000).meta({ description: 'scale-down stabilization window' }),
});

const envValue = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
/** A Kubernetes quantity: `250m`, `1Gi`, or a plain number (`cpu: 1`, `cpu: 0.5`), kept as text. */
const quantity = z.union([z.string().min(1), z.number().positive()]).transform((v) => String(v));

const common = {
  label: z.string().optional(),
  group: z.string().optional(),
};

const resourceAmounts = { cpu: quantity.optional(), memory: quantity.optional() };
export const resourcesSchema = z.strictObject({ ...resourceAmounts, limits: z.strictObject(resourceAmounts).optional() });

/** Fields every deployable node has: services and datastores/brokers alike. */
const deployFields = {
  image: z.string().min(1).optional().meta({ description: 'default: <safe id>:latest' }),
  replicas: z.int().min(1).default(1),
  resources: resourcesSchema.optional(),
  // Names as Kubernetes allows them: never `$` (compose would interpolate it), `=` or spaces.
  env: z
    .record(z.string().regex(ENV_KEY, { error: 'expected an environment variable name (letters, digits, _ . -)' }), envValue)
    .default({}),
};

const argList = z.array(z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v)));

const serviceFields = {
  ...common,
  image: deployFields.image,
  port: z.int().min(1).max(65535).default(3000),
  // Normalized (normalize.ts): servicePort defaults to port, protocol to grpc when every call to
  // the node says protocol: grpc, health.probe to the protocol.
  servicePort: z.int().min(1).max(65535).default(3000).meta({ description: 'the port callers dial; default: port' }),
  protocol: z
    .enum(PROTOCOLS)
    .default('http')
    .meta({ description: 'what the service serves; default: grpc when every call to it says protocol: grpc, else http' }),
  replicas: deployFields.replicas,
  concurrency: posInt().default(16).meta({ description: 'requests one replica works on at once' }),
  queue: z.int().min(0).default(128).meta({ description: 'requests waiting per replica; past it: 503' }),
  latency: distributionSchema.default({ dist: 'constant', value: 10 }).meta({ description: 'own work per request' }),
  errorRate: percent().default(0),
  balancer: z.enum(BALANCERS).default('round_robin'),
  hashKey: z.string().min(1).optional(),
  calls: z.array(callSchema).default([]),
  parallel: z.boolean().default(false),
  operations: z.record(operationNameSchema, operationSchema).optional().meta({ description: 'endpoints with their own behaviour' }),
  autoscale: autoscaleSchema.optional(),
  resources: deployFields.resources,
  env: deployFields.env,
  command: argList.min(1).optional().meta({ description: 'entrypoint override (exported)' }),
  args: argList.optional().meta({ description: 'arguments (exported)' }),
  api: z
    .array(z.string().regex(/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\/\S*$/, { error: 'expected an endpoint like "GET /orders/:id"' }))
    .default([]),
  versions: z.record(z.string().min(1).max(63), versionSchema).optional(),
  health: z
    .strictObject({
      liveness: z.string().default('/health/liveness'),
      readiness: z.string().default('/health/readiness'),
      probe: z.enum(PROBES).default('http').meta({ description: "http | grpc | tcp | none; default: the service's protocol" }),
      startup: duration().optional().meta({ description: 'the longest a replica may take to start' }),
    })
    .default({ liveness: '/health/liveness', readiness: '/health/readiness', probe: 'http' }),
};

/** Objectives: latency percentiles must not exceed their duration, failed / total its percentage. */
export const sloSchema = z.strictObject({
  p50: duration().optional(),
  p90: duration().optional(),
  p95: duration().optional(),
  p99: duration().optional(),
  errorRate: percent().optional(),
});

export const requestEntrySchema = z.strictObject({
  to: id(),
  route: z.string().optional().meta({ description: 'a gateway route path' }),
  op: opRef().optional(),
  weight: z.number().min(0).default(1),
  ...policyFields,
  slo: sloSchema.optional().meta({ description: "replaces the client's slo, field by field" }),
});

export const DEFAULT_RATE = 10;
export const clientSchema = z.strictObject({
  kind: z.literal('client'),
  ...common,
  // Normalized (normalize.ts): a client with neither rate nor users has rate 10.
  rate: z.number().min(0).optional().meta({ description: 'mean requests per second (open loop); default 10' }),
  users: posInt().optional().meta({ description: 'instead of rate: users in a closed loop' }),
  think: distributionSchema.default({ dist: 'constant', value: 1000 }).meta({ description: "a closed-loop user's think time; default 1s" }),
  arrival: z.enum(['poisson', 'uniform']).default('poisson'),
  keys: posInt().default(10_000),
  slo: sloSchema.optional().meta({ description: 'objectives for every request of this client' }),
  requests: z.array(requestEntrySchema).default([]),
});

export const routeSchema = z.strictObject({
  path: z.string().regex(/^\//, { error: 'expected a path starting with /' }),
  to: id(),
  op: opRef().optional(),
});

export const gatewaySchema = z.strictObject({
  kind: z.literal('gateway'),
  ...serviceFields,
  routes: z.array(routeSchema).default([]),
  rateLimit: z.number().gt(0).optional().meta({ description: 'requests per second (token bucket); past it: 429' }),
});

export const serviceSchema = z.strictObject({ kind: z.literal('service'), ...serviceFields });

export const sagaStepSchema = z.strictObject({
  name: z.string().min(1),
  to: id(),
  op: opRef().optional(),
  compensate: z.string().min(1).optional().meta({ description: 'the compensation; an operation of `to` when it has operations' }),
});

export const sagaNodeSchema = z.strictObject({ kind: z.literal('saga'), ...serviceFields, steps: z.array(sagaStepSchema).default([]) });

export const DATABASE_ENGINES = ['postgres', 'mysql', 'mongodb', 'redis', 'elasticsearch', 'cassandra'] as const;
export const databaseSchema = z.strictObject({
  kind: z.literal('database'),
  ...common,
  ...deployFields,
  engine: z.enum(DATABASE_ENGINES).default('postgres'),
  connections: posInt().default(100),
  latency: distributionSchema.default({ dist: 'constant', value: 5 }),
  errorRate: percent().default(0),
  storage: z.string().optional().meta({ description: 'volume size, e.g. 10Gi' }),
});

export const cacheSchema = z.strictObject({
  kind: z.literal('cache'),
  ...common,
  ...deployFields,
  engine: z.enum(['redis', 'memcached']).default('redis'),
  hitRatio: percent().default(0.8),
  miss: id().optional().meta({ description: 'the node a miss goes to' }),
  latency: distributionSchema.default({ dist: 'constant', value: 1 }),
  connections: posInt().default(1000).meta({ description: 'Meshwright addition: requests served at once' }),
});

export const QUEUE_ENGINES = ['rabbitmq', 'sqs', 'nats', 'redis'] as const;
export const TOPIC_ENGINES = ['kafka', 'nats', 'redis', 'rabbitmq'] as const;
const messagingFields = {
  ...common,
  ...deployFields,
  consumers: z.array(id()).default([]),
  maxDeliveries: posInt().default(3),
  dlq: id().optional(),
};
export const queueSchema = z.strictObject({
  kind: z.literal('queue'),
  engine: z.enum(QUEUE_ENGINES).default('rabbitmq'),
  ...messagingFields,
});
export const topicSchema = z.strictObject({
  kind: z.literal('topic'),
  engine: z.enum(TOPIC_ENGINES).default('kafka'),
  partitions: posInt().default(1),
  ...messagingFields,
});

export const nodeSchema = z.discriminatedUnion('kind', [
  clientSchema,
  gatewaySchema,
  serviceSchema,
  sagaNodeSchema,
  databaseSchema,
  cacheSchema,
  queueSchema,
  topicSchema,
]);

export const faultSchema = z.strictObject({
  node: id().optional(),
  call: z
    .string()
    .regex(/^.+\s*->\s*.+$/, { error: 'expected a call as "caller -> callee"' })
    .optional(),
  at: duration().default(0),
  for: duration().optional(),
  errorRate: percent().optional(),
  latency: z.number().min(0).optional().meta({ description: "multiplies the node's own latency" }),
  kill: z.int().min(1).optional(),
  delay: duration().optional(),
  traffic: z.number().min(0).optional(),
});

export const scenarioSchema = z.strictObject({
  duration: duration().default(60_000),
  warmup: duration().default(0),
  seed: z.int().optional(),
  traffic: z.record(z.string(), z.number().min(0)).default({}),
  faults: z.array(faultSchema).default([]),
  set: z.record(z.string(), z.unknown()).default({}),
});

export const designSchema = z.strictObject({
  version: z.int().min(0).default(CURRENT_VERSION),
  name: z.string().min(1).default('design'),
  description: z.string().optional(),
  defaults: z.strictObject({ call: z.strictObject({ ...policyFields, network: duration().optional() }).default({}) }).default({ call: {} }),
  nodes: z.record(nodeIdSchema, nodeSchema).default({}),
  sagas: z
    .record(nodeIdSchema, sagaNodeSchema.extend({ kind: z.literal('saga').default('saga') }))
    .optional()
    .meta({ description: 'saga orchestrators may also be listed here; they join `nodes`' }),
  scenarios: z.record(z.string().min(1), scenarioSchema).default({}),
  notes: z.record(z.string(), z.array(z.string())).default({}),
  layout: z.record(z.string(), z.strictObject({ x: z.number(), y: z.number() })).default({}),
  review: z
    .strictObject({
      ignore: z
        .array(z.strictObject({ rule: z.string().min(1), node: id(), reason: z.string().min(1) }))
        .default([])
        .meta({ description: 'accepted findings: { rule, node, reason }' }),
    })
    .default({ ignore: [] }),
});

export type Design = z.output<typeof designSchema>;
export type DesignInput = z.input<typeof designSchema>;
export type DesignNode = z.output<typeof nodeSchema>;
export type NodeKind = DesignNode['kind'];
export type ClientNode = z.output<typeof clientSchema>;
export type GatewayNode = z.output<typeof gatewaySchema>;
export type ServiceNode = z.output<typeof serviceSchema>;
export type SagaNode = z.output<typeof sagaNodeSchema>;
export type DatabaseNode = z.output<typeof databaseSchema>;
export type CacheNode = z.output<typeof cacheSchema>;
export type QueueNode = z.output<typeof queueSchema>;
export type TopicNode = z.output<typeof topicSchema>;
export type ServiceLikeNode = GatewayNode | ServiceNode | SagaNode;
export type Call = z.output<typeof callSchema>;
export type RequestEntry = z.output<typeof requestEntrySchema>;
export type Route = z.output<typeof routeSchema>;
export type SagaStep = z.output<typeof sagaStepSchema>;
export type Retry = z.output<typeof retrySchema>;
export type Breaker = z.output<typeof breakerSchema>;
export type Distribution = z.output<typeof distributionSchema>;
export type Autoscale = z.output<typeof autoscaleSchema>;
export type Version = z.output<typeof versionSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Fault = z.output<typeof faultSchema>;
export type CallPolicy = Pick<Call, 'timeout' | 'retry' | 'breaker'>;
export type Operation = z.output<typeof operationSchema>;
export type Slo = z.output<typeof sloSchema>;
export type Resources = z.output<typeof resourcesSchema>;
export type Protocol = (typeof PROTOCOLS)[number];
export type Probe = (typeof PROBES)[number];
export type ReviewIgnore = Design['review']['ignore'][number];

export const NODE_KINDS: readonly NodeKind[] = ['client', 'gateway', 'service', 'saga', 'database', 'cache', 'queue', 'topic'];
export const SERVICE_KINDS: readonly NodeKind[] = ['gateway', 'service', 'saga'];

export function isServiceLike(node: DesignNode): node is ServiceLikeNode {
  return node.kind === 'service' || node.kind === 'gateway' || node.kind === 'saga';
}
