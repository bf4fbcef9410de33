import { describe, expect, it } from 'vitest';
import { applyEdits, syncText } from './edit.js';
import { parseDesign } from './parse.js';

const text = `# my shop
name: shop
nodes:
  # the API everyone calls
  api:
    kind: service
    replicas: 2 # two is enough for now
    calls: [ { to: db, timeout: 300ms } ]
  db: { kind: database } # postgres
`;

describe('editing a design text', () => {
  it('applyEdits changes one value and keeps every comment', () => {
    const out = applyEdits(text, [{ path: ['nodes', 'api', 'replicas'], value: 5 }]);
    expect(out).toContain('replicas: 5 # two is enough for now');
    for (const c of ['# my shop', '# the API everyone calls', '# postgres']) expect(out).toContain(c);
    expect(parseDesign(out).design!.nodes.api).toMatchObject({ replicas: 5 });
  });

  it('applyEdits deletes and adds nodes', () => {
    const out = applyEdits(text, [
      { path: ['nodes', 'cache'], value: { kind: 'cache', miss: 'db' } },
      { path: ['nodes', 'api', 'calls'], value: undefined },
    ]);
    const d = parseDesign(out).design!;
    expect(Object.keys(d.nodes)).toEqual(['api', 'db', 'cache']);
    expect(d.nodes.api).toMatchObject({ calls: [] });
    expect(out).toContain('cache: { kind: cache, miss: db }');
  });

  it('syncText makes the text match a new object, touching only what changed', () => {
    const next = {
      name: 'shop',
      nodes: {
        api: { kind: 'service', replicas: 3, calls: [{ to: 'db', timeout: '300ms' }] },
        db: { kind: 'database' },
        web: { kind: 'client', requests: [{ to: 'api' }] },
      },
    };
    const out = syncText(text, next);
    expect(out).toContain('replicas: 3 # two is enough for now');
    expect(out).toContain('# the API everyone calls');
    expect(out).toContain('db: { kind: database } # postgres');
    expect(out.indexOf('api:')).toBeLessThan(out.indexOf('web:'));
    expect(parseDesign(out).problems).toEqual([]);
  });

  it('refuses to edit text that does not parse, so the user text is never replaced', () => {
    expect(() => applyEdits('nodes: { a: [', [{ path: ['name'], value: 'x' }])).toThrow(/YAML errors/);
  });
});
