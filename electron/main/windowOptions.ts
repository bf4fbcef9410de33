// The window's security posture as pure, tested data and predicates: the BrowserWindow options,
// which navigations and permissions are allowed (almost none), the title, and where a remembered
// window may be placed. main.ts only wires these into Electron.
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'meshwright';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Same policy as the meta tag in the renderer's index.html, also sent as a header by app://. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

export const DEFAULT_SIZE = { width: 1440, height: 900 };
export const MIN_SIZE = { width: 900, height: 600 };

export interface WindowOptionsInput {
  preloadPath: string;
  bounds: Partial<Rectangle> | null;
  platform: NodeJS.Platform;
  iconPath?: string;
  /** Dark system theme: paint the window dark before the renderer's first frame. */
  dark?: boolean;
  /** Development build: developer tools allowed. */
  dev?: boolean;
}

export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...DEFAULT_SIZE,
    ...(input.bounds ?? {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Meshwright',
    show: false, // shown on ready-to-show so the user never sees a white flash
    backgroundColor: input.dark ? '#1e1e1e' : '#ffffff',
    ...(input.iconPath && input.platform === 'linux' ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
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
      spellcheck: false,
      safeDialogs: true,
      // Middle-click would open links in new windows; those are denied anyway, this stops the event.
      disableBlinkFeatures: 'Auxclick',
      devTools: input.dev === true,
    },
  };
}

/** Only our own pages, and in development the Vite dev server, may be loaded in the window. */
export function isAllowedNavigation(url: string, allowedOrigins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return allowedOrigins.includes(originOf(parsed));
}

/** URL.origin is "null" for non-special schemes such as app://, so build it ourselves. */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/**
 * Permission requests and checks: denied, with one exception the editor needs for Copy on the
 * canvas and in Monaco (writing sanitized text to the clipboard), and only for our own origin.
 */
export function isPermissionAllowed(permission: string, requestingOrigin: string, allowedOrigins: readonly string[]): boolean {
  if (!allowedOrigins.includes(requestingOrigin.replace(/\/$/, ''))) return false;
  return permission === 'clipboard-sanitized-write';
}

export function windowTitle(state: { name: string; dirty: boolean }): string {
  const name = state.name.trim() || 'Untitled';
  return `${state.dirty ? '\u2022 ' : ''}${name} \u2014 Meshwright`;
}

/**
 * A remembered window is restored only if it is visible enough on a display that exists now
 * (monitors get unplugged); otherwise the default size, centred by Electron.
 */
export function restoreBounds(saved: Partial<Rectangle> | null, workAreas: readonly Rectangle[]): Rectangle | null {
  if (!saved) return null;
  const { x, y, width, height } = saved;
  if (![x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const b = { x: x!, y: y!, width: Math.max(width!, MIN_SIZE.width), height: Math.max(height!, MIN_SIZE.height) };
  const visible = workAreas.some((a) => {
    const w = Math.min(b.x + b.width, a.x + a.width) - Math.max(b.x, a.x);
    const h = Math.min(b.y + b.height, a.y + a.height) - Math.max(b.y, a.y);
    // The title bar (top 40 px) must be reachable, and a decent part of the window on screen.
    const titleOnScreen = b.y >= a.y - 10 && b.y < a.y + a.height - 40;
    return w >= 200 && h >= 100 && titleOnScreen;
  });
  return visible ? b : null;
}
