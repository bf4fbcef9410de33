// The canvas's nodes and edges, derived from the design model and the positions (the design's
// `layout`, else the automatic ones). Objects are reused while their inputs are unchanged so
// React Flow re-renders only what changed: with 1000 nodes that is the difference between a
// smooth canvas and a stutter on every selection.
import { MarkerType, Position, type Node, type NodeHandle, type Edge } from '@xyflow/react';
import { edges as designEdges, formatDuration, type Design, type DesignNode, type EdgeKind, type NodeKind } from '../../engine/index';
import { NODE_HEIGHT, NODE_WIDTH } from '../../engine/index';
import type { EdgeRef, XY } from '../store/commands';

export interface DesignNodeData extends Record<string, unknown> {
  id: string;
  kind: NodeKind;
  label: string;
  /** e.g. "3 × 20 ms" for a service, "200 rps" for a client. */
  detail: string;
  replicas?: number;
  autoscale?: string;
  canary?: boolean;
  problems: number;
}

export interface FrameData extends Record<string, unknown> {
  group: string;
}

export interface CallEdgeData extends Record<string, unknown> {
  kind: EdgeKind;
  async: boolean;
  timeout: boolean;
  retry: boolean;
  breaker: boolean;
  /** Route paths, step names, the count of client requests; for calls the callee operations
   * named and the stages. */
  label: string;
  /** Every call this edge stands for is optional (its failure does not fail the request). */
  optional: boolean;
  ref: EdgeRef;
}

export type DesignFlowNode = Node<DesignNodeData, 'design'> | Node<FrameData, 'frame'>;
export type CallFlowEdge = Edge<CallEdgeData, 'call'>;

function detail(n: DesignNode): string {
  const lat = (d: { dist: string; value?: number; mean?: number; p50?: number }) =>
    d.dist === 'constant' && d.value !== undefined
      ? formatDuration(d.value)
      : d.dist === 'lognormal' && d.p50 !== undefined
        ? `p50 ${formatDuration(d.p50)}`
        : d.mean !== undefined
          ? `~${formatDuration(d.mean)}`
          : d.dist;
  switch (n.kind) {
    case 'client':
      return n.users !== undefined ? `${n.users} users · think ${lat(n.think as never)}` : `${n.rate ?? 0} rps · ${n.arrival}`;
    case 'gateway':
    case 'service':
    case 'saga':
      return `${opsText(n)}${lat(n.latency as never)}${n.errorRate ? ` · ${+(n.errorRate * 100).toFixed(2)}% err` : ''}`;
    case 'database':
      return `${n.engine} · ${n.connections} conn`;
    case 'cache':
      return `${n.engine} · ${Math.round(n.hitRatio * 100)}% hits`;
    case 'queue':
      return `${n.engine} · ${n.consumers.length} consumer${n.consumers.length === 1 ? '' : 's'}`;
    case 'topic':
      return `${n.engine} · ${n.partitions} partition${n.partitions === 1 ? '' : 's'}`;
  }
}

function opsText(n: DesignNode): string {
  const k = n.kind === 'gateway' || n.kind === 'service' || n.kind === 'saga' ? Object.keys(n.operations ?? {}).length : 0;
  return k === 0 ? '' : `${k} op${k === 1 ? '' : 's'} · `;
}

function nodeData(id: string, n: DesignNode, problems: number): DesignNodeData {
  const d: DesignNodeData = { id, kind: n.kind, label: n.label ?? id, detail: detail(n), problems };
  if (n.kind === 'gateway' || n.kind === 'service' || n.kind === 'saga') {
    d.replicas = n.replicas;
    if (n.autoscale) d.autoscale = `${n.autoscale.min}–${n.autoscale.max}`;
    if (n.versions && Object.keys(n.versions).length > 1) d.canary = true;
  }
  return d;
}

const FIELD: Record<EdgeKind, EdgeRef['field']> = {
  call: 'calls',
  request: 'requests',
  route: 'routes',
  step: 'steps',
  miss: 'miss',
  deliver: 'consumers',
  dlq: 'dlq',
};

const ARROW = { type: MarkerType.ArrowClosed, width: 18, height: 18 } as const;

