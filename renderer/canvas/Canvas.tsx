// The design canvas (React Flow). Nodes and edges are derived from the store's model; React Flow
// keeps its own copy only so a drag can move nodes between frames, and the drag's end writes the
// positions to the design's `layout` as ONE undo step.
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  useStore as useFlowStore,
  type Connection,
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
import { useAutoPositions, useEditor, useEditorActions, useModel, useProblems, useSelection, useViewRequest } from '../store/useEditor';
import { createDeriveCache, deriveEdges, deriveNodes, type DesignFlowNode } from './derive';
import { edgeTypes } from './edgeTypes';
import { KINDS } from './kinds';
import { CanvasOverlayContext, NodeDetail, nodeTypes } from './nodeTypes';

export const PALETTE_MIME = 'application/x-meshwright-kind';

const minimapColour = (n: DesignFlowNode) => (n.type === 'design' ? KINDS[n.data.kind].colour : 'transparent');
const selectColorMode = () => 'system' as const;
const FIT = { padding: 0.12, maxZoom: 1.2 } as const;
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

  const onNodesChange = useCallback((changes: NodeChange<DesignFlowNode>[]) => {
    // Removals go through the store (with their references); React Flow's own are ignored.
    const kept = changes.filter((c) => c.type !== 'remove');
    if (kept.length) setNodes((ns) => applyNodeChanges(kept, ns));
  }, []);

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

  useEffect(() => {
    if (!view) return;
    if (view.kind === 'fit') {
      // After React Flow has measured the new nodes.
      const t = setTimeout(() => void rf.fitView({ ...FIT, duration: 200 }), 30);
      return () => clearTimeout(t);
    }
    const p = positionOf(view.node);
    void rf.setCenter(p.x + NODE_WIDTH / 2, p.y + NODE_HEIGHT / 2, { zoom: Math.max(rf.getZoom(), 1), duration: 300 });
  }, [view, rf, positionOf]);

  return (
    <div
      className={`mw-canvas${large ? ' is-large' : ''}${far && large ? ' is-far' : ''}${overlay ? ' has-overlay' : ''}`}
      data-testid="canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <CanvasOverlayContext.Provider value={overlay}>
        <NodeDetail.Provider value={!(far && large)}>
          <ReactFlow<DesignFlowNode>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onNodeDragStop={onNodeDragStop}
            onSelectionChange={onSelectionChange}
            onConnect={onConnect}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            colorMode={selectColorMode()}
            deleteKeyCode={null}
            selectionKeyCode="Shift"
            multiSelectionKeyCode={['Meta', 'Control']}
            connectionRadius={28}
            minZoom={0.05}
            maxZoom={2.5}
            fitView
            fitViewOptions={FIT}
            proOptions={{ hideAttribution: true }}
          >
            {/* Zoomed far out, the dot grid's gap shrinks with the zoom to a dot every few pixels: an
            expensive fill to repaint on every frame of a pan, and only noise at that scale. */}
            {!(far && large) && <Background variant={BackgroundVariant.Dots} gap={20} size={1} />}
            <MiniMap<DesignFlowNode> pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={0} data-testid="canvas.minimap" />
            <Controls showInteractive={false} data-testid="canvas.controls" />
          </ReactFlow>
        </NodeDetail.Provider>
      </CanvasOverlayContext.Provider>
    </div>
  );
}
