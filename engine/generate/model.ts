// Design -> intermediate model for every exporter: names sanitized once (DNS-1123 labels, TS
// identifiers, env prefixes), collisions resolved in node order, and each workload's addresses,
// ports, environment, callers, stores and channels computed once, so compose, Kubernetes, Istio
// and the stubs cannot disagree about what a service is called or where it finds its callees.
import { edges, endpointsOf, forwardPolicy, isServiceLike } from '../model/index.js';
import type { Autoscale, Breaker, Call, CallPolicy, Design, Resources, Retry, ServiceLikeNode } from '../model/index.js';
import { NameAllocator, dnsLabel, envPrefix, labelValue, tsIdentifier } from './names.js';

export type Protocol = 'http' | 'grpc';
export type WorkloadKind = 'gateway' | 'service' | 'saga';

/** The numeric user and group of every application container: the stubs' Dockerfiles say
 * `USER <user>:<group>` and every Deployment's securityContext sets `runAsUser`/`runAsGroup` to
 * the same numbers (the kubelet cannot check `runAsNonRoot` against a user name). Above 10000,
 * clear of the node's own users. */
export const RUN_AS = { user: 10001, group: 10001 } as const;

/** How a stub stops (templates/stubs/src/main.ts): on SIGTERM readiness turns false and requests
 * are still served for `drainMs`, then the listener closes and requests in flight get up to
 * `closeMs`. A pod's terminationGracePeriodSeconds must cover a preStop pause plus both. */
export const STUB_SHUTDOWN = { drainMs: 5000, closeMs: 10_000 } as const;

/** Names every target writes beside per-node files; no node may take them. */
export const RESERVED_NAMES = ['kustomization', 'namespace', 'peer-authentication', 'default-deny'];

export interface IrPolicy {
  timeout?: number;
  retry?: Retry;
  breaker?: Breaker;
}

export interface IrHttpTarget {
  /** callee's safe name */
  name: string;
  /** variable holding the callee's base URL, e.g. ORDER_SERVICE_URL */
  envVar: string;
  /** client identifier, unique within the caller */
  ident: string;
  kind: 'call' | 'route' | 'step' | 'miss';
  async: boolean;
  protocol: Protocol;
  policy: IrPolicy;
  /** the callee's address as the caller's cluster sees it: `http://host:servicePort` for http,
   * `host:servicePort` for grpc (generators.md "Addresses") */
  address: string;
  /** the same in compose, where there is no Service in front: the container's own port */
  composeAddress: string;
  /** the caller sends an Idempotency-Key (the call's `idempotent`) */
  idempotent: boolean;
  /** a final failure does not fail the request (the call's `optional`) */
  optional: boolean;
  /** the callee's operation the call names (`op`), if any */
  op?: string;
}

export interface IrRoute {
  path: string;
  target: IrHttpTarget;
}

export interface IrStep {
  name: string;
  compensate?: string;
  target: IrHttpTarget;
}

export interface IrVersion {
  key: string;
  /** safe name: subset name and `version` label */
  name: string;
  weight: number;
  /** integer share of 100, largest remainder */
  percent: number;
  image: string;
  replicas: number;
  /** replicas set on the version itself: not autoscaled */
  fixedReplicas: boolean;
  /** its Deployment (and HPA): the workload's name, or `<name>-<version>` for canaries, kept
   * apart from every other workload's Deployment name */
  deployment: string;
}

export interface IrEnv {
  name: string;
  value: string;
  /** the value in compose when it differs (an address on the container port, not servicePort) */
  composeValue?: string;
}

export interface IrSecretEnv {
  name: string;
  secret: string;
  key: 'username' | 'password';
}

