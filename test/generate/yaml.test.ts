// The exports' YAML writer: every value reads back the same through the `yaml` library in YAML 1.1
// (compose, kubectl) and 1.2, strings YAML 1.1 would take for booleans, numbers, nulls or dates
// stay strings, and comments land where they are asked for.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { toYaml, withComments } from '../../engine/generate/yaml.js';

const TRICKY = [
  ...['yes', 'No', 'on', 'OFF', 'y', 'n', 'Y', 'N', 'true', 'False', 'null', 'Null', '~', '', '=', '<<'],
  ...['0777', '0o17', '0x1F', '1e3', '1_000', '1__0', '+.5', '.5', '-.inf', '.NaN', '+1', '-0', '1.', '08', '2:30', '190:20:30'],
  ...[
    '2001-12-14',
    '0xFF',
    '0XAB',
    '0b1',
    '0o7',
    '1e',
    '10Gi',
    '1.5Gi',
    '30s',
    '1.5.6m',
    '2001-12-14t21:59:43.10-05:00',
    '12:00',
    '0b101',
    '100m',
    '2.3',
    '8080',
  ],
  ...['- a', 'a: b', 'a:', '#x', 'x #y', '@a', '`a', '%a', '!a', '&a', '*a', '|', '>', '?', '? x', '-', '---', '...', '[a]', '{a}', 'a,b'],
  ...['a\nb', ' lead', 'trail ', 'tab\t', '"q"', "'s'", 'ünï', '\u0085', '\u2028', '\u2029', '\x7f', '\x00', '\ufeff', 'a\u00a0b'],
  ...['${X}', '$$X', 'http://a:80/b', './services/x', 'app.kubernetes.io/name', 'CMD-SHELL', 'pg_isready -U "$$POSTGRES_USER"'],
];

const roundTrip = (v: unknown) => {
  const text = toYaml({ value: v });
  expect(parse(text, { version: '1.1' }), text).toEqual(v);
  expect(parse(text), text).toEqual(v);
};

describe('toYaml', () => {
  it('keeps every tricky string a string, as value, list item and key', () => {
    roundTrip({ list: TRICKY, map: Object.fromEntries(TRICKY.map((t) => [t, t])) });
  });

  it('round-trips random JSON values in YAML 1.1 and 1.2', () => {
    const key = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom(...TRICKY));
    const leaf = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom(...TRICKY),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 5 }), (v) => {
        const clean = JSON.parse(JSON.stringify(v)) as unknown; // -0 and the like as JSON has them
        const text = toYaml({ value: clean });
        expect(parse(text, { version: '1.1' })).toEqual(clean);
        expect(parse(text)).toEqual(clean);
      }),
      { numRuns: 1000 },
    );
  });

  it('writes block style with a document comment, key comments and several documents', () => {
    const text = toYaml([
      { value: withComments({ a: 1, b: { c: ['x', { d: [] }] } }, { b: 'why b\nand more' }), comment: 'top' },
      { value: { e: {} } },
    ]);
    expect(text).toBe('# top\n\na: 1\n# why b\n# and more\nb:\n  c:\n    - x\n    - d: []\n---\ne: {}\n');
    expect(parseAllDocuments(text).map((d) => d.toJS())).toEqual([{ a: 1, b: { c: ['x', { d: [] }] } }, { e: {} }]);
  });

  it('keeps a comment a comment whatever line breaks it holds', () => {
    for (const br of ['\n', '\r', '\r\n', '\u0085', '\u2028', '\u2029']) {
      const text = toYaml({ value: withComments({ a: 1 }, { a: `x${br}b: 2` }), comment: `t${br}c: 3` });
      expect(parse(text, { version: '1.1' })).toEqual({ a: 1 });
      expect(parse(text)).toEqual({ a: 1 });
    }
  });

  it('leaves out undefined values as JSON does', () => {
    expect(toYaml({ value: { a: undefined, b: 1 } })).toBe('b: 1\n');
  });
});
