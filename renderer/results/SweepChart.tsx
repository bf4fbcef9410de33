// A figure of a load sweep against the traffic multiplier with uPlot (the charting library the
// time charts use): the mean per multiplier with its 95 % interval as a band, the objectives as
// dashed lines, and the knee as a marked vertical line (an element over the plot, titled).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TargetLine } from './capacity';
import type { Aligned } from './series';
import { useDarkScheme } from './TimeChart';

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

const TARGET_COLOURS = ['#b7791f', '#0d9488', '#7c3aed', '#db2777'];

export function SweepChart({
  title,
  data,
  label,
  unit,
  color,
  targets,
  knee,
  testId,
  height = 210,
}: {
  title: string;
  /** [traffic, mean, low, high]. */
  data: Aligned;
  label: string;
  unit: string;
  color: string;
  targets: TargetLine[];
  knee: number | null;
  testId: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const dark = useDarkScheme();

  useEffect(() => {
    const el = box.current!;
    const axis = cssVar('--muted', '#6b7587');
    const grid = cssVar('--border', '#dde1e7');
    const xs = data[0];
    const full = [...data, ...targets.map((t) => xs.map(() => t.value))] as uPlot.AlignedData;
    const fmt = (v: number | null) => (v == null ? '–' : `${Math.round(v * 100) / 100} ${unit}`);
    const opts: uPlot.Options = {
      width: Math.max(240, el.clientWidth),
      height,
      scales: { x: { time: false } },
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      bands: [{ series: [3, 2], fill: `${color}33` }],
      hooks: { draw: [(u) => drawKnee(u, knee, testId)] },
      series: [
        { label: 'traffic', value: (_u, v) => (v == null ? '–' : `×${v}`) },
        { label, stroke: color, width: 2, points: { show: true, size: 6 }, value: (_u, v) => fmt(v) },
        { label: '95 % low', stroke: `${color}66`, width: 1, points: { show: false }, value: (_u, v) => fmt(v) },
        { label: '95 % high', stroke: `${color}66`, width: 1, points: { show: false }, value: (_u, v) => fmt(v) },
        ...targets.map((t, i) => ({
          label: t.label,
          stroke: TARGET_COLOURS[i % TARGET_COLOURS.length]!,
          width: 1.5,
          dash: [6, 4],
          points: { show: false },
          value: () => fmt(t.value),
        })),
      ],
      axes: [
        {
          stroke: axis,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          splits: () => xs,
          values: (_u, ticks) => ticks.map((t) => `×${Math.round(t * 100) / 100}`),
        },
        {
          stroke: axis,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          size: 70,
          values: (_u, ticks) => ticks.map((t) => `${t} ${unit}`),
        },
      ],
    };
    const u = new uPlot(opts, full, el);
    const ro = new ResizeObserver(() => {
      const w = Math.max(240, el.clientWidth);
      if (w !== u.width) u.setSize({ width: w, height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
    };
  }, [data, label, unit, color, targets, knee, testId, height, dark]);

  return (
    <figure className="mw-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div ref={box} className="mw-chart-plot" />
    </figure>
  );
}

/** The knee as a vertical line over the plot, labelled. */
function drawKnee(u: uPlot, knee: number | null, testId: string) {
  u.over.querySelectorAll('.mw-knee').forEach((e) => e.remove());
  if (knee === null) return;
  const x = u.valToPos(knee, 'x');
  if (!(x >= 0 && x <= u.over.clientWidth)) return;
  const mark = document.createElement('div');
  mark.className = 'mw-knee';
  mark.dataset.testid = `${testId}.knee`;
  mark.title = `knee: ×${knee}`;
  mark.style.left = `${x}px`;
  // Near the right edge the label goes to the line's left.
  if (x > u.over.clientWidth - 70) mark.classList.add('is-right');
  const tag = document.createElement('span');
  tag.textContent = `knee ×${knee}`;
  mark.appendChild(tag);
  u.over.appendChild(mark);
}
