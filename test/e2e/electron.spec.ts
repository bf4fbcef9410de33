// The desktop app end to end with Playwright's _electron: open a design given on the command line
// (as a file association does), edit it in the code panel, save from the native menu, relaunch
// and find the edit. Also checks the renderer really is isolated. Runs only where an Electron
// binary exists (it cannot be downloaded on CI); elsewhere every test is skipped with the reason.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findElectron } from '../../electron/electronBinary.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const binary = findElectron(root);
if (!binary.ok) console.log(`electron.spec.ts: skipped, ${binary.reason}`);

test.describe('desktop app (Electron)', () => {
  test.skip(!binary.ok, `Electron binary not available: ${binary.ok ? '' : binary.reason}`);
  test.describe.configure({ mode: 'serial' });

  let work: string;
  let design: string;
  let userData: string;

  test.beforeAll(() => {
    if (!existsSync(join(root, 'dist-web', 'index.html'))) throw new Error('dist-web/ is not built: run `npm run build:web` first');
    const built = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`build-electron failed: ${built.stderr}`);
    work = mkdtempSync(join(tmpdir(), 'meshwright-e2e-electron-'));
    design = join(work, 'shop.arch.yaml');
    userData = join(work, 'userData');
    copyFileSync(join(root, 'templates', 'e-commerce.arch.yaml'), design);
  });
  test.afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function launch(): Promise<{ app: ElectronApplication; page: Page }> {
    const app = await electron.launch({
      executablePath: binary.ok ? binary.path : undefined,
      args: [join(root, 'dist-electron', 'main', 'main.js'), design],
      cwd: root,
      env: { ...process.env, MESHWRIGHT_USER_DATA: userData, ELECTRON_ENABLE_LOGGING: '1' },
    });
    const page = await app.firstWindow();
    return { app, page };
  }

  test('opens the file from the command line, edits, saves from the menu, and reopens it', async () => {
    let { app, page } = await launch();
    await expect(page.getByTestId('toolbar.fileName')).toHaveText('shop.arch.yaml');
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getTitle()))
      .toBe('shop.arch.yaml \u2014 Meshwright');

    // Edit: a comment at the top of the YAML, typed into Monaco as a person would.
    await page.getByTestId('code.editor').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.insertText('# edited on the desktop\n');
    await expect(page.getByTestId('toolbar.dirty')).toBeVisible();
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getTitle())).toMatch(/^\u2022 shop/);

    // Save through the native menu item (the same click a user makes).
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('save')!.click());
    await expect.poll(() => readFileSync(design, 'utf8')).toContain('# edited on the desktop');
    await expect(page.getByTestId('toolbar.dirty')).toBeHidden();
    expect(readdirNames(work)).toEqual(['shop.arch.yaml', 'userData']); // atomic save left no temp file

    await app.close();
    ({ app, page } = await launch());
    await expect(page.getByTestId('toolbar.fileName')).toHaveText('shop.arch.yaml');
    await expect(page.getByTestId('code.editor')).toContainText('# edited on the desktop');
    await app.close();
  });

  test('the renderer is isolated: no Node, only the host bridge, no navigation away', async () => {
    const { app, page } = await launch();
    await expect(page.getByTestId('toolbar.fileName')).toHaveText('shop.arch.yaml');
    const probe = await page.evaluate(() => {
      const w = globalThis as unknown as RendererGlobals;
      return {
        require: typeof w.require,
        process: typeof w.process,
        host: Object.keys(w.meshwrightHost).sort(),
        origin: w.location.origin,
      };
    });
    expect(probe.require).toBe('undefined');
    expect(probe.process).toBe('undefined');
    expect(probe.host).toContain('openFile');
    expect(probe.host).not.toContain('invoke');
    await page.evaluate(() => {
      (globalThis as unknown as RendererGlobals).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/meshwright\//);
    // The bridge refuses a path the user never chose.
    await expect(page.evaluate(() => (globalThis as unknown as RendererGlobals).meshwrightHost.openPath('/etc/passwd'))).rejects.toThrow(
      /not allowed/,
    );
    await app.close();
  });
});

interface RendererGlobals {
  require?: unknown;
  process?: unknown;
  location: { origin: string; href: string };
  meshwrightHost: { openPath(path: string): Promise<unknown> };
}

function readdirNames(dir: string): string[] {
  return readdirSync(dir).sort();
}
