import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isPermissionAllowed,
  MIN_SIZE,
  restoreBounds,
  windowOptions,
  windowTitle,
} from './windowOptions.js';

const base = { preloadPath: '/app/dist-electron/preload/preload.cjs', bounds: null, platform: 'linux' as const };

describe('windowOptions', () => {
  it('locks the renderer down', () => {
    const wp = windowOptions(base).webPreferences!;
    expect(wp).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
      preload: base.preloadPath,
    });
  });
  it('allows devtools only in development', () => {
    expect(windowOptions({ ...base, dev: true }).webPreferences!.devTools).toBe(true);
  });
  it('stays hidden until ready and uses remembered bounds', () => {
    const o = windowOptions({ ...base, bounds: { x: 10, y: 20, width: 1000, height: 700 } });
    expect(o).toMatchObject({ show: false, x: 10, y: 20, width: 1000, height: 700, minWidth: MIN_SIZE.width });
  });
  it('does not let bounds override the security settings', () => {
    const o = windowOptions({ ...base, bounds: { webPreferences: { nodeIntegration: true } } as never });
    expect(o.webPreferences!.nodeIntegration).toBe(false);
  });
});

describe('navigation and permissions', () => {
  const origins = ['app://meshwright'];
  it('allows only our origin', () => {
    expect(isAllowedNavigation('app://meshwright/index.html', origins)).toBe(true);
    expect(isAllowedNavigation('https://example.com/', origins)).toBe(false);
    expect(isAllowedNavigation('app://other/index.html', origins)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', origins)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', origins)).toBe(false);
    expect(isAllowedNavigation('not a url', origins)).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/', [...origins, 'http://localhost:5173'])).toBe(true);
  });
  it('denies permissions except clipboard writes from our own origin', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://meshwright', origins)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://meshwright/', origins)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.test', origins)).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fileSystem', 'hid', 'usb']) {
      expect(isPermissionAllowed(p, 'app://meshwright', origins)).toBe(false);
    }
  });
  it('matches the CSP the renderer ships in its meta tag', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
  });
});

describe('windowTitle', () => {
  it('shows the file name and a dirty marker', () => {
    expect(windowTitle({ name: 'shop.arch.yaml', dirty: false })).toBe('shop.arch.yaml \u2014 Meshwright');
    expect(windowTitle({ name: 'shop.arch.yaml', dirty: true })).toBe('\u2022 shop.arch.yaml \u2014 Meshwright');
    expect(windowTitle({ name: '  ', dirty: false })).toBe('Untitled \u2014 Meshwright');
  });
});

describe('restoreBounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  it('restores a window that is on a display', () => {
    expect(restoreBounds({ x: 100, y: 100, width: 1200, height: 800 }, screen)).toEqual({ x: 100, y: 100, width: 1200, height: 800 });
  });
  it('drops a window left on an unplugged monitor or with its title bar off screen', () => {
    expect(restoreBounds({ x: 2500, y: 100, width: 1200, height: 800 }, screen)).toBeNull();
    expect(restoreBounds({ x: 100, y: -500, width: 1200, height: 800 }, screen)).toBeNull();
    expect(restoreBounds({ x: 100, y: 1060, width: 1200, height: 800 }, screen)).toBeNull();
  });
  it('uses a second display when the window is there', () => {
    const two = [...screen, { x: 1920, y: 0, width: 2560, height: 1440 }];
    expect(restoreBounds({ x: 2500, y: 100, width: 1200, height: 800 }, two)).not.toBeNull();
  });
  it('enforces the minimum size and rejects junk', () => {
    expect(restoreBounds({ x: 0, y: 0, width: 10, height: 10 }, screen)).toEqual({ x: 0, y: 0, ...MIN_SIZE });
    expect(restoreBounds({ x: Number.NaN, y: 0, width: 100, height: 100 }, screen)).toBeNull();
    expect(restoreBounds(null, screen)).toBeNull();
  });
});

describe('CSP contract with the renderer build', () => {
  it('sends as a header exactly the policy the renderer build puts in its meta tag', async () => {
    // A path in a variable keeps the renderer's Vite config out of this project's typecheck.
    const viteConfig = new URL('../../renderer/vite.config.ts', import.meta.url).href;
    const renderer = (await import(/* @vite-ignore */ viteConfig)) as { CONTENT_SECURITY_POLICY?: string };
    expect(renderer.CONTENT_SECURITY_POLICY).toBe(CONTENT_SECURITY_POLICY);
  });
});
