import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executableName, findElectron } from './electronBinary.mjs';
import { useTempDirs } from './main/testDirs.js';

const tempDir = useTempDirs();

function fakeRepo(opts: { pathTxt?: string; binary?: string } = {}) {
  const root = tempDir();
  const pkg = join(root, 'node_modules', 'electron');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), '{"name":"electron","version":"45.4.1"}');
  if (opts.pathTxt) writeFileSync(join(pkg, 'path.txt'), opts.pathTxt);
  if (opts.binary) {
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'dist', opts.binary), '');
  }
  return root;
}

describe('findElectron', () => {
  it('reports a missing binary with how to get one, without downloading', () => {
    const r = findElectron(fakeRepo(), {}, 'linux');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/ELECTRON_OVERRIDE_DIST_PATH/);
  });
  it('finds the binary named by path.txt', () => {
    const root = fakeRepo({ pathTxt: 'electron', binary: 'electron' });
    expect(findElectron(root, {}, 'linux')).toEqual({ ok: true, path: join(root, 'node_modules/electron/dist/electron') });
  });
  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const root = fakeRepo();
    const dist = tempDir();
    writeFileSync(join(dist, 'electron'), '');
    expect(findElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux')).toEqual({ ok: true, path: join(dist, 'electron') });
    expect(findElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: join(dist, 'nope') }, 'linux').ok).toBe(false);
  });
  it('knows each platform executable', () => {
    expect(executableName('win32')).toBe('electron.exe');
    expect(executableName('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
  });
  it('reports an uninstalled electron package', () => {
    expect(findElectron(tempDir(), {}, 'linux')).toEqual({ ok: false, reason: expect.stringMatching(/npm ci/) });
  });
});
