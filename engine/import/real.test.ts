// Real files from public projects (test/fixtures/import/real/, sources in its README): what an
// engineer who knows each system expects the import to give — nodes and kinds, the calls the
// wiring shows (and none it does not), gRPC where it is, ports, replicas, the ways in — and a
// design that validates and reviews. What the files do not say (Sock Shop's and Hotel
// Reservation's services find each other in code or through Consul) stays unsaid.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edges, parseDesign, review, type Design, type DesignNode } from '../index.js';
import { importSystem, type ImportFile } from './index.js';

const ROOT = join(import.meta.dirname, '../..');
const REAL = join(ROOT, 'test/fixtures/import/real');

function filesOf(dir: string): ImportFile[] {
  const walk = (d: string): string[] =>
    statSync(d).isDirectory()
      ? readdirSync(d)
          .sort()
          .flatMap((x) => walk(join(d, x)))
      : /\.ya?ml$/.test(d)
        ? [d]
        : [];
  return walk(join(REAL, dir)).map((p) => ({ path: relative(ROOT, p), text: readFileSync(p, 'utf8') }));
}

function imported(dir: string) {
  const r = importSystem(filesOf(dir), { name: dir.split('/').pop()! });
  expect(r.problems).toEqual([]);
  expect(r.invalid).toBeUndefined();
  const again = parseDesign(r.text!, 'imported.arch.yaml');
  expect(again.problems).toEqual([]);
  expect(again.design).toEqual(r.design);
  return { ...r, design: r.design! };
}

