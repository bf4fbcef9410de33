// The one IPC contract between the preload and the main process: every channel's name, the shape
// of its arguments (checked at runtime in main before any work) and the type of its result.
// The preload imports only this file and electron; main registers a handler for every channel.
import type { ExportFile, Host, MenuCommand, OpenedFile, SavedFile } from '../../renderer/platform/host.js';
import { args, array, boolean, literal, nullable, object, optional, string, type Infer, type Shape } from './shape.js';

export type { ExportFile, Host, MenuCommand, OpenedFile, SavedFile };

/** Big enough for any real design or generated file, small enough to refuse a runaway renderer. */
export const MAX_TEXT = 20 * 1024 * 1024;
export const MAX_EXPORT_FILES = 2000;
/** The most YAML files a folder of manifests may hand the renderer to import, and their total size. */
export const MAX_MANIFEST_FILES = 2000;

const path = string({ min: 1, max: 4096 });
const name = string({ max: 512 });
const text = string({ max: MAX_TEXT });

export const MENU_COMMANDS = [
  'new',
  'open',
  'save',
  'saveAs',
  'undo',
  'redo',
  'layout',
  'fitView',
  'simulate',
  'review',
  'export',
  'shortcuts',
  'about',
] as const satisfies readonly MenuCommand[];

// If host.ts grows a command the list above lacks, this line stops compiling.
type _AllCommandsListed = MenuCommand extends (typeof MENU_COMMANDS)[number] ? true : never;
const _allCommandsListed: _AllCommandsListed = true;
void _allCommandsListed;

/** Renderer -> main requests (ipcRenderer.invoke / ipcMain.handle): the argument shapes. */
export const argShapes = {
  'file:open': args(),
  'file:openPath': args(path),
  'file:save': args(object({ path: nullable(path), name, text }), optional(object({ saveAs: optional(boolean) }))),
  'folder:choose': args(name),
  /** A folder of compose files or Kubernetes/Istio manifests, picked by the user, to import. */
  'folder:openManifests': args(),
  'export:write': args(path, array(object({ path: string({ min: 1, max: 1024 }), content: text }), { max: MAX_EXPORT_FILES })),
  'recent:list': args(),
  'recovery:save': args(text, name),
  'recovery:load': args(),
  'recovery:clear': args(),
  'document:state': args(object({ name, dirty: boolean })),
  /** The preload says a menu listener exists, so queued commands (e.g. a file to open) can flow. */
  'menu:ready': args(),
} satisfies Record<string, Shape<readonly unknown[]>>;

/** ...and the result each channel resolves with. */
export interface Results {
  'file:open': OpenedFile | null;
  'file:openPath': OpenedFile;
  'file:save': SavedFile | null;
  'folder:choose': string | null;
  'folder:openManifests': OpenedFile[] | null;
  'export:write': { location: string };
  'recent:list': string[];
  'recovery:save': void;
  'recovery:load': { text: string; name: string } | null;
  'recovery:clear': void;
  'document:state': void;
  'menu:ready': void;
}

export type Channel = keyof typeof argShapes & keyof Results;
export type ArgsOf<C extends Channel> = Infer<(typeof argShapes)[C]>;
export type ResultOf<C extends Channel> = Results[C];
export const CHANNELS = Object.keys(argShapes) as Channel[];

/** Main -> renderer events (webContents.send / ipcRenderer.on). */
export const MENU_COMMAND_EVENT = 'menu:command';
export const menuCommandShape: Shape<MenuCommand> = literal(...MENU_COMMANDS);

/** What the preload's bridge calls: one typed invoke per channel. */
export type Invoke = <C extends Channel>(channel: C, ...a: ArgsOf<C>) => Promise<ResultOf<C>>;
