import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomicWrite, removeStaleTemps } from './atomic.js';
import { useTempDirs } from './testDirs.js';

const tempDir = useTempDirs();

describe('atomicWrite', () => {
  it('saves through a symbolic link to the file it names (the link stays a link)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'repo'));
    const real = join(dir, 'repo', 'shop.arch.yaml');
    writeFileSync(real, 'old');
    const link = join(dir, 'shop.arch.yaml');
    symlinkSync('repo/shop.arch.yaml', link); // relative, as people link files
    const second = join(dir, 'again.arch.yaml');
    symlinkSync(link, second); // a chain of two
    await atomicWrite(second, 'new');
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(lstatSync(second).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('repo/shop.arch.yaml');
    expect(readdirSync(join(dir, 'repo'))).toEqual(['shop.arch.yaml']);
  });

  it('creates the file a dangling link names, and replaces the link when asked to', async () => {
    const dir = tempDir();
    const link = join(dir, 'new.arch.yaml');
    symlinkSync('made.arch.yaml', link);
    await atomicWrite(link, 'text');
    expect(readFileSync(join(dir, 'made.arch.yaml'), 'utf8')).toBe('text');
    await atomicWrite(link, 'other', { links: 'replace' });
    expect(readFileSync(join(dir, 'made.arch.yaml'), 'utf8')).toBe('text');
    expect(lstatSync(link).isFile()).toBe(true);
    expect(readFileSync(link, 'utf8')).toBe('other');
  });

  it('writes a new file and replaces an old one, leaving no temp files', async () => {
    const dir = tempDir();
    const target = join(dir, 'shop.arch.yaml');
    await atomicWrite(target, 'v1');
    expect(readFileSync(target, 'utf8')).toBe('v1');
    await atomicWrite(target, 'v2 longer text');
    expect(readFileSync(target, 'utf8')).toBe('v2 longer text');
    expect(readdirSync(dir)).toEqual(['shop.arch.yaml']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const dir = tempDir();
    const target = join(dir, 'private.arch.yaml');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    await atomicWrite(target, 'new');
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('leaves the old file whole when the write fails before the rename', async () => {
    const dir = tempDir();
    const target = join(dir, 'shop.arch.yaml');
    writeFileSync(target, 'old content');
    await expect(
      atomicWrite(target, 'new content', {
        beforeRename: () => {
          throw new Error('disk gone');
        },
      }),
    ).rejects.toThrow('disk gone');
    expect(readFileSync(target, 'utf8')).toBe('old content');
    expect(readdirSync(dir)).toEqual(['shop.arch.yaml']);
  });

  it('leaves the old file whole when the process is killed mid-save', () => {
    const dir = tempDir();
    const target = join(dir, 'shop.arch.yaml');
    writeFileSync(target, 'old content');
    const atomic = resolve(import.meta.dirname, 'atomic.ts');
    // A real crash: a child process writes 5 MB and is SIGKILLed after flushing the temp file,
    // before the rename. No cleanup code can run.
    const script = `
      import { atomicWrite } from ${JSON.stringify(atomic)};
      await atomicWrite(${JSON.stringify(target)}, 'x'.repeat(5_000_000), { beforeRename: () => process.kill(process.pid, 'SIGKILL') });
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.signal).toBe('SIGKILL');
    expect(readFileSync(target, 'utf8')).toBe('old content');
    const leftovers = readdirSync(dir).filter((f) => f !== 'shop.arch.yaml');
    expect(leftovers).toHaveLength(1); // the abandoned temp file...
    return removeStaleTemps(dir, target).then((n) => {
      expect(n).toBe(1); // ...which the next start removes
      expect(readdirSync(dir)).toEqual(['shop.arch.yaml']);
    });
  });

  it('does not remove files that merely look similar', async () => {
    const dir = tempDir();
    const target = join(dir, 'a.arch.yaml');
    writeFileSync(join(dir, '.a.arch.yaml.notes.tmp'), 'mine');
    expect(await removeStaleTemps(dir, target)).toBe(0);
    expect(existsSync(join(dir, '.a.arch.yaml.notes.tmp'))).toBe(true);
  });
});