export interface IrWorkload {
  id: string;
  name: string;
  ident: string;
  kind: WorkloadKind;
  node: ServiceLikeNode;
  image: string;
  port: number;
  /** the port callers dial (the Kubernetes Service port); `port` in compose */
  servicePort: number;
  protocol: Protocol;
  replicas: number;
  autoscale?: Autoscale;
  health: { liveness: string; readiness: string };
  api: { method: string; path: string }[];
  /** PORT, the design's env, then every address, in a fixed order */
  env: IrEnv[];
  secretEnv: IrSecretEnv[];
  calls: IrHttpTarget[];
  routes: IrRoute[];
  steps: IrStep[];
  stores: IrStore[];
  publishes: IrChannel[];
  consumes: IrChannel[];
  /** brokers it talks to (publish or consume), in first-use order */
  brokers: IrBroker[];
  versions: IrVersion[];
  /** workloads that call it over HTTP (calls, routes, steps), in node order */
  callers: string[];
  /** reached by the Istio ingress (a gateway node) */
  fromIngress: boolean;
  /** called by a client directly: an entry point, reached from outside the mesh */
  fromClient: boolean;
  /** saga operations it must answer: step and compensation names */
  sagaOps: string[];
  /** services behind a cache it calls (`miss` naming a service): read over HTTP on a miss */
  misses: IrHttpTarget[];
  /** name of the Istio ingress VirtualService of a gateway (`<name>-ingress`, never another
   * workload's VirtualService name) */
  ingressName: string;
  /** stores and brokers reached only through `optional: true` calls: readiness reports them but
   * does not wait for them */
  optionalDeps: string[];
}

/** What the design says about running a datastore or broker (`replicas`, `resources`, `env`;
 * for a broker, gathered over its engine's queue/topic nodes: the most replicas, the first
 * resources, every env entry in node order). */
export interface IrDeploy {
  replicas: number;
  resources?: Resources;
  env: Record<string, string>;
}

export interface IrStore {
  id: string;
  name: string;
  kind: 'database' | 'cache';
  engine: string;
  image: string;
  port: number;
  portName: string;
  envVar: string;
  url: string;
  storage?: string;
  /** connections it serves at once */
  connections: number;
  credentials?: { userVar: string; passwordVar: string; secret: string; db: string };
  callers: string[];
  dataPath?: string;
  deploy: IrDeploy;
}

export interface IrBroker {
  engine: string;
  name: string;
  image: string;
  port: number;
  portName: string;
  envVar: string;
  url: string;
  channels: IrChannel[];
  clients: string[];
  /** engines whose image sets up a user (RabbitMQ): never its guest/guest default */
  credentials?: { userVar: string; passwordVar: string; secret: string };
  /** Kafka: the Job (and its ServiceAccount) that creates the design's topics, a name no node has */
  topicsJob?: string;
  deploy: IrDeploy;
}

export interface IrChannel {
  id: string;
  name: string;
  kind: 'queue' | 'topic';
  engine: string;
  broker: IrBroker;
  consumers: string[];
  publishers: string[];
  dlq?: string;
  partitions: number;
  maxDeliveries: number;
}

export interface Ir {
  designName: string;
  namespace: string;
  workloads: IrWorkload[];
  stores: IrStore[];
  brokers: IrBroker[];
  channels: IrChannel[];
}

interface StoreSpec {
  image: string;
  port: number;
  portName: string;
  scheme: string;
  credentials: boolean;
  dataPath?: string;
}

