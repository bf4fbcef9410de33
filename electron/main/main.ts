// The Electron main process: wires the tested pure parts (window options, IPC guard, Desktop file
// logic, menu template, app:// mapping, argv parsing) into Electron. Keep logic out of this file:
// what is here is thin calls that only a running Electron can exercise.
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, screen, session } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNELS, MENU_COMMAND_EVENT, type Channel, type MenuCommand } from '../ipc/contract.js';
import { filesFromArgv } from './argv.js';
import { removeStaleTemps } from './atomic.js';
import { serveAppRequest } from './appProtocol.js';
import { Desktop } from './desktop.js';
import { guarded, type Implementation, type TrustPolicy } from './ipcHandler.js';
import { menuTemplate } from './menu.js';
import { StateStore, type AppState } from './state.js';
import {
  APP_ENTRY,
  APP_ORIGIN,
  APP_SCHEME,
  isAllowedNavigation,
  isPermissionAllowed,
  originOf,
  restoreBounds,
  windowOptions,
  windowTitle,
} from './windowOptions.js';

const here = dirname(fileURLToPath(import.meta.url));
// dist-electron/main/main.js -> the app root (the repository, or app.asar when packaged).
const appRoot = join(here, '..', '..');
const rendererRoot = join(appRoot, 'dist-web');
const preloadPath = join(here, '..', 'preload', 'preload.cjs');
const dev = !app.isPackaged;
const devServer = dev ? process.env.MESHWRIGHT_DEV_SERVER_URL : undefined;
const allowedOrigins = [APP_ORIGIN, ...(devServer ? [originOf(new URL(devServer))] : [])];

// Tests and side-by-side runs point the profile elsewhere; must happen before 'ready'.
if (process.env.MESHWRIGHT_USER_DATA) app.setPath('userData', process.env.MESHWRIGHT_USER_DATA);

// Before 'ready': app:// behaves like https (standard, secure origin, fetch, module scripts).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, corsEnabled: true } },
]);

let win: BrowserWindow | null = null;
let store: StateStore | null = null;
let desktop: Desktop | null = null;
const openedBeforeReady: string[] = [];

