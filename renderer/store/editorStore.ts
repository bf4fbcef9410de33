// The editor's state: one Zustand store per open window, made by a factory and supplied through
// React context. The design's TEXT is the source of truth; the model is parseDesign of the last
// valid text, so while the YAML is broken the canvas keeps showing the last good design. Every
// change is a command that edits the text (keeping the user's comments) and records one undo step.
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  layoutGraph,
  parseDesign,
  planDelete,
  planRemoveOperation,
  renameNode as renameInText,
  renameOperation as renameOperationInText,
  type Design,
  type NodeKind,
  type Problem,
  type TextEdit,
} from '../../engine/index';
import { fallbackPositions } from '../canvas/fallbackLayout';
import { addNodeEdits, connectEdits, copyNodes, moveEdits, pasteEdits, type Clipboard, type EdgeRef, type XY } from './commands';
import { EMPTY_HISTORY, record, redo as redoHistory, undo as undoHistory, type History } from './history';
import { documentOf, primeDocument, primeRaw, rawOf, type Raw } from './rawDocument';
import { editText } from './surgicalEdits';

export interface Selection {
  nodes: readonly string[];
  edge: string | null;
}

export type ViewRequest = { id: number; kind: 'fit' } | { id: number; kind: 'focus'; node: string };

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  message: string;
}

/** A question the window asks before it does something that cannot be taken back lightly
 * (deleting what else refers to a node, discarding unsaved work). */
export interface Confirmation {
  id: number;
  title: string;
  message: string;
  /** Listed under the message: what else goes. */
  items: readonly string[];
  confirmLabel: string;
  onConfirm: () => void;
  /** A third answer, e.g. "Save first". */
  alternative?: { label: string; run: () => void };
}

export interface State {
  text: string;
  /** Bumped on every change of the text; the code panel compares it with what it shows. */
  revision: number;
  /** Who made the last change: the code panel skips echoing its own typing back. */
  origin: 'editor' | 'app';
  /** Bumped when another document is loaded (the code panel scrolls to its top). */
  documentId: number;
  fileName: string;
  filePath: string | null;
  savedText: string;
  /** The last valid design (null until one parsed). */
  model: Design | null;
  problems: readonly Problem[];
  /** True while the text has changed since the model and problems were computed. */
  stale: boolean;
  autoPositions: Readonly<Record<string, XY>>;
  selection: Selection;
  history: History;
  clipboard: Clipboard | null;
  notice: Notice | null;
  view: ViewRequest | null;
  layoutBusy: boolean;
  confirmation: Confirmation | null;
}

export interface Actions {
  /** Opens a text as the document: resets history and selection. */
  load(text: string, name: string, path: string | null, options?: { dirty?: boolean }): void;
  /** The code panel's typing: recorded at once (nothing typed is lost), parsed after a pause. */
  editText(text: string): void;
  /** Applies text edits as one undoable command; false when the text cannot be edited (broken YAML). */
  edit(edits: readonly TextEdit[], label: string, coalesceKey?: string): boolean;
  /** Writes positions to the layout as one undo step. `defer`: after the next frame (a drop paints
   * first); every other action and positionOf flush a deferred move first, so nothing reorders. */
  moveNodes(moves: Record<string, XY>, options?: { defer?: boolean }): void;
  addNode(kind: NodeKind, at: XY): string | null;
  /** Adds a call; returns the reason when refused. */
  connect(from: string, to: string): string | null;
  /** Deletes the selected nodes or call with everything that refers to them, as one undo step;
   * asks first when more than the selection goes. */
  deleteSelection(): void;
  deleteEdges(refs: readonly EdgeRef[]): void;
  /** Renames a node's id and every reference to it; returns the reason when refused. */
  renameNode(from: string, to: string): string | null;
  /** Renames an operation of a node and every `op` naming it; returns the reason when refused. */
  renameOperation(nodeId: string, from: string, to: string): string | null;
  /** Removes an operation and the `op`s naming it, as one undo step; asks first when any do. */
  removeOperation(nodeId: string, op: string): void;
  /** Shows a confirmation; answer() closes it. */
  ask(question: Omit<Confirmation, 'id'>): void;
  answer(choice: 'confirm' | 'alternative' | 'cancel'): void;
  copy(): void;
  paste(offset?: XY): void;
  duplicate(): void;
  undo(): void;
  redo(): void;
  select(selection: Selection): void;
  selectAll(): void;
  autoLayout(): Promise<void>;
  markSaved(name: string, path: string | null, text: string): void;
  notify(message: string, tone?: Notice['tone']): void;
  requestView(request: { kind: 'fit' } | { kind: 'focus'; node: string }): void;
  positionOf(id: string): XY;
}

