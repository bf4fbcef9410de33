// The canvas's node components: one design node (icon, label, detail, replicas badge, kind
// colour) and the group frame. Module-level constants, as React Flow wants them stable.
import { createContext, memo, useContext, useEffect, useRef, type CSSProperties } from 'react';
import { Handle, Position, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { CanvasOverlay } from '../results/overlay';
import type { DesignNodeData, FrameData } from './derive';
import { Icon } from './icons';
import { KINDS } from './kinds';

/** False when a large design is zoomed far out: nodes leave out what that level of detail hides
 * (icon, detail line), so a 1000-node design mounts and styles about a third fewer elements. A
 * context, not a React Flow store selector, so panning adds no per-node subscription. */
export const NodeDetail = createContext(true);

/** The last simulation's load on nodes and edges, looked up by id; null when there is no result
 * to show (none yet, the design changed since, or the overlay is off): then nodes and edges do
 * nothing more than read this context. One value for the whole canvas, changed once per run. */
export const CanvasOverlayContext = createContext<CanvasOverlay | null>(null);

/** The node whose id is being renamed in place (double-click), and how to end it: the new id,
 * or null to cancel. */
export interface Rename {
  id: string | null;
  finish(id: string, to: string | null): void;
}
export const RenameContext = createContext<Rename>({ id: null, finish: () => undefined });

function RenameInput({ id, finish }: { id: string; finish: Rename['finish'] }) {
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const end = (to: string | null) => {
    if (done.current) return;
    done.current = true;
    finish(id, to);
  };
  return (
    <input
      ref={ref}
      className="mw-node-rename nodrag nopan"
      data-testid={`canvas.node.${id}.rename`}
      defaultValue={id}
      aria-label={`New id for ${id}`}
      spellCheck={false}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') end(e.currentTarget.value);
        else if (e.key === 'Escape') end(null);
      }}
      onBlur={(e) => end(e.currentTarget.value)}
    />
  );
}

const BREAKER_TEXT = { open: 'open', half_open: 'half-open' } as const;

const DesignNodeView = memo(function DesignNodeView({ data }: NodeProps<Node<DesignNodeData, 'design'>>) {
  const info = KINDS[data.kind];
  const detailed = useContext(NodeDetail);
  const load = useContext(CanvasOverlayContext)?.nodes.get(data.id);
  const rename = useContext(RenameContext);
  return (
    <div
      className={`mw-node kind-${data.kind}${data.problems > 0 ? ' has-problems' : ''}`}
      style={{ '--kind': info.colour } as CSSProperties}
      data-testid={`canvas.node.${data.id}`}
      title={`${data.id} (${data.kind})`}
    >
      <Handle type="target" position={Position.Left} className="mw-handle" />
      {detailed && (
        <div className="mw-node-icon" aria-hidden>
          <Icon name={data.kind} size={16} />
        </div>
      )}
      <div className="mw-node-body">
        {rename.id === data.id ? <RenameInput id={data.id} finish={rename.finish} /> : <div className="mw-node-label">{data.label}</div>}
        {detailed && (
          <div className="mw-node-detail">
            <span className="mw-node-kind">{data.kind}</span> {data.detail}
          </div>
        )}
      </div>
      {data.replicas !== undefined && (
        <div className="mw-node-replicas" data-testid={`canvas.node.${data.id}.replicas`} title="replicas">
          ×{data.replicas}
          {detailed && data.autoscale && (
            <span className="mw-node-autoscale" title="autoscaled between these replica counts">
              {' '}
              <Icon name="autoscale" size={9} />
              {data.autoscale}
            </span>
          )}
        </div>
      )}
      {detailed && data.canary && (
        <div className="mw-node-canary" title="several versions share the traffic">
          canary
        </div>
      )}
      {load && (
        <div
          className={`mw-node-load is-${load.tone}`}
          data-testid={`canvas.node.${data.id}.utilization`}
          title={`utilization ${(load.utilization * 100).toFixed(1)} % (mean over the run)`}
        >
          <span className="mw-node-load-bar">
            <span style={{ width: `${Math.min(1, load.utilization) * 100}%` }} />
          </span>
          {Math.round(load.utilization * 100)} %
        </div>
      )}
      {load?.breaker && (
        <div
          className={`mw-node-breaker is-${load.breaker}`}
          data-testid={`canvas.node.${data.id}.breaker`}
          data-state={load.breaker}
          title={`circuit breaker ${BREAKER_TEXT[load.breaker]} at the end of the run: ${load.breakerCalls.join(', ')}`}
        >
          <Icon name="breaker" size={11} /> {BREAKER_TEXT[load.breaker]}
        </div>
      )}
      {data.problems > 0 && (
        <div className="mw-node-problem" title={`${data.problems} problem(s)`}>
          !
        </div>
      )}
      <Handle type="source" position={Position.Right} className="mw-handle" />
    </div>
  );
});

const FrameView = memo(function FrameView({ data, width, height }: NodeProps<Node<FrameData, 'frame'>>) {
  return (
    <div className="mw-frame" style={{ width, height }} data-testid={`canvas.group.${data.group}`}>
      <div className="mw-frame-label">{data.group}</div>
    </div>
  );
});

export const nodeTypes: NodeTypes = { design: DesignNodeView, frame: FrameView };
