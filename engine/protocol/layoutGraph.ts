// The design as a graph for a layered, left-to-right layout: clients, then gateways, services,
// and stores in later layers, so a request reads from left to right. Pure data in ELK's JSON
// shape; the worker hands it to elkjs.
import { edges } from '../model/graph.js';
import type { Design, NodeKind } from '../model/schema.js';
import type { LayoutGraph, LayoutNode } from './messages.js';

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
