// The window: toolbar, palette, canvas, inspector, and the bottom panel (Code | Simulation |
// Review | Export | Problems).
// Starts with recovered unsaved work when there is some, else the e-commerce template.
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Group, Panel, Separator, usePanelRef } from 'react-resizable-panels';
import { benchDesignYaml } from './bench/generateDesign';
import { Canvas } from './canvas/Canvas';
import { Icon } from './canvas/icons';
import { BLANK_TEMPLATE, DEFAULT_TEMPLATE } from './files/templates';
import { useDocumentFiles } from './files/useDocumentFiles';
import { Inspector } from './panels/Inspector';
import { Palette } from './panels/Palette';
import { ProblemsPanel } from './panels/ProblemsPanel';
import { ReviewBadge, ReviewPanel } from './panels/ReviewPanel';
import { ResultsStoreProvider } from './results/ResultsStoreContext';
import { chartNav } from './charts/chartNav';
import { SearchBox } from './panels/SearchBox';
import { ConfirmDialog, ShortcutsDialog, TemplateGallery } from './panels/Dialogs';
import { isTyping, SHORTCUTS, type ShortcutCommand } from './panels/shortcuts';
import { getHost, type MenuCommand } from './platform/index';
import {
  useCanRedo,
  useCanUndo,
  useConfirmation,
  useDirty,
  useEditor,
  useEditorActions,
  useEditorStoreApi,
  useFileName,
  useLayoutBusy,
  useNotice,
  useProblems,
  useStale,
} from './store/useEditor';

// Monaco is most of the bundle: the canvas should not wait for it.
const CodePanel = lazy(() => import('./editor/CodePanel').then((m) => ({ default: m.CodePanel })));
const SimulationPanel = lazy(() => import('./panels/SimulationPanel').then((m) => ({ default: m.SimulationPanel })));
const CapacityPanel = lazy(() => import('./panels/CapacityPanel').then((m) => ({ default: m.CapacityPanel })));
const ExportPanel = lazy(() => import('./panels/ExportPanel').then((m) => ({ default: m.ExportPanel })));
const ChartsPanel = lazy(() => import('./charts/ChartsPanel').then((m) => ({ default: m.ChartsPanel })));

type Tab = 'code' | 'simulation' | 'capacity' | 'charts' | 'review' | 'export' | 'problems';
const RESULT_TABS: readonly Tab[] = ['simulation', 'capacity', 'charts', 'review', 'export'];

export function App() {
  return (
    <ReactFlowProvider>
      <ResultsStoreProvider>
        <Shell />
      </ResultsStoreProvider>
    </ReactFlowProvider>
  );
}

