import { describe, expect, it } from 'vitest';
import { argShapes, CHANNELS, MAX_EXPORT_FILES, MAX_TEXT, menuCommandShape } from './contract.js';
import { ShapeError } from './shape.js';

const check = (channel: keyof typeof argShapes, raw: unknown[]) => argShapes[channel](raw, `${channel} `);

describe('IPC contract argument shapes', () => {
  it('accepts well-formed arguments and returns them typed', () => {
    expect(check('file:save', [{ path: '/a/b.arch.yaml', name: 'b.arch.yaml', text: 'x: 1' }, { saveAs: true }])).toEqual([
      { path: '/a/b.arch.yaml', name: 'b.arch.yaml', text: 'x: 1' },
      { saveAs: true },
    ]);
    expect(check('file:save', [{ path: null, name: 'Untitled', text: '' }])).toEqual([
      { path: null, name: 'Untitled', text: '' },
      undefined,
    ]);
    expect(check('export:write', ['/out', [{ path: 'k8s/a.yaml', content: 'kind: X' }]])).toHaveLength(2);
    expect(check('document:state', [{ name: 'shop', dirty: true }])).toEqual([{ name: 'shop', dirty: true }]);
  });

  it.each([
    ['file:openPath', [42]],
    ['file:openPath', ['']],
    ['file:openPath', ['/etc/passwd\0.arch.yaml']],
    ['file:openPath', []],
    ['file:save', [{ path: '/a', name: 'a', text: 1 }]],
    ['file:save', [{ path: '/a', name: 'a' }]],
    ['file:save', [{ path: '/a', name: 'a', text: '', extra: true }]],
    ['file:save', [{ path: '/a', name: 'a', text: '' }, { saveAs: 'yes' }]],
    ['file:save', ['not an object']],
    ['file:save', [[]]],
    ['export:write', ['/out', { path: 'a', content: 'b' }]],
    ['export:write', ['/out', [{ path: 'a' }]]],
    ['export:write', ['/out', [{ path: '', content: '' }]]],
    ['recovery:save', ['text']],
    ['document:state', [{ name: 'x', dirty: 'yes' }]],
    ['recent:list', ['unexpected']],
  ] as const)('%s rejects %j', (channel, raw) => {
    expect(() => check(channel, raw as unknown as unknown[])).toThrow(ShapeError);
  });

  it('rejects objects that are not plain (class instances, prototype tricks)', () => {
    class Sneaky {
      path = '/a';
      name = 'a';
      text = '';
    }
    expect(() => check('file:save', [new Sneaky()])).toThrow(/plain object/);
    expect(() => check('file:save', [JSON.parse('{"path":"/a","name":"a","text":"","__proto__":{"x":1}}')])).toThrow(/unexpected field/);
  });

  it('caps sizes so a runaway renderer cannot make main allocate without bound', () => {
    expect(() => check('recovery:save', ['x'.repeat(MAX_TEXT + 1), 'n'])).toThrow(/longer than/);
    const many = Array.from({ length: MAX_EXPORT_FILES + 1 }, (_, i) => ({ path: `f${i}`, content: '' }));
    expect(() => check('export:write', ['/out', many])).toThrow(/more than/);
  });

  it('names the place of the problem', () => {
    expect(() =>
      check('export:write', [
        '/out',
        [
          { path: 'a', content: 'ok' },
          { path: 'b', content: 7 },
        ],
      ]),
    ).toThrow('export:write arg1[1].content: expected a string, got number');
  });

  it('has a shape for every channel and validates menu commands', () => {
    expect(CHANNELS).toContain('menu:ready');
    expect(CHANNELS.every((c) => typeof argShapes[c] === 'function')).toBe(true);
    expect(menuCommandShape('save', '')).toBe('save');
    expect(() => menuCommandShape('rm -rf', '')).toThrow(ShapeError);
  });
});
