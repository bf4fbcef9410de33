// The e-commerce stubs for real: `services/` installs once (one npm workspace install, one
// lockfile), builds with one `tsc -b` (strict), and every stub runs as a process on loopback with
// the environment of the generated compose file (addresses rewritten to loopback ports) against
// real servers from Debian: PostgreSQL for its databases, Redis for the user cache and NATS for
// its topics (the template's Kafka is not in Debian, so the test moves the topics to NATS and makes
// order-service's publish optional). MongoDB is not in Debian either: shipping-db is a loopback
// TCP listener that accepts and never answers, so a readiness that only connected would pass.
// Checked: routes through the gateway with the trace, the saga, readiness by round trips, a
// message from publisher to consumers, the drain on SIGTERM, the breaker, an optional broker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server as NetServer } from 'node:net';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { generate, parseDesign, buildModel, type Design } from '../../engine/index.js';
import { STUB_VERSIONS } from '../../engine/generate/versions.js';
import { ROOT, goldenCases } from './cases.js';
import { missingServers, startNats, startPostgres, startRedis, type Server } from './servers.js';

const DIR = join(ROOT, 'test/.tmp/stubs-run');
const file = join(ROOT, 'templates/e-commerce.arch.yaml');

function testDesign(): Design {
  const design = parseDesign(readFileSync(file, 'utf8'), file).design!;
  for (const node of Object.values(design.nodes)) if (node.kind === 'topic') node.engine = 'nats';
  const orders = design.nodes['order-service'];
  if (orders?.kind !== 'service') throw new Error('e-commerce has no order-service');
  for (const c of orders.calls) if (c.to === 'order-events') c.optional = true;
  return design;
}

const design = testDesign();
const ir = buildModel(design);
// Listening ports below Linux's ephemeral range (32768-60999): a stub's own outgoing connection
// (to Redis, say) can never already hold one. Per process a block of 250: workloads, the gRPC
// design's at +100, servers at +200.
const BASE_PORT = 20_000 + (process.pid % 48) * 250;
const ports = new Map(ir.workloads.map((w, i) => [w.name, BASE_PORT + i]));
const SERVER_PORT = BASE_PORT + 200;
const procs = new Map<string, { child: ChildProcess; logs: string[] }>();
const servers: Record<string, Server> = {};
let mongoStandIn: NetServer | undefined;
const missing = missingServers();
const DB_USER = 'stubtest';

function envFor(name: string): Record<string, string> {
  const compose = parse(generate(design, 'compose')[0]!.content, { version: '1.1' }) as {
    services: Record<string, { environment: Record<string, string> }>;
  };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(compose.services[name]!.environment)) {
    let value = v;
    const m = /^([a-z]+):\/\/([^:/]+):(\d+)(.*)$/.exec(v);
    if (m) {
      const store = ir.stores.find((s) => s.name === m[2]);
      const broker = ir.brokers.find((b) => b.name === m[2]);
      let port = ports.get(m[2]!);
      if (store?.engine === 'postgres') port = servers.postgres!.port;
      if (store?.engine === 'redis') port = servers.redis!.port;
      if (store?.engine === 'mongodb') port = SERVER_PORT + 3;
      if (broker) port = servers.nats!.port;
      value = `${m[1]}://127.0.0.1:${port ?? 9}${m[4]}`;
    }
    if (value.startsWith('${')) value = DB_USER;
    env[k] = value;
  }
  env.PORT = String(ports.get(name));
  return env;
}

function start(name: string) {
  const logs: string[] = [];
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: join(DIR, 'services', name),
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', SHUTDOWN_DRAIN_MS: '400', ...envFor(name) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => logs.push(...d.toString().split('\n').filter(Boolean)));
  child.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
  procs.set(name, { child, logs });
}

const url = (name: string, path: string) => `http://127.0.0.1:${ports.get(name)}${path}`;

