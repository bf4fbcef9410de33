import { describe, expect, it } from 'vitest';
import shop from '../../templates/e-commerce.arch.yaml?raw';
import { parseDesign } from '../../engine/index';
import { createEditorStore } from './editorStore';
import { rawOf } from './rawDocument';

describe('editor store', () => {
  it('keeps the last valid model while the text is broken, and records typing as one step', async () => {
    const s = createEditorStore({ parseDelay: 0 });
    s.getState().load(shop, 'e-commerce.arch.yaml', null);
    expect(Object.keys(s.getState().model!.nodes)).toHaveLength(18);
    s.getState().editText(`${shop}\n  broken: [`);
    await new Promise((r) => setTimeout(r, 5));
    expect(s.getState().problems.length).toBeGreaterThan(0);
    expect(Object.keys(s.getState().model!.nodes)).toHaveLength(18);
    s.getState().undo();
    expect(s.getState().text).toBe(shop);
    expect(s.getState().problems).toHaveLength(0);
  });

  it('a move is one undo step that keeps every other byte', () => {
    const s = createEditorStore();
    s.getState().load(shop, 'e-commerce.arch.yaml', null);
    s.getState().moveNodes({ web: { x: 10.4, y: 20 }, mobile: { x: 10, y: 120 } });
    expect(s.getState().model!.layout.web).toEqual({ x: 10, y: 20 });
    expect(s.getState().text.startsWith(shop.trimEnd())).toBe(true);
    s.getState().moveNodes({ web: { x: 50, y: 20 } });
    expect(s.getState().text).toContain('web: { x: 50, y: 20 }');
    expect(s.getState().history.undo).toHaveLength(2);
    s.getState().undo();
    expect(s.getState().model!.layout.web).toEqual({ x: 10, y: 20 });
  });

  it('connects with the engine rules and refuses calls to a client', () => {
    const s = createEditorStore();
    s.getState().load(shop, 'e-commerce.arch.yaml', null);
    expect(s.getState().connect('order-service', 'web')).toMatch(/nothing may call a client/);
    expect(s.getState().connect('order-service', 'payment-service')).toBeNull();
    expect(s.getState().model!.nodes['order-service']!.kind).toBe('service');
    const calls = (s.getState().model!.nodes['order-service'] as { calls: { to: string }[] }).calls;
    expect(calls.map((c) => c.to)).toContain('payment-service');
    expect(s.getState().text).toContain('# canary: 10 % of the traffic goes to 1.5');
  });

  it('an edge from a gateway adds a route, from a saga a step: what they forward along', () => {
    const s = createEditorStore();
    s.getState().load(shop, 'e-commerce.arch.yaml', null);
    expect(s.getState().connect('gateway', 'notification-service')).toBeNull();
    const gw = s.getState().model!.nodes.gateway as { routes: { path: string; to: string }[]; calls: { to: string }[] };
    expect(gw.routes.at(-1)).toMatchObject({ path: '/notification-service', to: 'notification-service' });
    expect(gw.calls.map((c) => c.to)).not.toContain('notification-service');
    expect(s.getState().connect('gateway', 'user-service')).toMatch(/already routes to user-service/);
    // The first segment of the target's first endpoint, when it has an api and that path is free.
    expect(s.getState().connect('gateway', 'checkout')).toMatch(/already/);
    expect(s.getState().connect('checkout', 'notification-service')).toBeNull();
    const saga = s.getState().model!.nodes.checkout as { steps: { name: string; to: string }[] };
    expect(saga.steps.at(-1)).toMatchObject({ name: 'notification', to: 'notification-service' });
    expect(s.getState().problems).toEqual([]);
    expect(s.getState().text).toContain('# canary: 10 % of the traffic goes to 1.5');
  });

  it('a new route takes its path from the target api, else its id, and never repeats one', () => {
    const s = createEditorStore();
    const yaml = [
      'version: 1',
      'name: t',
      'nodes:',
      '  edge: { kind: gateway }',
      "  orders: { kind: service, api: ['GET /orders/:id', 'POST /orders'] }",
      "  orders-v2: { kind: service, api: ['GET /orders'] }",
      '  users: { kind: service }',
      '',
    ].join('\n');
    s.getState().load(yaml, 't.arch.yaml', null);
    for (const to of ['orders', 'orders-v2', 'users']) expect(s.getState().connect('edge', to)).toBeNull();
    const routes = (s.getState().model!.nodes.edge as { routes: { path: string; to: string }[] }).routes;
    expect(routes.map((r) => [r.path, r.to])).toEqual([
      ['/orders', 'orders'],
      ['/orders-v2', 'orders-v2'],
      ['/users', 'users'],
    ]);
    expect(s.getState().problems).toEqual([]);
  });

  it('deletes a node with every reference to it, and pastes copies under new ids', () => {
    const s = createEditorStore();
    s.getState().load(shop, 'e-commerce.arch.yaml', null);
    s.getState().select({ nodes: ['payments-db'], edge: null });
    s.getState().deleteSelection();
    // It says what else goes before it deletes anything.
    expect(s.getState().confirmation?.items).toEqual(['the call payment-service → payments-db']);
    expect(s.getState().model!.nodes['payments-db']).toBeDefined();
    s.getState().answer('confirm');
    expect(s.getState().problems).toEqual([]);
    expect(s.getState().model!.nodes['payments-db']).toBeUndefined();
    // One undo step brings the node and its call back.
    s.getState().undo();
    expect(s.getState().text).toBe(shop);
    s.getState().redo();
    s.getState().select({ nodes: ['orders-db'], edge: null });
    s.getState().duplicate();
    expect(s.getState().model!.nodes['orders-db-copy']?.kind).toBe('database');
    expect(s.getState().selection.nodes).toEqual(['orders-db-copy']);
  });

  it('deleting every node of a template asks once, leaves a valid design, and undoes in one step', () => {
    const s = createEditorStore();
    s.getState().load(shop, 'e-commerce.arch.yaml', null);
    s.getState().selectAll();
    s.getState().deleteSelection();
    expect(s.getState().confirmation!.title).toBe('Delete 18 nodes?');
    expect(s.getState().confirmation!.items).toContain('fault 1 of scenario "payment-outage" (on payment-service)');
    s.getState().answer('confirm');
    expect(s.getState().problems).toEqual([]);
    expect(Object.keys(s.getState().model!.nodes)).toEqual([]);
    // A node added afterwards appears in the model.
    expect(s.getState().addNode('service', { x: 0, y: 0 })).toBe('new-service');
    expect(Object.keys(s.getState().model!.nodes)).toEqual(['new-service']);
    s.getState().undo();
    s.getState().undo();
    expect(s.getState().text).toBe(shop);
  });

  it('renames a node and every reference as one undo step; refuses a taken id', () => {
    const s = createEditorStore();
    s.getState().load(shop, 'e-commerce.arch.yaml', null);
    s.getState().select({ nodes: ['payment-service'], edge: null });
    expect(s.getState().renameNode('payment-service', 'payments')).toBeNull();
    expect(s.getState().problems).toEqual([]);
    expect(s.getState().selection.nodes).toEqual(['payments']);
    expect(s.getState().model!.scenarios['payment-outage']!.faults[0]!.node).toBe('payments');
    expect(s.getState().history.undo.at(-1)!.label).toBe('Rename payment-service → payments');
    expect(s.getState().renameNode('payments', 'web')).toMatch(/already a node/);
    s.getState().undo();
    expect(s.getState().text).toBe(shop);
  });

  it('a deferred drop is written after the frame as one step, and any action completes it first', () => {
    const frames: (() => void)[] = [];
    const s = createEditorStore({ afterFrame: (fn) => frames.push(fn) });
    s.getState().load(shop, 'e-commerce.arch.yaml', null);
    s.getState().moveNodes({ web: { x: 7, y: 8 } }, { defer: true });
    expect(s.getState().text).toBe(shop);
    frames.shift()!();
    expect(s.getState().text).toContain('web: { x: 7, y: 8 }');
    expect(s.getState().model!.layout.web).toEqual({ x: 7, y: 8 });
    expect(rawOf(s.getState().text)!.layout).toMatchObject({ web: { x: 7, y: 8 } });
    s.getState().moveNodes({ web: { x: 9, y: 9 } }, { defer: true });
    // Undo before the frame: the move lands first, then is undone as one step.
    s.getState().undo();
    expect(s.getState().model!.layout.web).toEqual({ x: 7, y: 8 });
    expect(s.getState().history.undo).toHaveLength(1);
    frames.forEach((f) => f());
    expect(s.getState().model!.layout.web).toEqual({ x: 7, y: 8 });
  });

  it('opens a large text through the worker: the document is swapped in whole when parsed', async () => {
    const answers: ((r: ReturnType<typeof parseDesign>) => void)[] = [];
    const s = createEditorStore({ asyncParseFrom: 0, parse: () => new Promise((r) => answers.push(r)), parseRaw: async () => null });
    s.getState().load(shop, 'first.arch.yaml', null);
    s.getState().load(`${shop}\n# second`, 'second.arch.yaml', null);
    await Promise.resolve();
    expect(s.getState().text).toBe('');
    expect(s.getState().stale).toBe(true);
    answers[0]!(parseDesign(shop, 'first.arch.yaml'));
    answers[1]!(parseDesign(`${shop}\n# second`, 'second.arch.yaml'));
    await new Promise((r) => setTimeout(r, 0));
    expect(s.getState().fileName).toBe('second.arch.yaml');
    expect(s.getState().text.endsWith('# second')).toBe(true);
    expect(Object.keys(s.getState().model!.nodes)).toHaveLength(18);
    expect(s.getState().stale).toBe(false);
  });

  it('renames an operation and the ops naming it as one undo step; removing one asks first', () => {
    const s = createEditorStore();
    s.getState().load(shop, 'e-commerce.arch.yaml', null);
    expect(s.getState().renameOperation('inventory-service', 'POST /reservations', 'POST /holds')).toBeNull();
    const text = s.getState().text;
    expect(text).not.toContain('POST /reservations');
    expect(text.match(/POST \/holds/g)!.length).toBeGreaterThanOrEqual(3);
    expect(s.getState().problems).toEqual([]);
    expect(s.getState().history.undo).toHaveLength(1);
    s.getState().undo();
    expect(s.getState().text).toBe(shop);
    // Removing it: callers name it, so it asks, and confirming is one undo step.
    s.getState().removeOperation('inventory-service', 'POST /reservations');
    expect(s.getState().confirmation?.items?.length).toBeGreaterThan(0);
    expect(s.getState().text).toBe(shop);
    s.getState().answer('confirm');
    expect(s.getState().text).not.toContain('POST /reservations');
    expect(s.getState().problems).toEqual([]);
    s.getState().undo();
    expect(s.getState().text).toBe(shop);
  });
});