function Shell() {
  const store = useEditorStoreApi();
  const files = useDocumentFiles();
  const [dialog, setDialog] = useState<'gallery' | 'shortcuts' | null>(null);
  const [tab, setTabState] = useState<Tab>('code');
  const [started, setStarted] = useState(false);
  /** The file whose unsaved changes a reload brought back, until the user keeps or drops them. */
  const [recovered, setRecovered] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const confirmation = useConfirmation();
  const palette = usePanelRef();
  const inspector = usePanelRef();
  const bottom = usePanelRef();
  const [collapsed, setCollapsed] = useState({ palette: false, inspector: false });
  /** Shows a tab of the bottom panel, opening the panel when it was folded away. */
  const setTab = useCallback(
    (t: Tab) => {
      setTabState(t);
      if (bottom.current?.isCollapsed()) bottom.current.expand();
    },
    [bottom],
  );

  // First document: recovered work, else the e-commerce template (the desktop start relies on it).
  useEffect(() => {
    let cancelled = false;
    // ?bench=N opens a generated design of N nodes (npm run bench:canvas); nothing is recovered.
    const bench = Number(new URLSearchParams(location.search).get('bench') ?? 0);
    if (bench > 0) {
      store.getState().load(benchDesignYaml(bench), `bench-${bench}.arch.yaml`, null);
      setStarted(true);
      return;
    }
    void getHost()
      .loadRecovery()
      .then((r) => {
        if (cancelled) return;
        if (r) {
          store.getState().load(r.text, r.name, null, { dirty: true });
          setRecovered(r.name);
        } else if (DEFAULT_TEMPLATE) store.getState().load(DEFAULT_TEMPLATE.text, DEFAULT_TEMPLATE.fileName, null);
        setStarted(true);
      });
    return () => {
      cancelled = true;
    };
  }, [store]);

  // Auto-save to the recovery slot shortly after each change; a saved document clears it.
  useEffect(() => {
    if (!started) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsub = store.subscribe((s, prev) => {
      if (s.text === prev.text && s.savedText === prev.savedText && s.fileName === prev.fileName) return;
      getHost().setDocumentState({ name: s.fileName, dirty: s.text !== s.savedText });
      clearTimeout(timer);
      timer = setTimeout(() => {
        const now = store.getState();
        if (now.text !== now.savedText) void getHost().saveRecovery(now.text, now.fileName);
        else void getHost().clearRecovery();
      }, 300);
    });
    const s = store.getState();
    getHost().setDocumentState({ name: s.fileName, dirty: s.text !== s.savedText });
    return () => {
      unsub();
      clearTimeout(timer);
    };
  }, [store, started]);

  const run = useCallback(
    (command: ShortcutCommand | MenuCommand) => {
      const s = store.getState();
      switch (command) {
        case 'undo':
          return s.undo();
        case 'redo':
          return s.redo();
        case 'copy':
          return s.copy();
        case 'paste':
          return s.paste();
        case 'duplicate':
          return s.duplicate();
        case 'delete':
          return s.deleteSelection();
        case 'selectAll':
          return s.selectAll();
        case 'save':
          return void files.save(false);
        case 'saveAs':
          return void files.save(true);
        case 'open':
          return void files.open();
        case 'new':
          return setDialog('gallery');
        case 'layout':
          return void s.autoLayout();
        case 'fitView':
          return s.requestView({ kind: 'fit' });
        case 'search':
          return search.current?.focus();
        case 'help':
        case 'shortcuts':
          return setDialog('shortcuts');
        case 'simulate':
          return setTab('simulation');
        case 'review':
        case 'export':
          return setTab(command);
        case 'escape':
          setDialog(null);
          return s.select({ nodes: [], edge: null });
        default:
          return undefined;
      }
    },
    [store, files],
  );

  useEffect(() => getHost().onMenuCommand((c) => run(c)), [run]);

  // A click in the breaker timeline opens the State chart tab at that time (renderer/charts).
  useEffect(() => chartNav.subscribe((s, prev) => s.opened !== prev.opened && setTab('charts')), [setTab]);

  // The result tabs need room: opening one grows a small bottom panel (the canvas re-fits).
  useEffect(() => {
    const b = bottom.current;
    if (b && RESULT_TABS.includes(tab) && !b.isCollapsed() && b.getSize().asPercentage < 45) b.resize('52%');
  }, [tab, bottom]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (store.getState().confirmation) return; // the dialog answers its own keys
      if (dialog && e.key !== 'Escape') return;
      const typing = isTyping(e.target);
      const s = SHORTCUTS.find((x) => x.match(e));
      if (s && (s.global || !typing)) {
        e.preventDefault();
        run(s.command);
        return;
      }
      if (!typing && e.key.startsWith('Arrow')) {
        const sel = store.getState().selection.nodes;
        if (sel.length === 0) return;
        e.preventDefault();
        const step = e.shiftKey ? 50 : 10;
        const dx = e.key === 'ArrowLeft' ? -step : e.key === 'ArrowRight' ? step : 0;
        const dy = e.key === 'ArrowUp' ? -step : e.key === 'ArrowDown' ? step : 0;
        const moves: Record<string, { x: number; y: number }> = {};
        for (const id of sel) {
          const p = store.getState().positionOf(id);
          moves[id] = { x: p.x + dx, y: p.y + dy };
        }
        store.getState().edit(
          Object.entries(moves).map(([id, p]) => ({ path: ['layout', id], value: { x: Math.round(p.x), y: Math.round(p.y) } })),
          'Nudge',
          'nudge',
        );
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run, dialog, store]);

  const problems = useProblems();
  const dirty = useDirty();
  return (
    <div className="mw-app">
      <Toolbar
        onPanel={setTab}
        onNew={() => setDialog('gallery')}
        onOpen={() => void files.open()}
        onImportFolder={getHost().openManifests ? () => void files.importFolder() : undefined}
        onSave={() => void files.save(false)}
        onHelp={() => setDialog('shortcuts')}
        searchRef={search}
      />
      {recovered && (
        <div className="mw-banner" role="status" data-testid="recovered">
          <span>
            Restored the unsaved changes to <strong>{recovered}</strong> that were open before the window closed or reloaded.
          </span>
          <button type="button" className="mw-button" data-testid="recovered.keep" onClick={() => setRecovered(null)}>
            Keep them
          </button>
          <button
            type="button"
            className="mw-button"
            data-testid="recovered.discard"
            onClick={() => {
              setRecovered(null);
              const t = DEFAULT_TEMPLATE ?? BLANK_TEMPLATE;
              store.getState().load(t.text, t.fileName, null);
              void getHost().clearRecovery();
            }}
          >
            Discard them
          </button>
        </div>
      )}
      <Group orientation="vertical" className="mw-split" id="mw-split-v">
        <Panel id="pane-main" minSize={160} className="mw-main-panel">
          <Group orientation="horizontal" className="mw-main" id="mw-split-h">
            <Panel
              id="pane-palette"
              panelRef={palette}
              onResize={(size) => setCollapsed((c) => (c.palette === size.inPixels < 1 ? c : { ...c, palette: size.inPixels < 1 }))}
              defaultSize={168}
              minSize={120}
              maxSize={320}
              collapsible
              collapsedSize={0}
              groupResizeBehavior="preserve-pixel-size"
            >
              {!collapsed.palette && <Palette onCollapse={() => palette.current?.collapse()} />}
            </Panel>
            <Separator className="mw-separator is-vertical" data-testid="split.palette" />
            <Panel id="pane-center" minSize={240} className="mw-center">
              <Canvas />
              <Notice />
              {collapsed.palette && (
                <button
                  type="button"
                  className="mw-expand is-left"
                  data-testid="palette.expand"
                  title="Show the palette"
                  onClick={() => palette.current?.expand()}
                >
                  <Icon name="chevronRight" size={12} />
                </button>
              )}
              {collapsed.inspector && (
                <button
                  type="button"
                  className="mw-expand is-right"
                  data-testid="inspector.expand"
                  title="Show the inspector"
                  onClick={() => inspector.current?.expand()}
                >
                  <Icon name="chevronLeft" size={12} />
                </button>
              )}
            </Panel>
            <Separator className="mw-separator is-vertical" data-testid="split.inspector" />
            <Panel
              id="pane-inspector"
              panelRef={inspector}
              onResize={(size) => setCollapsed((c) => (c.inspector === size.inPixels < 1 ? c : { ...c, inspector: size.inPixels < 1 }))}
              defaultSize={330}
              minSize={240}
              maxSize={640}
              collapsible
              collapsedSize={0}
              groupResizeBehavior="preserve-pixel-size"
            >
              {!collapsed.inspector && <Inspector onCollapse={() => inspector.current?.collapse()} />}
            </Panel>
          </Group>
        </Panel>
        <Separator className="mw-separator is-horizontal" data-testid="split.bottom" />
        <Panel
          id="pane-bottom"
          panelRef={bottom}
          defaultSize="30%"
          minSize={120}
          collapsible
          collapsedSize={34}
          className="mw-bottom-panel"
        >
          <section className="mw-bottom">
            <div className="mw-tabs" role="tablist">
              <button type="button" role="tab" aria-selected={tab === 'code'} data-testid="tabs.code" onClick={() => setTab('code')}>
                Code
              </button>
              <button
                type="button"
                role="tab"
                aria-selected={tab === 'simulation'}
                data-testid="tabs.simulation"
                onClick={() => setTab('simulation')}
              >
                Simulation
              </button>
              <button
                type="button"
                role="tab"
                aria-selected={tab === 'capacity'}
                data-testid="tabs.capacity"
                onClick={() => setTab('capacity')}
              >
                Capacity
              </button>
              <button type="button" role="tab" aria-selected={tab === 'charts'} data-testid="tabs.charts" onClick={() => setTab('charts')}>
                State chart
              </button>
              <button type="button" role="tab" aria-selected={tab === 'review'} data-testid="tabs.review" onClick={() => setTab('review')}>
                Review <ReviewBadge />
              </button>
              <button type="button" role="tab" aria-selected={tab === 'export'} data-testid="tabs.export" onClick={() => setTab('export')}>
                Export
              </button>
              <button
                type="button"
                role="tab"
                aria-selected={tab === 'problems'}
                data-testid="tabs.problems"
                onClick={() => setTab('problems')}
              >
                Problems{' '}
                <span className={`mw-badge${problems.length ? ' is-error' : ''}`} data-testid="tabs.problems.count">
                  {problems.length}
                </span>
              </button>
              <StatusLine />
            </div>
            <div className="mw-tab-body" hidden={tab !== 'code'}>
              <Suspense fallback={<div className="mw-muted mw-code-loading">Loading the editor…</div>}>
                <CodePanel />
              </Suspense>
            </div>
            {tab === 'simulation' && (
              <div className="mw-tab-body">
                <Suspense fallback={<div className="mw-muted mw-code-loading">Loading…</div>}>
                  <SimulationPanel />
                </Suspense>
              </div>
            )}
            {tab === 'capacity' && (
              <div className="mw-tab-body">
                <Suspense fallback={<div className="mw-muted mw-code-loading">Loading…</div>}>
                  <CapacityPanel />
                </Suspense>
              </div>
            )}
            {tab === 'charts' && (
              <div className="mw-tab-body">
                <Suspense fallback={<div className="mw-muted mw-code-loading">Loading…</div>}>
                  <ChartsPanel />
                </Suspense>
              </div>
            )}
            {tab === 'review' && (
              <div className="mw-tab-body">
                <ReviewPanel />
              </div>
            )}
            {tab === 'export' && (
              <div className="mw-tab-body">
                <Suspense fallback={<div className="mw-muted mw-code-loading">Loading the editor…</div>}>
                  <ExportPanel />
                </Suspense>
              </div>
            )}
            {tab === 'problems' && (
              <div className="mw-tab-body">
                <ProblemsPanel onShowCode={() => setTab('code')} />
              </div>
            )}
          </section>
        </Panel>
      </Group>
      {dialog === 'gallery' && (
        <TemplateGallery
          dirty={dirty}
          onClose={() => setDialog(null)}
          onPick={(t) => {
            files.newFrom(t);
            setDialog(null);
          }}
        />
      )}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
      {confirmation && <ConfirmDialog key={confirmation.id} question={confirmation} onAnswer={(a) => store.getState().answer(a)} />}
    </div>
  );
}

