// A state chart (machines/chart.ts) as an ELK graph, and ELK's answer read back as absolute
// boxes, edge routes and label boxes for an SVG. Text sizes are estimated from character counts
// (the engine has no fonts); the drawing uses the font size these estimates assume.
import type { ChartNode, StateChart } from '../simulation/machines/chart.js';

/**
 * Font sizes the estimates assume (px): state names, internal lines, edge labels. A fit may
 * shrink the drawing to CHART_MIN_FIT, which keeps the smallest text at 11 px on screen.
 */
export const CHART_FONT = { title: 13, line: 12, label: 12 };
export const CHART_MIN_FIT = 11 / 12;
export const CHAR = { title: 8, line: 6.9, label: 6.9 };
/** Line heights (px): internal lines and a caption's detail, edge label lines. */
export const LINE_H = 16;
export const LABEL_LINE_H = 15;
export const HEAD_H = 28;
export const PAD_X = 12;
/** Lines wrap at these many characters. */
const WRAP_LINE = 38;
const WRAP_LABEL = 28;
export const INITIAL_PREFIX = '\u0000initial:';

/** Wraps at spaces to lines of at most `max` characters (a longer word keeps its own line). */
export function wrap(text: string, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const w of text.split(' ')) {
    if (cur && cur.length + 1 + w.length > max) {
      out.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) out.push(cur);
  return out;
}

