// The wiring in main.ts, run against a fake electron module (no Electron binary exists on CI):
// the scheme is privileged before 'ready', every IPC channel goes through the guard, the window is
// created from windowOptions() and loads app://, permissions and navigation are denied, files from
// a second launch reach the renderer, and a dirty window asks before closing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../ipc/contract.js';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const dirs = { userData: '' };
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const appListeners = new Map<string, Listener>();
  const handlers = new Map<string, Listener>();
  const windows: FakeWindow[] = [];
  const calls = { schemesBeforeReady: false, readyResolved: false, quit: 0 };
  let permissionRequest: Listener | null = null;
  let permissionCheck: Listener | null = null;
  let protocolHandler: Listener | null = null;
  let menu: unknown = null;
  const messageBoxResponses: number[] = [];

  class FakeWebContents {
    id = 41;
    sent: unknown[][] = [];
    listeners = new Map<string, Listener>();
    send(...a: unknown[]) {
      this.sent.push(a);
    }
    on(e: string, l: Listener) {
      this.listeners.set(e, l);
      return this;
    }
  }
  class FakeWindow {
    options: Record<string, unknown>;
    webContents = new FakeWebContents();
    listeners = new Map<string, Listener>();
    url = '';
    title = '';
    closeCalls = 0;
    constructor(options: Record<string, unknown>) {
      this.options = options;
      windows.push(this);
    }
    on(e: string, l: Listener) {
      this.listeners.set(e, l);
      return this;
    }
    once(e: string, l: Listener) {
      return this.on(e, l);
    }
    loadURL(u: string) {
      this.url = u;
      return Promise.resolve();
    }
    setTitle(t: string) {
      this.title = t;
    }
    setDocumentEdited() {}
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 10, y: 10, width: 1200, height: 800 };
    }
    maximize() {}
    isMinimized() {
      return false;
    }
    restore() {}
    show() {}
    focus() {}
    close() {
      this.closeCalls++;
      const event = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      this.listeners.get('close')?.(event);
      return event;
    }
  }
  const electron = {
    app: {
      isPackaged: false,
      setPath: () => undefined,
      getPath: () => dirs.userData,
      requestSingleInstanceLock: () => true,
      on: (e: string, l: Listener) => appListeners.set(e, l),
      whenReady: () => ready,
      quit: () => calls.quit++,
      exit: () => undefined,
      addRecentDocument: () => undefined,
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => {
        calls.schemesBeforeReady = !calls.readyResolved;
        (calls as Record<string, unknown>).schemes = schemes;
      },
      handle: (_scheme: string, h: Listener) => (protocolHandler = h),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (permissionRequest = h),
        setPermissionCheckHandler: (h: Listener) => (permissionCheck = h),
      },
    },
    ipcMain: { handle: (c: string, h: Listener) => handlers.set(c, h) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (menu = m) },
    BrowserWindow: FakeWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    nativeTheme: { shouldUseDarkColors: false },
    dialog: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
      showMessageBox: async () => ({ response: messageBoxResponses.shift() ?? 2 }),
    },
  };
  return {
    electron,
    dirs,
    appListeners,
    handlers,
    windows,
    calls,
    messageBoxResponses,
    ready: () => {
      calls.readyResolved = true;
      resolveReady();
    },
    permissionRequest: () => permissionRequest!,
    permissionCheck: () => permissionCheck!,
    protocolHandler: () => protocolHandler!,
    menu: () => menu,
  };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const trusted = () => ({ sender: { id: 41 }, senderFrame: { url: 'app://meshwright/index.html', parent: null } });
const invoke = (channel: string, ...args: unknown[]) => fake.handlers.get(channel)!(trusted(), ...args);
const settle = () => new Promise((r) => setTimeout(r, 50));

let work: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'meshwright-main-files-'));
  fake.dirs.userData = mkdtempSync(join(tmpdir(), 'meshwright-main-userdata-'));
  await import('./main.js');
  expect(fake.windows).toHaveLength(0); // nothing before 'ready'
  fake.ready();
  await settle();
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(fake.dirs.userData, { recursive: true, force: true });
});