function Toolbar(props: {
  onPanel: (tab: 'simulation' | 'review' | 'export') => void;
  onNew: () => void;
  onOpen: () => void;
  /** Where the host can pick a folder of manifests */
  onImportFolder?: (() => void) | undefined;
  onSave: () => void;
  onHelp: () => void;
  searchRef: React.Ref<HTMLInputElement>;
}) {
  const { undo, redo, autoLayout, requestView } = useEditorActions();
  const canUndo = useCanUndo();
  const canRedo = useCanRedo();
  const dirty = useDirty();
  const name = useFileName();
  const busy = useLayoutBusy();
  const undoLabel = useEditor((s) => s.history.undo.at(-1)?.label);
  const redoLabel = useEditor((s) => s.history.redo.at(-1)?.label);
  return (
    <header className="mw-toolbar" role="toolbar">
      <span className="mw-logo" aria-hidden>
        <Icon name="logo" size={18} />
      </span>
      <span className="mw-brand">Meshwright</span>
      <div className="mw-group">
        <button type="button" data-testid="toolbar.new" onClick={props.onNew} title="New from a template (Ctrl+Alt+N)">
          New
        </button>
        <button type="button" data-testid="toolbar.open" onClick={props.onOpen} title="Open (Ctrl+O)">
          Open
        </button>
        {props.onImportFolder && (
          <button
            type="button"
            data-testid="toolbar.importFolder"
            onClick={props.onImportFolder}
            title="Import a folder of docker-compose files or Kubernetes/Istio manifests as a new design"
          >
            Import folder
          </button>
        )}
        <button type="button" data-testid="toolbar.save" onClick={props.onSave} title="Save (Ctrl+S)">
          Save
        </button>
      </div>
      <div className="mw-group">
        <button
          type="button"
          data-testid="toolbar.undo"
          onClick={undo}
          disabled={!canUndo}
          title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo (Ctrl+Z)'}
        >
          <Icon name="undo" /> <span className="mw-label">Undo</span>
        </button>
        <button
          type="button"
          data-testid="toolbar.redo"
          onClick={redo}
          disabled={!canRedo}
          title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo (Ctrl+Shift+Z)'}
        >
          <Icon name="redo" /> <span className="mw-label">Redo</span>
        </button>
      </div>
      <div className="mw-group">
        <button
          type="button"
          data-testid="toolbar.layout"
          onClick={() => void autoLayout()}
          disabled={busy}
          title="Auto-layout, left to right (Ctrl+Shift+L)"
        >
          <Icon name="layout" /> <span className="mw-label">{busy ? 'Laying out…' : 'Layout'}</span>
        </button>
        <button type="button" data-testid="toolbar.fit" onClick={() => requestView({ kind: 'fit' })} title="Fit view (Shift+1)">
          <Icon name="fit" /> <span className="mw-label">Fit</span>
        </button>
      </div>
      <div className="mw-group">
        <button
          type="button"
          data-testid="toolbar.simulate"
          onClick={() => props.onPanel('simulation')}
          title="Simulate the design (Simulation tab)"
        >
          <Icon name="simulate" /> <span className="mw-label">Simulate</span>
        </button>
        <button type="button" data-testid="toolbar.review" onClick={() => props.onPanel('review')} title="Architecture review (Review tab)">
          <Icon name="review" /> <span className="mw-label">Review</span>
        </button>
        <button
          type="button"
          data-testid="toolbar.export"
          onClick={() => props.onPanel('export')}
          title="Export compose, k8s, Istio, stubs (Export tab)"
        >
          <Icon name="export" /> <span className="mw-label">Export</span>
        </button>
      </div>
      <SearchBox ref={props.searchRef} />
      <span className="mw-spacer" />
      <span className="mw-file" data-testid="toolbar.fileName" title={`${name}: ${dirty ? 'unsaved changes' : 'saved'}`}>
        {dirty && (
          // A CSS dot, not a "●" glyph a font may lack.
          <span className="mw-dirty" data-testid="toolbar.dirty" role="img" aria-label="unsaved changes" />
        )}
        {name}
      </span>
      <button type="button" className="mw-help" data-testid="toolbar.help" onClick={props.onHelp} title="Keyboard shortcuts (?)">
        ?
      </button>
    </header>
  );
}

function StatusLine() {
  const model = useModel2();
  const stale = useStale();
  const problems = useProblems();
  if (!model) return null;
  const n = Object.keys(model.nodes).length;
  return (
    <span className="mw-status" data-testid="status">
      {problems.length > 0 ? (
        <span className="is-error">YAML has problems: the canvas shows the last valid design</span>
      ) : stale ? (
        <span>checking…</span>
      ) : (
        <span className="is-ok">✓ valid</span>
      )}
      <span>
        {n} nodes · {model.name}
      </span>
    </span>
  );
}

const useModel2 = () => useEditor((s) => s.model);

function Notice() {
  const notice = useNotice();
  const [hidden, setHidden] = useState<number | null>(null);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setHidden(notice.id), notice.tone === 'error' ? 7000 : 3500);
    return () => clearTimeout(t);
  }, [notice]);
  if (!notice || hidden === notice.id) return null;
  return (
    <div className={`mw-notice is-${notice.tone}`} role="status" data-testid="notice" onClick={() => setHidden(notice.id)}>
      {notice.message}
    </div>
  );
}
