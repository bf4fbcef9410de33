// Unit checks of the mappings that are easy to get subtly wrong: safe names and collisions,
// Istio's retry units and time budget, canary percentages.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildModel, dnsLabel, envPrefix, generate, parseDesign, tsIdentifier } from '../../engine/index.js';
import { istioDuration, policyRoute, totalBudget } from '../../engine/generate/istio.js';
import { namespaceOf, percentages } from '../../engine/generate/model.js';

const design = (text: string) => {
  const r = parseDesign(text, 'x.arch.yaml');
  if (!r.design) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.design;
};

describe('names', () => {
  it('derives DNS-1123 labels, env prefixes and identifiers', () => {
    expect(dnsLabel('Order Service')).toBe('order-service');
    expect(dnsLabel('../../etc')).toBe('etc');
    expect(dnsLabel('a/b')).toBe('a-b');
    expect(dnsLabel('---', 'service')).toBe('service');
    expect(dnsLabel('x'.repeat(70))).toHaveLength(63);
    expect(envPrefix('orders-db')).toBe('ORDERS_DB');
    expect(envPrefix('123-go')).toBe('123_GO'); // generators.md: upper-cased, '-' as '_', nothing added
    expect(tsIdentifier('Order Service')).toBe('orderService');
    expect(tsIdentifier('class')).toBe('classNode');
    expect(tsIdentifier('123 go')).toBe('n123Go');
  });

  it('resolves collisions with -2, -3 in node order and keeps reserved file names free', () => {
    const d = design(`
nodes:
  Order Service: { kind: service }
  order_service: { kind: service }
  ORDER-SERVICE: { kind: service }
  kustomization: { kind: service }
  kafka: { kind: service, calls: [{ to: t }] }
  t: { kind: topic, engine: kafka }
`);
    const ir = buildModel(d);
    expect(ir.workloads.map((w) => w.name)).toEqual(['order-service', 'order-service-2', 'order-service-3', 'kustomization-2', 'kafka']);
    expect(ir.brokers[0]!.name).toBe('kafka-2');
    expect(ir.brokers[0]!.envVar).toBe('KAFKA_2_URL');
    const paths = generate(d, 'all').map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.every((p) => !p.includes('..') && !p.startsWith('/'))).toBe(true);
  });
});

describe('derived names', () => {
  const d = design(`
name: default
nodes:
  u: { kind: client, requests: [ { to: gw, route: / } ] }
  gw: { kind: gateway, routes: [ { path: /, to: api } ] }
  api: { kind: service, versions: { v1: { weight: 50 }, v2: { weight: 50 } }, autoscale: { min: 1, max: 3 } }
  api-v1: { kind: service }
  gw-ingress: { kind: service }
  '!!!': { kind: service }
`);
  it('never give two objects of one kind the same name (canary Deployments, ingress VirtualServices)', () => {
    const ids = generate(d, 'all')
      .filter((f) => f.path.endsWith('.yaml') && !f.path.endsWith('kustomization.yaml') && f.path !== 'istio/namespace.yaml') // a patch
      .flatMap((f) => f.content.split(/^---$/m).map((x) => parse(x) as { kind: string; metadata: { name: string } }))
      .map((o) => `${o.kind}/${o.metadata.name}`);
    expect(ids.filter((x, i) => ids.indexOf(x) !== i)).toEqual([]);
    expect(ids).toContain('Deployment/api-v1');
    expect(ids).toContain('Deployment/api-v1-2');
    expect(ids).toContain('HorizontalPodAutoscaler/api-v1-2');
    expect(ids).toContain('VirtualService/gw-ingress-2');
  });
  it('put the design in its own namespace, never one the cluster or the mesh owns', () => {
    expect(buildModel(d).namespace).toBe('default-2');
    expect(namespaceOf('Istio System')).toBe('istio-system-2');
    expect(namespaceOf('ÜBER Shop/../x')).toBe('ber-shop-x');
    expect(namespaceOf('!!!')).toBe('design');
  });
  it('name an id without letters or digits after its kind, not the official node image', () => {
    const w = buildModel(d).workloads.find((x) => x.id === '!!!')!;
    expect(w.name).toBe('service');
    expect(w.image).toBe('service:latest');
  });
});

