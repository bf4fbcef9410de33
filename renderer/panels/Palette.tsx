// The palette: drag a kind onto the canvas (or click it to drop one in the middle of the view).
import type { DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { NODE_HEIGHT, NODE_KINDS, NODE_WIDTH, type NodeKind } from '../../engine/index';
import { PALETTE_MIME } from '../canvas/Canvas';
import { Icon } from '../canvas/icons';
import { KINDS } from '../canvas/kinds';
import { useEditorActions } from '../store/useEditor';

export function Palette({ onCollapse }: { onCollapse?: () => void }) {
  const { addNode } = useEditorActions();
  const rf = useReactFlow();
  const onDragStart = (e: DragEvent, kind: NodeKind) => {
    e.dataTransfer.setData(PALETTE_MIME, kind);
    e.dataTransfer.effectAllowed = 'copy';
  };
  const addInView = (kind: NodeKind) => {
    const el = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const p = el ? rf.screenToFlowPosition({ x: el.left + el.width / 2, y: el.top + el.height / 2 }) : { x: 0, y: 0 };
    addNode(kind, { x: p.x - NODE_WIDTH / 2 + Math.random() * 40, y: p.y - NODE_HEIGHT / 2 + Math.random() * 40 });
  };
  return (
    <nav className="mw-palette" aria-label="Node kinds" data-testid="palette">
      <div className="mw-panel-title">
        Add
        {onCollapse && (
          <button type="button" className="mw-collapse" data-testid="palette.collapse" title="Hide the palette" onClick={onCollapse}>
            <Icon name="chevronLeft" size={12} />
          </button>
        )}
      </div>
      {NODE_KINDS.map((kind) => {
        const k = KINDS[kind];
        return (
          <button
            type="button"
            key={kind}
            className="mw-palette-item"
            draggable
            data-testid={`palette.${kind}`}
            onDragStart={(e) => onDragStart(e, kind)}
            onClick={() => addInView(kind)}
            title={`Drag onto the canvas, or click to add a ${kind}`}
          >
            <span className="mw-palette-icon" style={{ background: k.colour }}>
              <Icon name={kind} size={15} />
            </span>
            <span>
              <span className="mw-palette-title">{k.title}</span>
              <span className="mw-palette-hint">{k.hint}</span>
            </span>
          </button>
        );
      })}
    </nav>
  );
}