export type EditorState = State & Actions;
export type EditorStore = StoreApi<EditorState>;

export interface StoreDeps {
  /** Runs the layered layout (the engine worker); absent in unit tests. */
  layout?: (graph: ReturnType<typeof layoutGraph>) => Promise<Record<string, XY>>;
  now?: () => number;
  /** Milliseconds between the last keystroke and the parse of the code panel's text. */
  parseDelay?: number;
  /** Parses off the main thread (the engine worker); used to open large designs. */
  parse?: (text: string, file: string) => Promise<ParseResult>;
  /** The raw value of a text, off the main thread (opened with `parse`, primes rawOf). */
  parseRaw?: (text: string) => Promise<Raw | null>;
  /** Texts at least this long open through `parse` (default ASYNC_PARSE_FROM). */
  asyncParseFrom?: number;
  /** Runs a function after the next frame has been produced (tests: at once or on a timer). */
  afterFrame?: (fn: () => void) => void;
}

/**
 * Texts from this length (about 3500 nodes) open through the worker. Below it the main thread
 * parses: measured on the 2-core bench machine, a 1000-node design (120 kB) opened 0.8-1.1 s
 * later through the workers (cold start, CPU shared with Monaco's) than parsed here (~250 ms).
 * Beyond it, a parse of a second or more would freeze the window, which the worker avoids.
 */
export const ASYNC_PARSE_FROM = 400_000;

/** Texts from this length (~150 nodes) get their YAML document parsed in idle time after a move,
 * ready for the next one; shorter ones parse in a few milliseconds when needed. */
const WARM_FROM = 20_000;

export interface ParseResult {
  design?: Design;
  problems: readonly Problem[];
}

const defaultAfterFrame = (fn: () => void) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
};

/** Parses the current text's YAML document when the window is idle, so the next canvas command
 * (a drop in a large design) finds it ready. */
const whenIdle = (fn: () => void) =>
  setTimeout(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 3000 });
    else fn();
  }, 1000);

const sameSelection = (a: Selection, b: Selection) =>
  a.edge === b.edge && a.nodes.length === b.nodes.length && a.nodes.every((n, i) => n === b.nodes[i]);