const STORES: Record<string, StoreSpec> = {
  postgres: {
    image: 'postgres:16.4',
    port: 5432,
    portName: 'tcp-postgres',
    scheme: 'postgres',
    credentials: true,
    dataPath: '/var/lib/postgresql/data',
  },
  mysql: { image: 'mysql:8.4', port: 3306, portName: 'tcp-mysql', scheme: 'mysql', credentials: true, dataPath: '/var/lib/mysql' },
  mongodb: { image: 'mongo:7.0', port: 27017, portName: 'tcp-mongo', scheme: 'mongodb', credentials: true, dataPath: '/data/db' },
  redis: { image: 'redis:7.4', port: 6379, portName: 'tcp-redis', scheme: 'redis', credentials: false, dataPath: '/data' },
  elasticsearch: {
    image: 'elasticsearch:8.15.3',
    port: 9200,
    portName: 'http-elasticsearch',
    scheme: 'http',
    credentials: true,
    dataPath: '/usr/share/elasticsearch/data',
  },
  cassandra: {
    image: 'cassandra:5.0',
    port: 9042,
    portName: 'tcp-cassandra',
    scheme: 'cassandra',
    credentials: false,
    dataPath: '/var/lib/cassandra',
  },
  // memcached keeps nothing on disk: no volume.
  memcached: { image: 'memcached:1.6', port: 11211, portName: 'tcp-memcached', scheme: 'memcached', credentials: false },
};

const BROKERS: Record<string, { image: string; port: number; portName: string; scheme: string }> = {
  kafka: { image: 'apache/kafka:3.9.0', port: 9092, portName: 'tcp-kafka', scheme: 'kafka' },
  rabbitmq: { image: 'rabbitmq:3.13-management', port: 5672, portName: 'tcp-amqp', scheme: 'amqp' },
  nats: { image: 'nats:2.10-alpine', port: 4222, portName: 'tcp-nats', scheme: 'nats' },
  redis: { image: 'redis:7.4', port: 6379, portName: 'tcp-redis', scheme: 'redis' },
  // SQS has no official server image; ElasticMQ speaks its API for local runs.
  sqs: { image: 'softwaremill/elasticmq-native:1.6.11', port: 9324, portName: 'http-sqs', scheme: 'http' },
};

/** nats-server with JetStream on the volume and its monitoring port (health checks). */
export const NATS_ARGS = ['--jetstream', '--store_dir', '/data', '--http_port', '8222'] as const;

export function storeSpec(engine: string): StoreSpec {
  return STORES[engine] ?? STORES.postgres!;
}

/** Integer percentages summing to 100 (largest remainder; equal shares when all weights are 0). */
export function percentages(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const w = total > 0 ? weights : weights.map(() => 1);
  const sum = total > 0 ? total : weights.length;
  const exact = w.map((x) => (x * 100) / sum);
  const floor = exact.map(Math.floor);
  let left = 100 - floor.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floor[i]! += 1;
    left--;
  }
  return floor;
}

function imageTag(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0)
    return (
      labelValue(
        image
          .slice(at + 1)
          .replace(/^sha256:/, '')
          .slice(0, 12),
      ) || 'latest'
    );
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? labelValue(image.slice(colon + 1)) || 'latest' : 'latest';
}

export function versionLabelOf(image: string): string {
  return imageTag(image);
}

function policy(p: CallPolicy): IrPolicy {
  const out: IrPolicy = {};
  if (p.timeout !== undefined) out.timeout = p.timeout;
  if (p.retry) out.retry = p.retry;
  if (p.breaker) out.breaker = p.breaker;
  return out;
}

function parsePath(endpoint: string): { method: string; path: string } {
  const [method, path] = endpoint.trim().split(/\s+/, 2);
  return { method: method!, path: path ?? '/' };
}

/** Namespaces the cluster or the mesh already own: a design called `istio-system` must not make
 * its PeerAuthentication mesh-wide, nor one called `kube-system` land among system pods. */
const SYSTEM_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease', 'istio-system']);

/** The design's namespace: its name as a DNS-1123 label, `-2` when the cluster owns that name. */
export function namespaceOf(designName: string): string {
  const ns = dnsLabel(designName, 'design');
  return SYSTEM_NAMESPACES.has(ns) ? new NameAllocator([ns]).take(ns) : ns;
}

/** Upper bound of a call with its retries: every try at its timeout plus every backoff at its
 * largest (full jitter draws up to the nominal backoff). */
