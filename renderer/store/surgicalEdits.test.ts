import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editText, scalarSource } from './surgicalEdits';

const text = `# a comment
nodes:
  api:
    kind: service
    replicas: 2 # why two
    calls:
      - {
          to: db,
          timeout: 500ms,
        }
layout:
  api: { x: 10, y: 20 }
`;

describe('surgical text edits', () => {
  it('changes a scalar and nothing else', () => {
    const out = editText(text, [{ path: ['nodes', 'api', 'replicas'], value: 5 }]);
    expect(out).toBe(text.replace('replicas: 2', 'replicas: 5'));
  });

  it('moves a node by rewriting its two coordinates', () => {
    const out = editText(text, [{ path: ['layout', 'api'], value: { x: 300, y: -4 } }]);
    expect(out).toBe(text.replace('{ x: 10, y: 20 }', '{ x: 300, y: -4 }'));
  });

  it('changes a value inside a hand-wrapped flow mapping in place', () => {
    const out = editText(text, [{ path: ['nodes', 'api', 'calls', 0, 'timeout'], value: '2s' }]);
    expect(out).toBe(text.replace('timeout: 500ms', 'timeout: 2s'));
  });

  it('quotes what needs quoting, in flow context too', () => {
    expect(scalarSource('GET /orders')).toBe('GET /orders');
    expect(scalarSource('a, b')).toBe('"a, b"');
    expect(scalarSource('true')).toBe('"true"');
    expect(scalarSource('3')).toBe('"3"');
    const out = editText(text, [{ path: ['nodes', 'api', 'calls', 0, 'to'], value: 'x, y' }]);
    expect(parse(out).nodes.api.calls[0].to).toBe('x, y');
  });

  it('falls back to the engine for new keys', () => {
    const out = editText(text, [{ path: ['nodes', 'api', 'port'], value: 8080 }]);
    expect(parse(out).nodes.api.port).toBe(8080);
    expect(out).toContain('# why two');
  });
});

describe('surgical insertions', () => {
  it('adds a position to an existing layout block as one line', () => {
    const out = editText(text, [{ path: ['layout', 'db'], value: { x: 1, y: 2 } }]);
    expect(out).toBe(`${text}  db: { x: 1, y: 2 }\n`);
  });

  it('creates the layout block at the end when the file has none', () => {
    const src = 'nodes:\n  a: { kind: service }\n';
    const out = editText(src, [
      { path: ['layout', 'a'], value: { x: 5, y: 6 } },
      { path: ['layout', 'b'], value: { x: 7, y: 8 } },
    ]);
    expect(parse(out).layout).toEqual({ a: { x: 5, y: 6 }, b: { x: 7, y: 8 } });
    expect(out.startsWith(src)).toBe(true);
  });

  it('adds a field to a node after its last line', () => {
    const out = editText(text, [{ path: ['nodes', 'api', 'port'], value: 8080 }]);
    expect(parse(out).nodes.api.port).toBe(8080);
    expect(out).toContain('timeout: 500ms,\n        }\n    port: 8080\nlayout:');
  });
});

describe('surgical insertions of nodes and list items', () => {
  it('adds a node as a block and appends a call line', () => {
    let out = editText(text, [{ path: ['nodes', 'cache'], value: { kind: 'cache', engine: 'redis', hitRatio: '90%' } }]);
    expect(out).toContain('  cache:\n    kind: cache\n    engine: redis\n    hitRatio: 90%\nlayout:');
    out = editText(out, [{ path: ['nodes', 'api', 'calls', 1], value: { to: 'cache' } }]);
    expect(parse(out).nodes.api.calls).toEqual([{ to: 'db', timeout: '500ms' }, { to: 'cache' }]);
    expect(out).toContain('        }\n      - { to: cache }\n');
    out = editText(out, [{ path: ['nodes', 'cache', 'calls'], value: [{ to: 'api' }] }]);
    expect(parse(out).nodes.cache.calls).toEqual([{ to: 'api' }]);
    expect(out).toContain('# a comment');
  });

  it('writes nodes added to an empty `nodes: {}` in block style, one per entry', () => {
    const blank = 'version: 1\nname: untitled\nnodes: {} # none yet\n';
    let out = editText(blank, [
      { path: ['nodes', 'new-service'], value: { kind: 'service', replicas: 2, latency: '10ms' } },
      { path: ['layout', 'new-service'], value: { x: 10, y: 20 } },
    ]);
    expect(out).toBe(
      'version: 1\nname: untitled\nnodes: # none yet\n  new-service:\n    kind: service\n    replicas: 2\n    latency: 10ms\n' +
        'layout:\n  new-service: { x: 10, y: 20 }\n',
    );
    out = editText(out, [{ path: ['nodes', 'new-client'], value: { kind: 'client', rate: 50 } }]);
    expect(out).toContain('    latency: 10ms\n  new-client: { kind: client, rate: 50 }\nlayout:');
    expect(parse(out).nodes).toEqual({
      'new-service': { kind: 'service', replicas: 2, latency: '10ms' },
      'new-client': { kind: 'client', rate: 50 },
    });
  });

  it('adds the first operation of a node as a block, and the next as one line', () => {
    let out = editText(text, [{ path: ['nodes', 'api', 'operations'], value: { 'GET /items': { weight: 1 } } }]);
    expect(out).toContain('        }\n    operations:\n      GET /items: { weight: 1 }\nlayout:');
    out = editText(out, [{ path: ['nodes', 'api', 'operations', 'POST /items'], value: { weight: 1 } }]);
    expect(out).toContain('      GET /items: { weight: 1 }\n      POST /items: { weight: 1 }\nlayout:');
    expect(parse(out).nodes.api.operations).toEqual({ 'GET /items': { weight: 1 }, 'POST /items': { weight: 1 } });
    expect(out).toContain('# a comment');
  });

  it('adds a key to a one-line flow mapping before its brace, nothing else moved', () => {
    const src = 'nodes:\n  api:\n    kind: service\n    operations:\n      "GET /x": { weight: 1 } # reads\n';
    const out = editText(src, [
      { path: ['nodes', 'api', 'operations', 'GET /x', 'latency'], value: '4ms' },
      { path: ['nodes', 'api', 'operations', 'GET /x', 'errorRate'], value: '1%' },
    ]);
    expect(out).toBe(
      'nodes:\n  api:\n    kind: service\n    operations:\n      "GET /x": { weight: 1, latency: 4ms, errorRate: 1% } # reads\n',
    );
  });
});
