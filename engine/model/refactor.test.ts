import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { applyEdits } from './edit.js';
import { parseDesign } from './parse.js';
import { operationRenameRefusal, planDelete, planRemoveOperation, renameNode, renameOperation, renameRefusal } from './refactor.js';

const shop = readFileSync(new URL('../../templates/e-commerce.arch.yaml', import.meta.url), 'utf8');
const rawOf = (text: string) => parseDocument(text).toJS() as Record<string, unknown>;

const small = `# a shop
name: shop
nodes:
  web: { kind: client, rate: 5, requests: [ { to: api } ] }
  api:
    kind: service # the front door
    calls:
      - { to: db, timeout: 300ms }
      - to: pay
  pay: { kind: service }
  "db": { kind: database }
  q: { kind: queue, consumers: [pay, api], dlq: dead }
  dead: { kind: queue }
  c: { kind: cache, miss: db }
scenarios:
  s1:
    traffic: { web: 2 }
    faults:
      - { node: pay, at: 1s, errorRate: 50% }
      - { call: api -> pay, delay: 10ms }
      - { call: api -> db, delay: 10ms }
    set: { pay.replicas: 3, api.replicas: 2 }
notes:
  pay: [slow card processor]
layout:
  pay: { x: 1, y: 2 }
  api: { x: 3, y: 4 }
`;

describe('deleting nodes with what refers to them', () => {
  it('removes calls, consumers, faults, settings, notes and layout, and says what else goes', () => {
    const plan = planDelete(rawOf(small), ['pay']);
    const out = applyEdits(small, plan.edits);
    const r = parseDesign(out);
    expect(r.problems).toEqual([]);
    const d = r.design!;
    expect(Object.keys(d.nodes)).not.toContain('pay');
    expect(d.nodes.api).toMatchObject({ calls: [{ to: 'db' }] });
    expect(d.nodes.q).toMatchObject({ consumers: ['api'] });
    expect(d.scenarios.s1!.faults.map((f) => f.call ?? f.node)).toEqual(['api -> db']);
    expect(d.scenarios.s1!.set).toEqual({ 'api.replicas': 2 });
    expect(d.notes).toEqual({});
    expect(Object.keys(d.layout)).toEqual(['api']);
    expect(plan.alsoRemoved).toEqual([
      'the call api → pay',
      'pay as a consumer of q',
      'fault 1 of scenario "s1" (on pay)',
      'fault 2 of scenario "s1" (on api → pay)',
      'the setting pay.replicas in scenario "s1"',
      'the note on pay',
    ]);
    // Comments survive.
    expect(out).toContain('# a shop');
    expect(out).toContain('kind: service # the front door');
  });

  it('deletes a client with its traffic, a database with the misses and calls to it', () => {
    const plan = planDelete(rawOf(small), ['web', 'db']);
    const r = parseDesign(applyEdits(small, plan.edits));
    expect(r.problems).toEqual([]);
    expect(r.design!.scenarios.s1!.traffic).toEqual({});
    expect(r.design!.nodes.c).not.toHaveProperty('miss', 'db');
    expect(plan.alsoRemoved).toContain('the traffic of web in scenario "s1"');
    expect(plan.alsoRemoved).toContain('the cache misses c → db');
  });

  it('deleting a call drops the faults on it, unless another entry still makes that call', () => {
    const plan = planDelete(rawOf(small), [], [{ from: 'api', to: 'pay', field: 'calls', indices: [1] }]);
    const r = parseDesign(applyEdits(small, plan.edits));
    expect(r.problems).toEqual([]);
    expect(plan.alsoRemoved).toEqual(['fault 2 of scenario "s1" (on api → pay)']);
    const dlq = planDelete(rawOf(small), [], [{ from: 'q', to: 'dead', field: 'dlq', indices: [] }]);
    expect(dlq.alsoRemoved).toEqual([]);
    expect(parseDesign(applyEdits(small, dlq.edits)).design!.nodes.q).not.toHaveProperty('dlq', 'dead');
  });

  it('deleting a gateway route takes its policy entry with it, so no call appears in its place', () => {
    const plan = planDelete(rawOf(shop), [], [{ from: 'gateway', to: 'order-service', field: 'routes', indices: [1] }]);
    const d = parseDesign(applyEdits(shop, plan.edits)).design!;
    const gw = d.nodes.gateway as { routes: { to: string }[]; calls: { to: string }[] };
    expect(gw.routes.map((r) => r.to)).toEqual(['user-service', 'inventory-service', 'checkout']);
    expect(gw.calls.map((c) => c.to)).toEqual(['user-service', 'inventory-service', 'checkout']);
    expect(plan.alsoRemoved).toEqual([]);
  });

  it('selecting every node of the e-commerce template leaves a valid, empty design', () => {
    const ids = Object.keys(parseDesign(shop).design!.nodes);
    const plan = planDelete(rawOf(shop), ids);
    const r = parseDesign(applyEdits(shop, plan.edits));
    expect(r.problems).toEqual([]);
    expect(Object.keys(r.design!.nodes)).toEqual([]);
    expect(Object.keys(r.design!.scenarios)).toContain('payment-outage');
    expect(plan.alsoRemoved.some((s) => s.startsWith('fault 1 of scenario "payment-outage"'))).toBe(true);
  });

  it('deleting any one node of the e-commerce template keeps it valid', () => {
    for (const id of Object.keys(parseDesign(shop).design!.nodes)) {
      const r = parseDesign(applyEdits(shop, planDelete(rawOf(shop), [id]).edits));
      expect(r.problems.map((p) => `${id}: ${p.message}`)).toEqual([]);
    }
  });
});

