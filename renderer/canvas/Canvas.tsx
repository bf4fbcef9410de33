// The design canvas (React Flow). Nodes and edges are derived from the store's model; React Flow
// keeps its own copy only so a drag can move nodes between frames, and the drag's end writes the
// positions to the design's `layout` as ONE undo step.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  useStore as useFlowStore,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import type { NodeKind } from '../../engine/index';
import { NODE_HEIGHT, NODE_WIDTH } from '../../engine/index';
import { canvasOverlay, sameForResults } from '../results/overlay';
import { useResults } from '../results/ResultsStoreContext';
import type { ResultsState } from '../results/resultsStore';
import { connectionRefusal } from '../store/commands';
import {
  useAutoPositions,
  useEditor,
  useEditorActions,
  useEditorStoreApi,
  useModel,
  useProblems,
  useSelection,
  useViewRequest,
} from '../store/useEditor';
import { createDeriveCache, deriveEdges, deriveNodes, type DesignFlowNode } from './derive';
import { edgeTypes } from './edgeTypes';
import { boxOf, fitViewport } from './fit';
import { Icon } from './icons';
import { KINDS } from './kinds';
import { CanvasOverlayContext, NodeDetail, nodeTypes, RenameContext, type Rename } from './nodeTypes';

export const PALETTE_MIME = 'application/x-meshwright-kind';

const minimapColour = (n: DesignFlowNode) => (n.type === 'design' ? KINDS[n.data.kind].colour : 'transparent');
const selectColorMode = () => 'system' as const;
const FIT = { padding: 0.12, maxZoom: 1.2 } as const;
/** The minimap and the zoom controls live in a rail beside the flow pane, never over it (as a
 * code editor's minimap has its own column): no node, however the view is moved, sits under
 * them. The minimap is as wide as the rail leaves and as tall as the rail allows up to this. */
const MINIMAP_WIDTH = 148;
const MINIMAP_MAX_HEIGHT = 132;
/** The rail's height the minimap may not take: the folded inspector's chevron at the top, the
 * controls' row and the gaps. Below MINIMAP_MIN_HEIGHT the minimap would say nothing: not shown. */
const RAIL_RESERVED = 48 + 28 + 20;
const MINIMAP_MIN_HEIGHT = 48;
/** Screen pixels a fit keeps free at the edges of the pane; on the left, the folded palette's
 * chevron (20 px wide) as well. */
const MARGIN = { left: 26, right: 16, top: 16, bottom: 16 } as const;
const MINIMAP_KEY = 'meshwright.minimap';
/** A constant: a new object per render (every drag frame) is a changed prop for React Flow. */
const PRO_OPTIONS = { hideAttribution: true } as const;
/** A constant for the same reason: React Flow's key listeners are set up again for a new array. */
const MULTI_SELECT = ['Meta', 'Control'];
/** Below this zoom, in a large design, draw nodes as plain labelled boxes: the details are
 * unreadable there and painting them is what slows panning. */
const FAR_ZOOM = 0.45;
/** Far also while the first fit is pending: a large design then mounts without the details it
 * would hide a moment later (one style pass over every node saved on open). */
const selectFar = (s: { transform: [number, number, number]; fitViewQueued: boolean }) => s.transform[2] < FAR_ZOOM || s.fitViewQueued;

const selectResult = (s: ResultsState) => s.result;
const selectResultOf = (s: ResultsState) => s.resultOf;
const selectOverlayOn = (s: ResultsState) => s.overlay;

