// Mutated templates through everything that reads a design (#10): fast-check takes each starter
// design, replaces its strings (ids, labels, env values, routes, images, commands...) with hostile
// text and mutates its structure (drops, duplicates and retypes fields, renames ids), then checks
// that parse, review, every export, a short simulation and the CLI never throw, always end, give
// located problems when they refuse, and that exports stay valid (compose and Kubernetes YAML
// parse, names are DNS-safe, no design `$` reaches compose unescaped).
// Replay a failure with FUZZ_SEED=<seed printed by fast-check> (and FUZZ_PATH=<path>).
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { main } from '../../cli/main.js';
import { generate, parseDesign, review, simulate, SimulationError, type Design, type Problem } from '../../engine/index.js';
import { ROOT } from '../generate/cases.js';
import { HOSTILE } from './hostile.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const seedOpts = {
  ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
  ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
};

const templatesDir = join(ROOT, 'templates');
const templates = readdirSync(templatesDir)
  .filter((f) => f.endsWith('.arch.yaml'))
  .sort()
  .map((f) => ({ name: f, raw: parse(readFileSync(join(templatesDir, f), 'utf8')) as Record<string, unknown> }));

type Path = (string | number)[];
type Json = unknown;

/** Every path in a value: leaves and containers (the root aside). */
function paths(v: Json, at: Path = [], out: { path: Path; value: Json }[] = []): { path: Path; value: Json }[] {
  if (at.length) out.push({ path: at, value: v });
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths((v as Record<string, Json>)[k], [...at, k], out);
  return out;
}

const clone = <T>(v: T): T => structuredClone(v);
const parentOf = (root: Json, path: Path): Record<string | number, Json> | undefined => {
  let v = root as Record<string | number, Json>;
  for (const seg of path.slice(0, -1)) {
    v = v?.[seg] as Record<string | number, Json>;
    if (!v || typeof v !== 'object') return undefined;
  }
  return v;
};

/** Hostile strings: ways out of code, YAML, compose and paths, and names that are keys elsewhere. */
const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'con', 'nul', 'com1', 'aux.txt'),
  fc.constantFrom('', ' ', '..', '../../etc/passwd', '/abs/path', 'C:\\x', 'a/b', '.', '-', '--out', '$', '$$', '${HOME}', '$(id)', '`id`'),
  fc.constantFrom('*a', '&a', '!!set', '<<', '? x', '- y', '[z]', '{w}', '# c', 'yes', 'no', 'null', '~', '1e400', '0x10', '.inf', '1:2'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ maxLength: 70 }),
  fc.constantFrom('x'.repeat(64), 'é'.repeat(63), 'A'.repeat(2000)),
);

/** Values a field may be retyped to. */
const anyValue = fc.oneof(
  hostileString,
  fc.constantFrom(0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 65536, 1e-320),
  fc.constantFrom(true, false, null),
  fc.constantFrom([], {}, [null], { kind: 'service' }, ['a', 1], { '': 1 }),
  fc.constantFrom('1e400ms', '99999999999999999999999h', '-5ms', 'NaNms', '0ms', '8761h', '150%', '-1%', '1e3%'),
);

type Mutation =
  | { op: 'string'; pick: number; to: string }
  | { op: 'rename'; pick: number; to: string }
  | { op: 'rekey'; pick: number; to: string }
  | { op: 'drop'; pick: number }
  | { op: 'duplicate'; pick: number }
  | { op: 'retype'; pick: number; to: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('string' as const), pick: fc.nat(), to: hostileString }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('rename' as const), pick: fc.nat(), to: hostileString }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('rekey' as const), pick: fc.nat(), to: hostileString }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('drop' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('retype' as const), pick: fc.nat(), to: anyValue }) },
);

/** Applies a mutation in place. `rename` changes a node id and every string equal to it. */
function apply(root: Record<string, Json>, m: Mutation): void {
  const all = paths(root);
  if (m.op === 'string') {
    const strings = all.filter((p) => typeof p.value === 'string');
    const hit = strings[m.pick % Math.max(1, strings.length)];
    if (hit) parentOf(root, hit.path)![hit.path.at(-1)!] = m.to;
    return;
  }
  if (m.op === 'rename') {
    const nodes = root.nodes as Record<string, Json> | undefined;
    if (!nodes || typeof nodes !== 'object') return;
    const ids = Object.keys(nodes);
    const old = ids[m.pick % Math.max(1, ids.length)];
    if (old === undefined || m.to in nodes) return;
    const renamed: Record<string, Json> = {};
    for (const k of ids)
      Object.defineProperty(renamed, k === old ? m.to : k, { value: nodes[k], enumerable: true, writable: true, configurable: true });
    root.nodes = renamed;
    for (const p of paths(root)) if (p.value === old) parentOf(root, p.path)![p.path.at(-1)!] = m.to;
    return;
  }
  if (m.op === 'rekey') {
    // Any mapping key (env names, scenario names, operation names...), the value kept.
    const keyed = all.filter((p) => typeof p.path.at(-1) === 'string');
    const hit = keyed[m.pick % Math.max(1, keyed.length)];
    if (!hit) return;
    const parent = parentOf(root, hit.path)!;
    const old = hit.path.at(-1) as string;
    if (m.to in parent) return;
    const v = parent[old];
    delete parent[old];
    Object.defineProperty(parent, m.to, { value: v, enumerable: true, writable: true, configurable: true });
    return;
  }
  const hit = all[m.pick % Math.max(1, all.length)];
  if (!hit) return;
  const parent = parentOf(root, hit.path)!;
  const key = hit.path.at(-1)!;
  if (m.op === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (m.op === 'duplicate') {
    if (Array.isArray(parent)) parent.splice(Number(key), 0, clone(parent[Number(key)]));
    else parent[`${String(key)}2`] = clone(parent[key]);
  } else parent[key] = clone(m.to);
}

const designCase = fc.record({
  template: fc.nat({ max: templates.length - 1 }),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
  json: fc.boolean(),
});

function mutated(c: { template: number; mutations: Mutation[]; json: boolean }): { text: string; file: string } {
  const root = clone(templates[c.template]!.raw);
  for (const m of c.mutations) apply(root, m);
  return c.json ? { text: JSON.stringify(root, null, 1), file: 'fuzz.json' } : { text: stringify(root), file: 'fuzz.arch.yaml' };
}

function expectLocated(problems: Problem[], file: string, text: string): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const p of problems) {
    expect(p.file).toBe(file);
    expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines + 1, `${p.line}:${p.column} ${p.message}`).toBe(true);
    expect(Number.isInteger(p.column) && p.column >= 1, p.message).toBe(true);
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.message).not.toMatch(/\n\s+at |TypeError|RangeError|undefined is not|Cannot read/);
  }
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;

