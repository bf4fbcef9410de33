// The chart's viewport: zoom and pan. Fit (the default) scales the drawing to the panel but never
// below CHART_MIN_FIT, so its smallest text stays 11 px on screen; a taller chart (a long saga)
// then scrolls vertically, as a list in a panel does. Ctrl/⌘ + wheel (and a trackpad pinch)
// zooms at the pointer, the wheel scrolls, dragging pans; the buttons and, with the drawing
// focused, + / − / 0 (fit) / 1 (100 %) and the arrow keys do the same. The current state is
// scrolled into view when it changes.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { CHART_MIN_FIT } from '../../engine/index';

const MIN = 0.4;
const MAX = 2.5;
const STEP = 1.2;

export function fitScale(view: { width: number; height: number }, chart: { width: number; height: number }): number {
  if (chart.width <= 0 || chart.height <= 0 || view.width <= 0 || view.height <= 0) return 1;
  return Math.max(CHART_MIN_FIT, Math.min(1, view.width / chart.width, view.height / chart.height));
}

export function ChartViewport({
  size,
  header,
  active,
  children,
}: {
  /** The drawing's size at 100 %. */
  size: { width: number; height: number };
  /** Shown left of the zoom buttons (the replay's status line). */
  header?: ReactNode;
  /** The current state's id: scrolled into view when it changes. */
  active: string | null;
  children: (scale: number) => ReactNode;
}) {
  const view = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const [box, setBox] = useState({ width: 0, height: 0 });
  const anchor = useRef<{ x: number; y: number; cx: number; cy: number } | null>(null);

  useEffect(() => {
    const el = view.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setBox({ width: el.clientWidth - 16, height: el.clientHeight - 16 }));
    ro.observe(el);
    setBox({ width: el.clientWidth - 16, height: el.clientHeight - 16 });
    return () => ro.disconnect();
  }, []);
  const scale = zoom === 'fit' ? fitScale(box, size) : zoom;
  const scaleRef = useRef(scale);
  scaleRef.current = scale;

  /** Zooms to `next`, keeping the drawing's point under (x, y) of the viewport in place. */
  const zoomTo = (next: number, at?: { x: number; y: number }) => {
    const el = view.current;
    const s = scaleRef.current;
    const z = Math.min(MAX, Math.max(MIN, next));
    if (el) {
      const p = at ?? { x: el.clientWidth / 2, y: el.clientHeight / 2 };
      anchor.current = { x: p.x, y: p.y, cx: (el.scrollLeft + p.x) / s, cy: (el.scrollTop + p.y) / s };
    }
    setZoom(z);
  };
  useLayoutEffect(() => {
    const el = view.current;
    const a = anchor.current;
    if (!el || !a) return;
    anchor.current = null;
    el.scrollLeft = a.cx * scale - a.x;
    el.scrollTop = a.cy * scale - a.y;
  }, [scale]);

  // Ctrl/⌘ + wheel zooms (a listener that may cancel the page's own zoom: not passive).
  useEffect(() => {
    const el = view.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const r = el.getBoundingClientRect();
      zoomTo(scaleRef.current * Math.exp(-e.deltaY / 300), { x: e.clientX - r.left, y: e.clientY - r.top });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  // The current state in view (nearest edge), after a scrub moved it.
  useEffect(() => {
    const el = view.current;
    const g = el?.querySelector<SVGGElement>('[data-active="true"]');
    if (!el || !g) return;
    const v = el.getBoundingClientRect();
    const b = g.getBoundingClientRect();
    if (b.top < v.top) el.scrollTop -= v.top - b.top + 8;
    else if (b.bottom > v.bottom) el.scrollTop += Math.min(b.top - v.top - 8, b.bottom - v.bottom + 8);
    if (b.left < v.left) el.scrollLeft -= v.left - b.left + 8;
    else if (b.right > v.right) el.scrollLeft += Math.min(b.left - v.left - 8, b.right - v.right + 8);
  }, [active, scale]);

  const drag = useRef<{ x: number; y: number; id: number } | null>(null);
  return (
    <>
      <div className="mw-statechart-viewbar">
        <div className="mw-statechart-viewbar-status">{header}</div>
        <div className="mw-chart-zoom" role="group" aria-label="Zoom">
          <button type="button" className="mw-button" data-testid="chart.zoomOut" onClick={() => zoomTo(scale / STEP)} title="Zoom out (−)">
            −
          </button>
          <span className="mw-chart-zoom-level" data-testid="chart.zoomLevel" aria-live="polite">
            {Math.round(scale * 100)} %
          </span>
          <button type="button" className="mw-button" data-testid="chart.zoomIn" onClick={() => zoomTo(scale * STEP)} title="Zoom in (+)">
            +
          </button>
          <button
            type="button"
            className="mw-button"
            data-testid="chart.fit"
            aria-pressed={zoom === 'fit'}
            onClick={() => setZoom('fit')}
            title="Fit the chart to the panel, text at 11 px at least (0)"
          >
            Fit
          </button>
          <button type="button" className="mw-button" data-testid="chart.actual" onClick={() => zoomTo(1)} title="Actual size (1)">
            100 %
          </button>
        </div>
      </div>
      <div
        ref={view}
        className="mw-statechart-viewport"
        data-testid="chart.viewport"
        tabIndex={0}
        role="group"
        aria-label="State chart: + and − zoom, 0 fits, 1 shows it at 100 %, arrow keys scroll"
        onKeyDown={(e) => {
          if (e.ctrlKey || e.metaKey || e.altKey) return;
          if (e.key === '+' || e.key === '=') zoomTo(scale * STEP);
          else if (e.key === '-' || e.key === '_') zoomTo(scale / STEP);
          else if (e.key === '0') setZoom('fit');
          else if (e.key === '1') zoomTo(1);
          else return;
          e.preventDefault();
        }}
        onPointerDown={(e) => {
          if (e.button !== 0 || e.pointerType === 'touch') return;
          drag.current = { x: e.clientX, y: e.clientY, id: e.pointerId };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          const el = view.current;
          if (!d || !el || d.id !== e.pointerId) return;
          if (!el.hasPointerCapture(e.pointerId) && Math.hypot(e.clientX - d.x, e.clientY - d.y) > 3) el.setPointerCapture(e.pointerId);
          if (!el.hasPointerCapture(e.pointerId)) return;
          el.scrollLeft -= e.clientX - d.x;
          el.scrollTop -= e.clientY - d.y;
          drag.current = { ...d, x: e.clientX, y: e.clientY };
        }}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
      >
        {children(scale)}
      </div>
    </>
  );
}
