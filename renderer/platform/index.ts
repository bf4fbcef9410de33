// Picks where the renderer runs: the Electron preload's host when it is there, else the browser's.
import type { Host } from './host';
import { createWebHost } from './web';

declare global {
  interface Window {
    meshwrightHost?: Host;
  }
}

let host: Host | undefined;

export function getHost(): Host {
  host ??= window.meshwrightHost ?? createWebHost();
  return host;
}

export type { Host, MenuCommand, OpenedFile, SavedFile, ExportFile } from './host';