/** Every export parses and names things as the tools require; compose holds no stray `$`. */
function expectValidExports(design: Design): void {
  const files = generate(design, 'all');
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) {
    expect(f.path).not.toMatch(/(^|\/)\.\.(\/|$)|^\/|\\|\0/);
    if (!/\.ya?ml$/.test(f.path)) continue;
    const docs = parseAllDocuments(f.content, { version: '1.1', uniqueKeys: true });
    const list = Array.isArray(docs) ? docs : [docs];
    for (const d of list)
      expect(
        d.errors.map((e) => e.message),
        f.path,
      ).toEqual([]);
    if (f.path === 'docker-compose.yml') {
      // After `$$`, the only `$` left are the credential placeholders we ask compose to fill.
      expect(f.content.replace(/\$\$/g, '').replace(/\$\{[A-Z][A-Z0-9_]*:-(app|change-me)\}/g, '')).not.toContain('$');
      const compose = list[0]!.toJS() as { services: Record<string, unknown> };
      for (const name of Object.keys(compose.services)) expect(name, 'compose service name').toMatch(/^[a-z0-9][a-z0-9_.-]*$/);
    }
    if (f.path.startsWith('k8s/') || f.path.startsWith('istio/'))
      for (const d of list) {
        const o = d.toJS() as { kind?: string; metadata?: { name?: string } } | null;
        const name = o?.metadata?.name;
        if (name === undefined) continue;
        expect(name, `${f.path} ${o?.kind} name`).toMatch(o?.kind === 'Service' || o?.kind === 'Namespace' ? DNS_LABEL : DNS_SUBDOMAIN);
      }
  }
}

const work = mkdtempSync(join(tmpdir(), 'meshwright-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s), tty: false }, out, err };
};

describe('fuzz: mutated templates', () => {
  it('parse never throws and every problem has its place; a valid design reviews, exports and simulates', () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(designCase, (c) => {
        const { text, file } = mutated(c);
        const r = parseDesign(text, file);
        expectLocated(r.problems, file, text);
        if (!r.design) {
          expect(r.problems.length).toBeGreaterThan(0);
          invalid++;
          return;
        }
        valid++;
        const findings = review(r.design);
        for (const f of findings) expect(typeof f.message).toBe('string');
        expectValidExports(r.design);
        try {
          const s = simulate(r.design, { duration: 2000, maxEvents: 200_000 });
          expect(s.stats).toBeDefined();
        } catch (e) {
          if (!(e instanceof SimulationError)) throw e;
        }
        for (const name of Object.keys(r.design.scenarios).slice(0, 2))
          try {
            simulate(r.design, { scenario: name, duration: 1000, maxEvents: 100_000 });
          } catch (e) {
            if (!(e instanceof SimulationError)) throw e;
          }
      }),
      { numRuns: RUNS * templates.length, ...seedOpts },
    );
    // Both sides were exercised (the mutations are neither all harmless nor all fatal).
    expect(valid).toBeGreaterThan(0);
    expect(invalid).toBeGreaterThan(0);
  }, 120_000);

  it('the CLI answers every command with an exit code and located problems, never a stack trace', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(designCase, fc.constantFrom('validate', 'review', 'export', 'simulate'), async (c, command) => {
        const { text, file } = mutated(c);
        const path = join(work, `${n++}-${file}`);
        writeFileSync(path, text);
        const out = join(work, `out-${n}`);
        const args =
          command === 'export'
            ? ['export', path, '--target', 'all', '--out', out]
            : command === 'simulate'
              ? ['simulate', path, '--duration', '1s', '--json']
              : command === 'review'
                ? ['review', path, '--format', 'json']
                : ['validate', path];
        const t = io();
        const code = await main(args, t.io);
        const err = t.err.join('');
        expect([0, 1], `${command} exit ${code}: ${err.slice(0, 400)}`).toContain(code);
        expect(err).not.toMatch(/\n\s+at |TypeError|RangeError|ReferenceError/);
        if (code === 1 && command !== 'review')
          for (const line of err.split('\n').filter(Boolean).slice(0, -1)) expect(line, line).toMatch(/^.+:\d+:\d+: /);
        rmSync(out, { recursive: true, force: true });
      }),
      { numRuns: Math.ceil((RUNS * templates.length) / 3), ...seedOpts },
    );
  }, 120_000);
});