describe('Istio retry mapping', () => {
  const retry = { attempts: 3, backoff: 100, multiplier: 2, maxBackoff: 150, jitter: 'none' as const };
  it('counts retries, not tries, and bounds every try and backoff', () => {
    expect(policyRoute({ timeout: 400, retry }, 'http')).toEqual({
      timeout: '1450ms', // 3 x 400 + 100 + min(200, 150)
      retries: { attempts: 2, perTryTimeout: '400ms', backoff: '100ms', retryOn: '5xx,reset,connect-failure,refused-stream' },
    });
    expect(totalBudget({ timeout: 1000 })).toBe(1000);
  });
  it('sets attempts 0 when the design does not retry', () => {
    expect(policyRoute({ timeout: 2000 }, 'http')).toEqual({ timeout: '2s', retries: { attempts: 0 } });
    expect(policyRoute({}, 'http')).toEqual({ retries: { attempts: 0 } });
    expect(policyRoute({ timeout: 100, retry: { ...retry, attempts: 1 } }, 'grpc').retries).toEqual({ attempts: 0 });
  });
  it('writes Go durations', () => {
    expect(istioDuration(1500)).toBe('1500ms');
    expect(istioDuration(30_000)).toBe('30s');
  });
});

describe('canary weights', () => {
  it('become integer percentages summing to 100', () => {
    expect(percentages([1, 1, 1])).toEqual([34, 33, 33]);
    expect(percentages([90, 10])).toEqual([90, 10]);
    expect(percentages([3, 7])).toEqual([30, 70]);
  });
  it('route the e-commerce canary 90/10 to subsets', () => {
    const d = design(`
nodes:
  gw: { kind: gateway, routes: [{ path: /o, to: orders }] }
  orders: { kind: service, versions: { v1: { weight: 9 }, v2: { weight: 1, image: o:2 } } }
`);
    const vs = generate(d, 'istio').find((f) => f.path === 'istio/orders.yaml')!;
    const docs = vs.content.split(/^---$/m).map(
      (x) =>
        parse(x) as {
          kind: string;
          metadata: { name: string };
          spec: { http: { route: { weight: number; destination: { subset: string } }[] }[] };
        },
    );
    const orders = docs.find((x) => x.kind === 'VirtualService' && x.metadata.name === 'orders')!;
    expect(orders.spec.http[0]!.route.map((r) => [r.destination.subset, r.weight])).toEqual([
      ['v1', 90],
      ['v2', 10],
    ]);
  });
});

