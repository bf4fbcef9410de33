// A sampled trace as a waterfall: its spans in tree order (each parent before its children,
// siblings by start), with their depth and their offsets from the trace's first start.
import type { Span, Trace } from '../../engine/index';

export interface WaterfallRow {
  span: Span;
  depth: number;
  /** ms from the trace's start. */
  offset: number;
  length: number;
}

export interface Waterfall {
  traceId: string;
  start: number;
  /** ms from the first start to the last end. */
  total: number;
  rows: WaterfallRow[];
  /** `ok` when every span is ok, else the root's (or first failing span's) status. */
  status: string;
}

export function waterfall(trace: Trace): Waterfall {
  const spans = trace.spans;
  const start = spans.length ? Math.min(...spans.map((s) => s.start)) : 0;
  const end = spans.length ? Math.max(...spans.map((s) => s.end)) : 0;
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | null, Span[]>();
  for (const s of spans) {
    // A span whose parent was not kept is drawn as a root.
    const parent = s.parentSpanId !== null && ids.has(s.parentSpanId) ? s.parentSpanId : null;
    const list = children.get(parent) ?? [];
    list.push(s);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.start - b.start || a.end - b.end);
  const rows: WaterfallRow[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const s of children.get(parent) ?? []) {
      if (seen.has(s.spanId)) continue;
      seen.add(s.spanId);
      rows.push({ span: s, depth, offset: s.start - start, length: Math.max(0, s.end - s.start) });
      visit(s.spanId, depth + 1);
    }
  };
  visit(null, 0);
  const root = rows[0]?.span;
  const failing = spans.find((s) => s.status !== 'ok');
  const status = !failing ? 'ok' : root && root.status !== 'ok' ? root.status : failing.status;
  return { traceId: trace.traceId, start, total: end - start, rows, status };
}
