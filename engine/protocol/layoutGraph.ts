// The design as a graph for a layered, left-to-right layout: clients, then gateways, services,
// and stores in later layers, so a request reads from left to right. Pure data in ELK's JSON
// shape; the worker hands it to elkjs.
import { edges } from '../model/graph.js';
import type { Design, NodeKind } from '../model/schema.js';
import type { LayoutGraph, LayoutNode, XY } from './messages.js';

export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 60;
/** Ids of the compound nodes that stand for groups; never a node id (ids have no \u0000). */
export const GROUP_PREFIX = '\u0000group:';

/** Which layer a kind prefers: ELK's layer constraints pin the first and last. */
const CONSTRAINT: Partial<Record<NodeKind, string>> = { client: 'FIRST', database: 'LAST' };

export function layoutGraph(design: Design): LayoutGraph {
  const ids = Object.keys(design.nodes);
  const known = new Set(ids);
  const seen = new Set<string>();
  // Members of a group are laid out inside a compound node, so frames never overlap.
  const children: LayoutNode[] = [];
  const groups = new Map<string, LayoutNode>();
  for (const id of ids) {
    const n = design.nodes[id]!;
    const constraint = CONSTRAINT[n.kind];
    const leaf: LayoutNode = {
      id,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      ...(constraint ? { layoutOptions: { 'elk.layered.layering.layerConstraint': constraint } } : {}),
    };
    if (!n.group) {
      children.push(leaf);
      continue;
    }
    let g = groups.get(n.group);
    if (!g) {
      g = { id: `${GROUP_PREFIX}${n.group}`, layoutOptions: { 'elk.padding': '[top=48,left=30,bottom=30,right=30]' }, children: [] };
      groups.set(n.group, g);
      children.push(g);
    }
    g.children!.push(leaf);
  }
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '28',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.separateConnectedComponents': 'false',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    },
    children,
    edges: edges(design)
      .filter((e) => known.has(e.from) && known.has(e.to) && e.from !== e.to)
      .filter((e) => {
        const key = `${e.from}->${e.to}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((e) => ({ id: `${e.from}->${e.to}`, sources: [e.from], targets: [e.to] })),
  };
}

/** What ELK gives back: the graph with positions (members of a group relative to it). */
export interface LaidOutNode {
  id: string;
  x?: number;
  y?: number;
  children?: LaidOutNode[];
}

/** An ELK instance (elkjs's `new ELK()`): the host makes it (a Web Worker, or Node for the CLI),
 * the graph, its options and reading the result live here, so the canvas and `meshwright import`
 * lay a design out the same way. */
export interface ElkLike {
  layout(graph: LayoutGraph): Promise<LaidOutNode>;
}

/** Top-left positions of the nodes from ELK's result, group offsets added. */
export function positionsOf(result: LaidOutNode): Record<string, XY> {
  const positions = Object.create(null) as Record<string, XY>;
  const walk = (nodes: LaidOutNode[] | undefined, dx: number, dy: number) => {
    for (const c of nodes ?? []) {
      const x = dx + (c.x ?? 0);
      const y = dy + (c.y ?? 0);
      if (c.id.startsWith(GROUP_PREFIX)) walk(c.children, x, y);
      else positions[c.id] = { x: Math.round(x), y: Math.round(y) };
    }
  };
  walk(result.children, 0, 0);
  return positions;
}

/** The design laid out by ELK with the canvas's options. */
export async function elkPositions(elk: ElkLike, graph: LayoutGraph): Promise<Record<string, XY>> {
  return positionsOf(await elk.layout(graph));
}
