// The desktop's file and document logic behind the IPC channels, with Electron injected (dialogs,
// sending to the window, the title), so all of it runs in Node tests. It also holds the grants
// that keep a compromised renderer from reaching arbitrary files: the renderer may only read or
// overwrite paths the user picked (dialog, recent list, command line, file association) and may
// only export into a folder the user chose in this session.
import { promises as fs } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { MenuCommand, OpenedFile, Results, SavedFile } from '../ipc/contract.js';
import { MAX_MANIFEST_FILES, MAX_TEXT } from '../ipc/contract.js';
import { formatProblem } from '../../engine/model/problems.js';
import { utf8Problem } from '../../engine/model/utf8.js';
import { atomicWrite } from './atomic.js';
import { isDesignFile } from './argv.js';
import { writeExport } from './exportFolder.js';
import { addRecent, pruneMissing, removeRecent, samePath } from './recent.js';
import type { AppState, StateStore } from './state.js';

export interface DesktopDeps {
  store: StateStore;
  state: AppState;
  dialogs: {
    open(): Promise<string | null>;
    save(defaultName: string): Promise<string | null>;
    folder(suggestedName: string): Promise<string | null>;
    /** A folder of manifests to import (Import folder). */
    manifests?(): Promise<string | null>;
  };
  sendMenuCommand(command: MenuCommand): void;
  setDocumentState(state: { name: string; dirty: boolean }): void;
  /** Closes the window for real (after the dirty-state prompt was answered). */
  closeWindow(): void;
  /** Asks whether to drop unsaved changes to `current` to open `next` (a file from outside). */
  confirmDiscard(current: string, next: string): Promise<boolean>;
  /** Timer seam for tests; returns a cancel function. */
  later?: (ms: number, fn: () => void) => () => void;
  onRecentChanged?(recent: readonly string[]): void;
  now?: () => number;
}

/** How long a file handed to us from outside waits for the renderer's matching openFile() call. */
export const PENDING_OPEN_MS = 30_000;
/** How long commands wait for the renderer's first document once it listens. */
export const STARTUP_GRACE_MS = 5_000;

export class FileAccessDenied extends Error {
  constructor(path: string) {
    super(`not allowed to open "${path}": the user has not chosen it`);
    this.name = 'FileAccessDenied';
  }
}

export class Desktop {
  private readonly grantedFiles: string[] = [];
  private readonly grantedFolders: string[] = [];
  private pendingOpen: { path: string; at: number } | null = null;
  private listening = false;
  private hasDocument = false;
  private startupTimer: (() => void) | null = null;
  private readonly later: (ms: number, fn: () => void) => () => void;
  private readonly queued: MenuCommand[] = [];
  private doc = { name: 'Untitled', dirty: false };
  private closeAfterSave = false;
  private readonly now: () => number;

  constructor(private readonly deps: DesktopDeps) {
    this.now = deps.now ?? Date.now;
    this.later =
      deps.later ??
      ((ms, fn) => {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      });
  }

  get document(): { name: string; dirty: boolean } {
    return { ...this.doc };
  }

  get recent(): readonly string[] {
    return this.deps.state.recent;
  }

  // ---- outside -> renderer ------------------------------------------------------------------

  /**
   * A menu command for the renderer, held until the renderer can take it: its menu listener exists
   * and it has reported its first document (so a file to open cannot race the startup document,
   * recovered work or the template, and lose to it).
   */
  command(command: MenuCommand): void {
    if (this.rendererReady) void this.deliver(command);
    else if (!this.queued.includes(command)) this.queued.push(command);
  }

  /** The renderer subscribed to menu commands. */
  menuListenerReady(): void {
    this.listening = true;
    // A renderer that never reports a document must not hold commands forever.
    this.startupTimer ??= this.later(STARTUP_GRACE_MS, () => {
      this.hasDocument = true;
      this.flush();
    });
    this.flush();
  }

  /** The page reloaded or crashed: commands wait again until it listens. */
  rendererGone(): void {
    this.listening = false;
    this.hasDocument = false;
    this.startupTimer?.();
    this.startupTimer = null;
  }

  /**
   * A file to open from the command line, a second launch, macOS open-file or Open Recent. We ask
   * the renderer to run its usual Open command and answer its openFile() with this path instead
   * of a dialog; if its document has unsaved changes, the user confirms first.
   */
  requestOpen(path: string): void {
    const full = resolve(path);
    this.grant(full);
    this.pendingOpen = { path: full, at: this.now() };
    this.command('open');
  }

