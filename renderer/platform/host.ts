// The small interface between the renderer and where it runs: the Electron window or a plain
// browser. Only file access, native menus and the window title differ between the two.

export interface OpenedFile {
  /** Absolute path on the desktop; a display name in the browser. */
  path: string | null;
  name: string;
  text: string;
}

export interface SavedFile {
  path: string | null;
  name: string;
}

export interface ExportFile {
  /** Relative path inside the chosen folder, '/'-separated (e.g. "k8s/gateway.yaml"). */
  path: string;
  content: string;
}

export type MenuCommand =
  'new' | 'open' | 'save' | 'saveAs' | 'undo' | 'redo' | 'layout' | 'fitView' | 'simulate' | 'review' | 'export' | 'shortcuts' | 'about';

export interface Host {
  readonly kind: 'web' | 'electron';
  /** Asks the user for a design file; null when cancelled. */
  openFile(): Promise<OpenedFile | null>;
  /** Asks for a folder of compose files or Kubernetes/Istio manifests to import: its YAML files
   * (searched recursively), paths relative to the folder's parent; null when cancelled. Where a
   * host has none, the app offers no folder import. */
  openManifests?(): Promise<OpenedFile[] | null>;
  /** Opens a known path (recent files, file association). Desktop only. */
  openPath?(path: string): Promise<OpenedFile>;
  /** Saves to `path` when given (and not saveAs), else asks where; null when cancelled. */
  saveFile(file: { path: string | null; name: string; text: string }, options?: { saveAs?: boolean }): Promise<SavedFile | null>;
  /** Writes an export: to a chosen folder on the desktop, as a zip download in the browser. */
  writeExport(files: ExportFile[], suggestedName: string): Promise<{ location: string } | null>;
  recentFiles(): Promise<string[]>;
  /** Unsaved work kept so a crash or reload loses nothing. */
  saveRecovery(text: string, name: string): Promise<void>;
  loadRecovery(): Promise<{ text: string; name: string } | null>;
  clearRecovery(): Promise<void>;
  /** Native menu commands (desktop); returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Title with file name and dirty marker; the desktop also uses it for the close prompt. */
  setDocumentState(state: { name: string; dirty: boolean }): void;
}