export function Canvas() {
  const model = useModel();
  const auto = useAutoPositions();
  const selection = useSelection();
  const problems = useProblems();
  const view = useViewRequest();
  const actions = useEditorActions();
  const positionOf = useEditor((s) => s.positionOf);
  const store = useEditorStoreApi();
  const rf = useReactFlow();
  const cache = useRef(createDeriveCache());
  const far = useFlowStore(selectFar);

  // The last run's load, shown while the design is the one it ran (positions aside). One value
  // for all nodes and edges, recomputed once per result: no per-node work without a result.
  const result = useResults(selectResult);
  const resultOf = useResults(selectResultOf);
  const overlayOn = useResults(selectOverlayOn);
  const overlayData = useMemo(() => (result && resultOf ? canvasOverlay(result, resultOf) : null), [result, resultOf]);
  const resultCurrent = useMemo(() => !!model && !!resultOf && sameForResults(model, resultOf), [model, resultOf]);
  const overlay = overlayOn && resultCurrent ? overlayData : null;

  const problemsByNode = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of problems) if (p.path[0] === 'nodes' && typeof p.path[1] === 'string') m.set(p.path[1], (m.get(p.path[1]) ?? 0) + 1);
    return m;
  }, [problems]);

  const input = useMemo(
    () =>
      model && {
        design: model,
        positionOf: (id: string) => model.layout[id] ?? auto[id] ?? { x: 0, y: 0 },
        selectedNodes: new Set(selection.nodes),
        selectedEdge: selection.edge,
        problemsByNode,
      },
    [model, auto, selection, problemsByNode],
  );
  const derivedNodes = useMemo(() => (input ? deriveNodes(input, cache.current) : []), [input]);
  const edges = useMemo(() => (input ? deriveEdges(input, cache.current) : []), [input]);

  // React Flow's working copy of the nodes, reset whenever the model-derived nodes change.
  const [nodes, setNodes] = useState(derivedNodes);
  const [from, setFrom] = useState(derivedNodes);
  if (from !== derivedNodes) {
    setFrom(derivedNodes);
    setNodes(derivedNodes);
  }

  const onNodesChange = useCallback(
    (changes: NodeChange<DesignFlowNode>[]) => {
      // Removals go through the store (with their references); React Flow's own are ignored.
      const kept = changes.filter((c) => c.type !== 'remove');
      if (kept.length) setNodes((ns) => applyNodeChanges(kept, ns));
      // A click on a node while a call is selected: React Flow selects the node, then deselects
      // the call. The node goes to the store first, so the call's deselection (which resets the
      // nodes from the store) keeps it.
      if (changes.some((c) => c.type === 'select' && c.selected)) {
        const next = new Set(store.getState().selection.nodes);
        for (const c of changes) {
          if (c.type !== 'select' || c.id.startsWith('group:')) continue;
          if (c.selected) next.add(c.id);
          else next.delete(c.id);
        }
        actions.select({ nodes: [...next], edge: null });
      }
    },
    [actions, store],
  );

  const onNodeDragStop = useCallback(
    (_e: unknown, _node: DesignFlowNode, dragged: DesignFlowNode[]) => {
      const moves: Record<string, { x: number; y: number }> = {};
      for (const n of dragged) {
        if (n.type !== 'design') continue;
        const before = positionOf(n.id);
        if (Math.round(before.x) !== Math.round(n.position.x) || Math.round(before.y) !== Math.round(n.position.y))
          moves[n.id] = n.position;
      }
      // Written after the drop's frame has painted (still one undo step; any other action
      // completes it first).
      actions.moveNodes(moves, { defer: true });
    },
    [actions, positionOf],
  );

  // Edges are selected through the store (their `selected` is derived from it), so a click on a
  // call or on its label selects it just as a click on a node does.
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const sel = store.getState().selection;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        if (c.selected) actions.select({ nodes: [], edge: c.id });
        else if (sel.edge === c.id) actions.select({ nodes: store.getState().selection.nodes, edge: null });
      }
    },
    [actions, store],
  );

  // Double-click a node to rename its id in place (the inspector's id field does the same).
  const [renaming, setRenaming] = useState<string | null>(null);
  const onNodeDoubleClick = useCallback((_e: unknown, n: DesignFlowNode) => {
    if (n.type === 'design') setRenaming(n.id);
  }, []);
  const rename: Rename = useMemo(
    () => ({
      id: renaming,
      finish: (id, to) => {
        setRenaming(null);
        if (to !== null && to.trim() !== id) actions.renameNode(id, to);
      },
    }),
    [renaming, actions],
  );

  const onSelectionChange = useCallback(
    ({ nodes: ns, edges: es }: OnSelectionChangeParams) => {
      actions.select({ nodes: ns.filter((n) => n.type === 'design').map((n) => n.id), edge: ns.length === 0 ? (es[0]?.id ?? null) : null });
    },
    [actions],
  );

  const isValidConnection: IsValidConnection = useCallback(
    (c) => {
      const a = model?.nodes[c.source];
      const b = model?.nodes[c.target];
      return !!a && !!b && connectionRefusal(a.kind, b.kind, c.source, c.target) === null;
    },
    [model],
  );
  const onConnect = useCallback((c: Connection) => void actions.connect(c.source, c.target), [actions]);
  const onConnectEnd = useCallback(
    (_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      // Dropped on a node that refuses: say why, instead of silently doing nothing.
      if (state.isValid || !state.toNode || !state.fromNode || !model) return;
      const a = model.nodes[state.fromNode.id];
      const b = model.nodes[state.toNode.id];
      if (!a || !b) return;
      const reason = connectionRefusal(a.kind, b.kind, state.fromNode.id, state.toNode.id);
      if (reason) actions.notify(`Cannot connect ${state.fromNode.id} → ${state.toNode.id}: ${reason}`, 'error');
    },
    [actions, model],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME) as NodeKind;
      if (!kind || !(kind in KINDS)) return;
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      actions.addNode(kind, { x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 });
    },
    [actions, rf],
  );

  const large = nodes.length > 300;

  const [minimap, setMinimap] = useState(() => {
    try {
      return localStorage.getItem(MINIMAP_KEY) !== 'hidden';
    } catch {
      return true;
    }
  });
  const toggleMinimap = useCallback(() => {
    setMinimap((on) => {
      try {
        localStorage.setItem(MINIMAP_KEY, on ? 'hidden' : 'shown');
      } catch {
        // best effort
      }
      return !on;
    });
  }, []);

  const wrapper = useRef<HTMLDivElement>(null);
  const pane = useRef<HTMLDivElement>(null);
  const rail = useRef<HTMLDivElement>(null);
  const [railHeight, setRailHeight] = useState(0);
  /** True while the view is the one the last fit chose: a resize of the canvas then fits again. */
  const fitted = useRef(false);
  const fit = useCallback(
    (duration: number) => {
      const el = pane.current;
      const flowNodes = rf.getNodes();
      if (!el || !model || flowNodes.length === 0) return;
      const bounds = rf.getNodesBounds(flowNodes);
      // Entry points: clients, else gateways, else nodes nothing calls.
      const ids = Object.keys(model.nodes);
      let entry = ids.filter((id) => model.nodes[id]!.kind === 'client');
      if (entry.length === 0) entry = ids.filter((id) => model.nodes[id]!.kind === 'gateway');
      if (entry.length === 0) {
        const called = new Set(edges.map((e) => e.target));
        entry = ids.filter((id) => !called.has(id));
      }
      // The pane is what the rail leaves: the whole of it is the fit's box, less a margin.
      const v = fitViewport({
        width: el.clientWidth,
        height: el.clientHeight,
        bounds,
        entry: boxOf(entry.map(positionOf), NODE_WIDTH, NODE_HEIGHT),
        overview: large,
        pad: MARGIN,
      });
      fitted.current = true;
      void rf.setViewport(v, { duration });
    },
    [rf, model, edges, positionOf, large],
  );
  const fitRef = useRef(fit);
  fitRef.current = fit;

  useEffect(() => {
    if (!view) return;
    if (view.kind === 'fit') {
      // After React Flow has measured the new nodes.
      const t = setTimeout(() => fitRef.current(200), 30);
      return () => clearTimeout(t);
    }
    fitted.current = false;
    const p = positionOf(view.node);
    void rf.setCenter(p.x + NODE_WIDTH / 2, p.y + NODE_HEIGHT / 2, { zoom: Math.max(rf.getZoom(), 1), duration: 300 });
  }, [view, rf, positionOf]);

  // The pane changes size (the bottom panel opens, a side panel folds, the window resizes, the
  // minimap shows or hides and the rail with it): a view the user has not moved since the last
  // fit fits again.
  useEffect(() => {
    const el = pane.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = { w: el.clientWidth, h: el.clientHeight };
    const ro = new ResizeObserver(() => {
      const now = { w: el.clientWidth, h: el.clientHeight };
      if (Math.abs(now.w - last.w) < 4 && Math.abs(now.h - last.h) < 4) return;
      last = now;
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (fitted.current) fitRef.current(0);
      }, 120);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      clearTimeout(timer);
    };
  }, []);
  const onMoveStart = useCallback((e: MouseEvent | TouchEvent | null) => {
    // A pan or zoom by the user (not one of ours) ends the fitted state.
    if (e) fitted.current = false;
  }, []);
  // The minimap takes the rail's height it can (the rail is the canvas's full height).
  useLayoutEffect(() => {
    const el = rail.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setRailHeight(el.clientHeight));
    ro.observe(el);
    setRailHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);
  const minimapHeight = Math.min(MINIMAP_MAX_HEIGHT, railHeight - RAIL_RESERVED);
  const minimapStyle = useMemo(() => ({ width: MINIMAP_WIDTH, height: minimapHeight }), [minimapHeight]);
  const showMinimap = minimap && nodes.length > 0 && minimapHeight >= MINIMAP_MIN_HEIGHT;

  // The same element while the minimap toggle is unchanged: React Flow's Controls (memo) then
  // skip the canvas's render on every drag frame.
  const controls = useMemo(
    () => (
      <Controls
        showInteractive={false}
        showFitView={false}
        orientation={showMinimap ? 'horizontal' : 'vertical'}
        data-testid="canvas.controls"
      >
        <ControlButton onClick={() => fitRef.current(200)} title="Fit view (Shift+1)" aria-label="fit view" data-testid="canvas.fit">
          <Icon name="fit" size={12} />
        </ControlButton>
        <ControlButton
          onClick={toggleMinimap}
          title={minimap ? 'Hide the minimap' : 'Show the minimap'}
          aria-label={minimap ? 'hide the minimap' : 'show the minimap'}
          aria-pressed={minimap}
          data-testid="canvas.minimapToggle"
        >
          <Icon name="minimap" size={12} />
        </ControlButton>
      </Controls>
    ),
    [minimap, toggleMinimap, showMinimap],
  );

  const empty = !!model && Object.keys(model.nodes).length === 0;

  return (
    <div
      className={`mw-canvas${large ? ' is-large' : ''}${far && large ? ' is-far' : ''}${overlay ? ' has-overlay' : ''}`}
      data-testid="canvas"
      ref={wrapper}
    >
      <div className="mw-canvas-pane" ref={pane} data-testid="canvas.pane" onDragOver={onDragOver} onDrop={onDrop}>
        <RenameContext.Provider value={rename}>
          <CanvasOverlayContext.Provider value={overlay}>
            <NodeDetail.Provider value={!(far && large)}>
              <ReactFlow<DesignFlowNode>
                nodes={nodes}
                edges={edges}
                nodeTypes={nodeTypes}
                edgeTypes={edgeTypes}
                onNodesChange={onNodesChange}
                onEdgesChange={onEdgesChange}
                onNodeDoubleClick={onNodeDoubleClick}
                onMoveStart={onMoveStart}
                zoomOnDoubleClick={false}
                onNodeDragStop={onNodeDragStop}
                onSelectionChange={onSelectionChange}
                onConnect={onConnect}
                onConnectEnd={onConnectEnd}
                isValidConnection={isValidConnection}
                colorMode={selectColorMode()}
                deleteKeyCode={null}
                selectionKeyCode="Shift"
                multiSelectionKeyCode={MULTI_SELECT}
                connectionRadius={28}
                minZoom={0.05}
                maxZoom={2.5}
                fitView
                fitViewOptions={FIT}
                proOptions={PRO_OPTIONS}
              >
                {/* Zoomed far out, the dot grid's gap shrinks with the zoom to a dot every few pixels: an
            expensive fill to repaint on every frame of a pan, and only noise at that scale. */}
                {!(far && large) && <Background variant={BackgroundVariant.Dots} gap={20} size={1} />}
              </ReactFlow>
            </NodeDetail.Provider>
          </CanvasOverlayContext.Provider>
        </RenameContext.Provider>
        {empty && (
          <div className="mw-empty-hint" data-testid="canvas.empty">
            <div>
              <strong>An empty design</strong>
              Drag a kind from the palette onto the canvas (or click it) to add a node, then drag from a node&apos;s right handle to another
              node to add a call. New offers templates to start from.
            </div>
          </div>
        )}
      </div>
      {/* The rail: React Flow's controls and minimap read the flow's store through the provider
          App wraps the window in, so they need not sit inside (over) the pane. */}
      <div className={`mw-canvas-rail${showMinimap ? '' : ' is-narrow'}`} ref={rail} data-testid="canvas.rail">
        {controls}
        {showMinimap && (
          <MiniMap<DesignFlowNode>
            pannable
            zoomable
            nodeColor={minimapColour}
            nodeStrokeWidth={0}
            maskStrokeWidth={1.5}
            style={minimapStyle}
            data-testid="canvas.minimap"
          />
        )}
      </div>
    </div>
  );
}
