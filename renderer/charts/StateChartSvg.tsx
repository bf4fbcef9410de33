// A laid-out state chart as SVG: states as rounded boxes (compound ones framing their children,
// final ones double-bordered), UML's filled circle for initial states, internal transitions
// listed in their state, transitions as routed arrows with their labels. The current state (and
// its parents) and the transition that led to it are highlighted. A state with a caption (a
// saga's step) shows its short name and detail; every state's tooltip has its full text.
import {
  CHART_FONT,
  HEAD_H,
  LABEL_LINE_H,
  LINE_H,
  stateText,
  type ChartLayout,
  type StateChart,
  type StateChange,
} from '../../engine/index';
import { useMemo } from 'react';

export interface Highlight {
  /** The followed instance's state key. */
  state: string | null;
  /** The change that led to it (drawn as the taken transition). */
  change: StateChange | null;
  /** Instances per state key (several breakers, saga runs). */
  counts: Map<string, number> | null;
  total: number;
}

export function StateChartSvg({
  chart,
  layout,
  highlight,
  scale = 1,
}: {
  chart: StateChart;
  layout: ChartLayout;
  highlight: Highlight | null;
  /** Drawn at this zoom (the text too). */
  scale?: number;
}) {
  const texts = useMemo(() => Object.fromEntries(chart.nodes.map((n) => [n.id, stateText(n)])), [chart]);
  const byKey = useMemo(() => new Map(chart.nodes.map((n) => [n.key, n])), [chart]);
  const parents = useMemo(() => new Set(chart.nodes.map((n) => n.parent).filter((p): p is string => p !== null)), [chart]);
  const active = new Set<string>();
  let n = highlight?.state ? byKey.get(highlight.state) : undefined;
  const activeLeaf = n?.id ?? null;
  while (n) {
    active.add(n.id);
    n = n.parent ? chart.nodes.find((x) => x.id === n!.parent) : undefined;
  }
  const taken =
    highlight?.change &&
    chart.edges.find((e) => byKey.get(highlight.change!.from)?.id === e.source && byKey.get(highlight.change!.to)?.id === e.target)?.id;
  // Compound states first, so their children draw over them.
  const order = [...chart.nodes].sort((a, b) => Number(parents.has(b.id)) - Number(parents.has(a.id)));
  return (
    <svg
      className="mw-chart-svg"
      width={Math.ceil(layout.width * scale)}
      height={Math.ceil(layout.height * scale)}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-label={`${chart.title}: state chart`}
      data-testid="chart.svg"
    >
      <defs>
        <marker id="mw-chart-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="mw-chart-arrowhead" />
        </marker>
        <marker
          id="mw-chart-arrow-taken"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" className="mw-chart-arrowhead is-taken" />
        </marker>
      </defs>
      {order.map((node) => {
        const b = layout.nodes[node.id];
        if (!b) return null;
        const compound = parents.has(node.id);
        const count = highlight?.counts?.get(node.key) ?? 0;
        const cls = [
          'mw-chart-state',
          compound ? 'is-compound' : '',
          node.type === 'final' ? 'is-final' : '',
          active.has(node.id) ? (node.id === activeLeaf ? 'is-active' : 'is-active-parent') : '',
          count > 0 && node.id !== activeLeaf ? 'is-occupied' : '',
        ]
          .filter(Boolean)
          .join(' ');
        const text = texts[node.id]!;
        const ls = text.lines;
        const body = HEAD_H + (text.detail ? LINE_H : 0);
        const tip = [node.label, ...node.lines].join('\n');
        return (
          <g
            key={node.id}
            className={cls}
            data-testid={`chart.state.${node.key}`}
            data-active={node.id === activeLeaf ? 'true' : undefined}
          >
            <title>{tip}</title>
            <rect x={b.x} y={b.y} width={b.width} height={b.height} rx={compound ? 8 : 12} className="mw-chart-box" />
            {node.type === 'final' && (
              <rect x={b.x + 3} y={b.y + 3} width={b.width - 6} height={b.height - 6} rx={9} className="mw-chart-box-inner" />
            )}
            <text
              x={compound ? b.x + 12 : b.x + b.width / 2}
              y={b.y + 19}
              textAnchor={compound ? 'start' : 'middle'}
              className="mw-chart-name"
              fontSize={CHART_FONT.title}
            >
              {text.name}
            </text>
            {text.detail && (
              <text x={b.x + b.width / 2} y={b.y + 19 + LINE_H} textAnchor="middle" className="mw-chart-detail" fontSize={CHART_FONT.line}>
                {text.detail}
              </text>
            )}
            {ls.length > 0 && (
              <>
                <line x1={b.x} x2={b.x + b.width} y1={b.y + body} y2={b.y + body} className="mw-chart-sep" />
                {ls.map((l, i) => (
                  <text key={i} x={b.x + 12} y={b.y + body + 15 + i * LINE_H} className="mw-chart-line" fontSize={CHART_FONT.line}>
                    {l}
                  </text>
                ))}
              </>
            )}
            {highlight?.counts && count > 0 && highlight.total > 1 && !compound && (
              <g className="mw-chart-count" data-testid={`chart.count.${node.key}`}>
                <rect x={b.x + b.width - 34} y={b.y - 10} width={40} height={20} rx={10} />
                <text x={b.x + b.width - 14} y={b.y + 4} textAnchor="middle" fontSize={CHART_FONT.label}>
                  {count}/{highlight.total}
                </text>
              </g>
            )}
          </g>
        );
      })}
      {Object.entries(layout.initials).map(([target, b]) => (
        <circle key={target} cx={b.x + b.width / 2} cy={b.y + b.height / 2} r={6} className="mw-chart-initial" />
      ))}
      {Object.entries(layout.edges).map(([id, e]) => {
        if (e.points.length < 2) return null;
        const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
        const isTaken = id === taken;
        return (
          <g key={id} className={`mw-chart-edge${isTaken ? ' is-taken' : ''}`} data-testid={isTaken ? 'chart.taken' : undefined}>
            <path d={d} markerEnd={`url(#mw-chart-arrow${isTaken ? '-taken' : ''})`} />
          </g>
        );
      })}
      {Object.entries(layout.edges).map(([id, e]) =>
        e.label ? (
          <g key={`${id}:l`} className={`mw-chart-label${id === taken ? ' is-taken' : ''}`}>
            <rect x={e.label.x - 2} y={e.label.y - 1} width={e.label.width + 4} height={e.label.height + 2} rx={4} />
            {e.label.lines.map((l, i) => (
              <text key={i} x={e.label!.x + 4} y={e.label!.y + 14 + i * LABEL_LINE_H} fontSize={CHART_FONT.label}>
                {l}
              </text>
            ))}
          </g>
        ) : null,
      )}
    </svg>
  );
}