if (!app.requestSingleInstanceLock()) {
  // Another Meshwright runs: it received our argv through 'second-instance' and will open the file.
  app.quit();
} else {
  // macOS: Finder double-click and dock drops; may arrive before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (desktop) desktop.requestOpen(path);
    else openedBeforeReady.push(path);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    }
    const [file] = filesFromArgv(argv, { cwd: workingDirectory });
    if (file && desktop) desktop.requestOpen(file);
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (error: unknown) => {
    console.error(error);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(isPermissionAllowed(permission, safeOrigin(details.requestingUrl), allowedOrigins));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, allowedOrigins));
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, rendererRoot));

  store = new StateStore(app.getPath('userData'));
  const state = await store.load();
  await removeStaleTemps(app.getPath('userData'), join(app.getPath('userData'), 'recovery.json'));

  desktop = new Desktop({
    store,
    state,
    dialogs: {
      async open() {
        const r = await dialog.showOpenDialog(win!, {
          title: 'Open Design',
          properties: ['openFile'],
          filters: [
            { name: 'Meshwright designs', extensions: ['arch.yaml', 'yaml', 'yml'] },
            { name: 'All files', extensions: ['*'] },
          ],
        });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      async save(defaultName) {
        const r = await dialog.showSaveDialog(win!, {
          title: 'Save Design',
          defaultPath: defaultName,
          filters: [{ name: 'Meshwright designs', extensions: ['arch.yaml'] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        });
        return r.canceled ? null : (r.filePath ?? null);
      },
      async manifests() {
        const r = await dialog.showOpenDialog(win!, {
          title: 'Import a folder of docker-compose files or Kubernetes/Istio manifests',
          buttonLabel: 'Import',
          properties: ['openDirectory'],
        });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      async folder(suggestedName) {
        const r = await dialog.showOpenDialog(win!, {
          title: `Choose a folder for ${suggestedName}`,
          buttonLabel: 'Export Here',
          properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
        });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
    },
    sendMenuCommand: (command: MenuCommand) => win?.webContents.send(MENU_COMMAND_EVENT, command),
    setDocumentState: (doc) => {
      win?.setTitle(windowTitle(doc));
      win?.setDocumentEdited(doc.dirty); // macOS: the dot in the close button
    },
    closeWindow: () => {
      allowClose = true;
      win?.close();
    },
    async confirmDiscard(current, next) {
      if (!win) return false;
      const { response } = await dialog.showMessageBox(win, {
        type: 'warning',
        message: `Discard unsaved changes to ${current} and open ${next}?`,
        detail: 'Cancel keeps the current design open; save it first to keep your changes.',
        buttons: ['Discard and Open', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      return response === 0;
    },
    onRecentChanged: (recent) => buildMenu(recent),
  });

  registerIpc(desktop);
  buildMenu(state.recent);
  createWindow(state);

  const [file] = [...filesFromArgv(process.argv, { cwd: process.cwd() }), ...openedBeforeReady];
  if (file) desktop.requestOpen(file);
}

let allowClose = false;

function createWindow(state: AppState): void {
  const bounds = restoreBounds(
    state.bounds,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const icon = join(appRoot, 'build', 'icon.png');
  win = new BrowserWindow(
    windowOptions({
      preloadPath,
      bounds,
      platform: process.platform,
      dark: nativeTheme.shouldUseDarkColors,
      dev,
      ...(existsSync(icon) ? { iconPath: icon } : {}),
    }),
  );
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win?.show());
  // A renderer that fails to load never becomes ready-to-show; show the window anyway so the
  // user sees something (and can quit) instead of an invisible process.
  win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame) return;
    console.error(`meshwright: failed to load ${url}: ${description} (${code})`);
    win?.show();
  });
  // Our title (file name and dirty marker) wins over the page's <title>.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) desktop?.rendererGone();
  });
  win.webContents.on('render-process-gone', () => desktop?.rendererGone());
  win.on('close', (event) => {
    if (!allowClose && desktop?.closeRequested() === 'ask') {
      event.preventDefault();
      void askToSave();
      return;
    }
    rememberBounds(state);
  });
  win.on('closed', () => {
    win = null;
  });
  void win.loadURL(devServer ?? APP_ENTRY);
}

async function askToSave(): Promise<void> {
  if (!win || !desktop) return;
  const { response } = await dialog.showMessageBox(win, {
    type: 'warning',
    message: `Save changes to ${desktop.document.name}?`,
    detail: "Your changes will be lost if you don't save them.",
    buttons: ['Save', "Don't Save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  });
  const answer = (['save', 'discard', 'cancel'] as const)[response] ?? 'cancel';
  if ((await desktop.closeAnswered(answer)) === 'close') {
    allowClose = true;
    win?.close();
  }
}

function rememberBounds(state: AppState): void {
  if (!win) return;
  state.maximized = win.isMaximized();
  state.bounds = win.getNormalBounds();
  // The write finishes before the process exits: quitting waits for pending I/O in the main loop,
  // and the atomic write means an interrupted one leaves the previous state.json.
  void store?.save(state).catch(() => undefined);
}

function registerIpc(d: Desktop): void {
  const policy: TrustPolicy = { windowId: () => win?.webContents.id ?? null, allowedOrigins };
  const impls: { [C in Channel]: Implementation<C> } = {
    'file:open': () => d.open(),
    'file:openPath': (path) => d.openPath(path),
    'file:save': (file, options) => d.save(file, options),
    'folder:choose': (name) => d.chooseFolder(name),
    'folder:openManifests': () => d.openManifests(),
    'export:write': (folder, files) => d.writeExport(folder, files),
    'recent:list': () => d.recentFiles(),
    'recovery:save': (text, name) => d.saveRecovery(text, name),
    'recovery:load': () => d.loadRecovery(),
    'recovery:clear': () => d.clearRecovery(),
    'document:state': (doc) => d.setDocumentState(doc),
    'menu:ready': () => d.menuListenerReady(),
  };
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, guarded(channel, impls[channel] as Implementation<typeof channel>, policy));
  }
}

function buildMenu(recent: readonly string[]): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        platform: process.platform,
        recent,
        dev,
        command: (c) => desktop?.command(c),
        openRecent: (path) => desktop?.requestOpen(path),
        clearRecent: () => void desktop?.clearRecent(),
      }),
    ),
  );
  // macOS dock menu and Windows jump list; nothing on Linux.
  if (recent[0] && process.platform !== 'linux') app.addRecentDocument(recent[0]);
}

/** Every webContents: no new windows, no navigation away, no <webview>. */
function hardenContents(contents: Electron.WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, allowedOrigins)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, allowedOrigins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function safeOrigin(url: string): string {
  try {
    return originOf(new URL(url));
  } catch {
    return '';
  }
}
