// Edges by call type: sync solid, async dashed, dead letters red, cache misses dotted; small
// marks for timeout (⏱), retry (↻) and breaker (⚡) so resilience is visible at a glance.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import type { CallFlowEdge } from './derive';

const CallEdge = memo(function CallEdge(props: EdgeProps<CallFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const d = data!;
  const cls = `mw-edge mw-edge-${d.kind}${d.async ? ' is-async' : ''}${selected ? ' is-selected' : ''}`;
  const marks = `${d.timeout ? '⏱' : ''}${d.retry ? '↻' : ''}${d.breaker ? '⚡' : ''}`;
  const text = [d.label, marks].filter(Boolean).join(' ');
  return (
    <>
      <BaseEdge id={id} path={path} className={cls} markerEnd={markerEnd} interactionWidth={14} />
      {text && (
        <EdgeLabelRenderer>
          <div
            className={`mw-edge-label nodrag nopan${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={[d.timeout && 'timeout', d.retry && 'retry', d.breaker && 'circuit breaker'].filter(Boolean).join(', ')}
          >
            {text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const edgeTypes: EdgeTypes = { call: CallEdge };
