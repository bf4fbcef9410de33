// Unit checks of the mappings that are easy to get subtly wrong: safe names and collisions,
// Istio's retry units and time budget, canary percentages.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildModel, dnsLabel, envPrefix, generate, parseDesign, tsIdentifier } from '../../engine/index.js';
import { istioDuration, policyRoute, totalBudget } from '../../engine/generate/istio.js';
import { percentages } from '../../engine/generate/model.js';

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
    expect(dnsLabel('---')).toBe('node');
    expect(dnsLabel('x'.repeat(70))).toHaveLength(63);
    expect(envPrefix('orders-db')).toBe('ORDERS_DB');
    expect(envPrefix('123-go')).toBe('_123_GO');
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
    const vs = generate(d, 'istio').find((f) => f.path === 'istio/gw.yaml')!;
    const docs = vs.content.split(/^---$/m).map(
      (x) =>
        parse(x) as {
          kind: string;
          metadata: { name: string };
          spec: { http: { route: { weight: number; destination: { subset: string } }[] }[] };
        },
    );
    const ingress = docs.find((x) => x.metadata.name === 'gw-ingress')!;
    expect(ingress.spec.http[0]!.route.map((r) => [r.destination.subset, r.weight])).toEqual([
      ['v1', 90],
      ['v2', 10],
    ]);
  });
});