describe('security, breaker and credentials mapping', () => {
  const d = design(`
name: sec
nodes:
  web: { kind: client, requests: [ { to: gw, route: /o } ] }
  gw: { kind: gateway, rateLimit: 50, routes: [ { path: /o, to: orders } ] }
  orders:
    kind: service
    calls:
      - { to: stock, timeout: 300ms, breaker: { failureRate: 50%, window: 10, minCalls: 6, openFor: 20s } }
      - { to: db }
  reports: { kind: service, calls: [ { to: stock } ] }
  partner: { kind: client, requests: [ { to: ledger } ] }
  ledger: { kind: service }
  stock: { kind: service }
  db: { kind: database, engine: postgres }
`);
  const files = generate(d, 'all');
  const docs = (path: string) =>
    files
      .find((f) => f.path === path)!
      .content.split(/^---$/m)
      .map((x) => parse(x) as { kind: string; spec: Record<string, unknown> });
  const principals = (path: string) =>
    (docs(path).find((o) => o.kind === 'AuthorizationPolicy')!.spec as { rules?: { from: { source: { principals: string[] } }[] }[] })
      .rules?.[0]?.from[0]?.source.principals;
  const INGRESS = 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';

  it('allows exactly the drawn callers; only a gateway admits the ingress', () => {
    expect(principals('istio/stock.yaml')).toEqual(['cluster.local/ns/sec/sa/orders', 'cluster.local/ns/sec/sa/reports']);
    expect(principals('istio/gw.yaml')).toEqual([INGRESS]);
    // outside traffic reaches the gateway's route targets through the gateway, never around it
    expect(principals('istio/orders.yaml')).toEqual(['cluster.local/ns/sec/sa/gw']);
    expect(principals('istio/reports.yaml')).toBeUndefined(); // nobody drawn: deny all
    expect(principals('istio/ledger.yaml')).toBeUndefined(); // a client's callee, but only gateways are exposed
  });

  it('sends outside traffic over TLS for a named host to the gateway workload, never around it', () => {
    const gw = docs('istio/gw.yaml');
    const gateway = gw.find((o) => o.kind === 'Gateway')!.spec as {
      servers: { port: { number: number; protocol: string }; hosts: string[]; tls: Record<string, unknown> }[];
    };
    expect(gateway.servers.map((x) => [x.port.number, x.port.protocol, x.hosts])).toEqual([
      [443, 'HTTPS', ['gw.sec.example.com']],
      [80, 'HTTP', ['gw.sec.example.com']],
    ]);
    expect(gateway.servers[0]!.tls).toMatchObject({ mode: 'SIMPLE', credentialName: 'sec-gw-tls' });
    expect(gateway.servers[1]!.tls).toEqual({ httpsRedirect: true });
    const ingress = gw.find((o) => o.kind === 'VirtualService' && (o as { metadata?: { name: string } }).metadata?.name === 'gw-ingress')!
      .spec as { hosts: string[]; gateways: string[]; http: { route: { destination: { host: string } }[] }[] };
    expect(ingress.hosts).toEqual(['gw.sec.example.com']);
    expect(ingress.gateways).toEqual(['gw']);
    expect(ingress.http.flatMap((r) => r.route.map((x) => x.destination.host))).toEqual(['gw.sec.svc.cluster.local']);
    // the base's Ingress names its class and points at the gateway too
    const base = files
      .find((f) => f.path === 'k8s/gw.yaml')!
      .content.split(/^---$/m)
      .map((x) => parse(x) as { kind: string; spec: { ingressClassName?: string } })
      .find((o) => o.kind === 'Ingress')!;
    expect(base.spec.ingressClassName).toBe('nginx');
  });

  it('maps the breaker to outlierDetection with an interval and says how it differs', () => {
    const stock = files.find((f) => f.path === 'istio/stock.yaml')!.content;
    const dr = docs('istio/stock.yaml').find((o) => o.kind === 'DestinationRule')!;
    expect((dr.spec.trafficPolicy as { outlierDetection: unknown }).outlierDetection).toEqual({
      consecutive5xxErrors: 3,
      interval: '10s',
      baseEjectionTime: '20s',
      maxEjectionPercent: 100,
    });
    expect(stock).toMatch(/# Semantics differ/);
  });

  it("says that the gateway's rateLimit has no Istio v1 mapping", () => {
    expect(files.find((f) => f.path === 'istio/gw.yaml')!.content).toMatch(/# rateLimit 50\/s is enforced by the gateway's own workload/);
  });

  it('gives compose credentials as variables with placeholders, never values or hard failures', () => {
    const compose = parse(files.find((f) => f.path === 'docker-compose.yml')!.content, { version: '1.1' }) as {
      services: Record<string, { environment: Record<string, string> }>;
    };
    expect(compose.services.db!.environment.POSTGRES_PASSWORD).toBe('${DB_PASSWORD:-change-me}');
    expect(compose.services.db!.environment.POSTGRES_USER).toBe('${DB_USER:-app}');
    expect(compose.services.orders!.environment.DB_PASSWORD).toBe('${DB_PASSWORD:-change-me}');
    expect(compose.services.orders!.environment.DB_URL).toBe('postgres://db:5432/db');
  });
});

describe('Kubernetes workloads', () => {
  const d = design(`
name: k
nodes:
  a: { kind: service, autoscale: { min: 2, max: 5, cpu: 60% } }
  b: { kind: service, resources: { cpu: 250m } }
  c: { kind: service, replicas: 3, resources: { cpu: '1', memory: 1Gi } }
`);
  const objs = generate(d, 'k8s')
    .filter((f) => f.path !== 'k8s/kustomization.yaml')
    .flatMap((f) => f.content.split(/^---$/m).map((x) => parse(x) as { kind: string; metadata: { name: string }; spec: never }));
  const deployment = (name: string) =>
    objs.find((o) => o.kind === 'Deployment' && o.metadata.name === name)!.spec as {
      template: { spec: { containers: { resources: { requests: Record<string, string>; limits: Record<string, string> } }[] } };
    };
  it('always request CPU and memory (an HPA on CPU utilization needs the request)', () => {
    expect(deployment('a').template.spec.containers[0]!.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { memory: '128Mi' },
    });
    expect(deployment('b').template.spec.containers[0]!.resources.requests).toEqual({ cpu: '250m', memory: '128Mi' });
    expect(deployment('c').template.spec.containers[0]!.resources).toEqual({
      requests: { cpu: '1', memory: '1Gi' },
      limits: { memory: '1Gi' },
    });
  });
  it('give an HPA (autoscaling/v2) to autoscaled nodes and a PDB when more than one pod runs', () => {
    const names = (kind: string) => objs.filter((o) => o.kind === kind).map((o) => o.metadata.name);
    expect(names('HorizontalPodAutoscaler')).toEqual(['a']);
    expect(names('PodDisruptionBudget')).toEqual(['a', 'c']);
  });
});

describe('a cache whose miss goes to a service', () => {
  const d = design(`
name: miss
nodes:
  front: { kind: service, calls: [ { to: c, timeout: 100ms } ] }
  c: { kind: cache, engine: redis, miss: catalog }
  catalog: { kind: service }
`);
  const files = generate(d, 'all');
  it("makes the cache's callers callers of that service: address, depends_on, allow-list, client", () => {
    const compose = parse(files.find((f) => f.path === 'docker-compose.yml')!.content, { version: '1.1' }) as {
      services: Record<string, { environment: Record<string, string>; depends_on: Record<string, unknown> }>;
    };
    expect(compose.services.front!.environment.CATALOG_URL).toBe('http://catalog:3000');
    expect(Object.keys(compose.services.front!.depends_on)).toEqual(['catalog', 'c']);
    expect(files.find((f) => f.path === 'istio/catalog.yaml')!.content).toContain('- cluster.local/ns/miss/sa/front');
    expect(files.find((f) => f.path === 'services/front/src/clients.ts')!.content).toContain('env["CATALOG_URL"]');
  });
});

describe('compose depends_on', () => {
  it('waits for health of every store and of the nats, kafka, rabbitmq and redis brokers', () => {
    const d = design(`
name: deps
nodes:
  a:
    kind: service
    calls: [ { to: m }, { to: pg }, { to: t1 }, { to: t2 }, { to: q1 }, { to: t3 } ]
  m: { kind: cache, engine: memcached }
  pg: { kind: database, engine: postgres }
  t1: { kind: topic, engine: nats }
  t2: { kind: topic, engine: kafka }
  q1: { kind: queue, engine: rabbitmq }
  t3: { kind: topic, engine: redis }
`);
    const compose = parse(generate(d, 'compose')[0]!.content, { version: '1.1' }) as {
      services: Record<string, { depends_on?: Record<string, { condition: string }>; healthcheck?: unknown }>;
    };
    const deps = compose.services.a!.depends_on!;
    expect(Object.keys(deps).sort()).toEqual(['kafka', 'm', 'nats', 'pg', 'rabbitmq', 'redis']);
    for (const [name, dep] of Object.entries(deps)) expect(dep.condition, name).toBe('service_healthy');
    for (const name of Object.keys(deps)) expect(compose.services[name]!.healthcheck, name).toBeDefined();
  });
});