export function totalBudget(p: IrPolicy): number | undefined {
  if (p.timeout === undefined) return undefined;
  const tries = p.retry?.attempts ?? 1;
  let total = tries * p.timeout;
  if (p.retry) for (let i = 1; i < tries; i++) total += Math.min(p.retry.backoff * p.retry.multiplier ** (i - 1), p.retry.maxBackoff);
  return total;
}

/** Every workload it calls over HTTP: gateway routes, saga steps, calls, then cache misses. */
export function httpTargets(w: IrWorkload): IrHttpTarget[] {
  return [...w.routes.map((r) => r.target), ...w.steps.map((s) => s.target), ...w.calls, ...w.misses];
}

export function buildModel(design: Design): Ir {
  const names = new NameAllocator(RESERVED_NAMES);
  const nameOf = new Map<string, string>();
  const entries = Object.entries(design.nodes);
  // An id with no a-z0-9 at all (`!!!`) is named after its kind: never `node`, which as the
  // default image `node:latest` would be the official Node.js image.
  for (const [id, node] of entries) nameOf.set(id, names.take(dnsLabel(id, node.kind)));
  const n = (id: string) => nameOf.get(id)!;

  // Brokers: one per engine used by a queue/topic, named after the engine, after the nodes.
  const brokers = new Map<string, IrBroker>();
  const channels = new Map<string, IrChannel>();
  for (const [id, node] of entries) {
    if (node.kind !== 'queue' && node.kind !== 'topic') continue;
    let broker = brokers.get(node.engine);
    if (!broker) {
      const spec = BROKERS[node.engine]!;
      const name = names.take(node.engine);
      broker = {
        engine: node.engine,
        name,
        image: spec.image,
        port: spec.port,
        portName: spec.portName,
        envVar: `${envPrefix(name)}_URL`,
        url: `${spec.scheme}://${name}:${spec.port}`,
        channels: [],
        clients: [],
        deploy: { replicas: 1, env: {} },
      };
      if (node.engine === 'rabbitmq') {
        const prefix = envPrefix(name);
        broker.credentials = { userVar: `${prefix}_USER`, passwordVar: `${prefix}_PASSWORD`, secret: `${name}-credentials` };
      }
      if (node.engine === 'kafka') broker.topicsJob = names.take(`${name}-topics`);
      brokers.set(node.engine, broker);
    }
    if (node.image && broker.image === BROKERS[node.engine]!.image) broker.image = node.image;
    broker.deploy.replicas = Math.max(broker.deploy.replicas, node.replicas);
    if (node.resources && !broker.deploy.resources) broker.deploy.resources = node.resources;
    broker.deploy.env = { ...broker.deploy.env, ...node.env }; // spread: a `__proto__` key stays a key
    const ch: IrChannel = {
      id,
      name: n(id),
      kind: node.kind,
      engine: node.engine,
      broker,
      consumers: node.consumers.filter((c) => nameOf.has(c)).map(n),
      publishers: [],
      partitions: node.kind === 'topic' ? node.partitions : 1,
      maxDeliveries: node.maxDeliveries,
    };
    if (node.dlq && nameOf.has(node.dlq)) ch.dlq = n(node.dlq);
    broker.channels.push(ch);
    channels.set(id, ch);
  }

  const stores = new Map<string, IrStore>();
  for (const [id, node] of entries) {
    if (node.kind !== 'database' && node.kind !== 'cache') continue;
    const spec = storeSpec(node.engine);
    const name = n(id);
    const prefix = envPrefix(name);
    const db = name.replace(/-/g, '_');
    const path = spec.scheme === 'postgres' || spec.scheme === 'mysql' || spec.scheme === 'mongodb' ? `/${db}` : '';
    const store: IrStore = {
      id,
      name,
      kind: node.kind,
      engine: node.engine,
      image: node.image ?? spec.image,
      port: spec.port,
      portName: spec.portName,
      envVar: `${prefix}_URL`,
      url: `${spec.scheme}://${name}:${spec.port}${path}`,
      connections: node.connections,
      callers: [],
      deploy: { replicas: node.replicas, env: { ...node.env }, ...(node.resources ? { resources: node.resources } : {}) },
    };
    if (spec.dataPath) store.dataPath = spec.dataPath;
    if (node.kind === 'database' && node.storage) store.storage = node.storage;
    if (spec.credentials)
      store.credentials = { userVar: `${prefix}_USER`, passwordVar: `${prefix}_PASSWORD`, secret: `${name}-credentials`, db };
    stores.set(id, store);
  }

  const workloads: IrWorkload[] = [];
  const byId = new Map<string, IrWorkload>();

  for (const [id, node] of entries) {
    if (!isServiceLike(node)) continue;
    const name = n(id);
    const image = node.image ?? `${name}:latest`;
    const versionNames = new NameAllocator();
    const vEntries = Object.entries(node.versions ?? {});
    const pct = percentages(vEntries.map(([, v]) => v.weight));
    const versions: IrVersion[] = vEntries.length
      ? vEntries.map(([key, v], i) => ({
          key,
          name: versionNames.take(dnsLabel(key, 'v')),
          weight: v.weight,
          percent: pct[i]!,
          image: v.image ?? image,
          replicas: v.replicas ?? node.replicas,
          fixedReplicas: v.replicas !== undefined,
          deployment: name,
        }))
      : [{ key: 'v1', name: 'v1', weight: 100, percent: 100, image, replicas: node.replicas, fixedReplicas: false, deployment: name }];
    const w: IrWorkload = {
      id,
      name,
      ident: tsIdentifier(id),
      kind: node.kind,
      node,
      image,
      port: node.port,
      servicePort: node.servicePort ?? node.port,
      protocol: node.protocol ?? 'http',
      replicas: node.replicas,
      health: { liveness: node.health.liveness, readiness: node.health.readiness },
      api: endpointsOf(node).map(parsePath), // operations' endpoints count as api
      env: [],
      secretEnv: [],
      calls: [],
      routes: [],
      steps: [],
      stores: [],
      publishes: [],
      consumes: [],
      brokers: [],
      versions,
      callers: [],
      fromIngress: false,
      fromClient: false,
      sagaOps: [],
      misses: [],
      ingressName: name,
      optionalDeps: [],
    };
    if (node.autoscale) w.autoscale = node.autoscale;
    workloads.push(w);
    byId.set(id, w);
  }

  // Names derived from a workload's name share a namespace with other workloads' names: a canary's
  // `api-v1` Deployment must not meet a node called `api-v1`, nor `gw-ingress` a node `gw-ingress`.
  const deployments = new NameAllocator(workloads.filter((w) => w.versions.length < 2).map((w) => w.name));
  // (`<gw>-ingress` also names the gateway's NetworkPolicy for Istio's ingress: clear of every node)
  const virtualServices = new NameAllocator([...nameOf.values(), ...[...brokers.values()].flatMap((b) => [b.name, b.topicsJob ?? b.name])]);
  for (const w of workloads) {
    if (w.versions.length > 1) for (const v of w.versions) v.deployment = deployments.take(dnsLabel(`${w.name}-${v.name}`));
    if (w.kind === 'gateway') w.ingressName = virtualServices.take(dnsLabel(`${w.name}-ingress`));
  }

  // Edges, in the design's order: who calls whom, over what.
  const idents = new Map<string, NameAllocator>();
  const targetOf = (
    from: IrWorkload,
    toId: string,
    kind: IrHttpTarget['kind'],
    async: boolean,
    p: CallPolicy,
    drawn?: Call,
  ): IrHttpTarget => {
    const callee = byId.get(toId)!;
    let alloc = idents.get(from.id);
    if (!alloc) idents.set(from.id, (alloc = new NameAllocator([], '', 200)));
    // A forward (route, step) takes its policy, and so its env and idempotency, from the node's
    // calls entry with the same target.
    const call = drawn ?? (from.node.calls ?? []).find((c) => c.to === toId);
    const grpc = callee.protocol === 'grpc';
    const at = (port: number) => (grpc ? `${callee.name}:${port}` : `http://${callee.name}:${port}`);
    return {
      name: callee.name,
      envVar: call?.env ?? `${envPrefix(callee.name)}_URL`,
      ident: alloc.take(tsIdentifier(toId)),
      kind,
      async,
      protocol: callee.protocol,
      policy: policy(p),
      address: at(callee.servicePort),
      composeAddress: at(callee.port),
      idempotent: call?.idempotent ?? false,
      optional: kind === 'call' ? (call?.optional ?? false) : false,
      ...(call?.op !== undefined ? { op: call.op } : {}),
    };
  };
  /** The calls entry an edge stands for: the node's, or one of its operations'. */
  const callOf = (node: ServiceLikeNode, e: { index?: number; operation?: string }): Call | undefined => {
    if (e.index === undefined) return undefined;
    const list = e.operation !== undefined ? (node.operations?.[e.operation]?.calls ?? node.calls) : node.calls;
    return list[e.index];
  };
  // Dependencies reached by a required (non-optional) edge; the rest end up in optionalDeps.
  const required = new Map<string, Set<string>>();
  const touch = (w: IrWorkload, dep: string, optional: boolean) => {
    let set = required.get(w.name);
    if (!set) required.set(w.name, (set = new Set()));
    if (!optional) set.add(dep);
  };
  const addCaller = (callee: IrWorkload, caller: string) => {
    if (!callee.callers.includes(caller)) callee.callers.push(caller);
  };
  const useBroker = (w: IrWorkload, b: IrBroker) => {
    if (!w.brokers.includes(b)) w.brokers.push(b);
    if (!b.clients.includes(w.name)) b.clients.push(w.name);
  };

  for (const e of edges(design)) {
    const from = byId.get(e.from);
    if (e.kind === 'request') {
      const entry = byId.get(e.to);
      if (entry) entry.fromClient = true;
      continue;
    }
    if (e.kind === 'deliver') {
      const ch = channels.get(e.from);
      const consumer = byId.get(e.to);
      if (ch && consumer) {
        touch(consumer, ch.broker.name, false);
        consumer.consumes.push(ch);
        useBroker(consumer, ch.broker);
      }
      continue;
    }
    if (!from) continue;
    if (e.kind === 'route' || e.kind === 'step' || e.kind === 'call') {
      const to = design.nodes[e.to];
      if (!to) continue;
      const drawn = e.kind === 'call' ? callOf(from.node, e) : undefined;
      if (isServiceLike(to)) {
        // A callee called from several operations is one client.
        if (e.kind === 'call' && from.calls.some((c) => c.name === byId.get(e.to)!.name)) continue;
        const t = targetOf(from, e.to, e.kind, e.async, e.kind === 'call' ? e.policy : forwardPolicy(design, from.node, e.to), drawn);
        addCaller(byId.get(e.to)!, from.name);
        if (e.kind === 'route' && from.node.kind === 'gateway') {
          from.routes.push({ path: from.node.routes[e.index!]!.path, target: t });
          byId.get(e.to)!.fromIngress = true;
        } else if (e.kind === 'step' && from.node.kind === 'saga') {
          const s = from.node.steps[e.index!]!;
          from.steps.push({ name: s.name, ...(s.compensate ? { compensate: s.compensate } : {}), target: t });
          const callee = byId.get(e.to)!;
          for (const op of [s.name, s.compensate]) if (op && !callee.sagaOps.includes(op)) callee.sagaOps.push(op);
        } else from.calls.push(t);
      } else if (to.kind === 'database' || to.kind === 'cache') {
        const s = stores.get(e.to)!;
        touch(from, s.name, drawn?.optional ?? false);
        if (!from.stores.includes(s)) from.stores.push(s);
        if (!s.callers.includes(from.name)) s.callers.push(from.name);
      } else if (to.kind === 'queue' || to.kind === 'topic') {
        const ch = channels.get(e.to)!;
        touch(from, ch.broker.name, drawn?.optional ?? false);
        if (!from.publishes.includes(ch)) from.publishes.push(ch);
        if (!ch.publishers.includes(from.name)) ch.publishers.push(from.name);
        useBroker(from, ch.broker);
      }
    }
  }
  // A cache miss is read from the store behind it by the cache's callers; a service behind a
  // cache is called over HTTP by them on a miss (an edge of the diagram: address, allow-list).
  for (const [id, node] of entries) {
    if (node.kind !== 'cache' || !node.miss) continue;
    const service = byId.get(node.miss);
    if (service) {
      for (const callerName of stores.get(id)!.callers) {
        const w = workloads.find((x) => x.name === callerName)!;
        if (w === service || w.misses.some((t) => t.name === service.name)) continue;
        w.misses.push(targetOf(w, node.miss, 'miss', false, {}));
        addCaller(service, w.name);
      }
      continue;
    }
    const behind = stores.get(node.miss);
    if (!behind) continue;
    for (const callerName of stores.get(id)!.callers) {
      const w = workloads.find((x) => x.name === callerName)!;
      if (!w.stores.includes(behind)) w.stores.push(behind);
      if (!behind.callers.includes(callerName)) behind.callers.push(callerName);
    }
  }
  // A consumer that dead-letters publishes to the DLQ channel.
  for (const ch of channels.values()) {
    if (!ch.dlq) continue;
    const dlq = [...channels.values()].find((c) => c.name === ch.dlq);
    if (!dlq) continue;
    for (const c of ch.consumers) {
      const w = workloads.find((x) => x.name === c)!;
      if (!w.publishes.includes(dlq)) w.publishes.push(dlq);
      if (!dlq.publishers.includes(c)) dlq.publishers.push(c);
      useBroker(w, dlq.broker);
    }
  }

  const order = new Map(workloads.map((w, i) => [w.name, i]));
  const missBehind = (cache: IrStore, store: string) => {
    const node = design.nodes[cache.id];
    return node?.kind === 'cache' && node.miss !== undefined && stores.get(node.miss)?.name === store;
  };
  for (const w of workloads) {
    w.callers.sort((a, b) => order.get(a)! - order.get(b)!);
    const env: IrEnv[] = [{ name: 'PORT', value: String(w.port) }];
    for (const [k, v] of Object.entries(w.node.env)) if (k !== 'PORT') env.push({ name: k, value: v });
    const seen = new Set(env.map((e) => e.name));
    const add = (name: string, value: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      env.push({ name, value });
    };
    for (const t of httpTargets(w)) {
      if (seen.has(t.envVar)) continue;
      add(t.envVar, t.address);
      if (t.composeAddress !== t.address) env[env.length - 1]!.composeValue = t.composeAddress;
    }
    for (const s of w.stores) {
      add(s.envVar, s.url);
      if (s.credentials) {
        w.secretEnv.push({ name: s.credentials.userVar, secret: s.credentials.secret, key: 'username' });
        w.secretEnv.push({ name: s.credentials.passwordVar, secret: s.credentials.secret, key: 'password' });
      }
    }
    for (const b of w.brokers) add(b.envVar, b.url);
    w.env = env;
    const req = required.get(w.name) ?? new Set<string>();
    // A cache miss to a database is required when the cache is.
    w.optionalDeps = [...w.stores.map((s) => s.name), ...w.brokers.map((b) => b.name)].filter(
      (d) => !req.has(d) && !w.stores.some((s) => req.has(s.name) && missBehind(s, d)),
    );
  }

  return {
    designName: design.name,
    namespace: namespaceOf(design.name),
    workloads,
    stores: [...stores.values()],
    brokers: [...brokers.values()],
    channels: [...channels.values()],
  };
}
