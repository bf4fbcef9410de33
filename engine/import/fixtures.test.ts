// Real systems, written the way real projects write them (test/fixtures/import/): a compose file
// of a web app with workers, Redis, Postgres and Elasticsearch; a Kubernetes release file of a
// dozen gRPC services in the style of Online Boutique; its Istio overlay. Each imports into a
// design that validates, reviews and simulates, with the calls their wiring implies.
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edges, parseDesign, review, simulate, type Design, type DesignNode } from '../index.js';
import { importSystem, type ImportFile } from './index.js';
import { hostsIn } from './build.js';
import { recognize } from './recognize.js';
import { routePolicy } from './istio.js';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/import');
const file = (p: string): ImportFile => ({ path: `test/fixtures/import/${p}`, text: readFileSync(join(FIXTURES, p), 'utf8') });

function imported(files: ImportFile[], name?: string) {
  const r = importSystem(files, name ? { name } : {});
  expect(r.problems).toEqual([]);
  expect(r.invalid).toBeUndefined();
  // The text is the design: it parses again to the same thing.
  expect(parseDesign(r.text!, 'again.arch.yaml').design).toEqual(r.design);
  return { ...r, design: r.design! };
}

function callsOf(d: Design): string[] {
  return edges(d)
    .filter((e) => e.kind === 'call' || e.kind === 'route' || e.kind === 'request')
    .map((e) => `${e.from} -> ${e.to}`)
    .sort();
}

function node<K extends DesignNode['kind']>(d: Design, id: string, kind: K): Extract<DesignNode, { kind: K }> {
  const n = d.nodes[id];
  expect(n?.kind, id).toBe(kind);
  return n as Extract<DesignNode, { kind: K }>;
}