  private get rendererReady(): boolean {
    return this.listening && this.hasDocument;
  }

  private flush(): void {
    if (!this.rendererReady) return;
    for (const c of this.queued.splice(0)) void this.deliver(c);
  }

  private async deliver(command: MenuCommand): Promise<void> {
    const pending = this.pendingOpen;
    if (command === 'open' && pending !== null && this.doc.dirty) {
      const ok = await this.deps.confirmDiscard(this.doc.name, basename(pending.path));
      if (!ok) {
        if (this.pendingOpen === pending) this.pendingOpen = null;
        return;
      }
      pending.at = this.now(); // the time spent in the dialog does not count against the file
    }
    this.deps.sendMenuCommand(command);
  }

  // ---- channels -----------------------------------------------------------------------------

  async open(): Promise<Results['file:open']> {
    const pending = this.takePendingOpen();
    const path = pending ?? (await this.deps.dialogs.open());
    if (path === null) return null;
    this.grant(path);
    return this.read(path);
  }

  async openPath(path: string): Promise<OpenedFile> {
    const full = resolve(path);
    if (!this.isGranted(full)) throw new FileAccessDenied(path);
    return this.read(full);
  }

  async save(file: { path: string | null; name: string; text: string }, options?: { saveAs?: boolean }): Promise<SavedFile | null> {
    try {
      const saved = await this.saveUnguarded(file, options);
      if (saved === null) this.closeAfterSave = false; // the user cancelled the save: stay open
      return saved;
    } catch (error) {
      this.closeAfterSave = false;
      throw error;
    }
  }

  private async saveUnguarded(
    file: { path: string | null; name: string; text: string },
    options?: { saveAs?: boolean },
  ): Promise<SavedFile | null> {
    let target: string | null = null;
    // Overwriting in place is only for a file the user chose; anything else asks where.
    if (!options?.saveAs && file.path !== null && this.isGranted(resolve(file.path))) target = resolve(file.path);
    if (target === null) {
      const chosen = await this.deps.dialogs.save(suggestName(file.name));
      if (chosen === null) return null;
      target = withDesignExtension(resolve(chosen));
    }
    await atomicWrite(target, file.text);
    this.grant(target);
    await this.remember(target);
    await this.deps.store.clearRecovery();
    return { path: target, name: basename(target) };
  }