const kinds = (d: Design) =>
  Object.fromEntries(
    Object.entries(d.nodes)
      .map(([id, n]) => [id, n.kind] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
const callsOf = (d: Design) =>
  edges(d)
    .map((e) => `${e.from} -> ${e.to}`)
    .sort();
const errorsOf = (d: Design) =>
  review(d)
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.rule} ${f.nodes[0]}`);
function node<K extends DesignNode['kind']>(d: Design, id: string, kind: K): Extract<DesignNode, { kind: K }> {
  expect(d.nodes[id]?.kind, id).toBe(kind);
  return d.nodes[id] as Extract<DesignNode, { kind: K }>;
}
const said = (u: { node?: string; message: string }[]) => u.map((x) => `${x.node ? `${x.node}: ` : ''}${x.message}`);

describe("Google's Online Boutique (release manifests + Istio)", () => {
  const { design, unmapped } = imported('online-boutique');

  it('eleven services, a Redis cache, the load generator and the way in by the Istio Gateway', () => {
    expect(kinds(design)).toEqual({
      adservice: 'service',
      cartservice: 'service',
      checkoutservice: 'service',
      currencyservice: 'service',
      emailservice: 'service',
      frontend: 'service',
      loadgenerator: 'client',
      paymentservice: 'service',
      productcatalogservice: 'service',
      recommendationservice: 'service',
      'redis-cart': 'cache',
      shippingservice: 'service',
      users: 'client',
    });
    expect(node(design, 'loadgenerator', 'client').users).toBe(10); // USERS=10
    expect(node(design, 'users', 'client').requests).toMatchObject([{ to: 'frontend' }]);
  });

  it('the calls of the *_ADDR wiring, gRPC from grpc_health_probe, the Service ports callers dial', () => {
    expect(callsOf(design)).toEqual([
      'cartservice -> redis-cart',
      'checkoutservice -> cartservice',
      'checkoutservice -> currencyservice',
      'checkoutservice -> emailservice',
      'checkoutservice -> paymentservice',
      'checkoutservice -> productcatalogservice',
      'checkoutservice -> shippingservice',
      'frontend -> adservice',
      'frontend -> cartservice',
      'frontend -> checkoutservice',
      'frontend -> currencyservice',
      'frontend -> productcatalogservice',
      'frontend -> recommendationservice',
      'frontend -> shippingservice',
      'loadgenerator -> frontend',
      'recommendationservice -> productcatalogservice',
      'users -> frontend',
    ]);
    for (const id of ['adservice', 'cartservice', 'checkoutservice', 'currencyservice', 'emailservice', 'paymentservice'])
      expect(node(design, id, 'service').protocol, id).toBe('grpc');
    const frontend = node(design, 'frontend', 'service');
    expect(frontend.protocol ?? 'http').toBe('http');
    expect(frontend).toMatchObject({ port: 8080, servicePort: 80, health: { readiness: '/_healthz', probe: 'http' } });
    expect(node(design, 'emailservice', 'service')).toMatchObject({ port: 8080, servicePort: 5000 });
    expect(node(design, 'cartservice', 'service').resources).toEqual({
      cpu: '200m',
      memory: '64Mi',
      limits: { cpu: '300m', memory: '128Mi' },
    });
    expect(node(design, 'redis-cart', 'cache').engine).toBe('redis');
  });

  it('ServiceEntries are listed as not mapped; the design reviews with no errors', () => {
    expect(said(unmapped).filter((m) => /ServiceEntry/.test(m))).toHaveLength(3);
    expect(errorsOf(design)).toEqual([]);
  });
});

describe('Weaveworks Sock Shop, docker-compose', () => {
  const { design, unmapped } = imported('sock-shop');

  it('services, Mongo and MySQL stores (one by the port its caller dials), RabbitMQ, the edge router as the way in', () => {
    expect(kinds(design)).toEqual({
      cart: 'service',
      'cart-db': 'database',
      catalogue: 'service',
      'catalogue-db': 'database',
      'edge-router': 'gateway',
      'front-end': 'service',
      orders: 'service',
      'orders-db': 'database',
      payment: 'service',
      'queue-master': 'service',
      rabbitmq: 'queue',
      shipping: 'service',
      user: 'service',
      'user-db': 'database', // weaveworksdemos/user-db, dialled as user-db:27017
      'user-sim': 'client', // weaveworksdemos/load-test
      users: 'client',
    });
    expect(node(design, 'user-db', 'database').engine).toBe('mongodb');
    expect(node(design, 'catalogue-db', 'database').engine).toBe('mysql'); // its MYSQL_* variables
    expect(node(design, 'edge-router', 'gateway').port).toBe(80);
  });

  it('only the calls the file shows: MONGO_HOST, and the load test aimed at the edge router by its command line', () => {
    expect(callsOf(design)).toEqual(['user -> user-db', 'user-sim -> edge-router', 'users -> edge-router']);
  });

  it('zipkin is tracing infrastructure: listed, not a node, its address stays in env; hardening settings are one note', () => {
    expect(design.nodes.zipkin).toBeUndefined();
    expect(said(unmapped).some((m) => /^zipkin: tracing .* not modelled as a node/.test(m))).toBe(true);
    expect(node(design, 'catalogue', 'service').env).toEqual({ ZIPKIN: 'http://zipkin:9411/api/v1/spans' });
    expect(design.notes?.['edge-router']).toContain(
      'not mapped: cap_drop (1 entry), cap_add (5 entries), read_only (true), tmpfs (1 entry)',
    );
    expect(errorsOf(design)).toEqual([]);
  });
});

describe('Weaveworks Sock Shop, Kubernetes complete-demo (extensions/v1beta1, no selectors)', () => {
  const { design } = imported('sock-shop-k8s');

  it('the same system, named after its namespace, entered by the NodePort front-end', () => {
    expect(design.name).toBe('sock-shop');
    expect(Object.keys(design.nodes)).toHaveLength(14);
    expect(node(design, 'user-db', 'database').engine).toBe('mongodb'); // port named mongo
    expect(node(design, 'catalogue-db', 'database').engine).toBe('mysql');
    expect(node(design, 'rabbitmq', 'queue').engine).toBe('rabbitmq');
    expect(node(design, 'front-end', 'service')).toMatchObject({ port: 8079, servicePort: 80, replicas: 1 });
    expect(callsOf(design)).toEqual(['user -> user-db', 'users -> front-end']);
    expect(design.nodes.zipkin).toBeUndefined();
    expect(errorsOf(design)).toEqual([]);
  });
});

describe('a Helm chart template (Sock Shop)', () => {
  it('is refused with its place and what to do, not imported as garbage', () => {
    const r = importSystem(filesOf('sock-shop-helm'));
    expect(r.text).toBeUndefined();
    expect(r.problems.map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual([
      'test/fixtures/import/real/sock-shop-helm/front-end-dep.yaml:7:13',
    ]);
    expect(r.problems[0]!.message).toMatch(/Helm template.*render the chart first \(helm template/);
  });
});

describe('DeathStarBench hotelReservation, docker-compose', () => {
  const { design, unmapped } = imported('hotel-reservation');

  it('eight services, three memcached caches and six MongoDBs; depends_on as guessed calls; Consul and Jaeger are infrastructure', () => {
    const k = kinds(design);
    expect(Object.values(k).filter((x) => x === 'service')).toHaveLength(8);
    expect(
      Object.entries(k)
        .filter(([, x]) => x === 'cache')
        .map(([id]) => id),
    ).toEqual(['memcached-profile', 'memcached-rate', 'memcached-reserve']);
    expect(Object.values(k).filter((x) => x === 'database')).toHaveLength(6);
    expect(design.nodes.consul).toBeUndefined();
    expect(design.nodes.jaeger).toBeUndefined();
    expect(said(unmapped).filter((m) => /infrastructure/.test(m))).toHaveLength(2);
    expect(callsOf(design)).toEqual([
      'geo -> mongodb-geo',
      'profile -> memcached-profile',
      'profile -> mongodb-profile',
      'rate -> memcached-rate',
      'rate -> mongodb-rate',
      'recommendation -> mongodb-recommendation',
      'reservation -> memcached-reserve',
      'reservation -> mongodb-reservation',
      'user -> mongodb-user',
      'users -> frontend',
    ]);
    expect(node(design, 'frontend', 'service')).toMatchObject({ port: 5000, command: ['frontend'] });
    // Variables passed from the host: one note, no values.
    expect(design.notes?.frontend).toContain(
      "environment TLS, GC, JAEGER_SAMPLE_RATIO, LOG_LEVEL are taken from the host's environment: no value to import",
    );
    expect(errorsOf(design)).toEqual([]);
  });
});

describe("Istio's Bookinfo (platform manifests + networking)", () => {
  const { design } = imported('bookinfo');

  it('nodes named after the Services (details-v1 is details), reviews as versions weighted by the VirtualService', () => {
    expect(kinds(design)).toEqual({ details: 'service', productpage: 'service', ratings: 'service', reviews: 'service', users: 'client' });
    const reviews = node(design, 'reviews', 'service');
    expect(Object.fromEntries(Object.entries(reviews.versions ?? {}).map(([k, v]) => [k, v.weight]))).toEqual({ v1: 80, v2: 20, v3: 0 });
    expect(reviews.versions?.v2?.image).toBe('docker.io/istio/examples-bookinfo-reviews-v2:1.20.1');
    expect(design.notes?.reviews).toContain('version v3: no route sends to it (weight 0)');
    expect(node(design, 'productpage', 'service').port).toBe(9080);
  });

  it('enters at productpage by the bookinfo Gateway; the calls are in code, so none is invented', () => {
    expect(callsOf(design)).toEqual(['users -> productpage']);
    expect(errorsOf(design)).toEqual([]);
  });
});

describe('Apache Airflow docker-compose (anchors, merge keys, profiles, CMD-SHELL, service_completed_successfully)', () => {
  const { design, unmapped } = imported('airflow');

  it('the webserver, scheduler, worker and triggerer on Postgres and Redis; the init job and the profiled services left out', () => {
    expect(kinds(design)).toEqual({
      'airflow-scheduler': 'service',
      'airflow-triggerer': 'service',
      'airflow-webserver': 'service',
      'airflow-worker': 'service',
      postgres: 'database',
      redis: 'cache',
      users: 'client',
    });
    const messages = said(unmapped);
    expect(messages).toContain(
      'airflow-init: a one-shot job (airflow-webserver, airflow-scheduler, airflow-worker, airflow-triggerer wait for it to complete): jobs are not modelled',
    );
    expect(messages).toContain('airflow-cli: only started with --profile debug, not by docker compose up: not imported');
    expect(messages).toContain('flower: only started with --profile flower, not by docker compose up: not imported');
  });

  it('calls from the connection URLs (postgresql+psycopg2://, redis://) merged in by <<: *airflow-common', () => {
    const calls = callsOf(design);
    for (const w of ['airflow-scheduler', 'airflow-triggerer', 'airflow-webserver', 'airflow-worker'])
      expect(calls).toEqual(expect.arrayContaining([`${w} -> postgres`, `${w} -> redis`]));
    expect(calls).toContain('users -> airflow-webserver');
    expect(calls.some((c) => c.includes('airflow-init'))).toBe(false);
  });

  it('the image read with the default the file gives; health from the curl healthcheck; the shared database is found', () => {
    const web = node(design, 'airflow-webserver', 'service');
    expect(web.image).toBe('apache/airflow:|version|');
    expect(web).toMatchObject({ port: 8080, args: ['webserver'], health: { readiness: '/health', probe: 'http' } });
    expect(node(design, 'airflow-worker', 'service').env?.DUMB_INIT_SETSID).toBe('0');
    expect(errorsOf(design)).toEqual(['shared-database postgres']);
  });
});

describe('Mastodon docker-compose (env_file, CMD-SHELL healthchecks, ports bound to 127.0.0.1)', () => {
  const { design } = imported('mastodon');

  it('web, streaming and sidekiq on Postgres and Redis; web and streaming are the ways in', () => {
    expect(kinds(design)).toEqual({
      db: 'database',
      redis: 'cache',
      sidekiq: 'service',
      streaming: 'service',
      'streaming-users': 'client',
      web: 'service',
      'web-users': 'client',
    });
    expect(callsOf(design)).toEqual([
      'sidekiq -> db',
      'sidekiq -> redis',
      'streaming -> db',
      'streaming -> redis',
      'streaming-users -> streaming',
      'web -> db',
      'web -> redis',
      'web-users -> web',
    ]);
    const web = node(design, 'web', 'service');
    expect(web).toMatchObject({ image: 'ghcr.io/mastodon/mastodon:v4.3.17', port: 3000, health: { readiness: '/health' } });
    expect(web.args).toEqual(['bundle', 'exec', 'puma', '-C', 'config/puma.rb']);
    expect(design.notes?.web?.some((n) => /env_file \.env\.production: not read/.test(n))).toBe(true);
    expect(errorsOf(design)).toEqual(['shared-database db']);
  });
});

describe('docker/awesome-compose examples', () => {
  it('nginx-golang-postgres-rabbitmq: nginx as the gateway, depends_on with a healthy condition as a call', () => {
    const { design } = imported('awesome-compose/nginx-golang-postgres-rabbitmq');
    expect(kinds(design)).toEqual({ backend: 'service', db: 'database', mq: 'queue', proxy: 'gateway', users: 'client' });
    expect(callsOf(design)).toEqual(['backend -> db', 'proxy -> backend', 'users -> proxy']);
    expect(node(design, 'proxy', 'gateway').routes).toEqual([{ path: '/backend', to: 'backend' }]);
    expect(errorsOf(design)).toEqual([]);
  });

  it('react-express-mongodb: depends_on names `backend` for the service `Backend` (host names ignore case)', () => {
    const { design } = imported('awesome-compose/react-express-mongodb');
    expect(callsOf(design)).toEqual(expect.arrayContaining(['Backend -> db', 'frontend -> Backend']));
    expect(node(design, 'db', 'database').engine).toBe('mongodb');
    expect(errorsOf(design)).toEqual([]);
  });
});