export function createEditorStore(deps: StoreDeps = {}): EditorStore {
  const now = deps.now ?? (() => Date.now());
  let parseTimer: ReturnType<typeof setTimeout> | undefined;
  let noticeId = 0;
  let viewId = 0;
  let loadId = 0;
  /** A move waiting for the frame after a drop (see moveNodes). */
  let pendingMove: (() => void) | undefined;
  const flush = () => {
    const p = pendingMove;
    pendingMove = undefined;
    p?.();
  };
  const afterFrame = deps.afterFrame ?? defaultAfterFrame;
  let warmScheduled = false;
  const asyncFrom = deps.asyncParseFrom ?? ASYNC_PARSE_FROM;

  return createStore<EditorState>()((set, get) => {
    const warm = () => {
      if (warmScheduled) return;
      warmScheduled = true;
      whenIdle(() => {
        warmScheduled = false;
        const { text } = get();
        if (text.length >= WARM_FROM) documentOf(text);
      });
    };

    /** Parses the current text; keeps the last valid model when it has problems. */
    const parseNow = () => {
      clearTimeout(parseTimer);
      parseTimer = undefined;
      const { text, fileName } = get();
      const result = parseDesign(text, fileName);
      if (result.document) primeDocument(text, result.document);
      applyParse(result, false);
    };

    const applyParse = (result: ParseResult, stale: boolean) => {
      const { model: previous, autoPositions } = get();
      const model = result.design ?? previous;
      let auto = autoPositions;
      if (result.design) {
        const layout = result.design.layout;
        const missing = Object.keys(result.design.nodes).some((id) => !layout[id] && !auto[id]);
        if (missing) auto = { ...auto, ...fallbackPositions(result.design, (id) => layout[id] ?? auto[id]) };
      }
      const ids = model ? new Set(Object.keys(model.nodes)) : new Set<string>();
      const sel = get().selection;
      const nodes = sel.nodes.filter((n) => ids.has(n));
      set({
        model,
        problems: result.problems,
        stale,
        autoPositions: auto,
        ...(nodes.length !== sel.nodes.length ? { selection: { nodes, edge: sel.edge } } : {}),
      });
    };

    const commit = (text: string, label: string, origin: State['origin'], key?: string) => {
      const s = get();
      if (text === s.text) return;
      set({ text, revision: s.revision + 1, origin, history: record(s.history, s.text, text, label, now(), key), stale: true });
    };

    /** The move itself: the text edit (one undo step) and the model's layout patched in place. */
    const writeMoves = (moves: Record<string, XY>) => {
      const n = Object.keys(moves).length;
      if (n === 0) return;
      const edits = moveEdits(moves);
      const before = get().text;
      let next: string;
      try {
        next = editText(before, edits);
      } catch {
        get().notify('Fix the YAML syntax errors first: the canvas cannot change a broken text.', 'error');
        return;
      }
      const raw = rawOf(before);
      commit(next, n === 1 ? 'Move node' : `Move ${n} nodes`, 'app');
      // The raw value after a move is the old one with new positions: the inspector, which
      // reads it on every change of the text, need not parse the whole design again.
      if (raw && next !== before) {
        const layout: Raw = { ...((raw.layout as Raw | undefined) ?? {}) };
        for (const e of edits) layout[e.path[1] as string] = { ...(e.value as XY) };
        primeRaw(next, { ...raw, layout });
      }
      warm();
      // Positions never change the model's meaning: patch the layout instead of parsing the
      // whole design again, so dropping a node in a 1000-node design does not hitch.
      const { model } = get();
      if (!model || parseTimer !== undefined) {
        parseNow();
        return;
      }
      const layout = { ...model.layout };
      for (const e of edits) layout[e.path[1] as string] = e.value as XY;
      set({ model: { ...model, layout }, stale: false });
    };

    const runLayout = async (writeToText: boolean) => {
      const model = get().model;
      if (!model || !deps.layout) return;
      set({ layoutBusy: true });
      const mine = loadId;
      try {
        const positions = await deps.layout(layoutGraph(model));
        if (mine !== loadId) return;
        if (writeToText) {
          get().edit(moveEdits(positions), 'Auto-layout');
        } else {
          set({ autoPositions: positions });
        }
        get().requestView({ kind: 'fit' });
      } catch (err) {
        get().notify(`Layout failed: ${(err as Error).message}`, 'error');
      } finally {
        set({ layoutBusy: false });
      }
    };

    /** Deletes nodes and entries and what refers to them, as one undo step, after asking when
     * more goes than was selected. */
    const removeWithReferences = (nodeIds: readonly string[], refs: readonly EdgeRef[], label: string, what: string) => {
      const raw = rawOf(get().text);
      if (!raw) {
        get().notify('Fix the YAML syntax errors first: the canvas cannot change a broken text.', 'error');
        return;
      }
      const plan = planDelete(raw, nodeIds, refs);
      const apply = () => {
        if (get().edit(plan.edits, label)) {
          set({ selection: { nodes: [], edge: null } });
          if (plan.alsoRemoved.length > 0) get().notify(`Deleted ${what} and ${plan.alsoRemoved.length} reference(s) to it.`);
        }
      };
      if (plan.alsoRemoved.length === 0) {
        apply();
        return;
      }
      get().ask({
        title: `Delete ${what}?`,
        message: `This also removes what refers to ${nodeIds.length > 1 ? 'them' : 'it'}:`,
        items: plan.alsoRemoved,
        confirmLabel: 'Delete',
        onConfirm: apply,
      });
    };

    return flushFirst(flush, {
      text: '',
      revision: 0,
      origin: 'app',
      documentId: 0,
      fileName: 'untitled.arch.yaml',
      filePath: null,
      savedText: '',
      model: null,
      problems: [],
      stale: false,
      autoPositions: {},
      selection: { nodes: [], edge: null },
      history: EMPTY_HISTORY,
      clipboard: null,
      notice: null,
      view: null,
      layoutBusy: false,
      confirmation: null,

      load(text, name, path, options) {
        const mine = ++loadId;
        const show = () => {
          clearTimeout(parseTimer);
          parseTimer = undefined;
          set({
            text,
            revision: get().revision + 1,
            origin: 'app',
            documentId: get().documentId + 1,
            fileName: name,
            filePath: path,
            savedText: options?.dirty ? '' : text,
            model: null,
            problems: [],
            autoPositions: {},
            selection: { nodes: [], edge: null },
            history: EMPTY_HISTORY,
            stale: true,
          });
        };
        const opened = () => {
          const model = get().model;
          // A design without positions gets the layered layout, shown but not written to the file.
          if (model && Object.keys(model.nodes).some((id) => !model.layout[id])) void runLayout(false);
          get().requestView({ kind: 'fit' });
        };
        if (!deps.parse || text.length < asyncFrom) {
          show();
          parseNow();
          opened();
          return;
        }
        // A large design is parsed and validated in the engine worker (and read into its raw
        // value in another) while the window stays responsive; the document is swapped in whole
        // when both arrive, so no reader parses it on the main thread. A later load supersedes.
        set({ stale: true });
        const raw = deps.parseRaw ? deps.parseRaw(text).catch(() => undefined) : Promise.resolve(undefined);
        Promise.all([deps.parse(text, name), raw]).then(
          ([result, value]) => {
            if (mine !== loadId) return;
            if (value !== undefined && value !== null) primeRaw(text, value);
            show();
            applyParse(result, false);
            opened();
            warm();
          },
          () => {
            if (mine !== loadId) return;
            show();
            parseNow();
            opened();
          },
        );
      },

      editText(text) {
        commit(text, 'Edit YAML', 'editor', 'editor');
        clearTimeout(parseTimer);
        parseTimer = setTimeout(parseNow, deps.parseDelay ?? 150);
      },

      edit(edits, label, coalesceKey) {
        if (edits.length === 0) return true;
        let next: string;
        try {
          next = editText(get().text, edits);
        } catch {
          get().notify('Fix the YAML syntax errors first: the canvas cannot change a broken text.', 'error');
          return false;
        }
        commit(next, label, 'app', coalesceKey);
        parseNow();
        return true;
      },

      moveNodes(moves, options) {
        if (Object.keys(moves).length === 0) return;
        if (!options?.defer) {
          writeMoves(moves);
          return;
        }
        pendingMove = () => writeMoves(moves);
        afterFrame(flush);
      },

      addNode(kind, at) {
        const raw = rawOf(get().text);
        if (!raw) {
          get().notify('Fix the YAML syntax errors first.', 'error');
          return null;
        }
        const { id, edits } = addNodeEdits(raw, kind, at);
        if (!get().edit(edits, `Add ${kind}`)) return null;
        set({ selection: { nodes: [id], edge: null } });
        return id;
      },

      connect(from, to) {
        const { model, text } = get();
        const raw = rawOf(text);
        if (!model || !raw) return 'the design has syntax errors';
        const r = connectEdits(raw, model, from, to);
        if ('reason' in r) {
          get().notify(`Cannot connect ${from} → ${to}: ${r.reason}`, 'error');
          return r.reason;
        }
        get().edit(r.edits, `Connect ${from} → ${to}`);
        return null;
      },

      deleteSelection() {
        const { selection, model } = get();
        const edgeRefs = selection.edge ? [edgeRefOf(model, selection.edge)].filter((x): x is EdgeRef => !!x) : [];
        if (selection.nodes.length === 0 && edgeRefs.length === 0) return;
        const n = selection.nodes.length;
        const what = n > 0 ? (n === 1 ? selection.nodes[0]! : `${n} nodes`) : `the call ${edgeRefs[0]!.from} → ${edgeRefs[0]!.to}`;
        removeWithReferences(selection.nodes, edgeRefs, n > 0 ? `Delete ${what}` : 'Delete call', what);
      },

      deleteEdges(refs) {
        if (refs.length === 0) return;
        removeWithReferences([], refs, 'Delete call', `the call ${refs[0]!.from} → ${refs[0]!.to}`);
      },

      renameNode(from, to) {
        const id = to.trim();
        let next: string;
        try {
          next = renameInText(get().text, from, id);
        } catch (e) {
          const reason = (e as Error).message;
          get().notify(`Cannot rename ${from}: ${reason}`, 'error');
          return reason;
        }
        const { selection, autoPositions } = get();
        commit(next, `Rename ${from} → ${id}`, 'app');
        if (autoPositions[from]) {
          const { [from]: p, ...rest } = autoPositions;
          set({ autoPositions: { ...rest, [id]: p! } });
        }
        parseNow();
        if (selection.nodes.includes(from)) set({ selection: { nodes: selection.nodes.map((x) => (x === from ? id : x)), edge: null } });
        return null;
      },

      renameOperation(nodeId, from, to) {
        const name = to.trim();
        let next: string;
        try {
          next = renameOperationInText(get().text, nodeId, from, name);
        } catch (e) {
          const reason = (e as Error).message;
          get().notify(`Cannot rename operation ${from}: ${reason}`, 'error');
          return reason;
        }
        commit(next, `Rename operation ${from} → ${name}`, 'app');
        parseNow();
        return null;
      },

      removeOperation(nodeId, op) {
        const raw = rawOf(get().text);
        if (!raw) {
          get().notify('Fix the YAML syntax errors first.', 'error');
          return;
        }
        const plan = planRemoveOperation(raw, nodeId, op);
        const apply = () => {
          if (get().edit(plan.edits, `Remove operation ${op}`) && plan.alsoRemoved.length > 0)
            get().notify(
              `Removed operation ${op}; ${plan.alsoRemoved.length} entr${plan.alsoRemoved.length === 1 ? 'y' : 'ies'} now pick by weight.`,
            );
        };
        if (plan.alsoRemoved.length === 0) {
          apply();
          return;
        }
        get().ask({
          title: `Remove operation ${op}?`,
          message: 'These entries name it; they lose their op and pick an operation by weight:',
          items: plan.alsoRemoved,
          confirmLabel: 'Remove',
          onConfirm: apply,
        });
      },

      ask(question) {
        set({ confirmation: { ...question, id: ++noticeId } });
      },

      answer(choice) {
        const c = get().confirmation;
        set({ confirmation: null });
        if (!c) return;
        if (choice === 'confirm') c.onConfirm();
        else if (choice === 'alternative') c.alternative?.run();
      },

      copy() {
        const { selection, text } = get();
        const raw = rawOf(text);
        if (!raw || selection.nodes.length === 0) return;
        const clip = copyNodes(raw, selection.nodes, (id) => get().positionOf(id));
        if (clip) set({ clipboard: clip });
      },

      paste(offset = { x: 40, y: 40 }) {
        const { clipboard, text } = get();
        const raw = rawOf(text);
        if (!clipboard || !raw) return;
        const { ids, edits } = pasteEdits(raw, clipboard, offset);
        if (get().edit(edits, `Paste ${ids.length} node(s)`)) {
          set({ selection: { nodes: ids, edge: null } });
          // Pasting again lands one step further, not on top of the last paste.
          const moved: Clipboard = { nodes: clipboard.nodes, positions: {} };
          for (const [id, p] of Object.entries(clipboard.positions)) moved.positions[id] = { x: p.x + offset.x, y: p.y + offset.y };
          set({ clipboard: moved });
        }
      },

      duplicate() {
        const keep = get().clipboard;
        get().copy();
        get().paste();
        set({ clipboard: keep });
      },

      undo() {
        const s = get();
        const r = undoHistory(s.history, s.text);
        if (!r) return;
        set({ text: r.text, revision: s.revision + 1, origin: 'app', history: r.history });
        parseNow();
      },

      redo() {
        const s = get();
        const r = redoHistory(s.history, s.text);
        if (!r) return;
        set({ text: r.text, revision: s.revision + 1, origin: 'app', history: r.history });
        parseNow();
      },

      select(selection) {
        if (!sameSelection(selection, get().selection)) set({ selection });
      },

      selectAll() {
        const model = get().model;
        if (model) set({ selection: { nodes: Object.keys(model.nodes), edge: null } });
      },

      autoLayout: () => runLayout(true),

      markSaved(name, path, text) {
        set({ fileName: name, filePath: path, savedText: text });
      },

      notify(message, tone = 'info') {
        set({ notice: { id: ++noticeId, tone, message } });
      },

      requestView(request) {
        set({ view: { ...request, id: ++viewId } as ViewRequest });
      },

      positionOf(id) {
        const { model, autoPositions } = get();
        return model?.layout[id] ?? autoPositions[id] ?? { x: 0, y: 0 };
      },
    });
  });
}

