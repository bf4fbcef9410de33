// A time chart of a run's 1-second series with uPlot (canvas; its CSS is bundled locally). The
// chart follows its box's width and the system's light/dark colours; its time axis reads seconds,
// or minutes past 10 minutes; the scenario's fault windows are shaded behind the lines (as
// elements under the canvas, each titled with the fault, and listed under the chart in words).
import { useEffect, useRef, useSyncExternalStore } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { FaultWindow } from './faults';
import { formatAxisTime, timeAxisIncrs } from './format';
import type { Aligned } from './series';

export interface Line {
  label: string;
  /** A CSS colour, or a custom property of the theme ("--accent"). */
  color: string;
  unit: string;
  dash?: number[];
}

const DARK = '(prefers-color-scheme: dark)';
function onSchemeChange(cb: () => void): () => void {
  const m = matchMedia(DARK);
  m.addEventListener('change', cb);
  return () => m.removeEventListener('change', cb);
}
/** Whether the system shows the dark theme: charts are redrawn in its colours when it changes. */
export function useDarkScheme(): boolean {
  return useSyncExternalStore(onSchemeChange, () => matchMedia(DARK).matches);
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export function TimeChart({
  title,
  data,
  lines,
  testId,
  height = 170,
  spanS,
  faults = NO_FAULTS,
}: {
  title: string;
  data: Aligned;
  lines: Line[];
  testId: string;
  height?: number;
  /** The run's length in seconds (the axis reads minutes past 10 minutes). */
  spanS: number;
  faults?: readonly FaultWindow[];
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shaded = useRef(faults);
  shaded.current = faults;
  const dark = useDarkScheme();

  useEffect(() => {
    const el = box.current!;
    const axis = cssVar('--muted', '#6b7587');
    const grid = cssVar('--border', '#dde1e7');
    const unit = lines[0]?.unit ?? '';
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      // Every charted figure is a count, a rate, a share or a duration: the y axis starts at 0.
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] } },
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      hooks: { draw: [(u) => drawFaults(u, shaded.current, testId)] },
      series: [
        { label: 't', value: (_u, v) => (v == null ? '–' : formatAxisTime(v, spanS)) },
        ...lines.map((l) => ({
          label: l.label,
          stroke: l.color.startsWith('--') ? cssVar(l.color, '#4f46e5') : l.color,
          width: 1.5,
          ...(l.dash ? { dash: l.dash } : {}),
          value: (_u: uPlot, v: number | null) => (v == null ? '–' : `${Math.round(v * 10) / 10} ${l.unit}`),
        })),
      ],
      axes: [
        {
          stroke: axis,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          incrs: timeAxisIncrs(spanS),
          values: (_u, ticks) => ticks.map((t) => formatAxisTime(t, spanS)),
        },
        {
          stroke: axis,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          size: 64,
          values: (_u, ticks) => ticks.map((t) => `${t}${unit ? ` ${unit}` : ''}`),
        },
      ],
    };
    const u = new uPlot(opts, data as uPlot.AlignedData, el);
    plot.current = u;
    const ro = new ResizeObserver(() => {
      const w = Math.max(200, el.clientWidth);
      if (w !== u.width) u.setSize({ width: w, height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
    // The chart is made once per set of lines; new data goes through setData below.
  }, [lines, height, spanS, testId, dark]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);
  useEffect(() => {
    plot.current?.redraw(false, false);
  }, [faults]);

  return (
    <figure className="mw-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div ref={box} className="mw-chart-plot" />
      {faults.length > 0 && (
        <figcaption className="mw-chart-faults" data-testid={`${testId}.faults`}>
          <span className="mw-fault-swatch" aria-hidden /> {faults.map((f) => f.label).join('; ')}
        </figcaption>
      )}
    </figure>
  );
}

const NO_FAULTS: readonly FaultWindow[] = [];

/** The fault windows as shaded boxes under the plot's canvas (CSS pixels of the plotting area). */
function drawFaults(u: uPlot, faults: readonly FaultWindow[], testId: string) {
  const layer = u.under;
  layer.querySelectorAll('.mw-fault-band').forEach((e) => e.remove());
  const width = u.over.clientWidth;
  for (const f of faults) {
    const x0 = Math.max(0, u.valToPos(f.start / 1000, 'x'));
    const x1 = Math.min(width, u.valToPos(f.end / 1000, 'x'));
    if (!(x1 > x0)) continue;
    const band = document.createElement('div');
    band.className = 'mw-fault-band';
    band.dataset.testid = `${testId}.fault`;
    band.title = f.label;
    band.style.left = `${x0}px`;
    band.style.width = `${x1 - x0}px`;
    layer.appendChild(band);
  }
}
