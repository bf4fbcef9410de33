// meshwright export: exit codes, writes only inside --out whatever the ids, never deletes.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../main.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TMP = join(ROOT, 'test/.tmp/export-cli');
rmSync(TMP, { recursive: true, force: true });
mkdirSync(TMP, { recursive: true });
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['export', ...args], { out: (s) => (out += s), err: (s) => (err += s), tty: false });
  return { code, out, err };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('meshwright export', () => {
  it('writes every target into a new nested folder', async () => {
    const out = join(TMP, 'a/b/c');
    const r = await run(join(ROOT, 'templates/e-commerce.arch.yaml'), '--target', 'all', '--out', out);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'docker-compose.yml'))).toBe(true);
    expect(existsSync(join(out, 'k8s/kustomization.yaml'))).toBe(true);
    expect(existsSync(join(out, 'istio/kustomization.yaml'))).toBe(true);
    expect(existsSync(join(out, 'services/gateway/package.json'))).toBe(true);
  });

  it('keeps path-like ids inside --out and leaves other files alone', async () => {
    const root = join(TMP, 'tricks');
    const out = join(root, 'out');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'mine.txt'), 'keep');
    const design = join(root, 'tricks.arch.yaml');
    writeFileSync(
      design,
      `name: ../../escape\nnodes:\n  "../../etc": { kind: service, calls: [{ to: "a/b" }] }\n  "a/b": { kind: service }\n  "/abs": { kind: gateway, routes: [{ path: /, to: "../../etc" }] }\n`,
    );
    const r = await run(design, '--target=all', `--out=${out}`);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    for (const f of walk(root)) expect(f.startsWith(`${out}/`) || f === design, f).toBe(true);
    expect(readFileSync(join(out, 'mine.txt'), 'utf8')).toBe('keep');
    expect(existsSync(join(out, 'services/etc/package.json'))).toBe(true);
  });

  it('refuses to write through a symlink that leaves --out', async () => {
    const out = join(TMP, 'linked');
    const elsewhere = join(TMP, 'elsewhere');
    mkdirSync(out, { recursive: true });
    mkdirSync(elsewhere, { recursive: true });
    symlinkSync(elsewhere, join(out, 'k8s'));
    const r = await run(join(ROOT, 'templates/e-commerce.arch.yaml'), '--target', 'k8s', '--out', out);
    expect(r.code).toBe(2);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('exits 2 on wrong usage or an unreadable design, 1 on an invalid design', async () => {
    expect((await run(join(ROOT, 'templates/e-commerce.arch.yaml'), '--out', TMP)).code).toBe(2);
    expect((await run(join(ROOT, 'templates/e-commerce.arch.yaml'), '--target', 'helm', '--out', TMP)).code).toBe(2);
    expect((await run(join(ROOT, 'templates/e-commerce.arch.yaml'), '--target', 'k8s')).code).toBe(2);
    expect((await run(join(TMP, 'missing.arch.yaml'), '--target', 'k8s', '--out', TMP)).code).toBe(2);
    const bad = join(TMP, 'bad.arch.yaml');
    writeFileSync(bad, 'nodes:\n  a: { kind: service, calls: [{ to: nowhere }] }\n');
    const r = await run(bad, '--target', 'k8s', '--out', join(TMP, 'bad-out'));
    expect(r.code).toBe(1);
    expect(existsSync(join(TMP, 'bad-out'))).toBe(false);
  });

  it('refuses a symlinked folder inside --out before creating or writing anything', async () => {
    const out = join(TMP, 'linked-services');
    const elsewhere = join(TMP, 'elsewhere-services');
    mkdirSync(out, { recursive: true });
    mkdirSync(elsewhere, { recursive: true });
    symlinkSync(elsewhere, join(out, 'services'));
    const r = await run(join(ROOT, 'templates/e-commerce.arch.yaml'), '--target', 'all', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^export: refusing to write "services\/[^"]+": a folder on the way is a symlink .*nothing was written\n$/);
    expect(readdirSync(elsewhere)).toEqual([]); // no folder created through the link
    expect(readdirSync(out)).toEqual(['services']); // and nothing else written before the refusal
  });

  it('refuses a symlinked file inside --out, leaving its target alone', async () => {
    const out = join(TMP, 'linked-file');
    mkdirSync(out, { recursive: true });
    const secret = join(TMP, 'secret.txt');
    writeFileSync(secret, 'secret');
    symlinkSync(secret, join(out, 'docker-compose.yml'));
    const r = await run(join(ROOT, 'templates/e-commerce.arch.yaml'), '--target', 'all', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('"docker-compose.yml": is a symlink');
    expect(readFileSync(secret, 'utf8')).toBe('secret');
    expect(readdirSync(out)).toEqual(['docker-compose.yml']);
  });

  it('replaces a file hard-linked from outside --out instead of writing through it', async () => {
    const out = join(TMP, 'hardlinked');
    mkdirSync(out, { recursive: true });
    const outside = join(TMP, 'outside-hard.txt');
    writeFileSync(outside, 'outside');
    linkSync(outside, join(out, 'docker-compose.yml'));
    const r = await run(join(ROOT, 'templates/e-commerce.arch.yaml'), '--target', 'compose', '--out', out);
    expect(r.code).toBe(0);
    expect(readFileSync(outside, 'utf8')).toBe('outside');
    expect(statSync(outside).nlink).toBe(1);
    expect(readFileSync(join(out, 'docker-compose.yml'), 'utf8')).toContain('services:');
    expect(readdirSync(out)).toEqual(['docker-compose.yml']); // no temp file left
  });

  it('says so when --out names an existing file', async () => {
    const file = join(TMP, 'a-file.txt');
    writeFileSync(file, 'x');
    const r = await run(join(ROOT, 'templates/e-commerce.arch.yaml'), '--target', 'k8s', '--out', file);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`export: --out ${file} is a file, not a folder: name a folder to write the export into\n`);
    expect(readFileSync(file, 'utf8')).toBe('x');
    const below = await run(join(ROOT, 'templates/e-commerce.arch.yaml'), '--target', 'k8s', '--out', join(file, 'sub'));
    expect(below.code).toBe(2);
    expect(below.err).toMatch(/^export: cannot write .*a file is in the way of a folder\n$/);
  });
});