  /** The YAML files of a folder the user picks (recursively, as `meshwright import` reads one:
   * hidden folders and node_modules skipped, symbolic links not followed), named by their path
   * from the folder's parent (`boutique/k8s/app.yaml`), in path order; a file that is not UTF-8
   * is refused at its place, as opening a design is. Reading needs no grant:
   * only the dialog names the folder, and nothing is written. */
  async openManifests(): Promise<OpenedFile[] | null> {
    const folder = this.deps.dialogs.manifests ? await this.deps.dialogs.manifests() : null;
    if (folder === null) return null;
    const root = resolve(folder);
    const paths: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        const p = join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (e.isFile() && /\.ya?ml$/i.test(e.name)) {
          paths.push(p);
          if (paths.length > MAX_MANIFEST_FILES) throw new Error(`"${basename(root)}" has more than ${MAX_MANIFEST_FILES} YAML files`);
        }
      }
    };
    await walk(root);
    const out: OpenedFile[] = [];
    let total = 0;
    for (const p of paths) {
      const st = await fs.stat(p);
      total += st.size;
      if (total > MAX_TEXT) throw new Error(`the YAML files of "${basename(root)}" are larger than ${MAX_TEXT / 1024 / 1024} MB together`);
      const name = [basename(root), ...relative(root, p).split(sep)].join('/');
      const bytes = await fs.readFile(p);
      // As a design's open: a file that is not UTF-8 stops the import at its first bad byte (a
      // lossy decode would import U+FFFD into names, env values and images).
      const bad = utf8Problem(bytes, name);
      if (bad) throw new Error(formatProblem(bad));
      out.push({ path: p, name, text: bytes.toString('utf8') });
    }
    return out;
  }

  async chooseFolder(suggestedName: string): Promise<string | null> {
    const folder = await this.deps.dialogs.folder(suggestedName);
    if (folder === null) return null;
    const full = resolve(folder);
    if (!this.grantedFolders.some((f) => samePath(f, full))) this.grantedFolders.push(full);
    return full;
  }

  async writeExport(folder: string, files: { path: string; content: string }[]): Promise<{ location: string }> {
    const full = resolve(folder);
    if (!this.grantedFolders.some((f) => samePath(f, full))) throw new FileAccessDenied(folder);
    return { location: await writeExport(full, files) };
  }

  async recentFiles(): Promise<string[]> {
    const kept = await pruneMissing(this.deps.state.recent, exists);
    if (kept.length !== this.deps.state.recent.length) await this.setRecent(kept);
    return kept;
  }

  async clearRecent(): Promise<void> {
    await this.setRecent([]);
  }

  async saveRecovery(text: string, name: string): Promise<void> {
    await this.deps.store.saveRecovery(text, name);
  }

  loadRecovery(): Promise<Results['recovery:load']> {
    return this.deps.store.loadRecovery();
  }

  async clearRecovery(): Promise<void> {
    await this.deps.store.clearRecovery();
  }

  setDocumentState(state: { name: string; dirty: boolean }): void {
    this.doc = { ...state };
    this.deps.setDocumentState(this.document);
    this.hasDocument = true;
    this.flush();
    if (this.closeAfterSave && !state.dirty) {
      this.closeAfterSave = false;
      this.deps.closeWindow();
    }
  }

  // ---- closing with unsaved changes -----------------------------------------------------------

  /** On the window's close event: may it close now, or must the user be asked first? */
  closeRequested(): 'close' | 'ask' {
    return this.doc.dirty ? 'ask' : 'close';
  }

  /**
   * The user's answer to "Save changes?". Save: the renderer saves as usual and the window closes
   * once it reports a clean document. Discard: the recovery copy goes too, or the next start would
   * bring back what the user just threw away.
   */
  async closeAnswered(answer: 'save' | 'discard' | 'cancel'): Promise<'close' | 'wait' | 'stay'> {
    if (answer === 'cancel') return 'stay';
    if (answer === 'discard') {
      await this.deps.store.clearRecovery();
      return 'close';
    }
    this.closeAfterSave = true;
    this.command('save');
    return 'wait';
  }

  // ---- helpers ------------------------------------------------------------------------------

  private takePendingOpen(): string | null {
    const p = this.pendingOpen;
    this.pendingOpen = null;
    if (p === null || this.now() - p.at > PENDING_OPEN_MS) return null;
    return p.path;
  }

  private grant(path: string): void {
    const full = resolve(path);
    if (!this.grantedFiles.some((f) => samePath(f, full))) this.grantedFiles.push(full);
  }

  private isGranted(full: string): boolean {
    return this.grantedFiles.some((f) => samePath(f, full)) || this.deps.state.recent.some((f) => samePath(f, full));
  }

  private async read(path: string): Promise<OpenedFile> {
    let text: string;
    try {
      const st = await fs.stat(path);
      if (!st.isFile()) throw new Error(`"${path}" is not a file`);
      if (st.size > MAX_TEXT) throw new Error(`"${basename(path)}" is larger than ${MAX_TEXT / 1024 / 1024} MB`);
      const bytes = await fs.readFile(path);
      // Not UTF-8: refuse with the place of the first bad byte (a lossy decode would be saved back).
      const bad = utf8Problem(bytes, basename(path));
      if (bad) throw new Error(formatProblem(bad));
      text = bytes.toString('utf8');
    } catch (error) {
      // A recent entry whose file vanished or became unreadable should not stay in the list.
      if (this.deps.state.recent.some((f) => samePath(f, path))) await this.setRecent(removeRecent(this.deps.state.recent, path));
      throw error;
    }
    await this.remember(path);
    return { path, name: basename(path), text };
  }

  private async remember(path: string): Promise<void> {
    await this.setRecent(addRecent(this.deps.state.recent, path));
  }

  private async setRecent(list: string[]): Promise<void> {
    this.deps.state.recent = list;
    await this.deps.store.save(this.deps.state).catch(() => undefined);
    this.deps.onRecentChanged?.(list);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isFile();
  } catch {
    return false;
  }
}

/** GTK's save dialog does not add the filter's extension; we do, so the association still works. */
export function withDesignExtension(path: string): string {
  return isDesignFile(path) ? path : `${path}.arch.yaml`;
}

function suggestName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const clean = basename(name.trim() || 'Untitled').replace(/[<>:"/\\|?*\0-\x1f]/g, '_');
  return withDesignExtension(clean);
}
