// Export -> import gives back the system: for every template and for generated designs, the
// compose export and the Kubernetes+Istio export import into a design with the same workloads,
// stores and brokers (by their exported names), kinds, calls, replicas, images, ports, autoscale,
// timeouts and retries, as far as each export carries them (docs/import.md "Round trip").
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edges, generate, parseDesign, type Design } from '../index.js';
import { buildModel, httpTargets as httpTargetsOf, type Ir } from '../generate/model.js';
import { importSystem } from './index.js';

const ROOT = join(import.meta.dirname, '../..');

type Target = 'compose' | 'k8s';

// Compose: `--target compose`, which runs the design's images (with `all` it builds the stubs,
// untagged, so the images are not in the file).
function exported(design: Design, target: Target) {
  return generate(design, target === 'compose' ? 'compose' : 'all')
    .filter((f) => (target === 'compose' ? f.path === 'docker-compose.yml' : /^(k8s|istio)\//.test(f.path)))
    .map((f) => ({ path: f.path, text: f.content }));
}

function reimport(design: Design, target: Target): Design {
  const r = importSystem(exported(design, target));
  expect(r.problems).toEqual([]);
  expect(r.invalid).toBeUndefined();
  return r.design!;
}

interface Projection {
  kinds: Record<string, string>;
  engines: Record<string, string>;
  /** caller -> callee, messaging as "uses" (publish or consume) */
  edges: string[];
  replicas: Record<string, number>;
  images: Record<string, string>;
  ports: Record<string, number>;
  autoscale: Record<string, { min: number; max: number; cpu: number }>;
  /** caller -> callee: timeout, tries, backoff */
  policies: Record<string, string>;
  versions: Record<string, Record<string, { weight: number; image?: string }>>;
}

const BROKER_KIND: Record<string, string> = { kafka: 'topic', nats: 'topic', rabbitmq: 'queue', sqs: 'queue', redis: 'queue' };

function policyKey(p: { timeout?: number; retry?: { attempts: number; backoff: number } }): string {
  const tries = p.retry && p.retry.attempts > 1 ? p.retry.attempts : 1;
  return `timeout=${p.timeout ?? '-'} tries=${tries}${tries > 1 ? ` backoff=${p.retry!.backoff}` : ''}`;
}

/** What an export carries, from the exporters' own intermediate model. */
function expected(design: Design, target: Target): Projection {
  const ir: Ir = buildModel(design);
  const p: Projection = {
    kinds: {},
    engines: {},
    edges: [],
    replicas: {},
    images: {},
    ports: {},
    autoscale: {},
    policies: {},
    versions: {},
  };
  for (const w of ir.workloads) {
    // Both exports label the kind (app.kubernetes.io/component): it comes back.
    p.kinds[w.name] = w.kind;
    p.replicas[w.name] = w.versions.length > 1 && target === 'k8s' ? w.versions[0]!.replicas : w.replicas;
    p.images[w.name] = w.image;
    p.ports[w.name] = w.port;
    const uses = new Set<string>();
    for (const t of httpTargetsOf(w)) if (t.name !== w.name) uses.add(t.name);
    for (const s of w.stores) uses.add(s.name);
    for (const b of w.brokers) uses.add(b.name);
    for (const u of uses) p.edges.push(`${w.name} -> ${u}`);
    if (target === 'k8s') {
      if (w.autoscale) p.autoscale[w.name] = { min: w.autoscale.min, max: w.autoscale.max, cpu: Math.round(w.autoscale.cpu * 100) / 100 };
      for (const t of httpTargetsOf(w)) {
        if (t.name === w.name || t.kind === 'miss') continue;
        const key = policyKey(t.policy);
        if (key !== 'timeout=- tries=1') p.policies[`${w.name} -> ${t.name}`] = key;
      }
      if (w.versions.length > 1)
        p.versions[w.name] = Object.fromEntries(
          w.versions.map((v) => [v.name, { weight: v.percent, ...(v.image !== w.image ? { image: v.image } : {}) }]),
        );
    }
  }
  for (const s of ir.stores) {
    p.kinds[s.name] = s.kind;
    p.engines[s.name] = s.engine;
  }
  for (const b of ir.brokers) {
    p.kinds[b.name] = BROKER_KIND[b.engine]!;
    p.engines[b.name] = b.engine;
  }
  p.edges.sort();
  return p;
}

function actual(design: Design, target: Target): Projection {
  const p: Projection = {
    kinds: {},
    engines: {},
    edges: [],
    replicas: {},
    images: {},
    ports: {},
    autoscale: {},
    policies: {},
    versions: {},
  };
  const clients = new Set(
    Object.entries(design.nodes)
      .filter(([, n]) => n.kind === 'client')
      .map(([id]) => id),
  );
  for (const [id, n] of Object.entries(design.nodes)) {
    if (n.kind === 'client') continue;
    p.kinds[id] = n.kind;
    if ('engine' in n) p.engines[id] = n.engine;
    if (n.kind === 'service' || n.kind === 'gateway' || n.kind === 'saga') {
      p.replicas[id] = n.replicas;
      p.images[id] = n.image ?? `${id}:latest`;
      p.ports[id] = n.port;
      if (n.autoscale && target === 'k8s') p.autoscale[id] = { min: n.autoscale.min, max: n.autoscale.max, cpu: n.autoscale.cpu };
      if (target === 'k8s') {
        for (const c of n.calls) {
          const key = policyKey(c);
          const to = design.nodes[c.to]!;
          if (key !== 'timeout=- tries=1' && (to.kind === 'service' || to.kind === 'gateway' || to.kind === 'saga'))
            p.policies[`${id} -> ${c.to}`] = key;
        }
        if (n.versions)
          p.versions[id] = Object.fromEntries(
            Object.entries(n.versions).map(([k, v]) => [k, { weight: v.weight, ...(v.image ? { image: v.image } : {}) }]),
          );
      }
    }
  }
  const seen = new Set<string>();
  for (const e of edges(design)) {
    if (clients.has(e.from) || e.from === e.to) continue;
    const key = e.kind === 'deliver' ? `${e.to} -> ${e.from}` : e.kind === 'dlq' ? '' : `${e.from} -> ${e.to}`;
    if (key) seen.add(key);
  }
  p.edges = [...seen].sort();
  return p;
}

const templates = readdirSync(join(ROOT, 'templates'))
  .filter((f) => f.endsWith('.arch.yaml'))
  .map((f) => ({ name: f, design: parseDesign(readFileSync(join(ROOT, 'templates', f), 'utf8'), f).design! }));

describe('export -> import round trip', () => {
  for (const t of templates)
    for (const target of ['compose', 'k8s'] as const)
      it(`${t.name} through ${target === 'k8s' ? 'Kubernetes + Istio' : 'docker-compose'}`, () => {
        expect(actual(reimport(t.design, target), target)).toEqual(expected(t.design, target));
      });

  it('every imported template has a way in: a client entering where the export lets traffic in', () => {
    for (const t of templates) {
      const d = reimport(t.design, 'k8s');
      const clients = Object.values(d.nodes).filter((n) => n.kind === 'client');
      expect(clients.length, t.name).toBeGreaterThan(0);
    }
  });
});

// Generated designs: services, gateways and sagas calling each other and every store and broker
// engine, with policies, autoscaling (replicas at the HPA's minimum: the HPA owns them) and canaries.
const NAMES = ['orders', 'Billing API', 'user.svc', 'cart', 'Search', 'ledger_v2', 'auth', 'catalog', 'pricing', 'inbox'];
const STORES = [
  { kind: 'database', engine: 'postgres' },
  { kind: 'database', engine: 'mysql' },
  { kind: 'database', engine: 'mongodb' },
  { kind: 'database', engine: 'cassandra' },
  { kind: 'database', engine: 'elasticsearch' },
  { kind: 'cache', engine: 'redis' },
  { kind: 'cache', engine: 'memcached' },
  { kind: 'queue', engine: 'rabbitmq' },
  { kind: 'queue', engine: 'sqs' },
  { kind: 'topic', engine: 'kafka' },
  { kind: 'topic', engine: 'nats' },
] as const;
const WELL_KNOWN = new Set([5432, 3306, 27017, 6379, 11211, 9200, 9042, 9092, 5672, 4222, 9324]);

const designArb = fc
  .record({
    services: fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 2, maxLength: 6 }),
    stores: fc.uniqueArray(fc.integer({ min: 0, max: STORES.length - 1 }), { maxLength: 4 }),
  })
  .chain(({ services, stores }) => {
    const storeIds = stores.map((i) => `${STORES[i]!.engine}-store`);
    const targets = [...services, ...storeIds];
    const policy = fc.record(
      {
        timeout: fc.integer({ min: 50, max: 5000 }),
        retry: fc.record({ attempts: fc.integer({ min: 1, max: 4 }), backoff: fc.integer({ min: 10, max: 500 }) }),
      },
      { requiredKeys: [] },
    );
    const call = fc.record({ to: fc.constantFrom(...targets), policy }).map(({ to, policy: p }) => ({ to, ...p }));
    const service = fc
      .record({
        kind: fc.constantFrom('service', 'service', 'gateway', 'saga'),
        port: fc.integer({ min: 1024, max: 40000 }).filter((p) => !WELL_KNOWN.has(p)),
        replicas: fc.integer({ min: 1, max: 6 }),
        image: fc.option(
          fc.constantFrom('acme/app:1.2', 'registry.example.com/team/app:2025.1', 'ghcr.io/acme/worker@sha256:abcdef0123456789'),
          { nil: undefined },
        ),
        calls: fc.array(call, { maxLength: 4 }),
        autoscale: fc.option(fc.record({ max: fc.integer({ min: 6, max: 20 }), cpu: fc.integer({ min: 30, max: 90 }) }), {
          nil: undefined,
        }),
        canary: fc.boolean(),
      })
      .map((s) => s);
    return fc.tuple(...services.map(() => service)).map((list) => {
      const nodes: Record<string, unknown> = {};
      services.forEach((id, i) => {
        const s = list[i]!;
        const calls = s.calls.filter((c, j) => s.calls.findIndex((x) => x.to === c.to) === j && c.to !== id);
        const node: Record<string, unknown> = { kind: s.kind, port: s.port, replicas: s.replicas, calls };
        if (s.image) node.image = s.image;
        if (s.autoscale) node.autoscale = { min: s.replicas, max: s.autoscale.max, cpu: s.autoscale.cpu / 100 };
        if (s.canary && !s.autoscale)
          node.versions = { stable: { weight: 80 }, canary: { weight: 20, image: 'acme/app:next', replicas: 1 } };
        const services2 = calls.filter((c) => services.includes(c.to));
        if (s.kind === 'gateway') node.routes = services2.map((c) => ({ path: `/${c.to.replace(/[^a-z]/gi, '')}`, to: c.to }));
        if (s.kind === 'saga') node.steps = services2.map((c, k) => ({ name: `step${k}`, to: c.to }));
        nodes[id] = node;
      });
      stores.forEach((i, k) => {
        const st = STORES[i]!;
        const consumer = services[k % services.length]!;
        nodes[storeIds[k]!] = {
          kind: st.kind,
          engine: st.engine,
          ...(st.kind === 'queue' || st.kind === 'topic' ? { consumers: [consumer] } : {}),
        };
      });
      nodes.visitors = { kind: 'client', rate: 5, requests: [{ to: services[0]! }] };
      return { version: 1, name: 'generated', nodes };
    });
  });

describe('export -> import round trip over generated designs', () => {
  for (const target of ['compose', 'k8s'] as const)
    it(`through ${target}`, () => {
      fc.assert(
        fc.property(designArb, (raw) => {
          const parsed = parseDesign(JSON.stringify(raw), 'gen.arch.yaml');
          expect(parsed.problems.map((x) => x.message)).toEqual([]);
          expect(actual(reimport(parsed.design!, target), target)).toEqual(expected(parsed.design!, target));
        }),
        { numRuns: 30 },
      );
    });
});
