// The template gallery and the keyboard-shortcut help: small modal dialogs.
import { useEffect, useRef, type ReactNode } from 'react';
import { BLANK_TEMPLATE, TEMPLATES, type Template } from '../files/templates';
import type { Confirmation } from '../store/editorStore';
import { SHORTCUTS } from './shortcuts';

function Modal({ title, onClose, children, testId }: { title: string; onClose: () => void; children: ReactNode; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="mw-modal-backdrop" onMouseDown={onClose}>
      <div
        className="mw-modal"
        role="dialog"
        aria-modal
        aria-label={title}
        data-testid={testId}
        tabIndex={-1}
        ref={ref}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <header>
          <h2>{title}</h2>
          <button type="button" className="mw-link" onClick={onClose} aria-label="Close" data-testid={`${testId}.close`}>
            ✕
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}

export function TemplateGallery({ onPick, onClose, dirty }: { onPick: (t: Template) => void; onClose: () => void; dirty: boolean }) {
  return (
    <Modal title="New design" onClose={onClose} testId="gallery">
      {dirty && <p className="mw-warning">The open design has unsaved changes: you will be asked before they are discarded.</p>}
      <div className="mw-gallery">
        {[BLANK_TEMPLATE, ...TEMPLATES].map((t) => (
          <button type="button" key={t.id} className="mw-gallery-item" data-testid={`gallery.${t.id}`} onClick={() => onPick(t)}>
            <strong>{t.title}</strong>
            <span>{t.summary}</span>
            <code>{t.fileName}</code>
          </button>
        ))}
      </div>
    </Modal>
  );
}

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} testId="shortcuts">
      <table className="mw-shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.command}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>Arrows</kbd>
            </td>
            <td>Nudge the selected nodes (Shift: further)</td>
          </tr>
          <tr>
            <td>
              <kbd>Shift+drag</kbd>
            </td>
            <td>Box-select</td>
          </tr>
        </tbody>
      </table>
    </Modal>
  );
}

/** Asks before something that cannot be taken back lightly; Enter confirms, Escape cancels. */
export function ConfirmDialog({
  question,
  onAnswer,
}: {
  question: Confirmation;
  onAnswer: (a: 'confirm' | 'alternative' | 'cancel') => void;
}) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <Modal title={question.title} onClose={() => onAnswer('cancel')} testId="confirm">
      <p className="mw-confirm-message" data-testid="confirm.message">
        {question.message}
      </p>
      {question.items.length > 0 && (
        <ul className="mw-confirm-items" data-testid="confirm.items">
          {question.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      )}
      <footer className="mw-confirm-buttons">
        <button type="button" className="mw-button" data-testid="confirm.cancel" onClick={() => onAnswer('cancel')}>
          Cancel
        </button>
        {question.alternative && (
          <button type="button" className="mw-button" data-testid="confirm.alternative" onClick={() => onAnswer('alternative')}>
            {question.alternative.label}
          </button>
        )}
        <button type="button" ref={confirm} className="mw-button mw-danger" data-testid="confirm.ok" onClick={() => onAnswer('confirm')}>
          {question.confirmLabel}
        </button>
      </footer>
    </Modal>
  );
}