const withOps = `name: ops
nodes:
  api:
    kind: service
    operations:
      get: { calls: [ { to: db }, { to: pay } ] }
  pay: { kind: service }
  db: { kind: database }
review:
  ignore:
    - { rule: single-replica, node: pay, reason: a test }
`;

describe('operations and review entries', () => {
  it('delete removes operation calls and ignored findings on the node', () => {
    const plan = planDelete(rawOf(withOps), ['pay']);
    const r = parseDesign(applyEdits(withOps, plan.edits));
    expect(r.problems).toEqual([]);
    expect(plan.alsoRemoved).toEqual(['the call api → pay of operation "get"', 'the ignored review finding single-replica on pay']);
  });
  it('rename rewrites them', () => {
    const out = renameNode(withOps, 'pay', 'payments');
    expect(parseDesign(out).problems).toEqual([]);
    expect(out.replace(/payments/g, 'pay')).toBe(withOps);
  });
});

describe('renaming a node id', () => {
  it('rewrites every reference and changes no other character', () => {
    const out = renameNode(small, 'pay', 'payments');
    const r = parseDesign(out);
    expect(r.problems).toEqual([]);
    const d = r.design!;
    expect(Object.keys(d.nodes)).toEqual(['web', 'api', 'payments', 'db', 'q', 'dead', 'c']);
    expect(d.nodes.api).toMatchObject({ calls: [{ to: 'db' }, { to: 'payments' }] });
    expect(d.nodes.q).toMatchObject({ consumers: ['payments', 'api'] });
    expect(d.scenarios.s1!.faults.map((f) => f.call ?? f.node)).toEqual(['payments', 'api -> payments', 'api -> db']);
    expect(d.scenarios.s1!.set).toEqual({ 'payments.replicas': 3, 'api.replicas': 2 });
    expect(Object.keys(d.notes)).toEqual(['payments']);
    expect(Object.keys(d.layout)).toEqual(['payments', 'api']);
    // Only the names changed: undo the rename by hand and the text is the same.
    expect(out.replace(/payments/g, 'pay')).toBe(small);
  });

  it('keeps quoting, and quotes a new id that needs it', () => {
    expect(renameNode(small, 'db', 'store')).toContain('"store": { kind: database }');
    const out = renameNode(small, 'api', 'api: v2');
    expect(out).toContain('"api: v2":');
    expect(Object.keys(parseDesign(out).design!.nodes)).toContain('api: v2');
    expect(parseDesign(out).problems).toEqual([]);
  });

  it('renames in the e-commerce template without a problem', () => {
    const out = renameNode(shop, 'payment-service', 'payments');
    const r = parseDesign(out);
    expect(r.problems).toEqual([]);
    // The image name is not a reference: it stays.
    expect(out.split('\n').filter((l) => l.includes('payment-service'))).toEqual(['    image: shop/payment-service:2.0']);
    expect(out.split('\n').length).toBe(shop.split('\n').length);
  });

  it('refuses a taken, empty or same id', () => {
    const raw = rawOf(small);
    expect(renameRefusal(raw, 'pay', 'api')).toMatch(/already a node/);
    expect(renameRefusal(raw, 'pay', '')).toMatch(/1-63 characters/);
    expect(renameRefusal(raw, 'pay', ' x')).toMatch(/spaces/);
    expect(renameRefusal(raw, 'nope', 'x')).toMatch(/not a node/);
    expect(renameRefusal(raw, 'pay', 'pay2')).toBeNull();
    expect(() => renameNode(small, 'pay', 'api')).toThrow(/already a node/);
  });
});

const opsDesign = `name: ops
nodes:
  web:
    kind: client
    rate: 5
    requests:
      - { to: api, op: 'GET /items' } # the list page
      - { to: api, op: "POST /items", weight: 2 }
  gw:
    kind: gateway
    routes: [ { path: /items, to: api, op: GET /items } ]
  api:
    kind: service
    api: [ GET /items, GET /health ]
    operations:
      GET /items: { weight: 3, calls: [ { to: db, op: read } ] }
      "POST /items":
        latency: 20ms # writes are slow
        calls:
          - { to: db, op: write }
  db:
    kind: service
    operations:
      read: { weight: 9 }
      write: { weight: 1 }
  other:
    kind: service
    calls: [ { to: api, op: GET /items }, { to: db } ]
  order:
    kind: saga
    steps:
      - { name: save, to: db, op: write, compensate: read }
`;

