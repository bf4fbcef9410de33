// Supplies the window's editor store to the component tree; components read it through the
// selector hooks in useEditor.ts, never by importing a global.
import { createContext, useState, type ReactNode } from 'react';
import type { EditorStore } from './editorStore';

export const EditorStoreContext = createContext<EditorStore | null>(null);

export function EditorStoreProvider({ create, children }: { create: () => EditorStore; children: ReactNode }) {
  const [store] = useState(create);
  return <EditorStoreContext.Provider value={store}>{children}</EditorStoreContext.Provider>;
}