/**
 * A design node's size and handles are fixed (app.css: 184 x 60, 4 px kind border on the left,
 * 1 px elsewhere; 10 px handles centred on the padding box's left and right sides). Stating them
 * means React Flow never has to measure: nodes and edges show at once when a design opens, and a
 * node object replaced after a model change (a drop, a selection) is not measured again. Without
 * this every reset from the model re-measured all nodes: ~100 ms at 1000 nodes.
 */
const HANDLE = 10;
const DESIGN_HANDLES = [
  { type: 'target', position: Position.Left, x: 4 - HANDLE / 2, y: NODE_HEIGHT / 2 - HANDLE / 2, width: HANDLE, height: HANDLE },
  {
    type: 'source',
    position: Position.Right,
    x: NODE_WIDTH - 1 - HANDLE / 2,
    y: NODE_HEIGHT / 2 - HANDLE / 2,
    width: HANDLE,
    height: HANDLE,
  },
] as const satisfies NodeHandle[];
const DESIGN_NODE_SIZE = {
  width: NODE_WIDTH,
  height: NODE_HEIGHT,
  measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
  handles: DESIGN_HANDLES as unknown as NodeHandle[],
} as const;
const NO_HANDLES: NodeHandle[] = [];

export function edgeIdOf(kind: EdgeKind, from: string, to: string): string {
  return `${kind}:${from}->${to}`;
}

export interface DeriveCache {
  nodes: Map<string, { key: string; node: DesignFlowNode }>;
  edges: Map<string, { key: string; edge: CallFlowEdge }>;
  /** The last arrays handed out: returned again when every element is the same object, so a
   * change that touches no node (or no edge) does not make React Flow adopt all of them again. */
  lastNodes?: DesignFlowNode[];
  lastEdges?: CallFlowEdge[];
  /** The merged calls of the last design, with their keys: a change of the selection alone (a
   * click, every drag start) does not merge and key 1500 calls again. */
  edgeBase?: { design: Design; list: { id: string; data: CallEdgeData; key: string }[] };
}

export function createDeriveCache(): DeriveCache {
  return { nodes: new Map(), edges: new Map() };
}

function sameArray<T>(last: T[] | undefined, next: T[]): T[] {
  if (last && last.length === next.length && last.every((x, i) => x === next[i])) return last;
  return next;
}

export interface DeriveInput {
  design: Design;
  positionOf: (id: string) => XY;
  selectedNodes: ReadonlySet<string>;
  selectedEdge: string | null;
  problemsByNode: ReadonlyMap<string, number>;
}

