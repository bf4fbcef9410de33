// meshwright import: stdout or --out, file:line:column errors, exit codes per cli.md; the whole
// `export --target all` folder (compose, k8s, istio and stubs) imports back.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_HEIGHT, NODE_WIDTH, edges, elkPositions, layoutGraph, parseDesign, type ElkLike } from '../../engine/index.js';
import { main } from '../main.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TMP = join(ROOT, 'test/.tmp/import-cli');
rmSync(TMP, { recursive: true, force: true });
mkdirSync(TMP, { recursive: true });
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

async function run(command: string, ...args: string[]) {
  let out = '';
  let err = '';
  const code = await main([command, ...args], { out: (s) => (out += s), err: (s) => (err += s), tty: false });
  return { code, out, err };
}

describe('meshwright import', () => {
  it('prints a valid design on stdout; what is not mapped goes to stderr with its place', async () => {
    const r = await run('import', join(ROOT, 'test/fixtures/import/webapp/docker-compose.yml'));
    expect(r.code).toBe(0);
    const d = parseDesign(r.out, 'out.arch.yaml');
    expect(d.problems).toEqual([]);
    expect(Object.keys(d.design!.nodes)).toContain('web');
    expect(r.err).toMatch(/docker-compose\.yml:\d+:\d+: web: env_file \.env: not read/);
    expect(r.err).toMatch(/import: 9 nodes from 1 file; \d+ things not mapped \(kept as notes\)/);
  });

  it('lays the design out as the canvas does (ELK, the canvas options): left to right, no overlaps', async () => {
    const r = await run('import', join(ROOT, 'test/fixtures/import/real/online-boutique'));
    expect(r.code).toBe(0);
    const d = parseDesign(r.out, 'out.arch.yaml').design!;
    const at = d.layout!;
    expect(Object.keys(at).sort()).toEqual(Object.keys(d.nodes).sort());
    // The same positions the app's engine worker computes for this design.
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    expect(at).toEqual(await elkPositions(new ELK() as unknown as ElkLike, layoutGraph(d)));
    for (const e of edges(d)) expect(at[e.from]!.x, `${e.from} -> ${e.to}`).toBeLessThan(at[e.to]!.x);
    const boxes = Object.values(at);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) expect(Math.abs(a.x - b.x) >= NODE_WIDTH || Math.abs(a.y - b.y) >= NODE_HEIGHT).toBe(true);
  });

  it('refuses a file that is not UTF-8 at its first bad byte, importing nothing', async () => {
    const dir = join(TMP, 'latin1');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.yaml'), 'services:\n  web: { image: nginx }\n');
    writeFileSync(
      join(dir, 'b.yaml'),
      Buffer.concat([Buffer.from('services:\n  caf'), Buffer.from([0xe9]), Buffer.from(': { image: x }\n')]),
    );
    const r = await run('import', dir);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${join(dir, 'b.yaml')}:2:6: the file is not UTF-8: byte 0xE9 (at byte 15) is not a character`);
    expect(r.err).toContain('nothing imported');
  });

  it('reads folders and several inputs; --out writes the file (and its folders)', async () => {
    const out = join(TMP, 'nested/boutique.arch.yaml');
    const r = await run(
      'import',
      join(ROOT, 'test/fixtures/import/boutique'),
      join(ROOT, 'test/fixtures/import/boutique-istio'),
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const d = parseDesign(readFileSync(out, 'utf8'), out).design!;
    expect(d.name).toBe('boutique'); // the folder's name: the files name no system
    expect(d.nodes.checkoutservice).toMatchObject({ kind: 'service', protocol: 'grpc' });
  });

  it('imports the whole export folder back: compose, k8s and istio as one system, stubs ignored', async () => {
    const dir = join(TMP, 'shop');
    expect((await run('export', join(ROOT, 'templates/e-commerce.arch.yaml'), '--target', 'all', '--out', dir)).code).toBe(0);
    const r = await run('import', dir);
    expect(r.code).toBe(0);
    const d = parseDesign(r.out, 'shop.arch.yaml').design!;
    expect(d.name).toBe('shop');
    expect(d.nodes.checkout?.kind).toBe('saga');
    expect(d.nodes['order-service']).toMatchObject({ replicas: 3, autoscale: { min: 3, max: 12 } });
  });

  it('exit 1 with file:line:column for a file that does not parse', async () => {
    const f = join(TMP, 'broken.yaml');
    writeFileSync(f, 'services:\n  web:\n    image: [unclosed\n');
    const r = await run('import', f);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: YAML syntax error`));
  });

  it('exit 1 when nothing in the files can be imported; exit 2 for usage and unopenable files', async () => {
    const f = join(TMP, 'values.yaml');
    writeFileSync(f, 'replicaCount: 2\n');
    expect((await run('import', f)).code).toBe(1);
    expect((await run('import')).code).toBe(2);
    expect((await run('import', '--bogus', f)).code).toBe(2);
    const missing = await run('import', join(TMP, 'nope.yml'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.yml: cannot open: no such file or folder/);
    const empty = join(TMP, 'empty');
    mkdirSync(empty, { recursive: true });
    expect((await run('import', empty)).code).toBe(2);
  });
});
