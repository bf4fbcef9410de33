// A chart whose compound states are unrolled sequences (a saga: `running#0..n`, `compensating#k`)
// laid out as a grid that reads top to bottom: the initial state at the left of the first row,
// one column per unrolled state (a framed column: the steps, then the compensations, each beside
// its step), and a column of the other states (the outcomes) at the row their transitions come
// from. Rows are the sequence index, so a saga of any length stays as wide as its longest labels
// and grows downwards only. Edges are routed orthogonally: straight down/up a column, straight
// across a row, or through lanes in the gaps between columns (and a channel above the frames).
// Labels sit beside the line where it leaves its source. ELK's layered layout cannot keep these
// rows (cross-hierarchy partitions are ignored), hence this placement; other charts use ELK.
import type { ChartNode, StateChart } from '../simulation/machines/chart.js';
import { HEAD_H, INITIAL_PREFIX, PAD_X, labelBox, leafSize, type Box, type ChartLayout } from './chartLayout.js';

const MARGIN = 16;
const ROW_GAP = 30;
/** A column frame: its title band and its padding. */
const FRAME_TOP = HEAD_H + 8;
const FRAME_PAD = PAD_X;
const LANE = 10;
/** Lanes share an x only when their vertical spans are this far apart. */
const LANE_SEP = 24;
const PORT = 14;
const TRACK = 10;
const MARKER = 14;
const LABEL_GAP = 6;

const unrolledIndex = (key: string): number | null => {
  const m = /#(\d+)$/.exec(key);
  return m ? Number(m[1]) : null;
};

interface Cell {
  node: ChartNode;
  col: number;
  row: number;
  w: number;
  h: number;
  x: number;
  y: number;
}

type Route =
  | { kind: 'v'; s: Cell; t: Cell }
  | { kind: 'h'; s: Cell; t: Cell }
  | { kind: 'lane'; s: Cell; t: Cell }
  | { kind: 'channel'; s: Cell; t: Cell; track: number };

interface Port {
  id: string;
  /** -1: the other end is above, 1: below, 0: straight across. */
  dir: -1 | 0 | 1;
  other: number;
  offset: number;
}