function reviewsAndSimulates(d: Design, expectedErrors: string[] = []) {
  const findings = review(d);
  expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.nodes[0]}`)).toEqual(expectedErrors);
  const result = simulate(d, { duration: 20_000, seed: 7 });
  expect(result.requests.total).toBeGreaterThan(100);
  expect(result.requests.ok / result.requests.total).toBeGreaterThan(0.95);
  return result;
}

describe('a compose file of a web app with workers, Redis, Postgres and Elasticsearch', () => {
  const { design, text, unmapped } = imported([file('webapp/docker-compose.yml')]);

  it('has a node per service, datastores by image (registries, tags), the entry behind nginx', () => {
    expect(design.name).toBe('bookshelf');
    expect(node(design, 'db', 'database').engine).toBe('postgres');
    expect(node(design, 'redis', 'cache').engine).toBe('redis'); // docker.io/bitnami/redis:7.2
    expect(node(design, 'search', 'database').engine).toBe('elasticsearch');
    const proxy = node(design, 'proxy', 'gateway');
    expect(proxy.port).toBe(80);
    const web = node(design, 'web', 'service');
    expect(web).toMatchObject({ image: 'ghcr.io/bookshelf/web:2.4.1', port: 8000, replicas: 2 });
    expect(web.resources).toEqual({ cpu: '250m', memory: '256Mi', limits: { cpu: '1', memory: '1Gi' } });
    expect(web.health).toMatchObject({ readiness: '/healthz/', probe: 'http' });
    expect(web.args).toEqual(['gunicorn', 'bookshelf.wsgi:application', '--bind', '0.0.0.0:8000', '--workers', '4']);
    expect(node(design, 'worker', 'service').replicas).toBe(3);
    expect(node(design, 'db', 'database').image).toBe('postgres:16-alpine');
  });

  it('calls from URLs in the environment (through YAML anchors), depends_on and links', () => {
    expect(callsOf(design)).toEqual(
      [
        'mailer -> redis', // QUEUE_URL and links: [redis:queue]
        'proxy -> web', // depends_on only
        'scheduler -> db',
        'scheduler -> redis',
        'scheduler -> search',
        'users -> proxy',
        'web -> db',
        'web -> redis',
        'web -> search',
        'worker -> db',
        'worker -> redis',
        'worker -> search',
      ].sort(),
    );
    expect(text).toContain('# guessed: from depends_on/links (no address in its environment)\n      - { to: web }');
  });

  it('keeps what it cannot map as notes, and says what it guessed', () => {
    expect(design.notes.web).toContain('env_file .env: not read (its variables may hold more addresses and settings)');
    expect(design.notes.mailer).toContain("environment SMTP_PASSWORD is taken from the host's environment: no value to import");
    expect(unmapped.some((u) => u.node === 'proxy' && /volumes/.test(u.message))).toBe(true);
    expect(text).toMatch(/rate: 10 # guessed: a default rate/);
    expect(text).toMatch(/kind: gateway # guessed: an entry point named or built like a gateway/);
    // compose's ${VAR:-default} is read with its default; $$ is a literal $
    expect(node(design, 'db', 'database').env.POSTGRES_PASSWORD).toBe('bookshelf');
  });

  it('reviews (web, worker and scheduler share their databases) and simulates through nginx', () => {
    const r = reviewsAndSimulates(design, ['shared-database db', 'shared-database search']);
    expect(r.nodes.web!.arrivals).toBeGreaterThan(100);
    expect(r.nodes.db!.arrivals).toBeGreaterThan(100);
  });
});

describe('a Kubernetes release file of a dozen gRPC services (Online Boutique style)', () => {
  const { design } = imported([file('boutique/kubernetes-manifests.yaml')], 'boutique');
  const services = [
    'adservice',
    'cartservice',
    'checkoutservice',
    'currencyservice',
    'emailservice',
    'paymentservice',
    'productcatalogservice',
    'recommendationservice',
    'shippingservice',
  ];

  it('a node per Deployment: gRPC services (from their probes), the frontend, Redis, the load generator', () => {
    for (const s of services) {
      const n = node(design, s, 'service');
      expect(n.protocol, s).toBe('grpc');
      expect(n.health.probe, s).toBe('grpc');
      expect(n.image).toBe(`us-central1-docker.pkg.dev/google-samples/microservices-demo/${s}:v0.10.1`);
    }
    expect(node(design, 'redis-cart', 'cache').engine).toBe('redis');
    const fe = node(design, 'frontend', 'service');
    expect(fe).toMatchObject({ protocol: 'http', port: 8080, servicePort: 80 });
    expect(fe.health).toMatchObject({ liveness: '/_healthz', readiness: '/_healthz', probe: 'http' });
    expect(node(design, 'emailservice', 'service')).toMatchObject({ port: 8080, servicePort: 5000 });
    expect(node(design, 'cartservice', 'service').resources).toEqual({
      cpu: '200m',
      memory: '64Mi',
      limits: { cpu: '300m', memory: '128Mi' },
    });
    expect(node(design, 'loadgenerator', 'client').users).toBe(10);
  });

  it('calls from *_ADDR variables, with their variable names; the LoadBalancer Service is the way in', () => {
    const calls = callsOf(design);
    for (const s of ['productcatalogservice', 'shippingservice', 'paymentservice', 'emailservice', 'currencyservice', 'cartservice'])
      expect(calls).toContain(`checkoutservice -> ${s}`);
    for (const s of [
      'productcatalogservice',
      'currencyservice',
      'cartservice',
      'recommendationservice',
      'shippingservice',
      'checkoutservice',
      'adservice',
    ])
      expect(calls).toContain(`frontend -> ${s}`);
    expect(calls).toContain('recommendationservice -> productcatalogservice');
    expect(calls).toContain('cartservice -> redis-cart');
    expect(calls).toContain('users -> frontend');
    expect(calls).toContain('loadgenerator -> frontend');
    expect(calls).toHaveLength(6 + 7 + 1 + 1 + 1 + 1);
    const checkout = node(design, 'checkoutservice', 'service');
    expect(checkout.calls.find((c) => c.to === 'paymentservice')).toMatchObject({ env: 'PAYMENT_SERVICE_ADDR', protocol: 'grpc' });
    // A service that is not among the files stays an address in the environment.
    expect(node(design, 'frontend', 'service').env.SHOPPING_ASSISTANT_SERVICE_ADDR).toBe('shoppingassistantservice:80');
  });

  it('reviews and simulates: requests reach every service the frontend calls', () => {
    const r = reviewsAndSimulates(design);
    for (const s of ['cartservice', 'checkoutservice', 'productcatalogservice', 'redis-cart'])
      expect(r.nodes[s]!.arrivals, s).toBeGreaterThan(50);
  });
});

describe('the Istio overlay on top', () => {
  const { design, unmapped } = imported(
    [file('boutique/kubernetes-manifests.yaml'), file('boutique-istio/istio-manifests.yaml')],
    'boutique',
  );
  const call = (from: string, to: string) => node(design, from, 'service').calls.find((c) => c.to === to)!;

  it('timeouts and retries per caller (sourceLabels) or for all; Istio counts retries, the design tries', () => {
    expect(call('frontend', 'productcatalogservice')).toMatchObject({ timeout: 1000, retry: { attempts: 3 } });
    expect(call('checkoutservice', 'productcatalogservice')).toMatchObject({ timeout: 1000, retry: { attempts: 3 } });
    expect(call('checkoutservice', 'currencyservice').timeout).toBe(500);
    expect(call('checkoutservice', 'currencyservice').retry).toBeUndefined();
    expect(call('frontend', 'currencyservice').timeout).toBe(2000);
  });

  it('DestinationRules: balancer and an outlier-detection breaker; the Gateway is the way in', () => {
    expect(node(design, 'cartservice', 'service').balancer).toBe('least_request');
    expect(node(design, 'recommendationservice', 'service')).toMatchObject({ balancer: 'consistent_hash', hashKey: 'x-session-id' });
    expect(call('checkoutservice', 'cartservice').breaker).toMatchObject({ failureRate: 1, window: 5, minCalls: 5, openFor: 30_000 });
    expect(unmapped.some((u) => /ServiceEntry allow-egress-googleapis/.test(u.message))).toBe(true);
    reviewsAndSimulates(design);
  });
});

describe('what cannot be read is an error with its place', () => {
  it('a Helm template gives file:line:column and says to render it first', () => {
    const r = importSystem([
      { path: 'chart/templates/deployment.yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }\n' },
    ]);
    expect(r.text).toBeUndefined();
    expect(r.problems[0]!.file).toBe('chart/templates/deployment.yaml');
    expect(r.problems[0]!.line).toBeGreaterThanOrEqual(4);
    expect(r.problems[0]!.message).toMatch(/a Helm template .*helm template/);
  });

  it('a compose service that is not a mapping, a bad port, nothing to import', () => {
    const r = importSystem([
      { path: 'docker-compose.yml', text: 'services:\n  web:\n    image: x\n    ports: ["http"]\n  db: postgres\n' },
    ]);
    expect(r.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`)).toEqual([
      'docker-compose.yml:4:13: services.web.ports[0]: a port "http" that is not a container port',
      'docker-compose.yml:5:7: services.db: expected a mapping of service settings',
    ]);
    const none = importSystem([{ path: 'values.yaml', text: 'replicaCount: 2\nimage: { repository: nginx }\n' }]);
    expect(none.problems[0]!.message).toMatch(/no compose services and no Kubernetes workloads/);
  });

  it('ids are data: a service called __proto__ or constructor is a node like any other', () => {
    const r = importSystem([
      {
        path: 'docker-compose.yml',
        text: 'services:\n  __proto__:\n    image: acme/a:1\n    ports: ["8080:8080"]\n    environment: { B_URL: "http://constructor:3000" }\n  constructor:\n    image: acme/b:1\n',
      },
    ]);
    expect(r.problems).toEqual([]);
    // The import writes both nodes and the call (the text, read as plain YAML); what the model's
    // parser then makes of a `__proto__` id is the model's business.
    const doc = parseDocument(r.text!);
    expect(doc.getIn(['nodes', '__proto__', 'calls', 0, 'to']) as string).toBe('constructor');
    expect(doc.getIn(['nodes', 'constructor', 'kind'])).toBe('service');
    expect(({} as Record<string, unknown>).image).toBeUndefined();
  });
});