async function waitFor(what: string, ok: () => Promise<boolean>, logs: () => string, tries = 150) {
  for (let i = 0; i < tries; i++) {
    try {
      if (await ok()) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}:\n${logs()}`);
}

const readiness = async (name: string) => {
  const r = await fetch(url(name, '/health/readiness'));
  return { status: r.status, body: (await r.json()) as { status: string; checks: Record<string, boolean> } };
};

function npm(args: string[], cwd: string) {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
}

describe.skipIf(missing.length > 0)(
  `e-commerce stubs on real servers${missing.length ? ` (skipped: missing ${missing.join(', ')})` : ''}`,
  () => {
    beforeAll(async () => {
      rmSync(DIR, { recursive: true, force: true });
      for (const f of generate(design, 'stubs')) {
        mkdirSync(dirname(join(DIR, f.path)), { recursive: true });
        writeFileSync(join(DIR, f.path), f.content);
      }
      // One install for every stub: the versions are the repository's, so npm's cache has them.
      npm(['install', '--prefer-offline', '--no-audit', '--no-fund'], join(DIR, 'services'));
      npm(['run', '-s', 'build'], join(DIR, 'services'));
      const dbs = ir.stores.filter((s) => s.engine === 'postgres').map((s) => s.credentials!.db);
      [servers.postgres, servers.redis, servers.nats] = await Promise.all([
        startPostgres(SERVER_PORT, DB_USER, dbs),
        startRedis(SERVER_PORT + 1),
        startNats(SERVER_PORT + 2),
      ]);
      mongoStandIn = createServer(() => undefined).listen(SERVER_PORT + 3, '127.0.0.1');
      for (const w of ir.workloads) start(w.name);
      await Promise.all(
        ir.workloads.map((w) =>
          waitFor(
            `${w.name} did not start`,
            async () => (await fetch(url(w.name, w.health.liveness))).ok,
            () => procs.get(w.name)!.logs.join('\n'),
          ),
        ),
      );
    }, 600_000);

    afterAll(async () => {
      for (const p of procs.values()) if (p.child.exitCode === null) p.child.kill('SIGKILL');
      mongoStandIn?.close();
      await Promise.all(Object.values(servers).map((s) => s.stop()));
    });

    it('pin the versions this repository installs', () => {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
        devDependencies: Record<string, string>;
      };
      for (const [name, version] of Object.entries(STUB_VERSIONS))
        expect(pkg.dependencies[name] ?? pkg.devDependencies[name], name).toBe(version);
    });

    it('install once: one lockfile, one node_modules for every stub, built by one tsc -b', () => {
      const services = join(DIR, 'services');
      expect(existsSync(join(services, 'package-lock.json'))).toBe(true);
      for (const w of ir.workloads) {
        expect(existsSync(join(services, w.name, 'node_modules')), `${w.name} has its own node_modules`).toBe(false);
        expect(existsSync(join(services, w.name, 'dist/main.js'))).toBe(true);
      }
      const lock = JSON.parse(readFileSync(join(services, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
      for (const w of ir.workloads) expect(lock.packages[w.name], w.name).toBeDefined();
      expect(readdirSync(join(services, 'node_modules'))).toContain('pg');
    });

    it('route requests through the gateway to the services the design says, with the trace', async () => {
      const traceId = 'a'.repeat(31) + 'b';
      const orders = await fetch(url('gateway', '/orders/42'), { headers: { traceparent: `00-${traceId}-${'c'.repeat(16)}-01` } });
      const body = (await orders.json()) as { service: string; params: { id: string }; calls: { to: string; status: number }[] };
      expect(orders.status).toBe(200);
      expect(body.service).toBe('order-service');
      expect(body.params).toEqual({ id: '42' });
      expect(body.calls).toEqual(expect.arrayContaining([{ to: 'inventory-service', status: 200 }])); // stubs do not follow operations yet (#13)
      expect(procs.get('inventory-service')!.logs.some((l) => l.includes(traceId))).toBe(true);
      for (const [path, service] of [
        ['/users/7', 'user-service'],
        ['/products', 'inventory-service'],
      ] as const) {
        const r = await fetch(url('gateway', path));
        expect(((await r.json()) as { service: string }).service).toBe(service);
      }
      expect((await fetch(url('gateway', '/nowhere'))).status).toBe(404);
    });

    it('run the checkout saga across its steps', async () => {
      const r = await fetch(url('gateway', '/checkout'), {
        method: 'POST',
        body: '{"cart":1}',
        headers: { 'content-type': 'application/json' },
      });
      expect(await r.json()).toEqual({ outcome: 'completed', completed: ['reserve', 'charge', 'ship'] });
    });

    it('are ready by a round trip to each store and broker, not by a TCP connect', async () => {
      for (const name of ['order-service', 'user-service'])
        await waitFor(
          `${name} not ready`,
          async () => (await readiness(name)).status === 200,
          () => procs.get(name)!.logs.join('\n'),
        );
      const orders = await readiness('order-service');
      expect(orders).toEqual({ status: 200, body: { status: 'ready', checks: { 'orders-db': true, nats: true } } });
      const users = await readiness('user-service');
      expect(users.status).toBe(200);
      expect(users.body.checks).toEqual({ 'user-cache': true, 'users-db': true });
      // shipping-db accepts connections and never answers: not ready.
      const shipping = await readiness('shipping-service');
      expect(shipping.status).toBe(503);
      expect(shipping.body.checks).toEqual({ 'shipping-db': false, nats: true });
    });

    it('deliver a published message to every consumer over NATS', async () => {
      const seen = (name: string) =>
        procs.get(name)!.logs.some((l) => l.includes('"msg":"message"') && l.includes('"channel":"order-events"'));
      await waitFor(
        'no consumer got the order event',
        async () => {
          await fetch(url('order-service', '/orders'), {
            method: 'POST',
            body: '{"item":1}',
            headers: { 'content-type': 'application/json' },
          });
          return seen('shipping-service') && seen('notification-service');
        },
        () => procs.get('notification-service')!.logs.join('\n'),
        50,
      );
    });

    it('drain on SIGTERM: not ready at once, still serving, then exit 0; and the caller breaker opens', async () => {
      const inv = procs.get('inventory-service')!.child;
      const exited = new Promise<number | null>((r) => inv.once('exit', (code) => r(code)));
      inv.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 50));
      const during = await readiness('inventory-service');
      expect(during.status).toBe(503);
      expect(during.body.status).toBe('draining');
      expect((await fetch(url('inventory-service', '/products'))).status).toBe(200);
      expect(await exited).toBe(0);

      const orderLogs = procs.get('order-service')!.logs;
      const opened = () => orderLogs.some((l) => l.includes('"breaker open"') && l.includes('inventory-service'));
      for (let i = 0; i < 30 && !opened(); i++) await fetch(url('order-service', '/orders/1'));
      expect(opened()).toBe(true);
      const t0 = Date.now();
      const r = await fetch(url('order-service', '/orders/1'));
      expect(r.status).toBe(503);
      expect(Date.now() - t0).toBeLessThan(200); // no tries while open
    });

    it('stay ready without a broker reached only by an optional call; a consumer does not', async () => {
      await servers.nats!.stop();
      await waitFor(
        'notification-service stayed ready without NATS',
        async () => (await readiness('notification-service')).status === 503,
        () => '',
        100,
      );
      const orders = await readiness('order-service');
      expect(orders.status).toBe(200);
      expect(orders.body.checks).toEqual({ 'orders-db': true, nats: false });
    });
  },
);

// A gRPC design's stubs (test/fixtures/export-grpc.arch.yaml): the HTTP gateway forwards to the
// gRPC services' rpcs, cart calls catalog over gRPC (timeout, retry, breaker, Idempotency-Key,
// under the address variable the design names), both answer the standard health service.
const GRPC_DIR = join(ROOT, 'test/.tmp/stubs-grpc');
const grpcFile = join(ROOT, 'test/fixtures/export-grpc.arch.yaml');
const grpcDesign = parseDesign(readFileSync(grpcFile, 'utf8'), grpcFile).design!;
const grpcIr = buildModel(grpcDesign);
const grpcPorts = new Map(grpcIr.workloads.map((w, i) => [w.name, BASE_PORT + 100 + i]));
const grpcProcs = new Map<string, { child: ChildProcess; logs: string[] }>();

describe.skipIf(missing.length > 0)('gRPC stubs', () => {
  let redis: Server | undefined;
  const envOf = (name: string) => {
    const compose = parse(generate(grpcDesign, 'compose')[0]!.content, { version: '1.1' }) as {
      services: Record<string, { environment: Record<string, string> }>;
    };
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(compose.services[name]!.environment)) {
      const m = /^(?:([a-z]+):\/\/)?([a-z0-9-]+):(\d+)(.*)$/.exec(v);
      const port = m ? (grpcPorts.get(m[2]!) ?? redis!.port) : undefined;
      env[k] = m ? `${m[1] ? `${m[1]}://` : ''}127.0.0.1:${port}${m[4]}` : v;
    }
    env.PORT = String(grpcPorts.get(name));
    return env;
  };
  const health = (name: string) =>
    spawnSync(process.execPath, ['dist/healthcheck.js'], {
      cwd: join(GRPC_DIR, 'services', name),
      env: { PORT: String(grpcPorts.get(name)) },
    }).status;

  beforeAll(async () => {
    rmSync(GRPC_DIR, { recursive: true, force: true });
    for (const f of generate(grpcDesign, 'stubs')) {
      mkdirSync(dirname(join(GRPC_DIR, f.path)), { recursive: true });
      writeFileSync(join(GRPC_DIR, f.path), f.content);
    }
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund'], join(GRPC_DIR, 'services'));
    npm(['run', '-s', 'build'], join(GRPC_DIR, 'services'));
    redis = await startRedis(SERVER_PORT + 5);
    for (const w of grpcIr.workloads) {
      const logs: string[] = [];
      const child = spawn(process.execPath, ['dist/main.js'], {
        cwd: join(GRPC_DIR, 'services', w.name),
        env: { PATH: process.env.PATH, LOG_LEVEL: 'info', SHUTDOWN_DRAIN_MS: '1500', ...envOf(w.name) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (d: Buffer) => logs.push(...d.toString().split('\n').filter(Boolean)));
      child.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
      grpcProcs.set(w.name, { child, logs });
    }
    for (const name of ['cart', 'catalog'])
      await waitFor(
        `${name} not serving`,
        async () => health(name) === 0,
        () => grpcProcs.get(name)!.logs.join('\n'),
      );
  }, 600_000);

  afterAll(async () => {
    for (const p of grpcProcs.values()) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await redis?.stop();
  });

  it('serve gRPC behind the HTTP gateway and call each other over gRPC with an idempotency key', async () => {
    expect(envOf('cart').PRODUCT_CATALOG_SERVICE_ADDR).toMatch(/^127\.0\.0\.1:\d+$/); // host:port, no scheme
    const r = await fetch(`http://127.0.0.1:${grpcPorts.get('frontend')}/cart/7`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({
      service: 'cart',
      endpoint: 'GET /cart/:user',
      params: { user: '7' },
      calls: [{ to: 'catalog', status: 200 }],
    });
    const served = grpcProcs.get('catalog')!.logs.find((l) => l.includes('"rpc":"GetProduct"'));
    expect(served).toMatch(/"idempotencyKey":"[0-9a-f-]{36}"/);
    const p = await fetch(`http://127.0.0.1:${grpcPorts.get('frontend')}/products/3`);
    expect(await p.json()).toMatchObject({ service: 'catalog', endpoint: 'GET /products/:id', params: { id: '3' } });
  });

  it('answer the standard health service, NOT_SERVING while draining; the caller breaker opens', async () => {
    expect(health('catalog')).toBe(0);
    const catalog = grpcProcs.get('catalog')!.child;
    const exited = new Promise<number | null>((r) => catalog.once('exit', (code) => r(code)));
    catalog.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    expect(health('catalog')).toBe(1);
    expect(await exited).toBe(0);
    const cartLogs = grpcProcs.get('cart')!.logs;
    const opened = () => cartLogs.some((l) => l.includes('"breaker open"') && l.includes('catalog'));
    for (let i = 0; i < 10 && !opened(); i++) await fetch(`http://127.0.0.1:${grpcPorts.get('frontend')}/cart/1`);
    expect(opened()).toBe(true);
    const r = await fetch(`http://127.0.0.1:${grpcPorts.get('frontend')}/cart/1`);
    expect(r.status).toBe(503); // cart answers UNAVAILABLE, the gateway says 503
  });
});

describe('generated stubs', () => {
  it('of every golden case (all broker and store engines, sagas, odd names) type-check under strict', () => {
    const dir = join(ROOT, 'test/.tmp/stubs-all');
    rmSync(dir, { recursive: true, force: true });
    let tsconfig = '';
    for (const c of goldenCases()) {
      const d = parseDesign(readFileSync(c.file, 'utf8'), c.file).design!;
      for (const f of generate(d, 'stubs')) {
        mkdirSync(dirname(join(dir, c.name, f.path)), { recursive: true });
        writeFileSync(join(dir, c.name, f.path), f.content);
        if (!tsconfig && /^services\/[^/]+\/tsconfig\.json$/.test(f.path)) tsconfig = join(c.name, f.path);
      }
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: `./${tsconfig}`,
        compilerOptions: { rootDir: '.', noEmit: true, composite: false },
        include: ['*/services/*/src/**/*.ts'],
      }),
    );
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], {
      encoding: 'utf8',
    });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 300_000);
});
