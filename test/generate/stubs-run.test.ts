// The e-commerce stubs for real: they type-check with tsc (strict), start as processes on
// loopback with the environment of the generated compose file (addresses rewritten to loopback
// ports), answer through the gateway from the services the design routes to, run the saga, carry
// the trace, and a stopped callee opens its caller's breaker. Kafka is absent on purpose: the
// services must start and serve anyway (readiness reports it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { generate, parseDesign, buildModel } from '../../engine/index.js';
import { STUB_VERSIONS } from '../../engine/generate/versions.js';
import { ROOT, goldenCases } from './cases.js';

const DIR = join(ROOT, 'test/.tmp/stubs-run');
const file = join(ROOT, 'templates/e-commerce.arch.yaml');
const design = parseDesign(readFileSync(file, 'utf8'), file).design!;
const ir = buildModel(design);
const BASE_PORT = 41_300 + (process.pid % 200) * 10;
const ports = new Map(ir.workloads.map((w, i) => [w.name, BASE_PORT + i]));
const procs = new Map<string, { child: ChildProcess; logs: string[] }>();

function envFor(name: string): Record<string, string> {
  const compose = parse(generate(design, 'compose')[0]!.content, { version: '1.1' }) as {
    services: Record<string, { environment: Record<string, string> }>;
  };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(compose.services[name]!.environment)) {
    let value = v;
    const m = /^([a-z]+):\/\/([^:/]+):(\d+)(.*)$/.exec(v);
    if (m) {
      // Workloads run on loopback ports; stores and Kafka are absent: a closed loopback port.
      const port = ports.get(m[2]!) ?? 9;
      value = `${m[1]}://127.0.0.1:${port}${m[4]}`;
    }
    if (value.startsWith('${')) value = 'stub-test';
    env[k] = value;
  }
  env.PORT = String(ports.get(name));
  return env;
}

function start(name: string) {
  const logs: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', join(DIR, 'services', name, 'src/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...envFor(name) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => logs.push(...d.toString().split('\n').filter(Boolean)));
  child.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
  procs.set(name, { child, logs });
}

const url = (name: string, path: string) => `http://127.0.0.1:${ports.get(name)}${path}`;

async function waitLive(name: string) {
  const w = ir.workloads.find((x) => x.name === name)!;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url(name, w.health.liveness))).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not start:\n${procs.get(name)!.logs.join('\n')}`);
}

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  for (const f of generate(design, 'stubs')) {
    mkdirSync(dirname(join(DIR, f.path)), { recursive: true });
    writeFileSync(join(DIR, f.path), f.content);
  }
  for (const w of ir.workloads) start(w.name);
  await Promise.all(ir.workloads.map((w) => waitLive(w.name)));
}, 120_000);

afterAll(() => {
  for (const p of procs.values()) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

describe('e-commerce stubs', () => {
  it('pin the versions this repository installs', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const [name, version] of Object.entries(STUB_VERSIONS))
      expect(pkg.dependencies[name] ?? pkg.devDependencies[name], name).toBe(version);
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

  it('serve without Kafka and say so in readiness', async () => {
    const r = await fetch(url('order-service', '/health/readiness'));
    expect(r.status).toBe(503);
    const body = (await r.json()) as { checks: Record<string, boolean> };
    expect(body.checks.kafka).toBe(false);
    expect((await fetch(url('gateway', '/health/readiness'))).status).toBe(200);
  });

  it("open the caller's breaker when its callee is stopped", async () => {
    const inv = procs.get('inventory-service')!.child;
    const exited = new Promise<number | null>((r) => inv.once('exit', (code) => r(code)));
    inv.kill('SIGTERM');
    expect(await exited).toBe(0); // graceful shutdown
    const orderLogs = procs.get('order-service')!.logs;
    const opened = () => orderLogs.some((l) => l.includes('"breaker open"') && l.includes('inventory-service'));
    for (let i = 0; i < 30 && !opened(); i++) await fetch(url('order-service', '/orders/1'));
    expect(opened()).toBe(true);
    const t0 = Date.now();
    const r = await fetch(url('order-service', '/orders/1'));
    expect(r.status).toBe(503);
    expect(Date.now() - t0).toBeLessThan(200); // no tries while open
  });

  // Last: the long type-checks must not leave the running stubs' sockets idle before the runtime checks.
  it('type-check with tsc --noEmit under strict', () => {
    writeFileSync(
      join(DIR, 'tsconfig.json'),
      JSON.stringify({
        extends: './services/gateway/tsconfig.json',
        compilerOptions: { rootDir: '.', noEmit: true },
        include: ['services/*/src/**/*.ts'],
      }),
    );
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(DIR, 'tsconfig.json')], {
      encoding: 'utf8',
    });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 240_000);

  it('of every golden case (all broker engines, sagas, odd names) type-check too', () => {
    const dir = join(ROOT, 'test/.tmp/stubs-all');
    rmSync(dir, { recursive: true, force: true });
    for (const c of goldenCases()) {
      const d = parseDesign(readFileSync(c.file, 'utf8'), c.file).design!;
      for (const f of generate(d, 'stubs')) {
        mkdirSync(dirname(join(dir, c.name, f.path)), { recursive: true });
        writeFileSync(join(dir, c.name, f.path), f.content);
      }
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../stubs-run/services/gateway/tsconfig.json',
        compilerOptions: { rootDir: '.', noEmit: true },
        include: ['*/services/*/src/**/*.ts'],
      }),
    );
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], {
      encoding: 'utf8',
    });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 240_000);
});
