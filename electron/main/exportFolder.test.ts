import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExportPaths, exportSegments, UnsafePathError, writeExport } from './exportFolder.js';
import { useTempDirs } from './testDirs.js';

const tempDir = useTempDirs();

describe('exportSegments', () => {
  it('accepts nested relative paths', () => {
    expect(exportSegments('k8s/base/gateway.yaml')).toEqual(['k8s', 'base', 'gateway.yaml']);
    expect(exportSegments('.env.example')).toEqual(['.env.example']);
  });
  it.each([
    ['/etc/passwd'],
    ['../outside.yaml'],
    ['k8s/../../outside.yaml'],
    ['k8s/..'],
    ['./a.yaml'],
    ['a//b.yaml'],
    ['a/'],
    [''],
    ['C:/Windows/evil.dll'],
    ['C:evil'],
    ['..\\outside'],
    ['\\\\server\\share\\x'],
    ['a.txt:stream'],
    ['CON'],
    ['k8s/nul.yaml'],
    ['trailing.'],
    ['bad\nname'],
    ['what?.yaml'],
  ])('refuses %j', (p) => {
    expect(() => exportSegments(p)).toThrow(UnsafePathError);
  });
  it('refuses two paths naming one file (case-insensitive file systems)', () => {
    expect(() => checkExportPaths(['k8s/App.yaml', 'k8s/app.yaml'])).toThrow(/same file/);
  });
});

describe('writeExport', () => {
  it('writes every file under the folder, creating subfolders', async () => {
    const root = tempDir();
    const written = await writeExport(root, [
      { path: 'docker-compose.yaml', content: 'services: {}' },
      { path: 'k8s/base/gateway.yaml', content: 'kind: Deployment' },
    ]);
    expect(written).toBe(root);
    expect(readFileSync(join(root, 'k8s/base/gateway.yaml'), 'utf8')).toBe('kind: Deployment');
    expect(readFileSync(join(root, 'docker-compose.yaml'), 'utf8')).toBe('services: {}');
  });

  it('checks every path before writing anything', async () => {
    const root = tempDir();
    await expect(
      writeExport(root, [
        { path: 'ok.yaml', content: 'x' },
        { path: '../escape.yaml', content: 'x' },
      ]),
    ).rejects.toThrow(UnsafePathError);
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses a relative folder', async () => {
    await expect(writeExport('relative/out', [{ path: 'a', content: '' }])).rejects.toThrow(/absolute/);
  });

  it('refuses a symlinked folder inside the chosen folder that points outside', async () => {
    const root = tempDir();
    const outside = tempDir();
    symlinkSync(outside, join(root, 'k8s'));
    await expect(writeExport(root, [{ path: 'k8s/gateway.yaml', content: 'pwned' }])).rejects.toThrow(/symlink/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('refuses a deeper symlinked folder too', async () => {
    const root = tempDir();
    const outside = tempDir();
    mkdirSync(join(root, 'k8s'));
    symlinkSync(outside, join(root, 'k8s', 'base'));
    await expect(writeExport(root, [{ path: 'k8s/base/x.yaml', content: 'pwned' }])).rejects.toThrow(UnsafePathError);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('refuses to write through a symlinked file (it would overwrite the target outside)', async () => {
    const root = tempDir();
    const outside = tempDir();
    const victim = join(outside, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(root, 'gateway.yaml'));
    await expect(writeExport(root, [{ path: 'gateway.yaml', content: 'pwned' }])).rejects.toThrow(/symlink/);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });

  it('refuses a dangling symlink that would create a file outside', async () => {
    const root = tempDir();
    const outside = tempDir();
    symlinkSync(join(outside, 'created.txt'), join(root, 'gateway.yaml'));
    await expect(writeExport(root, [{ path: 'gateway.yaml', content: 'pwned' }])).rejects.toThrow(/symlink/);
    expect(existsSync(join(outside, 'created.txt'))).toBe(false);
  });

  it('follows a symlink the user chose as the folder itself', async () => {
    const real = tempDir();
    const links = tempDir();
    symlinkSync(real, join(links, 'out'));
    await writeExport(join(links, 'out'), [{ path: 'a.yaml', content: 'ok' }]);
    expect(readFileSync(join(real, 'a.yaml'), 'utf8')).toBe('ok');
  });

  it('refuses when a file stands where a folder is needed', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'k8s'), 'a file');
    await expect(writeExport(root, [{ path: 'k8s/a.yaml', content: '' }])).rejects.toThrow(/is a file/);
  });
});