export interface ElkLabel {
  id?: string;
  text: string;
  width: number;
  height: number;
  x?: number;
  y?: number;
}
export interface ElkChartNode {
  id: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  layoutOptions?: Record<string, string>;
  children?: ElkChartNode[];
  labels?: ElkLabel[];
}
export interface ElkChartEdge {
  id: string;
  sources: string[];
  targets: string[];
  labels?: ElkLabel[];
  container?: string;
  sections?: { startPoint: { x: number; y: number }; endPoint: { x: number; y: number }; bendPoints?: { x: number; y: number }[] }[];
}
export interface ChartLayoutGraph extends ElkChartNode {
  layoutOptions: Record<string, string>;
  children: ElkChartNode[];
  edges: ElkChartEdge[];
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the SVG draws: absolute positions, from the top left of the chart. */
export interface ChartLayout {
  width: number;
  height: number;
  nodes: Record<string, Box>;
  /** Initial markers (UML's filled circle), by the state they point at. */
  initials: Record<string, Box>;
  edges: Record<string, { points: { x: number; y: number }[]; label: (Box & { lines: string[] }) | null }>;
}

function nodeLines(n: ChartNode): string[] {
  return n.lines.flatMap((l) => wrap(l, WRAP_LINE));
}

function labelLines(label: string[]): string[] {
  return label.flatMap((l) => wrap(l, WRAP_LABEL));
}

const textWidth = (lines: string[], char: number) => Math.ceil(Math.max(0, ...lines.map((l) => l.length)) * char);

/** A caption's text cut to `max` characters (the full label is the box's tooltip). */
export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
export const CAPTION_MAX = { name: 28, detail: 34 };

/** What a state box shows: its name (or caption), the caption's detail and its internal lines. */
export function stateText(n: ChartNode): { name: string; detail: string | null; lines: string[] } {
  return {
    name: n.caption ? clip(n.caption.name, CAPTION_MAX.name) : n.label,
    detail: n.caption ? clip(n.caption.detail, CAPTION_MAX.detail) : null,
    lines: nodeLines(n),
  };
}

/** A leaf state's box size. */
export function leafSize(n: ChartNode): { width: number; height: number } {
  const t = stateText(n);
  const width =
    Math.max(110, Math.ceil(t.name.length * CHAR.title), textWidth(t.detail ? [t.detail] : [], CHAR.line), textWidth(t.lines, CHAR.line)) +
    2 * PAD_X;
  const height = HEAD_H + (t.detail ? LINE_H : 0) + (t.lines.length ? t.lines.length * LINE_H + 8 : 6);
  return { width, height };
}

/** An edge label's box: its wrapped lines and size. */
export function labelBox(label: string[]): { lines: string[]; width: number; height: number } {
  const lines = labelLines(label);
  return { lines, width: textWidth(lines, CHAR.label) + 8, height: lines.length * LABEL_LINE_H + 4 };
}

/** The ELK graph of a chart: compound states hold their children; initial markers are tiny nodes. */
export function chartLayoutGraph(chart: StateChart): ChartLayoutGraph {
  const byParent = new Map<string | null, ChartNode[]>();
  for (const n of chart.nodes) byParent.set(n.parent, [...(byParent.get(n.parent) ?? []), n]);
  const edges: ElkChartEdge[] = [];
  const build = (n: ChartNode): ElkChartNode => {
    const kids = byParent.get(n.id) ?? [];
    if (kids.length > 0) {
      const titleW = n.label.length * CHAR.title + 2 * PAD_X;
      return {
        id: n.id,
        layoutOptions: {
          'elk.padding': `[top=${HEAD_H + 8},left=${PAD_X},bottom=${PAD_X},right=${PAD_X}]`,
          'elk.nodeSize.constraints': 'MINIMUM_SIZE',
          'elk.nodeSize.minimum': `(${Math.ceil(titleW)},40)`,
        },
        children: level(kids, n.id),
      };
    }
    return { id: n.id, ...leafSize(n) };
  };
  const level = (list: ChartNode[], parent: string | null): ElkChartNode[] => {
    const out = list.map(build);
    const init = list.find((n) => n.initial);
    if (init) {
      const id = `${INITIAL_PREFIX}${parent ?? ''}`;
      out.unshift({ id, width: 14, height: 14 });
      edges.push({ id: `${id}->${init.id}`, sources: [id], targets: [init.id] });
    }
    return out;
  };
  const children = level(byParent.get(null) ?? [], null);
  for (const e of chart.edges) {
    const l = labelBox(e.label);
    edges.push({
      id: e.id,
      sources: [e.source],
      targets: [e.target],
      labels: [{ id: `${e.id}:label`, text: l.lines.join('\n'), width: l.width, height: l.height }],
    });
  }
  return {
    id: 'chart',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '36',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.edgeLabel': '4',
      'elk.spacing.edgeNode': '18',
      'elk.spacing.edgeEdge': '14',
      'elk.layered.spacing.edgeNodeBetweenLayers': '18',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.edgeLabels.sideSelection': 'ALWAYS_UP',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
      // The machine's order (initial state first) decides ties: closed before open before half-open.
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children,
    edges,
  };
}

/** ELK's answer as absolute boxes and routes (edge coordinates are relative to their container). */
export function readChartLayout(graph: ChartLayoutGraph, laid: ChartLayoutGraph): ChartLayout {
  const abs = new Map<string, { x: number; y: number }>([[laid.id, { x: 0, y: 0 }]]);
  const out: ChartLayout = { width: Math.ceil(laid.width ?? 0), height: Math.ceil(laid.height ?? 0), nodes: {}, initials: {}, edges: {} };
  const initFor = new Map(graph.edges.filter((e) => e.sources[0]!.startsWith(INITIAL_PREFIX)).map((e) => [e.sources[0]!, e.targets[0]!]));
  const walk = (list: ElkChartNode[] | undefined, dx: number, dy: number) => {
    for (const c of list ?? []) {
      const x = dx + (c.x ?? 0);
      const y = dy + (c.y ?? 0);
      abs.set(c.id, { x, y });
      const box = { x, y, width: c.width ?? 0, height: c.height ?? 0 };
      if (c.id.startsWith(INITIAL_PREFIX)) out.initials[initFor.get(c.id) ?? c.id] = box;
      else out.nodes[c.id] = box;
      walk(c.children, x, y);
    }
  };
  walk(laid.children, 0, 0);
  for (const e of laid.edges) {
    const off = abs.get(e.container ?? laid.id) ?? { x: 0, y: 0 };
    const points: { x: number; y: number }[] = [];
    for (const s of e.sections ?? []) {
      points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    }
    const l = e.labels?.[0];
    out.edges[e.id] = {
      points: points.map((p) => ({ x: p.x + off.x, y: p.y + off.y })),
      label: l ? { x: (l.x ?? 0) + off.x, y: (l.y ?? 0) + off.y, width: l.width, height: l.height, lines: l.text.split('\n') } : null,
    };
  }
  return out;
}

/** The internal-transition lines a state box shows, wrapped as its size assumed. */
export function chartNodeLines(chart: StateChart): Record<string, string[]> {
  return Object.fromEntries(chart.nodes.map((n) => [n.id, nodeLines(n)]));
}
