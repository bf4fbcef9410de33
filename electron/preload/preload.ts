// The preload: exposes window.meshwrightHost, an object implementing the renderer's Host interface
// (kind 'electron'), through contextBridge. Only named functions cross the bridge, never
// ipcRenderer itself, and each one maps to one channel of the IPC contract. Runs sandboxed, so it
// may import nothing but electron and the contract (bundled into one CommonJS file).
import { contextBridge, ipcRenderer } from 'electron';
import {
  MENU_COMMAND_EVENT,
  menuCommandShape,
  type ArgsOf,
  type Channel,
  type ExportFile,
  type Host,
  type MenuCommand,
  type ResultOf,
} from '../ipc/contract.js';

function invoke<C extends Channel>(channel: C, ...args: ArgsOf<C>): Promise<ResultOf<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<ResultOf<C>>;
}

const listeners = new Set<(command: MenuCommand) => void>();
let told = false;

ipcRenderer.on(MENU_COMMAND_EVENT, (_event, raw: unknown) => {
  let command: MenuCommand;
  try {
    command = menuCommandShape(raw, 'menu command');
  } catch {
    return;
  }
  for (const l of listeners) l(command);
});

const host: Host = {
  kind: 'electron',
  openFile: () => invoke('file:open'),
  openPath: (path: string) => invoke('file:openPath', path),
  openManifests: () => invoke('folder:openManifests'),
  saveFile: (file, options) =>
    invoke(
      'file:save',
      { path: file.path, name: file.name, text: file.text },
      options?.saveAs === undefined ? undefined : { saveAs: options.saveAs },
    ),
  async writeExport(files: ExportFile[], suggestedName: string) {
    const folder = await invoke('folder:choose', suggestedName);
    if (folder === null) return null;
    return invoke(
      'export:write',
      folder,
      files.map((f) => ({ path: f.path, content: f.content })),
    );
  },
  recentFiles: () => invoke('recent:list'),
  saveRecovery: (text: string, name: string) => invoke('recovery:save', text, name),
  loadRecovery: () => invoke('recovery:load'),
  clearRecovery: () => invoke('recovery:clear'),
  onMenuCommand(listener) {
    const own = (command: MenuCommand) => listener(command);
    listeners.add(own);
    if (!told) {
      // Main holds commands (such as "open this file from the command line") until someone listens.
      told = true;
      invoke('menu:ready').catch(() => undefined);
    }
    return () => {
      listeners.delete(own);
    };
  },
  setDocumentState(state) {
    // Fire and forget: the title is cosmetic, and the Host interface returns void here.
    invoke('document:state', { name: state.name, dirty: state.dirty }).catch(() => undefined);
  },
};

contextBridge.exposeInMainWorld('meshwrightHost', host);
