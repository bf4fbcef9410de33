// Entry point of the renderer: one editor store for the window, wired to the engine worker.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './app.css';
import { App } from './App';
import { createEditorStore } from './store/editorStore';
import { EditorStoreProvider } from './store/EditorStoreContext';
import { rawOffThread } from './store/rawClient';
import { engineClient } from './workers/engineClient';

const create = () =>
  createEditorStore({
    layout: async (graph) => (await engineClient().request({ type: 'layout', graph })).positions,
    parse: (text, file) => engineClient().request({ type: 'parse', text, file }),
    parseRaw: rawOffThread,
  });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EditorStoreProvider create={create}>
      <App />
    </EditorStoreProvider>
  </StrictMode>,
);
