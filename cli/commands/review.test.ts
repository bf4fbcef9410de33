import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import type { Io } from '../io.js';
import { aggregateSweep, parseDesign, runSweepOne, simulate, sweepPlan } from '../../engine/index.js';

const dir = mkdtempSync(join(tmpdir(), 'mw-review-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const WARN_ONLY = file(
  'warn.arch.yaml',
  `
name: warn
nodes:
  web: { kind: client, requests: [ { to: a, timeout: 1s } ] }
  a: { kind: service, replicas: 2, calls: [ { to: b, timeout: 1s } ] }
  b: { kind: service, replicas: 2 }
`,
);
const TANGLED = file(
  'tangled.arch.yaml',
  `
name: tangled
nodes:
  web: { kind: client, requests: [ { to: a } ] }
  a: { kind: service, calls: [ { to: db }, { to: b } ] }
  b: { kind: service, calls: [ { to: db }, { to: a } ] }
  db: { kind: database }
`,
);
const CLEAN = file(
  'clean.arch.yaml',
  `
nodes:
  web: { kind: client, requests: [ { to: a } ] }
  a: { kind: service, replicas: 2, calls: [ { to: db, timeout: 1s } ] }
  db: { kind: database }
`,
);

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s), tty: false };
  const code = await main(['review', ...args], io);
  return { code, out, err };
}

describe('meshwright review', () => {
  it('prints exactly the findings document with --json', async () => {
    const r = await cli(TANGLED, '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { findings: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(['findings']);
    for (const f of doc.findings) expect(Object.keys(f)).toEqual(['rule', 'severity', 'nodes', 'message', 'fix']);
    expect(doc.findings.slice(0, 2)).toMatchObject([
      { rule: 'shared-database', severity: 'error', nodes: ['db', 'a', 'b'] },
      { rule: 'sync-cycle', severity: 'error', nodes: ['a', 'b'] },
    ]);
  });
  it('exits 1 only when findings reach --fail-on (default error)', async () => {
    expect((await cli(WARN_ONLY)).code).toBe(0);
    expect((await cli(WARN_ONLY, '--fail-on', 'warning')).code).toBe(1);
    expect((await cli(WARN_ONLY, '--fail-on=error')).code).toBe(0);
    const clean = await cli(CLEAN, '--fail-on', 'warning', '--json');
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.out)).toEqual({ findings: [] });
  });
  it('prints a readable report by default', async () => {
    const r = await cli(TANGLED);
    expect(r.out).toMatch(/2 errors, \d+ warnings?, \d+ info/);
    expect(r.out).toContain('ERROR shared-database (1): A database used by two or more services\n  - db, a, b\n');
    expect(r.out).toContain('fix: ');
  });
  it('says where each finding is: the call an operation makes, else the node', async () => {
    const ops = file(
      'ops.arch.yaml',
      `name: ops
nodes:
  web: { kind: client, requests: [ { to: orders, timeout: 2s } ] }
  orders:
    kind: service
    operations:
      "GET /orders": { calls: [ { to: pay, timeout: 1s, breaker: {} } ] }
      "POST /orders":
        calls:
          - { to: pay, breaker: {} }
  pay: { kind: service }
`,
    );
    const r = await cli(ops);
    const block = r.out.slice(r.out.indexOf('WARNING missing-timeout'));
    expect(block).toContain('  - orders, pay\n    "orders" (operation "POST /orders") calls "pay" synchronously with no timeout');
    expect(block).toMatch(new RegExp(`fix: [^\\n]*\\n    at: ${ops.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:10:13\\n`));
    expect(r.out).toContain(`    at: ${ops}:4:3\n`); // single-replica on "orders": the node's id
  });
  it('exits 1 for an invalid design, 2 for usage errors and unreadable files', async () => {
    const bad = file('bad.arch.yaml', 'nodes:\n  a: { kind: service, calls: [ { to: ghost } ] }\n');
    const invalid = await cli(bad, '--json');
    expect(invalid.code).toBe(1);
    expect(invalid.out).toBe('');
    expect(invalid.err).toContain('ghost');
    expect((await cli()).code).toBe(2);
    expect((await cli(CLEAN, CLEAN)).code).toBe(2);
    expect((await cli(CLEAN, '--fail-on', 'info')).code).toBe(2);
    expect((await cli(CLEAN, '--fail-on')).code).toBe(2);
    expect((await cli(CLEAN, '--bogus')).code).toBe(2);
    expect((await cli(join(dir, 'missing.arch.yaml'))).code).toBe(2);
    expect((await cli(dir)).code).toBe(2);
  });
  it('writes the report with --out (HTML by extension)', async () => {
    const html = join(dir, 'r.html');
    const md = join(dir, 'r.md');
    expect((await cli(TANGLED, '--out', html, '--json')).code).toBe(1);
    expect((await cli(TANGLED, '--out', md)).code).toBe(1);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>[\s\S]*shared-database/);
    expect(readFileSync(md, 'utf8')).toMatch(/^# Architecture review: tangled/);
  });
  it('puts a simulate --json and a sweep --json result into the report with --results', async () => {
    const d = parseDesign(readFileSync(WARN_ONLY, 'utf8'), 'warn.arch.yaml').design!;
    const run = simulate(d, { duration: 10_000 });
    const opts = { traffic: [1, 2] as [number, number], steps: 2, replications: 1, duration: 10_000 };
    const sweep = aggregateSweep(
      d,
      opts,
      sweepPlan(opts, d).map((r) => runSweepOne(d, opts, r)),
    );
    const sim = file('sim.json', JSON.stringify(run));
    const sw = file('sweep.json', JSON.stringify(sweep));
    const md = join(dir, 'with.md');
    expect((await cli(WARN_ONLY, '--out', md, '--results', sim, '--results', sw)).code).toBe(0);
    const text = readFileSync(md, 'utf8');
    expect(text).toContain('## Simulation: baseline');
    expect(text).toContain('## Load sweep: baseline');
    expect(text).toMatch(/^\| 2\.00x/m);
    // Wrong usage: exit 2 with what is wrong.
    expect(await cli(WARN_ONLY, '--results', sim)).toMatchObject({ code: 2, err: expect.stringContaining('give --out FILE too') });
    expect(await cli(WARN_ONLY, '--out', md, '--results', sim, '--results', sim)).toMatchObject({
      code: 2,
      err: expect.stringContaining('a second simulation result'),
    });
    const bad = file('bad.json', '{ "points": 3 }');
    expect(await cli(WARN_ONLY, '--out', md, '--results', bad)).toMatchObject({
      code: 2,
      err: expect.stringContaining('not a result the report can read'),
    });
    expect(await cli(WARN_ONLY, '--out', md, '--results', file('nojson.json', '{'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('not JSON'),
    });
    expect(await cli(CLEAN, '--out', md, '--results', sim)).toMatchObject({ code: 2, err: expect.stringContaining('is of design "warn"') });
  });
  it('works end to end through npm run cli, stdout holding only the JSON', () => {
    const r = spawnSync('npm', ['run', '-s', 'cli', '--', 'review', TANGLED, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(2);
  });
});
