// Selector hooks over the editor store. Selectors are module-level so their identity is stable
// and components re-render only when the slice they read changes.
import { useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { EditorStoreContext } from './EditorStoreContext';
import type { EditorState, EditorStore } from './editorStore';

export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditor* hooks need an <EditorStoreProvider>');
  return store;
}

export function useEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(useEditorStoreApi(), selector);
}

const selectActions = (s: EditorState) => ({
  load: s.load,
  editText: s.editText,
  edit: s.edit,
  moveNodes: s.moveNodes,
  addNode: s.addNode,
  connect: s.connect,
  deleteSelection: s.deleteSelection,
  deleteEdges: s.deleteEdges,
  renameNode: s.renameNode,
  renameOperation: s.renameOperation,
  removeOperation: s.removeOperation,
  ask: s.ask,
  answer: s.answer,
  copy: s.copy,
  paste: s.paste,
  duplicate: s.duplicate,
  undo: s.undo,
  redo: s.redo,
  select: s.select,
  selectAll: s.selectAll,
  autoLayout: s.autoLayout,
  markSaved: s.markSaved,
  notify: s.notify,
  requestView: s.requestView,
});
export type EditorActions = ReturnType<typeof selectActions>;
export function useEditorActions(): EditorActions {
  return useStore(useEditorStoreApi(), useShallow(selectActions));
}

const selectModel = (s: EditorState) => s.model;
export const useModel = () => useEditor(selectModel);
const selectProblems = (s: EditorState) => s.problems;
export const useProblems = () => useEditor(selectProblems);
const selectSelection = (s: EditorState) => s.selection;
export const useSelection = () => useEditor(selectSelection);
const selectDirty = (s: EditorState) => s.text !== s.savedText;
export const useDirty = () => useEditor(selectDirty);
const selectFileName = (s: EditorState) => s.fileName;
export const useFileName = () => useEditor(selectFileName);
const selectCanUndo = (s: EditorState) => s.history.undo.length > 0;
export const useCanUndo = () => useEditor(selectCanUndo);
const selectCanRedo = (s: EditorState) => s.history.redo.length > 0;
export const useCanRedo = () => useEditor(selectCanRedo);
const selectText = (s: EditorState) => s.text;
export const useText = () => useEditor(selectText);
const selectNotice = (s: EditorState) => s.notice;
export const useNotice = () => useEditor(selectNotice);
const selectLayoutBusy = (s: EditorState) => s.layoutBusy;
export const useLayoutBusy = () => useEditor(selectLayoutBusy);
const selectView = (s: EditorState) => s.view;
export const useViewRequest = () => useEditor(selectView);
const selectAutoPositions = (s: EditorState) => s.autoPositions;
export const useAutoPositions = () => useEditor(selectAutoPositions);
const selectStale = (s: EditorState) => s.stale;
export const useStale = () => useEditor(selectStale);
const selectConfirmation = (s: EditorState) => s.confirmation;
export const useConfirmation = () => useEditor(selectConfirmation);
