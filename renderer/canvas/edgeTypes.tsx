// Edges by call type: sync solid, async dashed, dead letters red, cache misses and optional calls dotted; small
// marks (SVG icons) for timeout, retry and breaker so resilience is visible at a glance. Clicking
// the label selects the call, as clicking its line does.
import { memo, useContext } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStoreApi, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import type { CallFlowEdge } from './derive';
import { Icon } from './icons';
import { CanvasOverlayContext, NodeDetail } from './nodeTypes';

const CallEdge = memo(function CallEdge(props: EdgeProps<CallFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const d = data!;
  // The last run's traffic on this call, when the canvas shows it: width by rate, colour by
  // failure share.
  const load = useContext(CanvasOverlayContext)?.edges.get(`${d.ref.from}->${d.ref.to}`);
  const cls = `mw-edge mw-edge-${d.kind}${d.async ? ' is-async' : ''}${d.optional ? ' is-optional' : ''}${selected ? ' is-selected' : ''}${load ? ` has-load is-err-${load.tone}` : ''}`;
  const flow = useStoreApi();
  const marked = d.timeout || d.retry || d.breaker;
  // A large design zoomed far out hides labels: leave them out of the page altogether.
  const detailed = useContext(NodeDetail);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={cls}
        markerEnd={markerEnd}
        interactionWidth={14}
        style={load ? { strokeWidth: load.width } : undefined}
        data-error-share={load ? load.errorShare.toFixed(4) : undefined}
        data-rate={load ? load.rate.toFixed(2) : undefined}
      />
      {detailed && (d.label || marked) && (
        <EdgeLabelRenderer>
          <div
            className={`mw-edge-label nodrag nopan${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`canvas.edge.${id}.label`}
            onClick={() => flow.getState().addSelectedEdges([id])}
            title={[
              d.optional && 'optional: its failure does not fail the request',
              d.timeout && 'timeout',
              d.retry && 'retry',
              d.breaker && 'circuit breaker',
              load && `${load.rate.toFixed(1)} tries/s, ${(load.errorShare * 100).toFixed(1)} % failed`,
            ]
              .filter(Boolean)
              .join(', ')}
          >
            {d.label}
            {marked && (
              <span className="mw-edge-marks">
                {d.timeout && <Icon name="timeout" size={11} title="timeout" />}
                {d.retry && <Icon name="retry" size={11} title="retry" />}
                {d.breaker && <Icon name="breaker" size={11} title="circuit breaker" />}
              </span>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const edgeTypes: EdgeTypes = { call: CallEdge };
