// The code panel: Monaco editing the design's YAML. Typing goes to the store at once (nothing is
// lost; the parse waits for a pause); changes made elsewhere arrive as the smallest edit so the
// cursor and scroll stay put. Ctrl+Z here is the app's undo, so there is one history, not two.
import { useEffect, useRef } from 'react';
import type { Problem } from '../../engine/index';
import { diffText } from '../store/history';
import { useEditorStoreApi } from '../store/useEditor';
import { setupMonaco, type monaco as Monaco } from './monacoSetup';

type Editor = Monaco.editor.IStandaloneCodeEditor;

/** The line (1-based) where node `id` is declared, found by its key under `nodes:`. */
export function lineOfNode(text: string, id: string): number | null {
  const lines = text.split('\n');
  const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s{1,8}(${esc}|"${esc}"|'${esc}')\\s*:`);
  let inNodes = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\S/.test(l)) inNodes = /^(nodes|sagas)\s*:/.test(l);
    else if (inNodes && re.test(l)) return i + 1;
  }
  return null;
}

export function CodePanel() {
  const store = useEditorStoreApi();
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);

  useEffect(() => {
    const monaco = setupMonaco();
    const model = monaco.editor.createModel(store.getState().text, 'yaml', monaco.Uri.parse('file:///design.arch.yaml'));
    const editor = monaco.editor.create(host.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      renderWhitespace: 'boundary',
      wordWrap: 'off',
      fixedOverflowWidgets: true,
      // Playwright's typing drops spaces with the EditContext input; a textarea behaves everywhere.
      editContext: false,
      quickSuggestions: { other: true, comments: false, strings: true },
    } as Monaco.editor.IStandaloneEditorConstructionOptions);
    editorRef.current = editor;
    let applying = false;

    const sub = model.onDidChangeContent(() => {
      if (!applying) store.getState().editText(model.getValue());
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ, () => store.getState().undo());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, () => store.getState().redo());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY, () => store.getState().redo());

    const showMarkers = (problems: readonly Problem[]) =>
      monaco.editor.setModelMarkers(
        model,
        'meshwright',
        problems.map((p) => ({
          severity: monaco.MarkerSeverity.Error,
          message: p.message,
          source: p.code,
          startLineNumber: p.line,
          startColumn: p.column,
          endLineNumber: p.line,
          endColumn: Math.max(p.column + 1, model.getLineMaxColumn(Math.min(p.line, model.getLineCount()))),
        })),
      );
    showMarkers(store.getState().problems);

    let decorations = editor.createDecorationsCollection();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.text !== prev.text && s.text !== model.getValue()) {
        const current = model.getValue();
        const c = diffText(current, s.text);
        const start = model.getPositionAt(c.at);
        const end = model.getPositionAt(c.at + c.removed.length);
        applying = true;
        try {
          model.applyEdits([{ range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: c.inserted }]);
        } finally {
          applying = false;
        }
        // Show where a canvas or inspector edit landed in the YAML.
        if (!editor.hasTextFocus() && s.documentId === prev.documentId) editor.revealLineInCenterIfOutsideViewport(start.lineNumber);
      }
      if (s.documentId !== prev.documentId) editor.setScrollPosition({ scrollTop: 0, scrollLeft: 0 });
      if (s.problems !== prev.problems) showMarkers(s.problems);
      if (s.selection !== prev.selection) {
        // Selecting a node shows its YAML, unless the user is typing here.
        const id = s.selection.nodes.length === 1 ? s.selection.nodes[0]! : null;
        const line = id ? lineOfNode(s.text, id) : null;
        decorations.clear();
        if (line) {
          decorations = editor.createDecorationsCollection([
            { range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: 'mw-code-selected' } },
          ]);
          if (!editor.hasTextFocus()) editor.revealLineNearTop(line, monaco.editor.ScrollType.Smooth);
        }
      }
    });

    return () => {
      unsubscribe();
      sub.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, [store]);

  return <div className="mw-code" ref={host} data-testid="code.editor" />;
}
