import { describe, expect, it } from 'vitest';
import { filesFromArgv, isDesignFile } from './argv.js';

const linux = { cwd: '/home/ann/work', platform: 'linux' as const };
const win = { cwd: 'C:\\Users\\ann', platform: 'win32' as const };

describe('filesFromArgv', () => {
  it('skips the executable of a packaged app', () => {
    expect(filesFromArgv(['/opt/Meshwright/meshwright', '/tmp/shop.arch.yaml'], linux)).toEqual(['/tmp/shop.arch.yaml']);
    expect(filesFromArgv(['/opt/Meshwright/meshwright'], linux)).toEqual([]);
  });
  it('skips the app path of a development run and switches before it (as Playwright adds)', () => {
    expect(filesFromArgv(['/x/electron', '.', 'shop.arch.yaml'], linux)).toEqual(['/home/ann/work/shop.arch.yaml']);
    expect(
      filesFromArgv(['/x/electron', '--inspect=0', '--remote-debugging-port=0', 'dist-electron/main/main.js', '../a.arch.yaml'], linux),
    ).toEqual(['/home/ann/a.arch.yaml']);
  });
  it('skips switches Chromium and second launches add, and macOS process serial numbers', () => {
    expect(
      filesFromArgv(
        [
          '/Applications/Meshwright.app/Contents/MacOS/Meshwright',
          '-psn_0_12345',
          '--allow-file-access-from-files',
          '--original-process-start-time=1',
          '/Users/a/x.arch.yaml',
        ],
        { cwd: '/', platform: 'darwin' },
      ),
    ).toEqual(['/Users/a/x.arch.yaml']);
  });
  it('takes a file named like a switch after --', () => {
    expect(filesFromArgv(['/opt/m', '--', '--weird.arch.yaml'], linux)).toEqual(['/home/ann/work/--weird.arch.yaml']);
  });
  it('handles Windows paths: drive letters, relative to the second instance folder, quoted spaces', () => {
    expect(filesFromArgv(['C:\\Program Files\\Meshwright\\Meshwright.exe', 'D:\\designs\\my shop.arch.yaml'], win)).toEqual([
      'D:\\designs\\my shop.arch.yaml',
    ]);
    expect(filesFromArgv(['C:\\Program Files\\Meshwright\\Meshwright.exe', 'shop.arch.yaml'], win)).toEqual([
      'C:\\Users\\ann\\shop.arch.yaml',
    ]);
  });
  it('accepts file:// URLs (Linux desktop files pass %U)', () => {
    expect(filesFromArgv(['/opt/m', 'file:///home/ann/my%20shop.arch.yaml'], linux)).toEqual(['/home/ann/my shop.arch.yaml']);
    expect(filesFromArgv(['m.exe', 'file:///C:/d/shop.arch.yaml'], win)).toEqual(['C:\\d\\shop.arch.yaml']);
  });
  it('ignores other URLs, non-design files and duplicates', () => {
    expect(filesFromArgv(['/opt/m', 'https://x.test/a.yaml', 'notes.txt', 'a.arch.yaml', './a.arch.yaml', ''], linux)).toEqual([
      '/home/ann/work/a.arch.yaml',
    ]);
  });
});

describe('isDesignFile', () => {
  it('knows the design extensions', () => {
    expect(isDesignFile('/a/shop.arch.yaml')).toBe(true);
    expect(isDesignFile('/a/SHOP.YML')).toBe(true);
    expect(isDesignFile('/a/shop.json')).toBe(false);
    expect(isDesignFile('.yaml')).toBe(false);
  });
});