describe('main.ts wiring', () => {
  it('makes app:// a privileged, secure scheme before ready', () => {
    expect(fake.calls.schemesBeforeReady).toBe(true);
    expect((fake.calls as Record<string, unknown>).schemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('creates one hardened window from windowOptions() and loads the built renderer via app://', () => {
    expect(fake.windows).toHaveLength(1);
    const w = fake.windows[0]!;
    expect(w.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(String((w.options.webPreferences as Record<string, unknown>).preload)).toMatch(/preload[\\/]preload\.cjs$/);
    expect(w.url).toBe('app://meshwright/index.html');
    expect(fake.menu()).toBeTruthy();
  });

  it('registers every contract channel, each behind the sender check', async () => {
    expect([...fake.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const evil = { sender: { id: 99 }, senderFrame: { url: 'app://meshwright/index.html', parent: null } };
    await expect(fake.handlers.get('recent:list')!(evil)).rejects.toThrow(/unknown window/);
    await expect(invoke('recent:list')).resolves.toEqual([]);
    await expect(invoke('file:openPath', 12)).rejects.toThrow(/bad arguments/);
    await expect(invoke('file:openPath', '/etc/passwd')).rejects.toThrow(/not allowed/);
  });

  it('denies permissions and navigation, serves app:// with the CSP', async () => {
    const granted: boolean[] = [];
    fake.permissionRequest()(null, 'media', (ok: boolean) => granted.push(ok), { requestingUrl: 'app://meshwright/index.html' });
    expect(granted).toEqual([false]);
    expect(fake.permissionCheck()(null, 'geolocation', 'app://meshwright', {})).toBe(false);
    const contents = { handlers: new Map<string, Listener>(), open: null as Listener | null };
    const hardened = {
      setWindowOpenHandler: (h: Listener) => (contents.open = h),
      on: (e: string, l: Listener) => contents.handlers.set(e, l),
    };
    fake.appListeners.get('web-contents-created')!({}, hardened);
    expect(contents.open!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    let prevented = false;
    contents.handlers.get('will-navigate')!({ preventDefault: () => (prevented = true) }, 'https://example.com/');
    expect(prevented).toBe(true);
    const res = (await fake.protocolHandler()({ url: 'app://meshwright/../../etc/passwd' })) as Response;
    expect([403, 404]).toContain(res.status);
  });

  it('a second launch with a file focuses the window and hands the file to the renderer', async () => {
    const file = join(work, 'second.arch.yaml');
    writeFileSync(file, 'name: second');
    const w = fake.windows[0]!;
    await invoke('menu:ready');
    await invoke('document:state', { name: 'e-commerce.arch.yaml', dirty: false });
    fake.appListeners.get('second-instance')!({}, ['/opt/meshwright', '--some-flag', 'second.arch.yaml'], work);
    expect(w.webContents.sent.at(-1)).toEqual(['menu:command', 'open']);
    await expect(invoke('file:open')).resolves.toMatchObject({ path: file, text: 'name: second' });
    await expect(invoke('recent:list')).resolves.toEqual([file]);
  });

  it('puts the file name and dirty marker in the title, and asks before closing a dirty window', async () => {
    const w = fake.windows[0]!;
    await invoke('document:state', { name: 'second.arch.yaml', dirty: true });
    expect(w.title).toBe('\u2022 second.arch.yaml \u2014 Meshwright');
    fake.messageBoxResponses.push(2); // Cancel
    expect(w.close().defaultPrevented).toBe(true);
    await settle();
    expect(w.closeCalls).toBe(1);
    fake.messageBoxResponses.push(1); // Don't Save
    expect(w.close().defaultPrevented).toBe(true);
    await settle();
    expect(w.closeCalls).toBe(3); // closed for real after the answer
  });
});
