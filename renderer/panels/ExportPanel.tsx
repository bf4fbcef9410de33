// The Export tab: choose a target, generate its files in the engine worker, list every file and
// preview the selected one read-only in Monaco; "Write files" hands them to the host (a folder on
// the desktop, a zip download in the browser).
import { Icon } from '../canvas/icons';
import { fileTree, type FolderNode } from './fileTree';
import { useEffect, useRef, useState } from 'react';
import { EXPORT_TARGETS, type ExportTarget } from '../../engine/index';
import { setupMonaco, type monaco as Monaco } from '../editor/monacoSetup';
import { getHost } from '../platform/index';
import { useExports, useResultsStoreApi } from '../results/ResultsStoreContext';
import { useEditorActions, useModel } from '../store/useEditor';
import '../results/results.css';

const TARGET_HINT: Record<ExportTarget, string> = {
  compose: 'docker-compose.yml',
  k8s: 'a kustomize base: one file per node',
  istio: 'an overlay on ../k8s: gateway, routes, mTLS, authorization',
  stubs: 'a TypeScript stub per service',
  all: 'everything; compose builds the stubs',
};

export function languageOf(path: string): string {
  if (/\.ya?ml$/.test(path)) return 'yaml';
  if (/\.json$/.test(path)) return 'json';
  if (/\.tsx?$/.test(path)) return 'typescript';
  if (/\.m?js$/.test(path)) return 'javascript';
  if (/\.md$/.test(path)) return 'markdown';
  if (/(^|\/)Dockerfile$/.test(path)) return 'dockerfile';
  return 'plaintext';
}

export function ExportPanel() {
  const store = useResultsStoreApi();
  const model = useModel();
  const exp = useExports();
  const { notify } = useEditorActions();
  const [writing, setWriting] = useState(false);
  const file = exp.files?.find((f) => f.path === exp.selected) ?? null;
  // Generated on opening, and again whenever the design changes (the target is kept).
  const generatedFor = useRef<unknown>(null);
  useEffect(() => {
    if (!model || generatedFor.current === model) return;
    generatedFor.current = model;
    void store.getState().generateExport(model);
  }, [model, store]);

  const generate = () => {
    if (!model) return;
    generatedFor.current = model;
    void store.getState().generateExport(model);
  };

  const write = async () => {
    if (!model || !exp.files) return;
    setWriting(true);
    try {
      const done = await getHost().writeExport(exp.files, `${model.name}-${exp.target}`);
      if (done) notify(`Wrote ${exp.files.length} files to ${done.location}.`);
    } catch (e) {
      notify(`The export could not be written: ${e instanceof Error ? e.message : String(e)}`, 'error');
    } finally {
      setWriting(false);
    }
  };

  return (
    <div className="mw-export" data-testid="export.panel">
      <div className="mw-export-side">
        <div className="mw-export-targets" role="radiogroup" aria-label="Export target">
          {EXPORT_TARGETS.map((t) => (
            <label key={t} className={`mw-target${exp.target === t ? ' is-on' : ''}`} title={TARGET_HINT[t]}>
              <input
                type="radio"
                name="export-target"
                value={t}
                checked={exp.target === t}
                data-testid={`export.target.${t}`}
                onChange={() => {
                  store.getState().setTarget(t);
                  if (model) {
                    generatedFor.current = model;
                    void store.getState().generateExport(model);
                  }
                }}
              />
              {t}
            </label>
          ))}
        </div>
        <div className="mw-export-actions">
          <button type="button" className="mw-button" data-testid="export.generate" disabled={!model || exp.busy} onClick={generate}>
            {exp.busy ? 'Generating…' : exp.files ? 'Regenerate' : 'Generate'}
          </button>
          <button
            type="button"
            className="mw-button mw-primary"
            data-testid="export.write"
            disabled={!exp.files || exp.files.length === 0 || writing || exp.busy}
            onClick={() => void write()}
            title={getHost().kind === 'web' ? 'Download the files as a zip' : 'Write the files into a folder'}
          >
            {writing ? 'Writing…' : getHost().kind === 'web' ? 'Write files (zip)' : 'Write files…'}
          </button>
        </div>
        {exp.error && (
          <p className="mw-warning" data-testid="export.error">
            {exp.error}
          </p>
        )}
        {exp.files ? (
          <>
            <div className="mw-muted mw-export-count" data-testid="export.count">
              {exp.files.length} files · {exp.target}
            </div>
            <div className="mw-export-files" data-testid="export.files">
              <FolderView
                folder={fileTree(exp.files.map((f) => f.path))}
                selected={exp.selected}
                onPick={(p) => store.getState().selectFile(p)}
              />
            </div>
          </>
        ) : (
          !exp.busy && <p className="mw-muted">Choose a target to generate its files.</p>
        )}
      </div>
      <div className="mw-export-preview">
        {file ? (
          <>
            <div className="mw-export-path" data-testid="export.previewPath">
              {file.path} <span className="mw-muted">· read-only · {file.content.split('\n').length} lines</span>
            </div>
            <Preview path={file.path} content={file.content} />
          </>
        ) : (
          <p className="mw-muted mw-export-empty">The selected file shows here.</p>
        )}
      </div>
    </div>
  );
}

/** A read-only Monaco editor; one model per path so each file keeps its own language. */
function Preview({ path, content }: { path: string; content: string }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  useEffect(() => {
    const monaco = setupMonaco();
    const e = monaco.editor.create(host.current!, {
      readOnly: true,
      domReadOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 12,
      scrollBeyondLastLine: false,
      renderValidationDecorations: 'off',
      editContext: false,
    } as Monaco.editor.IStandaloneEditorConstructionOptions);
    editor.current = e;
    return () => {
      e.getModel()?.dispose();
      e.dispose();
      editor.current = null;
    };
  }, []);
  useEffect(() => {
    const e = editor.current;
    if (!e) return;
    const monaco = setupMonaco();
    const old = e.getModel();
    // Outside the design's file pattern, so the design schema's validation never applies.
    const uri = monaco.Uri.parse(`export:///${path}`);
    monaco.editor.getModel(uri)?.dispose();
    const lang = languageOf(path);
    const known = monaco.languages.getLanguages().some((l) => l.id === lang);
    e.setModel(monaco.editor.createModel(content, known ? lang : 'plaintext', uri));
    old?.dispose();
  }, [path, content]);
  return <div ref={host} className="mw-export-editor" data-testid="export.preview" />;
}

/** One folder of the export list: its subfolders (open, foldable) then its files. */
function FolderView({ folder, selected, onPick }: { folder: FolderNode; selected: string | null; onPick: (path: string) => void }) {
  return (
    <ul className="mw-tree">
      {folder.folders.map((f) => (
        <li key={f.path}>
          <details open className="mw-tree-folder" data-testid="export.folder" data-path={f.path}>
            <summary>
              <Icon name="folder" size={13} /> {f.name}/ <span className="mw-muted">{f.count}</span>
            </summary>
            <FolderView folder={f} selected={selected} onPick={onPick} />
          </details>
        </li>
      ))}
      {folder.files.map((f) => (
        <li key={f.path}>
          <button
            type="button"
            className={`mw-export-file${f.path === selected ? ' is-selected' : ''}`}
            data-testid="export.file"
            data-path={f.path}
            aria-current={f.path === selected}
            onClick={() => onPick(f.path)}
            title={f.path}
          >
            <Icon name="file" size={12} /> {f.name}
          </button>
        </li>
      ))}
    </ul>
  );
}