export function deriveNodes(input: DeriveInput, cache: DeriveCache): DesignFlowNode[] {
  const { design, positionOf, selectedNodes, problemsByNode } = input;
  const out: DesignFlowNode[] = [];
  const groups = new Map<string, { x0: number; y0: number; x1: number; y1: number }>();
  const seen = new Set<string>();
  for (const [id, n] of Object.entries(design.nodes)) {
    const p = positionOf(id);
    if (n.group) {
      const g = groups.get(n.group) ?? { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
      g.x0 = Math.min(g.x0, p.x);
      g.y0 = Math.min(g.y0, p.y);
      g.x1 = Math.max(g.x1, p.x + NODE_WIDTH);
      g.y1 = Math.max(g.y1, p.y + NODE_HEIGHT);
      groups.set(n.group, g);
    }
  }
  for (const [group, g] of groups) {
    const id = `group:${group}`;
    seen.add(id);
    const pad = 22;
    const position = { x: g.x0 - pad, y: g.y0 - pad - 18 };
    const width = g.x1 - g.x0 + pad * 2;
    const height = g.y1 - g.y0 + pad * 2 + 18;
    const key = `${position.x},${position.y},${width},${height}`;
    const hit = cache.nodes.get(id);
    if (hit && hit.key === key) out.push(hit.node);
    else {
      const node: DesignFlowNode = {
        id,
        type: 'frame',
        position,
        width,
        height,
        measured: { width, height },
        handles: NO_HANDLES,
        data: { group },
        draggable: false,
        selectable: false,
        connectable: false,
        focusable: false,
        zIndex: -1,
      };
      cache.nodes.set(id, { key, node });
      out.push(node);
    }
  }
  for (const [id, n] of Object.entries(design.nodes)) {
    seen.add(id);
    const p = positionOf(id);
    const data = nodeData(id, n, problemsByNode.get(id) ?? 0);
    const selected = selectedNodes.has(id);
    const key = `${p.x},${p.y},${selected ? 1 : 0},${data.kind},${data.label},${data.detail},${data.replicas},${data.autoscale},${data.canary},${data.problems}`;
    const hit = cache.nodes.get(id);
    if (hit && hit.key === key) out.push(hit.node);
    else {
      const node: DesignFlowNode = { id, type: 'design', position: { x: p.x, y: p.y }, ...DESIGN_NODE_SIZE, data, selected };
      cache.nodes.set(id, { key, node });
      out.push(node);
    }
  }
  for (const id of cache.nodes.keys()) if (!seen.has(id)) cache.nodes.delete(id);
  cache.lastNodes = sameArray(cache.lastNodes, out);
  return cache.lastNodes;
}

export function deriveEdges(input: DeriveInput, cache: DeriveCache): CallFlowEdge[] {
  const { design, selectedEdge } = input;
  if (cache.edgeBase?.design !== design) cache.edgeBase = { design, list: mergeEdges(design) };
  const out: CallFlowEdge[] = [];
  const seen = new Set<string>();
  for (const { id, data, key: base } of cache.edgeBase.list) {
    seen.add(id);
    const selected = selectedEdge === id;
    const key = `${base},${selected ? 1 : 0}`;
    const hit = cache.edges.get(id);
    if (hit && hit.key === key) out.push(hit.edge);
    else {
      const edge: CallFlowEdge = { id, type: 'call', source: data.ref.from, target: data.ref.to, data, selected, markerEnd: ARROW };
      cache.edges.set(id, { key, edge });
      out.push(edge);
    }
  }
  for (const id of cache.edges.keys()) if (!seen.has(id)) cache.edges.delete(id);
  cache.lastEdges = sameArray(cache.lastEdges, out);
  return cache.lastEdges;
}

/** The design's edges merged per (kind, from, to), with their labels, and a key per edge that
 * changes whenever what the edge shows does. */
function mergeEdges(design: Design): { id: string; data: CallEdgeData; key: string }[] {
  const merged = new Map<string, { data: CallEdgeData; labels: string[]; ops: Set<string>; stages: Set<number> }>();
  for (const e of designEdges(design)) {
    if (!design.nodes[e.to]) continue;
    const id = edgeIdOf(e.kind, e.from, e.to);
    let m = merged.get(id);
    if (!m) {
      m = {
        data: {
          kind: e.kind,
          async: e.async,
          timeout: false,
          retry: false,
          breaker: false,
          label: '',
          optional: true,
          ref: { from: e.from, to: e.to, field: FIELD[e.kind], indices: [] },
        },
        labels: [],
        ops: new Set(),
        stages: new Set(),
      };
      merged.set(id, m);
    }
    if (e.index !== undefined && e.operation === undefined) m.data.ref.indices.push(e.index);
    else if (e.index !== undefined && e.operation !== undefined) ((m.data.ref.operations ??= {})[e.operation] ??= []).push(e.index);
    m.data.timeout ||= e.policy.timeout !== undefined;
    m.data.retry ||= e.policy.retry !== undefined;
    m.data.breaker ||= e.policy.breaker !== undefined;
    m.data.optional &&= e.optional === true;
    if (e.kind === 'call' && e.op !== undefined) m.ops.add(e.op);
    if (e.stage !== undefined) m.stages.add(e.stage);
    const from = design.nodes[e.from]!;
    if (e.kind === 'route' && from.kind === 'gateway') m.labels.push(from.routes[e.index!]!.path);
    else if (e.kind === 'step' && from.kind === 'saga') m.labels.push(from.steps[e.index!]!.name);
    else if (e.kind === 'request') m.labels.push('');
    else if (e.kind === 'dlq') m.labels.push('DLQ');
  }
  const list: { id: string; data: CallEdgeData; key: string }[] = [];
  for (const [id, { data, labels, ops, stages }] of merged) {
    data.label = data.kind === 'request' ? (labels.length > 1 ? `×${labels.length}` : '') : labels.join(', ');
    if (data.kind === 'call') {
      const parts = [...ops];
      if (stages.size > 0) parts.push(`stage ${[...stages].sort((a, b) => a - b).join(', ')}`);
      data.label = parts.join(' · ');
    }
    list.push({ id, data, key: JSON.stringify(data) });
  }
  return list;
}