describe('operations: rename and remove', () => {
  it('renaming an operation rewrites every op naming it and changes no other character', () => {
    expect(parseDesign(opsDesign).problems).toEqual([]);
    const out = renameOperation(opsDesign, 'api', 'GET /items', 'GET /products');
    const r = parseDesign(out);
    expect(r.problems).toEqual([]);
    const d = r.design!;
    expect(d.nodes.web).toMatchObject({ requests: [{ op: 'GET /products' }, { op: 'POST /items' }] });
    expect(d.nodes.gw).toMatchObject({ routes: [{ op: 'GET /products' }] });
    expect(d.nodes.other).toMatchObject({ calls: [{ to: 'api', op: 'GET /products' }, { to: 'db' }] });
    expect(d.nodes.api).toMatchObject({ api: ['GET /products', 'GET /health'] });
    expect(Object.keys((d.nodes.api as { operations: object }).operations)).toEqual(['GET /products', 'POST /items']);
    // The single-quoted one stays single-quoted, the comments stay, nothing else moved.
    expect(out).toContain("{ to: api, op: 'GET /products' } # the list page");
    expect(out.replace(/GET \/products/g, 'GET /items')).toBe(opsDesign);
  });

  it('renames a saga compensation and an operation of another node only when the callee matches', () => {
    const out = renameOperation(opsDesign, 'db', 'read', 'fetch');
    const d = parseDesign(out).design!;
    expect(parseDesign(out).problems).toEqual([]);
    expect(d.nodes.order).toMatchObject({ steps: [{ op: 'write', compensate: 'fetch' }] });
    expect(out).toContain('calls: [ { to: db, op: fetch } ]');
    expect(out).toContain('fetch: { weight: 9 }');
  });

  it('refuses a taken, empty or unknown name', () => {
    const raw = rawOf(opsDesign);
    expect(operationRenameRefusal(raw, 'api', 'GET /items', 'POST /items')).toMatch(/already has/);
    expect(operationRenameRefusal(raw, 'api', 'GET /items', '')).toMatch(/1-120 characters/);
    expect(operationRenameRefusal(raw, 'api', 'nope', 'x')).toMatch(/no operation "nope"/);
    expect(operationRenameRefusal(raw, 'web', 'x', 'y')).toMatch(/no operation/);
    expect(operationRenameRefusal(raw, 'api', 'GET /items', 'GET /x')).toBeNull();
    expect(() => renameOperation(opsDesign, 'api', 'GET /items', 'POST /items')).toThrow(/already has/);
  });

  it('removing an operation clears the ops that name it and says so', () => {
    const plan = planRemoveOperation(rawOf(opsDesign), 'api', 'GET /items');
    const r = parseDesign(applyEdits(opsDesign, plan.edits));
    expect(r.problems).toEqual([]);
    expect(plan.alsoRemoved).toEqual([
      '"GET /items" on the requests web → api',
      '"GET /items" on the route /items of gw → api',
      '"GET /items" on the call other → api',
    ]);
    expect(Object.keys((r.design!.nodes.api as { operations: object }).operations)).toEqual(['POST /items']);
    expect(r.design!.nodes.web).toMatchObject({ requests: [{ to: 'api' }, { op: 'POST /items' }] });
    expect((r.design!.nodes.web as { requests: { op?: string }[] }).requests[0]!.op).toBeUndefined();
  });

  it('removing the last operation removes the field', () => {
    const one = planRemoveOperation(rawOf(opsDesign), 'db', 'read');
    const two = planRemoveOperation(rawOf(applyEdits(opsDesign, one.edits)), 'db', 'write');
    const out = applyEdits(applyEdits(opsDesign, one.edits), two.edits);
    expect(parseDesign(out).problems).toEqual([]);
    expect(parseDesign(out).design!.nodes.db).not.toHaveProperty('operations.write');
    expect(rawOf(out).nodes).not.toHaveProperty('db.operations');
  });

  it('deleting a call listed under an operation removes just that entry', () => {
    const plan = planDelete(
      rawOf(opsDesign),
      [],
      [{ from: 'api', to: 'db', field: 'calls', indices: [], operations: { 'POST /items': [0] } }],
    );
    const r = parseDesign(applyEdits(opsDesign, plan.edits));
    expect(r.problems).toEqual([]);
    expect(plan.alsoRemoved).toEqual([]);
    const ops = (r.design!.nodes.api as { operations: Record<string, { calls?: unknown[] }> }).operations;
    expect(ops['POST /items']!.calls).toEqual([]);
    expect(ops['GET /items']!.calls).toHaveLength(1);
  });
});