/** Every action first completes a move deferred past a drop's frame, so commands, undo and
 * positions always see the text with the drop in it. */
function flushFirst(flush: () => void, state: EditorState): EditorState {
  const out = { ...state } as Record<string, unknown>;
  for (const [k, v] of Object.entries(state))
    if (typeof v === 'function')
      out[k] = (...args: unknown[]) => {
        flush();
        return (v as (...a: unknown[]) => unknown)(...args);
      };
  return out as unknown as EditorState;
}

/** The entries an edge id stands for, looked up in the model's edges. */
export function edgeRefOf(model: Design | null, edgeId: string): EdgeRef | null {
  if (!model) return null;
  const m = /^(\w+):(.*)->(.*)$/s.exec(edgeId);
  if (!m) return null;
  const [, kind, from, to] = m as unknown as [string, string, string, string];
  const node = model.nodes[from];
  if (!node) return null;
  const idx = (list: readonly { to: string }[]) => list.flatMap((e, i) => (e.to === to ? [i] : []));
  switch (kind) {
    case 'call': {
      if (!('calls' in node)) return null;
      const ref: EdgeRef = { from, to, field: 'calls', indices: idx(node.calls) };
      // Calls listed under the node's operations are the same canvas edge.
      if ('operations' in node && node.operations)
        for (const [op, o] of Object.entries(node.operations)) {
          const is = idx(o.calls ?? []);
          if (is.length > 0) (ref.operations ??= {})[op] = is;
        }
      return ref;
    }
    case 'request':
      return node.kind === 'client' ? { from, to, field: 'requests', indices: idx(node.requests) } : null;
    case 'route':
      return node.kind === 'gateway' ? { from, to, field: 'routes', indices: idx(node.routes) } : null;
    case 'step':
      return node.kind === 'saga' ? { from, to, field: 'steps', indices: idx(node.steps) } : null;
    case 'deliver':
      return node.kind === 'queue' || node.kind === 'topic'
        ? { from, to, field: 'consumers', indices: node.consumers.flatMap((c, i) => (c === to ? [i] : [])) }
        : null;
    case 'miss':
      return { from, to, field: 'miss', indices: [] };
    case 'dlq':
      return { from, to, field: 'dlq', indices: [] };
    default:
      return null;
  }
}
