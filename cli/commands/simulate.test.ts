// The simulate command: argument handling, exit codes, one JSON document with --json, --out.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import type { Io } from '../io.js';

const template = 'templates/e-commerce.arch.yaml';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s), tty: false };
  const code = await main(['simulate', ...args], io);
  return { code, out, err };
}

describe('meshwright simulate', () => {
  it('--json prints exactly one JSON document; same seed, same document', async () => {
    const a = await cli(template, '--json', '--seed', '7', '--duration', '5s', '--scenario', 'black-friday');
    expect(a.code).toBe(0);
    const doc = JSON.parse(a.out);
    expect(doc).toMatchObject({ design: 'shop', scenario: 'black-friday', seed: 7, duration: 5000, warmup: 5000 });
    const b = await cli(template, '--json', '--seed=7', '--duration=5s', '--scenario=black-friday');
    const strip = (s: string) => s.replace(/"wallMs": [\d.]+/, '');
    expect(strip(b.out)).toBe(strip(a.out));
  });

  it('prints a summary table by default and writes --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-sim-'));
    const out = join(dir, 'r.json');
    const r = await cli(template, '--duration', '3s', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/requests \d+ {2}ok \d+/);
    expect(r.out).toMatch(/order-service/);
    expect(JSON.parse(readFileSync(out, 'utf8')).duration).toBe(3000);
  });

  it('--out creates missing parent directories', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-sim-'));
    const out = join(dir, 'a', 'b', 'r.json');
    const r = await cli(template, '--json', '--duration', '2s', '--out', out);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(r.out);
  });

  it('exit 2 for usage errors, unknown scenario and unreadable files; 1 for invalid designs', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli(template, '--seed', 'x')).code).toBe(2);
    expect((await cli(template, '--bogus')).code).toBe(2);
    const unknown = await cli(template, '--scenario', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown scenario "nope"/);
    expect((await cli('does-not-exist.yaml')).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'mw-sim-'));
    const bad = join(dir, 'bad.arch.yaml');
    writeFileSync(bad, 'version: 1\nnodes:\n  a: { kind: service, replicas: -1 }\n');
    expect((await cli(bad)).code).toBe(1);
  });

  it('--fail-on-slo exits 1 exactly when an objective is missed, after printing; shows each objective', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-sim-'));
    const design = (p99: string) => {
      const f = join(dir, `slo-${p99}.arch.yaml`);
      writeFileSync(
        f,
        `version: 1\nname: slo\nnodes:\n  web: { kind: client, rate: 50, slo: { errorRate: 1% }, requests: [ { to: gw, route: /x, slo: { p99: ${p99} } } ] }\n` +
          `  gw: { kind: gateway, latency: 1ms, routes: [ { path: /x, to: api } ] }\n` +
          `  api: { kind: service, latency: { dist: exponential, mean: 20ms } }\n`,
      );
      return f;
    };
    const met = await cli(design('2s'), '--duration', '5s', '--fail-on-slo');
    expect(met.code).toBe(0);
    expect(met.out).toMatch(/p99 +web -> gw \/x +[\d.]+ ms +2\.00 s +met/);
    expect(met.out).toMatch(/all 2 objectives met/);
    const missed = await cli(design('1ms'), '--duration', '5s', '--fail-on-slo', '--json');
    expect(missed.code).toBe(1);
    const doc = JSON.parse(missed.out);
    expect(doc.slos).toEqual([
      expect.objectContaining({ client: 'web', request: 0, objective: 'p99', target: 1, met: false }),
      expect.objectContaining({ objective: 'errorRate', target: 0.01, value: 0, met: true }),
    ]);
    expect(missed.err).toMatch(/1 objective missed/);
    const text = await cli(design('1ms'), '--duration', '5s', '--fail-on-slo');
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/MISSED/);
    expect(text.out).toMatch(/1 of 2 objectives missed/);
    // Without the flag a missed objective is reported but the run succeeds.
    expect((await cli(design('1ms'), '--duration', '5s')).code).toBe(0);
  });

  it('locates a refusal that names a design field (file:line:column), like a validation problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-sim-'));
    const huge = join(dir, 'huge.arch.yaml');
    writeFileSync(
      huge,
      [
        'version: 1',
        'nodes:',
        '  web: { kind: client, rate: 10, requests: [ { to: api } ] }',
        '  api:',
        '    kind: service',
        '    replicas: 200000',
        '',
      ].join('\n'),
    );
    const r = await cli(huge);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe(
      `${huge}:6:15: nodes.api.replicas: 200000 replicas is more than the simulator runs (at most 100000 per node)`,
    );
    // A field the design leaves to its default is shown at the node.
    const busy = join(dir, 'busy.arch.yaml');
    writeFileSync(
      busy,
      ['version: 1', 'nodes:', '  web: { kind: client, rate: 100000000, requests: [ { to: api } ] }', '  api: { kind: service }', ''].join(
        '\n',
      ),
    );
    expect((await cli(busy, '--duration', '60s')).err.split('\n')[0]).toMatch(
      new RegExp(`^${busy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:30: nodes\\.web\\.rate: `),
    );
  });
});