/** The grid layout of `chart`, or null when it has no unrolled compound states (use ELK). */
export function gridLayout(chart: StateChart): ChartLayout | null {
  const top = chart.nodes.filter((n) => n.parent === null);
  const kids = new Map<string, ChartNode[]>();
  for (const n of chart.nodes) if (n.parent !== null) kids.set(n.parent, [...(kids.get(n.parent) ?? []), n]);
  const columns = top.filter((n) => kids.has(n.id));
  if (columns.length === 0) return null;
  for (const c of columns) for (const k of kids.get(c.id)!) if (unrolledIndex(k.key) === null || kids.has(k.id)) return null;
  if (chart.nodes.some((n) => n.parent !== null && !columns.some((c) => c.id === n.parent))) return null;
  const init = top.find((n) => n.initial && !kids.has(n.id)) ?? null;

  // ---- Columns and rows ----
  const cells = new Map<string, Cell>();
  const colCells: Cell[][] = [];
  const framed: (ChartNode | null)[] = [];
  const add = (node: ChartNode, col: number, row: number) => {
    const size = leafSize(node);
    const c: Cell = { node, col, row, w: size.width, h: size.height, x: 0, y: 0 };
    cells.set(node.id, c);
    colCells[col]!.push(c);
  };
  if (init) {
    colCells.push([]);
    framed.push(null);
    add(init, 0, 0);
  }
  for (const c of columns) {
    colCells.push([]);
    framed.push(c);
    for (const k of kids.get(c.id)!) add(k, colCells.length - 1, unrolledIndex(k.key)!);
  }
  let rows = 1 + Math.max(0, ...[...cells.values()].map((c) => c.row));
  const outcomes = top.filter((n) => n !== init && !kids.has(n.id));
  if (outcomes.length) {
    const col = colCells.length;
    colCells.push([]);
    framed.push(null);
    const used = new Set<number>();
    const wanted = outcomes.map((n, i) => {
      const from = chart.edges
        .filter((e) => e.target === n.id)
        .map((e) => cells.get(e.source)?.row)
        .filter((r): r is number => r !== undefined)
        .sort((a, b) => a - b);
      return { n, i, row: from.length ? from[Math.floor((from.length - 1) / 2)]! : Number.POSITIVE_INFINITY };
    });
    wanted.sort((a, b) => a.row - b.row || a.i - b.i);
    for (const w of wanted) {
      let r = Number.isFinite(w.row) ? w.row : 0;
      while (used.has(r)) r++;
      used.add(r);
      add(w.n, col, r);
    }
    rows = Math.max(rows, 1 + Math.max(...used));
  }
  const K = colCells.length;
  for (const list of colCells) {
    const w = Math.max(...list.map((c) => c.w));
    for (const c of list) c.w = w;
  }
  const rowH = Array.from({ length: rows }, (_, r) => Math.max(0, ...[...cells.values()].filter((c) => c.row === r).map((c) => c.h)));
  const span = framed.map((f, i) =>
    f ? { lo: Math.min(...colCells[i]!.map((c) => c.row)), hi: Math.max(...colCells[i]!.map((c) => c.row)) } : null,
  );

  // ---- Routes ----
  const at = (col: number, row: number) => colCells[col]?.find((c) => c.row === row);
  const routes = new Map<string, Route>();
  let tracks = 0;
  for (const e of chart.edges) {
    const s = cells.get(e.source);
    const t = cells.get(e.target);
    if (!s || !t) return null;
    const between = (a: number, b: number) => Array.from({ length: Math.max(0, b - a - 1) }, (_, i) => a + 1 + i);
    if (s.col === t.col && framed[s.col] && between(Math.min(s.row, t.row), Math.max(s.row, t.row)).every((r) => !at(s.col, r)))
      routes.set(e.id, { kind: 'v', s, t });
    else if (
      s.row === t.row &&
      t.col > s.col &&
      between(s.col, t.col).every((c) => !at(c, s.row) && !(span[c] && span[c]!.lo <= s.row && s.row <= span[c]!.hi))
    )
      routes.set(e.id, { kind: 'h', s, t });
    else if (t.col === s.col + 1) routes.set(e.id, { kind: 'lane', s, t });
    else routes.set(e.id, { kind: 'channel', s, t, track: tracks++ });
  }

  // ---- Vertical positions ----
  const channelTop = MARGIN;
  const frameTop = channelTop + (tracks ? tracks * TRACK + 8 : 0);
  const rowY: number[] = [];
  let y = frameTop + FRAME_TOP;
  for (let r = 0; r < rows; r++) {
    rowY.push(y);
    y += rowH[r]! + ROW_GAP;
  }
  for (const c of cells.values()) c.y = rowY[c.row]! + (rowH[c.row]! - c.h) / 2;
  const cy = (c: Cell) => c.y + c.h / 2;
  const trackY = (i: number) => channelTop + i * TRACK + 4;

  // ---- Ports: side ports spread by direction, straight ones in the middle ----
  const sides = new Map<string, Port[]>();
  const port = (cell: Cell, side: 'l' | 'r' | 't' | 'b', p: Omit<Port, 'offset'>) => {
    const k = `${cell.node.id}|${side}`;
    sides.set(k, [...(sides.get(k) ?? []), { ...p, offset: 0 }]);
  };
  for (const [id, r] of routes) {
    if (r.kind === 'v') {
      const down = r.t.row > r.s.row;
      port(r.s, down ? 'b' : 't', { id, dir: 0, other: r.t.col });
      port(r.t, down ? 't' : 'b', { id, dir: 0, other: r.s.col });
    } else {
      const up = r.kind === 'channel' || r.t.row < r.s.row;
      port(r.s, 'r', { id, dir: r.kind === 'h' ? 0 : up ? -1 : 1, other: r.kind === 'channel' ? -1 : r.t.row });
      port(r.t, 'l', {
        id,
        dir: r.kind === 'h' ? 0 : r.kind === 'channel' || r.s.row < r.t.row ? -1 : 1,
        other: r.kind === 'channel' ? -1 : r.s.row,
      });
    }
  }
  const offsets = new Map<string, number>();
  for (const [k, list] of sides) {
    const cell = cells.get(k.slice(0, k.lastIndexOf('|')))!;
    const vertical = k.endsWith('|t') || k.endsWith('|b');
    if (vertical) {
      list.sort((a, b) => a.other - b.other);
      list.forEach((p, i) => offsets.set(`${k}|${p.id}`, (i - (list.length - 1) / 2) * PORT));
      continue;
    }
    const ups = list.filter((p) => p.dir === -1).sort((a, b) => a.other - b.other);
    const straight = list.filter((p) => p.dir === 0);
    const downs = list.filter((p) => p.dir === 1).sort((a, b) => a.other - b.other);
    const base = straight.length ? 1 : 0.5;
    const reach = Math.max(ups.length, downs.length) - 1 + base + (straight.length > 1 ? (straight.length - 1) / 2 : 0);
    const step = Math.min(PORT, (cell.h / 2 - 4) / Math.max(1, reach));
    ups.forEach((p, i) => offsets.set(`${k}|${p.id}`, -(ups.length - 1 - i + base) * step));
    straight.forEach((p, i) => offsets.set(`${k}|${p.id}`, (i - (straight.length - 1) / 2) * step));
    downs.forEach((p, i) => offsets.set(`${k}|${p.id}`, (i + base) * step));
  }
  const off = (cell: Cell, side: string, id: string) => offsets.get(`${cell.node.id}|${side}|${id}`) ?? 0;
  const outY = (id: string, r: Route) => cy(r.s) + off(r.s, 'r', id);
  const inY = (id: string, r: Route) => cy(r.t) + off(r.t, 'l', id);

  // ---- Labels leaving a box's right side: a stack in the gap (above, below, then further right) ----
  const labels = new Map<string, ReturnType<typeof labelBox>>();
  for (const e of chart.edges) labels.set(e.id, labelBox(e.label));
  const stacks = new Map<string, { id: string; dx: number; above: boolean }[]>();
  const stackW = new Array<number>(K).fill(0);
  for (const [k, list] of sides) {
    if (!k.endsWith('|r')) continue;
    const cell = cells.get(k.slice(0, -2))!;
    const sorted = [...list].sort((a, b) => off(cell, 'r', a.id) - off(cell, 'r', b.id));
    let dx = 0;
    let w = 0;
    const out = sorted.map((p, i) => {
      const lw = labels.get(p.id)?.width ?? 0;
      if (i >= 2) dx = w + LABEL_GAP;
      w = Math.max(w, dx + lw);
      return { id: p.id, dx, above: i !== 1 };
    });
    stacks.set(cell.node.id, out);
    stackW[cell.col] = Math.max(stackW[cell.col]!, w);
  }

  // ---- Lanes: vertical segments in each gap, sharing an x when far enough apart ----
  const lanes = new Map<number, { id: string; lo: number; hi: number; lane: number }[]>();
  const segment = (gap: number, id: string, a: number, b: number) => {
    const list = lanes.get(gap) ?? [];
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    let lane = 0;
    while (list.some((s) => s.lane === lane && s.lo < hi + LANE_SEP && lo < s.hi + LANE_SEP)) lane++;
    list.push({ id, lo, hi, lane });
    lanes.set(gap, list);
  };
  for (const [id, r] of routes) {
    if (r.kind === 'lane') segment(r.s.col, id, outY(id, r), inY(id, r));
    if (r.kind === 'channel') {
      segment(r.s.col, id, outY(id, r), trackY(r.track));
      segment(r.t.col - 1, id, trackY(r.track), inY(id, r));
    }
  }
  const laneCount = (g: number) => 1 + Math.max(-1, ...(lanes.get(g) ?? []).map((s) => s.lane));

  // ---- Horizontal positions ----
  // gapX[g]: where the gap right of column g starts (g = -1: the left margin).
  const gapX = new Map<number, number>();
  const gapWidth = (g: number) => {
    const n = laneCount(g);
    const labelsW = g >= 0 ? stackW[g]! : 0;
    if (g < 0) return n ? 8 + n * LANE + 8 : 0;
    return Math.max(40, LABEL_GAP + labelsW + (n ? 8 + n * LANE : 0) + 8);
  };
  const nodes: Record<string, Box> = {};
  const initials: Record<string, Box> = {};
  let x = MARGIN;
  gapX.set(-1, x);
  x += gapWidth(-1);
  for (let col = 0; col < K; col++) {
    const list = colCells[col]!;
    const frame = framed[col];
    if (col === 0 && init) {
      initials[init.id] = { x, y: cy(list[0]!) - MARKER / 2, width: MARKER, height: MARKER };
      x += MARKER + 24;
    }
    const colX = x + (frame ? FRAME_PAD : 0);
    for (const c of list) {
      c.x = colX;
      nodes[c.node.id] = { x: c.x, y: c.y, width: c.w, height: c.h };
    }
    x = colX + list[0]!.w + (frame ? FRAME_PAD : 0);
    if (frame) {
      const s = span[col]!;
      const fy = rowY[s.lo]! - FRAME_TOP;
      nodes[frame.id] = {
        x: colX - FRAME_PAD,
        y: fy,
        width: list[0]!.w + 2 * FRAME_PAD,
        height: rowY[s.hi]! + rowH[s.hi]! + FRAME_PAD - fy,
      };
    }
    gapX.set(col, x);
    if (col < K - 1 || laneCount(col) > 0) x += gapWidth(col);
  }
  const width = Math.ceil(x + MARGIN);
  const height = Math.ceil(rowY[rows - 1]! + rowH[rows - 1]! + FRAME_PAD + MARGIN);
  const laneX = (g: number, id: string) => {
    const s = lanes.get(g)!.find((l) => l.id === id)!;
    const start = gapX.get(g)! + (g >= 0 ? LABEL_GAP + stackW[g]! : 0) + 8;
    return start + s.lane * LANE + LANE / 2;
  };

  // ---- Points and label boxes ----
  const edges: ChartLayout['edges'] = {};
  if (init) {
    const m = initials[init.id]!;
    const c = cells.get(init.id)!;
    edges[`${INITIAL_PREFIX}->${init.id}`] = {
      points: [
        { x: m.x + m.width, y: cy(c) },
        { x: c.x, y: cy(c) },
      ],
      label: null,
    };
  }
  for (const e of chart.edges) {
    const r = routes.get(e.id)!;
    const l = labels.get(e.id)!;
    const { s, t } = r;
    let points: { x: number; y: number }[];
    let label: Box;
    if (r.kind === 'v') {
      const down = t.row > s.row;
      const px = s.x + s.w / 2 + off(s, down ? 'b' : 't', e.id);
      const y0 = down ? s.y + s.h : s.y;
      const y1 = down ? t.y : t.y + t.h;
      points = [
        { x: px, y: y0 },
        { x: px, y: y1 },
      ];
      label = { x: px + LABEL_GAP, y: (y0 + y1) / 2 - l.height / 2, width: l.width, height: l.height };
    } else {
      const sy = outY(e.id, r);
      const ty = inY(e.id, r);
      const sx = s.x + s.w;
      if (r.kind === 'h')
        points = [
          { x: sx, y: sy },
          { x: t.x, y: ty },
        ];
      else if (r.kind === 'lane') {
        const lx = laneX(s.col, e.id);
        points = [
          { x: sx, y: sy },
          { x: lx, y: sy },
          { x: lx, y: ty },
          { x: t.x, y: ty },
        ];
      } else {
        const a = laneX(s.col, e.id);
        const b = laneX(t.col - 1, e.id);
        const cyT = trackY(r.track);
        points = [
          { x: sx, y: sy },
          { x: a, y: sy },
          { x: a, y: cyT },
          { x: b, y: cyT },
          { x: b, y: ty },
          { x: t.x, y: ty },
        ];
      }
      const st = stacks.get(s.node.id)!.find((p) => p.id === e.id)!;
      const lx = gapX.get(s.col)! + LABEL_GAP + st.dx;
      label = { x: lx, y: st.above ? sy - l.height - 1 : sy + 2, width: l.width, height: l.height };
    }
    edges[e.id] = { points, label: { ...label, lines: l.lines } };
  }
  return { width, height, nodes, initials, edges };
}
