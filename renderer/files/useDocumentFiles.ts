// File commands shared by the toolbar, the keyboard and the desktop menus: new from a template,
// open, save, save as. Opening a broken file shows its errors and keeps what is open.
import { useCallback, useMemo } from 'react';
import { parseDesign } from '../../engine/index';
import { getHost } from '../platform/index';
import { useEditorStoreApi } from '../store/useEditor';
import type { Template } from './templates';

export function useDocumentFiles() {
  const store = useEditorStoreApi();
  const newFrom = useCallback(
    (t: Template) => {
      store.getState().load(t.text, t.fileName, null);
      store.getState().notify(`New design from the “${t.title}” template.`);
    },
    [store],
  );
  const open = useCallback(async () => {
    try {
      const f = await getHost().openFile();
      if (!f) return;
      const r = parseDesign(f.text, f.name);
      if (!r.design && !r.document?.errors.length && r.problems.length === 0) return;
      if (!r.design && r.problems.some((p) => p.code === 'syntax' || p.code === 'version')) {
        const first = r.problems.slice(0, 3).map((p) => `${p.line}:${p.column} ${p.message}`);
        store.getState().notify(`${f.name} cannot be opened: ${first.join('; ')}`, 'error');
        return;
      }
      store.getState().load(f.text, f.name, f.path);
      if (r.problems.length) store.getState().notify(`${f.name} opened with ${r.problems.length} problem(s): see Problems.`, 'error');
    } catch (e) {
      store.getState().notify(`Open failed: ${(e as Error).message}`, 'error');
    }
  }, [store]);
  const save = useCallback(
    async (saveAs = false) => {
      const s = store.getState();
      const text = s.text;
      try {
        const r = await getHost().saveFile({ path: s.filePath, name: s.fileName, text }, { saveAs });
        if (!r) return;
        store.getState().markSaved(r.name, r.path, text);
        await getHost().clearRecovery();
        store.getState().notify(`Saved ${r.name}.`);
      } catch (e) {
        store.getState().notify(`Save failed: ${(e as Error).message}`, 'error');
      }
    },
    [store],
  );
  return useMemo(() => ({ newFrom, open, save }), [newFrom, open, save]);
}
