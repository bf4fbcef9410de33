// The host in a plain browser: files through the File System Access API where the browser has
// it (Chromium), else a file input and a download; recovery and recent files in localStorage.
import { zipSync, strToU8 } from 'fflate';
import { formatProblem, utf8Problem } from '../../engine/index';
import type { ExportFile, Host, OpenedFile, SavedFile } from './host';

const RECOVERY_KEY = 'meshwright.recovery';
const RECENT_KEY = 'meshwright.recent';

interface FileHandle {
  name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}
type PickerWindow = Window & {
  showOpenFilePicker?: (options?: unknown) => Promise<FileHandle[]>;
  showSaveFilePicker?: (options?: unknown) => Promise<FileHandle>;
};

const TYPES = [{ description: 'Meshwright design', accept: { 'application/yaml': ['.yaml', '.yml', '.json'] } }];

/** A picked file's text, refused at its first bad byte when it is not UTF-8 (as the CLI and the
 * desktop read files): File.text() would silently turn the byte into U+FFFD. */
export async function utf8Text(file: Blob, name: string): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const bad = utf8Problem(bytes, name);
  if (bad) throw new Error(formatProblem(bad));
  return new TextDecoder().decode(bytes);
}

/** Saves a blob through the browser's download bar. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function pickWithInput(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.yaml,.yml,.json';
    input.dataset.testid = 'file.input';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

/** A folder through `<input webkitdirectory>` (every current browser has it): its files, with
 * their paths inside the folder. */
function pickFolderWithInput(): Promise<File[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.webkitdirectory = true;
    input.dataset.testid = 'folder.input';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files ? [...input.files] : null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

export function createWebHost(): Host {
  // Handles of files opened or saved in this tab, by name: "Save" writes back in place.
  const handles = new Map<string, FileHandle>();
  const w = window as PickerWindow;
  const remember = (name: string) => {
    const list = [name, ...recent().filter((n) => n !== name)].slice(0, 10);
    localStorage.setItem(RECENT_KEY, JSON.stringify(list));
  };
  const recent = (): string[] => {
    try {
      const v: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  };

  return {
    kind: 'web',
    async openFile(): Promise<OpenedFile | null> {
      if (w.showOpenFilePicker) {
        try {
          const [h] = await w.showOpenFilePicker({ types: TYPES, multiple: false });
          if (!h) return null;
          const f = await h.getFile();
          handles.set(h.name, h);
          remember(h.name);
          return { path: null, name: h.name, text: await utf8Text(f, h.name) };
        } catch (e) {
          if (isAbort(e)) return null;
          throw e;
        }
      }
      const f = await pickWithInput();
      if (!f) return null;
      remember(f.name);
      return { path: null, name: f.name, text: await utf8Text(f, f.name) };
    },
    async openManifests(): Promise<OpenedFile[] | null> {
      const picked = await pickFolderWithInput();
      if (!picked) return null;
      // As the CLI reads a folder: the YAML files, in path order, hidden folders and node_modules skipped.
      const files = picked
        .map((f) => ({ f, path: f.webkitRelativePath || f.name }))
        .filter(({ path }) => /\.ya?ml$/i.test(path) && !path.split('/').some((part) => part.startsWith('.') || part === 'node_modules'))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      return Promise.all(files.map(async ({ f, path }) => ({ path: null, name: path, text: await utf8Text(f, path) })));
    },
    async saveFile(file, options): Promise<SavedFile | null> {
      let h = options?.saveAs ? undefined : handles.get(file.name);
      if (!h && w.showSaveFilePicker) {
        try {
          h = await w.showSaveFilePicker({ suggestedName: file.name, types: TYPES });
        } catch (e) {
          if (isAbort(e)) return null;
          throw e;
        }
      }
      if (h) {
        const out = await h.createWritable();
        await out.write(file.text);
        await out.close();
        handles.set(h.name, h);
        remember(h.name);
        return { path: null, name: h.name };
      }
      download(new Blob([file.text], { type: 'application/yaml' }), file.name);
      remember(file.name);
      return { path: null, name: file.name };
    },
    async writeExport(files: ExportFile[], suggestedName: string) {
      const entries: Record<string, Uint8Array> = {};
      for (const f of files) entries[f.path] = strToU8(f.content);
      const name = suggestedName.endsWith('.zip') ? suggestedName : `${suggestedName}.zip`;
      download(new Blob([zipSync(entries) as BlobPart], { type: 'application/zip' }), name);
      return { location: name };
    },
    async recentFiles() {
      return recent();
    },
    async saveRecovery(text, name) {
      try {
        localStorage.setItem(RECOVERY_KEY, JSON.stringify({ text, name, at: Date.now() }));
      } catch {
        // Storage full or disabled: recovery is best effort.
      }
    },
    async loadRecovery() {
      try {
        const v = JSON.parse(localStorage.getItem(RECOVERY_KEY) ?? 'null') as { text?: unknown; name?: unknown } | null;
        return v && typeof v.text === 'string' && typeof v.name === 'string' ? { text: v.text, name: v.name } : null;
      } catch {
        return null;
      }
    },
    async clearRecovery() {
      localStorage.removeItem(RECOVERY_KEY);
    },
    onMenuCommand() {
      return () => {};
    },
    setDocumentState({ name, dirty }) {
      document.title = `${dirty ? '● ' : ''}${name} — Meshwright`;
    },
  };
}
