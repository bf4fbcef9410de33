// Checked from outside (#13, #16): two public systems nobody here wrote, modelled from their own
// manifests and code (test/fixtures/review/*.arch.yaml say where from), reviewed. Each finding
// below is one a reviewer of that system would make; the absent rules are absent for a reason
// stated beside them. And their real manifests through `import`, then the review.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDesign } from '../model/parse.js';
import { importSystem } from '../import/index.js';
import { review } from './review.js';
import type { Finding } from './types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const load = (file: string) => {
  const r = parseDesign(readFileSync(root + file, 'utf8'), file);
  expect(r.problems).toEqual([]);
  return r.design!;
};
const byRule = (fs: Finding[]) => {
  const m: Record<string, string[][]> = {};
  for (const f of fs) (m[f.rule] ??= []).push(f.nodes);
  return m;
};

describe('Sock Shop', () => {
  const fs = review(load('test/fixtures/review/sock-shop.arch.yaml'));
  const got = byRule(fs);
  it('finds what makes it fragile, and nothing it does not have', () => {
    expect(Object.keys(got).sort()).toEqual([
      'chatty-calls',
      'missing-breaker',
      'missing-timeout',
      'nano-service',
      'no-dlq',
      'single-replica',
    ]);
    // orders asks user three times per order (customer, address, card): an N+1 to batch.
    expect(got['chatty-calls']).toEqual([['orders', 'user']]);
    expect(fs.find((f) => f.rule === 'chatty-calls')!.message).toContain(
      '"orders" (operation "POST /orders") calls "user" 3 times per request',
    );
    // Every service on a request's path runs one replica; queue-master is behind RabbitMQ (async).
    expect(got['single-replica']!.flat().sort()).toEqual(['carts', 'catalogue', 'front-end', 'orders', 'payment', 'shipping', 'user']);
    expect(fs.find((f) => f.rule === 'single-replica' && f.nodes[0] === 'payment')!.message).toContain(
      'shoppers -> front-end (POST /orders) -> orders (POST /orders) -> payment (POST /paymentAuth)',
    );
    // No call sets a timeout (17 calls from 11 caller-callee pairs, one finding per operation
    // that makes one), none between services has a breaker (9 calls, 7 pairs).
    expect(got['missing-timeout']).toHaveLength(17);
    expect(new Set(got['missing-timeout']!.map((n) => n.join('>'))).size).toBe(11);
    expect(got['missing-breaker']).toHaveLength(9);
    expect(new Set(got['missing-breaker']!.map((n) => n.join('>'))).size).toBe(7);
    expect(fs.filter((f) => f.rule === 'missing-timeout' && f.nodes.join('>') === 'user>user-db').map((f) => f.at)).toEqual([
      ['nodes', 'user', 'operations', 'GET /customers/:id', 'calls', 0],
      ['nodes', 'user', 'operations', 'GET /addresses/:id', 'calls', 0],
      ['nodes', 'user', 'operations', 'GET /cards/:id', 'calls', 0],
    ]);
    // orders needs 4 services at once: under sync-fan-out's 5. No chain is deeper than 2 hops.
    expect(got['sync-fan-out']).toBeUndefined();
    expect(got['deep-sync-chain']).toBeUndefined();
  });
});

describe('DeathStarBench hotelReservation', () => {
  const fs = review(load('test/fixtures/review/hotel-reservation.arch.yaml'));
  const got = byRule(fs);
  it('finds the single replicas and the gRPC calls without deadlines, following the operations', () => {
    expect(Object.keys(got).sort()).toEqual(['missing-breaker', 'missing-timeout', 'single-replica']);
    expect(got['single-replica']!.flat().sort()).toEqual([
      'frontend',
      'geo',
      'profile',
      'rate',
      'recommendation',
      'reservation',
      'search',
      'user',
    ]);
    expect(fs.find((f) => f.rule === 'single-replica' && f.nodes[0] === 'geo')!.message).toContain(
      'wrk2 -> frontend (GET /hotels) -> search (Nearby) -> geo (Nearby)',
    );
    // One finding per operation's call: 18 calls without a deadline (14 pairs), 10 without a breaker (7 pairs).
    expect(got['missing-timeout']).toHaveLength(18);
    expect(new Set(got['missing-timeout']!.map((n) => n.join('>'))).size).toBe(14);
    expect(got['missing-breaker']).toHaveLength(10);
    expect(new Set(got['missing-breaker']!.map((n) => n.join('>'))).size).toBe(7);
    // frontend has 6 synchronous neighbours (under god-service's 8); databases have one owner each.
    expect(got['god-service']).toBeUndefined();
    expect(got['shared-database']).toBeUndefined();
  });
});

describe('their real manifests through import, then the review', () => {
  const imported = (dir: string, files: string[]) => {
    const r = importSystem(files.map((f) => ({ path: `${dir}/${f}`, text: readFileSync(`${root}${dir}/${f}`, 'utf8') })));
    expect(r.invalid).toBeUndefined();
    return r.design!;
  };
  it("Sock Shop's Kubernetes manifest: the entry is found; the calls are in code, not in the manifest", () => {
    const fs = review(imported('test/fixtures/import/real/sock-shop-k8s', ['complete-demo.yaml']));
    const got = byRule(fs);
    expect(got['single-replica']).toEqual([['front-end']]);
    // The front-end's hosts are constants in its code: no env names them, so the rest is unreached.
    expect(got['unreachable']!.flat()).toEqual(expect.arrayContaining(['catalogue', 'orders', 'user']));
  });
  it("hotelReservation's compose file: each store's caller found and flagged; the frontend finds services through consul", () => {
    const fs = review(imported('test/fixtures/import/real/hotel-reservation', ['docker-compose.yml']));
    const got = byRule(fs);
    expect(got['missing-timeout']).toEqual(
      expect.arrayContaining([
        ['geo', 'mongodb-geo'],
        ['user', 'mongodb-user'],
      ]),
    );
    expect(got['single-replica']).toEqual([['frontend']]);
    // Service addresses come from consul at run time, not from the file: the services are unreached.
    expect(got['unreachable']!.flat()).toEqual(expect.arrayContaining(['search', 'geo', 'profile']));
  });
});
