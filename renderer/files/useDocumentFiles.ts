// File commands shared by the toolbar, the keyboard and the desktop menus: new from a template,
// open, save, save as. Opening a broken file shows its errors and keeps what is open. Nothing
// replaces unsaved work without asking: New, a template, Open and a file from outside all go
// through `whenDiscarded`.
import { useCallback, useMemo } from 'react';
import { looksImportable, parseDesign } from '../../engine/index';
import { engineClient } from '../workers/engineClient';
import { getHost, type OpenedFile } from '../platform/index';
import { useEditorStoreApi } from '../store/useEditor';
import type { Template } from './templates';

export function useDocumentFiles() {
  const store = useEditorStoreApi();

  const save = useCallback(
    async (saveAs = false): Promise<boolean> => {
      const s = store.getState();
      const text = s.text;
      try {
        const r = await getHost().saveFile({ path: s.filePath, name: s.fileName, text }, { saveAs });
        if (!r) return false;
        store.getState().markSaved(r.name, r.path, text);
        await getHost().clearRecovery();
        store.getState().notify(`Saved ${r.name}.`);
        return true;
      } catch (e) {
        store.getState().notify(`Save failed: ${(e as Error).message}`, 'error');
        return false;
      }
    },
    [store],
  );

  /** Runs `replace` at once when the open document has no unsaved changes, else after asking
   * (discard, save first, or cancel). */
  const whenDiscarded = useCallback(
    (what: string, replace: () => void) => {
      const s = store.getState();
      if (s.text === s.savedText) {
        replace();
        return;
      }
      s.ask({
        title: 'Discard unsaved changes?',
        message: `${s.fileName} has changes that are not saved. ${what} replaces it: the changes cannot be brought back.`,
        items: [],
        confirmLabel: 'Discard changes',
        onConfirm: replace,
        alternative: {
          label: 'Save first',
          run: () =>
            void save(false).then((saved) => {
              if (saved) replace();
            }),
        },
      });
    },
    [store, save],
  );

  const newFrom = useCallback(
    (t: Template) =>
      whenDiscarded(t.id === 'blank' ? 'A new blank design' : `A new design from the “${t.title}” template`, () => {
        store.getState().load(t.text, t.fileName, null);
        store.getState().notify(t.id === 'blank' ? 'New blank design.' : `New design from the “${t.title}” template.`);
      }),
    [store, whenDiscarded],
  );

  /** Compose files or manifests -> a new, unsaved design (the engine worker imports and lays it
   * out); errors with their file and place; the unmapped count said, the notes on the nodes. */
  const importFiles = useCallback(
    async (files: OpenedFile[], name: string) => {
      const label = files.length === 1 ? files[0]!.name : `${name} (${files.length} files)`;
      const r = await engineClient().request({ type: 'import', files: files.map((f) => ({ path: f.name, text: f.text })), name });
      if (!r.text) {
        const first = r.problems.slice(0, 3).map((p) => `${files.length > 1 ? `${p.file}:` : ''}${p.line}:${p.column} ${p.message}`);
        store.getState().notify(`${label} cannot be imported: ${first.join('; ')}`, 'error');
        return;
      }
      whenDiscarded(`Importing ${label}`, () => {
        const base = name.replace(/^docker-compose$|^compose$/, 'imported') || 'imported';
        store.getState().load(r.text!, `${base}.arch.yaml`, null, { dirty: true });
        const notes = r.unmapped.length ? `; ${r.unmapped.length} thing(s) not mapped, kept as notes` : '';
        store.getState().notify(`Imported ${label}: ${r.nodes} nodes${notes}. Guessed fields say so in the code view.`);
      });
    },
    [store, whenDiscarded],
  );

  /** A folder of compose files or Kubernetes/Istio manifests, imported as one system. */
  const importFolder = useCallback(async () => {
    const host = getHost();
    if (!host.openManifests) return;
    try {
      const files = await host.openManifests();
      if (!files) return;
      const folder = files[0]?.name.split('/')[0] ?? 'imported';
      if (files.length === 0) {
        store.getState().notify('That folder has no .yaml or .yml files to import.', 'error');
        return;
      }
      await importFiles(files, folder);
    } catch (e) {
      store.getState().notify(`Import failed: ${(e as Error).message}`, 'error');
    }
  }, [store, importFiles]);

  const open = useCallback(async () => {
    try {
      const f = await getHost().openFile();
      if (!f) return;
      // A compose file or Kubernetes/Istio manifests: imported (in the engine worker) as a new,
      // unsaved design; what could not be mapped is in its notes.
      if (looksImportable(f.text)) {
        await importFiles([f], f.name.replace(/\.(ya?ml|json)$/i, ''));
        return;
      }
      const r = parseDesign(f.text, f.name);
      if (!r.design && !r.document?.errors.length && r.problems.length === 0) return;
      if (!r.design && r.problems.some((p) => p.code === 'syntax' || p.code === 'version')) {
        const first = r.problems.slice(0, 3).map((p) => `${p.line}:${p.column} ${p.message}`);
        store.getState().notify(`${f.name} cannot be opened: ${first.join('; ')}`, 'error');
        return;
      }
      whenDiscarded(`Opening ${f.name}`, () => {
        store.getState().load(f.text, f.name, f.path);
        if (r.problems.length) store.getState().notify(`${f.name} opened with ${r.problems.length} problem(s): see Problems.`, 'error');
      });
    } catch (e) {
      store.getState().notify(`Open failed: ${(e as Error).message}`, 'error');
    }
  }, [store, whenDiscarded, importFiles]);

  return useMemo(() => ({ newFrom, open, importFolder, save, whenDiscarded }), [newFrom, open, importFolder, save, whenDiscarded]);
}
