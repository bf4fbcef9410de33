// A time chart of a run's 1-second series with uPlot (canvas; its CSS is bundled locally). The
// chart follows its box's width and the system's light/dark colours.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Aligned } from './series';

export interface Line {
  label: string;
  color: string;
  unit: string;
  dash?: number[];
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
}: {
  title: string;
  data: Aligned;
  lines: Line[];
  testId: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = box.current!;
    const axis = cssVar('--muted', '#6b7587');
    const grid = cssVar('--border', '#dde1e7');
    const unit = lines[0]?.unit ?? '';
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      scales: { x: { time: false } },
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      series: [
        { label: 't', value: (_u, v) => (v == null ? '–' : `${v} s`) },
        ...lines.map((l) => ({
          label: l.label,
          stroke: l.color,
          width: 1.5,
          ...(l.dash ? { dash: l.dash } : {}),
          value: (_u: uPlot, v: number | null) => (v == null ? '–' : `${Math.round(v * 10) / 10} ${l.unit}`),
        })),
      ],
      axes: [
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, values: (_u, ticks) => ticks.map((t) => `${t}s`) },
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
  }, [lines, height]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return (
    <figure className="mw-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div ref={box} className="mw-chart-plot" />
    </figure>
  );
}