describe('reading addresses and engines', () => {
  it('hosts in URLs (userinfo, several hosts), host:port and bare *_HOST/*_ADDR values', () => {
    expect(hostsIn('DATABASE_URL', 'postgres://u:p@db:5432/app')).toEqual(['db']);
    expect(hostsIn('MONGO_URL', 'mongodb://m1:27017,m2:27017/app?replicaSet=rs0')).toEqual(['m1', 'm2']);
    expect(hostsIn('CART_SERVICE_ADDR', 'cartservice:7070')).toEqual(['cartservice']);
    expect(hostsIn('REDIS_HOST', 'redis')).toEqual(['redis']);
    expect(hostsIn('KAFKA_BROKERS', 'kafka-0.kafka:9092,kafka-1.kafka:9092')).toEqual(['kafka-0.kafka', 'kafka-1.kafka']);
    expect(hostsIn('LOG_LEVEL', 'info')).toEqual([]);
    expect(hostsIn('GREETING', 'see you at 10:30')).toEqual([]);
  });

  it('engines by image with registries and versions, else by port or variables', () => {
    expect(recognize('docker.io/bitnami/redis:7.2', [], new Map())).toMatchObject({ kind: 'cache', engine: 'redis', by: 'image' });
    expect(recognize('postgres:16-alpine', [], new Map())).toMatchObject({ kind: 'database', engine: 'postgres' });
    expect(recognize('mariadb:11@sha256:0123', [], new Map())).toMatchObject({ kind: 'database', engine: 'mysql' });
    expect(recognize('confluentinc/cp-kafka:7.6.1', [], new Map())).toMatchObject({ kind: 'topic', engine: 'kafka' });
    expect(recognize('oliver006/redis_exporter:v1.62.0', [{ port: 9121 }], new Map())).toBeUndefined();
    expect(recognize('acme/pg:1', [{ port: 5432 }], new Map())).toMatchObject({ engine: 'postgres', by: 'its port 5432' });
    expect(recognize('acme/store:1', [{ port: 1234, name: 'tcp-mongo' }], new Map())?.engine).toBe('mongodb');
    expect(recognize('acme/db:1', [], new Map([['MYSQL_ROOT_PASSWORD', 'x']]))?.engine).toBe('mysql');
    // A client of Postgres has its address, not the server's settings.
    expect(
      recognize(
        'acme/api:1',
        [],
        new Map([
          ['POSTGRES_HOST', 'db'],
          ['POSTGRES_USER', 'app'],
        ]),
      ),
    ).toBeUndefined();
  });

  it("Istio's retries back into the design's tries, with the backoff multiplier the route timeout implies", () => {
    const route = (timeout: string) => ({ timeout, retries: { attempts: 2, perTryTimeout: '400ms', backoff: '100ms' } });
    // 3 tries x 400ms + 100ms + 200ms (multiplier 2, the default) = 1.5s
    expect(routePolicy(route('1.5s'))).toEqual({ timeout: 400, retry: { attempts: 3, backoff: 100 } });
    // 3 x 400ms + 100ms + 400ms = 1.7s: multiplier 4
    expect(routePolicy(route('1.7s'))).toEqual({ timeout: 400, retry: { attempts: 3, backoff: 100, multiplier: 4 } });
    expect(routePolicy({ timeout: '2s', retries: { attempts: 0 } })).toEqual({ timeout: 2000 });
    expect(routePolicy({ timeout: '3s', retries: { attempts: 2 } })).toEqual({
      timeout: 1000,
      retry: { attempts: 3 },
      timeoutGuessed: true,
    });
    expect(routePolicy({ retries: { attempts: 0 } })).toBeUndefined();
  });
});
