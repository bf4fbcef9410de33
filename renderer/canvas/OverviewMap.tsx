// The canvas's minimap: React Flow's <MiniMap> drawn the cheap way. React Flow's own renders a
// <rect> per node, each subscribed to the flow store (1000 more selectors run on every store
// update: every pan and drag frame) and computes the nodes' bounds over the store on every update;
// its SVG of 1000 rects is recorded again whenever the viewport moves. This one draws one <path>
// per kind colour from the nodes it is given (recomputed only when they change), reads only the
// viewport from the store, and pans and zooms through the same XYMinimap as React Flow's.
import { memo, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { Panel, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { XYMinimap, type XYMinimapInstance } from '@xyflow/system';
import { NODE_HEIGHT, NODE_WIDTH } from '../../engine/index';
import type { DesignFlowNode } from './derive';
import { KINDS } from './kinds';

/** React Flow's margin around the nodes, in minimap pixels. */
const OFFSET_SCALE = 5;

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface View {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
  panZoom: ReactFlowState['panZoom'];
  translateExtent: ReactFlowState['translateExtent'];
}
const selectView = (s: ReactFlowState): View => ({
  x: s.transform[0],
  y: s.transform[1],
  zoom: s.transform[2],
  width: s.width,
  height: s.height,
  panZoom: s.panZoom,
  translateExtent: s.translateExtent,
});
const sameView = (a: View, b: View) =>
  a.x === b.x &&
  a.y === b.y &&
  a.zoom === b.zoom &&
  a.width === b.width &&
  a.height === b.height &&
  a.panZoom === b.panZoom &&
  a.translateExtent === b.translateExtent;

/** One path per colour (all its nodes as rectangles), the selected nodes apart, and the bounds. */
export function minimapShapes(nodes: readonly DesignFlowNode[]): {
  paths: { colour: string; d: string }[];
  selected: string;
  bounds: Rect | null;
} {
  const byColour = new Map<string, string[]>();
  const selected: string[] = [];
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    if (n.type !== 'design' || n.hidden) continue;
    const w = n.measured?.width ?? n.width ?? NODE_WIDTH;
    const h = n.measured?.height ?? n.height ?? NODE_HEIGHT;
    const { x, y } = n.position;
    const rect = `M${x},${y}h${w}v${h}h${-w}z`;
    const colour = KINDS[n.data.kind].colour;
    let list = byColour.get(colour);
    if (!list) byColour.set(colour, (list = []));
    list.push(rect);
    if (n.selected) selected.push(rect);
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x + w);
    y1 = Math.max(y1, y + h);
  }
  return {
    paths: [...byColour].map(([colour, rects]) => ({ colour, d: rects.join('') })),
    selected: selected.join(''),
    bounds: x0 === Infinity ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
  };
}

/** Rendered again only when the nodes change, never for a pan or zoom frame. */
const Shapes = memo(function Shapes({ paths, selected }: { paths: { colour: string; d: string }[]; selected: string }) {
  return (
    <>
      {paths.map((p) => (
        <path
          key={p.colour}
          className="react-flow__minimap-node"
          d={p.d}
          style={{ fill: p.colour, stroke: 'none' }}
          shapeRendering="crispEdges"
        />
      ))}
      {selected && <path className="react-flow__minimap-node selected mw-minimap-selected" d={selected} shapeRendering="crispEdges" />}
    </>
  );
});

/** A pannable, zoomable overview of `nodes`, `width` x `height` pixels; the viewport's outline
 * is `maskStrokeWidth` pixels wide (as React Flow's MiniMap props of those names). */
export const OverviewMap = memo(function OverviewMap({
  nodes,
  width: WIDTH,
  height: HEIGHT,
  maskStrokeWidth,
  testId,
}: {
  nodes: readonly DesignFlowNode[];
  width: number;
  height: number;
  maskStrokeWidth?: number;
  testId?: string;
}) {
  const store = useStoreApi();
  const svg = useRef<SVGSVGElement>(null);
  const view = useStore(selectView, sameView);
  const drawn = useMemo(() => minimapShapes(nodes), [nodes]);
  const nodeBounds = drawn.bounds;

  const viewBB: Rect = { x: -view.x / view.zoom, y: -view.y / view.zoom, width: view.width / view.zoom, height: view.height / view.zoom };
  const b = nodeBounds
    ? (() => {
        const x = Math.min(nodeBounds.x, viewBB.x);
        const y = Math.min(nodeBounds.y, viewBB.y);
        return {
          x,
          y,
          width: Math.max(nodeBounds.x + nodeBounds.width, viewBB.x + viewBB.width) - x,
          height: Math.max(nodeBounds.y + nodeBounds.height, viewBB.y + viewBB.height) - y,
        };
      })()
    : viewBB;
  const viewScale = Math.max(b.width / WIDTH, b.height / HEIGHT);
  const viewWidth = viewScale * WIDTH;
  const viewHeight = viewScale * HEIGHT;
  const offset = OFFSET_SCALE * viewScale;
  const x = b.x - (viewWidth - b.width) / 2 - offset;
  const y = b.y - (viewHeight - b.height) / 2 - offset;
  const width = viewWidth + offset * 2;
  const height = viewHeight + offset * 2;

  const viewScaleRef = useRef(viewScale);
  viewScaleRef.current = viewScale;
  const instance = useRef<XYMinimapInstance | null>(null);
  useEffect(() => {
    if (!svg.current || !view.panZoom) return;
    instance.current = XYMinimap({
      domNode: svg.current,
      panZoom: view.panZoom,
      getTransform: () => store.getState().transform,
      getViewScale: () => viewScaleRef.current,
    });
    return () => {
      instance.current?.destroy();
      instance.current = null;
    };
  }, [view.panZoom, store]);
  useEffect(() => {
    instance.current?.update({
      translateExtent: view.translateExtent,
      width: view.width,
      height: view.height,
      pannable: true,
      zoomable: true,
      zoomStep: 1,
    });
  }, [view.panZoom, view.translateExtent, view.width, view.height]);

  return (
    <Panel
      position="bottom-right"
      className="react-flow__minimap"
      data-testid={testId}
      style={
        {
          width: WIDTH,
          height: HEIGHT,
          '--xy-minimap-mask-stroke-width-props': maskStrokeWidth === undefined ? undefined : maskStrokeWidth * viewScale,
        } as CSSProperties
      }
    >
      <svg
        ref={svg}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${x} ${y} ${width} ${height}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-label="Mini map"
      >
        <Shapes paths={drawn.paths} selected={drawn.selected} />
        <path
          className="react-flow__minimap-mask"
          d={`M${x - offset},${y - offset}h${width + offset * 2}v${height + offset * 2}h${-width - offset * 2}z M${viewBB.x},${viewBB.y}h${viewBB.width}v${viewBB.height}h${-viewBB.width}z`}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
});
