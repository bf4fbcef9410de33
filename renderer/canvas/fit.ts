// The view a fit shows. Everything fits when that leaves labels readable (zoom >= READABLE_ZOOM);
// otherwise the view stays readable, shows the entry points (clients, else gateways, else nodes
// nothing calls) and leaves the rest to the minimap. The zoom controls and the minimap sit in a
// rail beside the pane (Canvas.tsx), so the pane, less a margin, is the fit's box.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Below this zoom a node's 13 px label is under 8 px on screen: unreadable. */
export const READABLE_ZOOM = 0.6;
export const MAX_FIT_ZOOM = 1.2;

export interface FitInput {
  /** The canvas's size in screen pixels. */
  width: number;
  height: number;
  /** All nodes (frames included), in flow coordinates. */
  bounds: Box;
  /** The entry points, in flow coordinates (null: none). */
  entry: Box | null;
  /** Screen pixels kept free on each side of the pane. */
  pad: { left: number; right: number; top: number; bottom: number };
  /** Fit everything whatever the zoom (the overview of a very large design). */
  overview?: boolean;
  minZoom?: number;
}

export function fitViewport(f: FitInput): Viewport {
  const availW = Math.max(40, f.width - f.pad.left - f.pad.right);
  const availH = Math.max(40, f.height - f.pad.top - f.pad.bottom);
  const b = f.bounds;
  const fitZoom = Math.min(availW / Math.max(1, b.width), availH / Math.max(1, b.height), MAX_FIT_ZOOM);
  const zoom = f.overview || fitZoom >= READABLE_ZOOM ? Math.max(f.minZoom ?? 0.05, fitZoom) : READABLE_ZOOM;
  /** Screen x of flow x0 so that the span [x0, x0 + w] sits centred in the free box. */
  const centre = (x0: number, w: number, free: number, start: number) => start + (free - w * zoom) / 2 - x0 * zoom;
  if (zoom === fitZoom || f.overview || fitZoom >= READABLE_ZOOM)
    return { zoom, x: centre(b.x, b.width, availW, f.pad.left), y: centre(b.y, b.height, availH, f.pad.top) };
  // Too large to read whole: each axis on which everything fits is centred; on the others the
  // entry points lead (left), centred across, so the view starts where the requests come in.
  const e = f.entry ?? b;
  const fitsW = b.width * zoom <= availW;
  const fitsH = b.height * zoom <= availH;
  const x = fitsW ? centre(b.x, b.width, availW, f.pad.left) : f.pad.left + 16 - e.x * zoom;
  const y = fitsH
    ? centre(b.y, b.height, availH, f.pad.top)
    : e.height * zoom <= availH
      ? centre(e.y, e.height, availH, f.pad.top)
      : f.pad.top + 16 - e.y * zoom;
  return { zoom, x, y };
}

export function boxOf(points: readonly { x: number; y: number }[], w: number, h: number): Box | null {
  if (points.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x + w);
    y1 = Math.max(y1, p.y + h);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
