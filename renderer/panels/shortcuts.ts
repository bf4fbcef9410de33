// The keyboard shortcuts, listed once: the help dialog shows this table and useShortcuts
// dispatches from it.
export type ShortcutCommand =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'paste'
  | 'duplicate'
  | 'delete'
  | 'selectAll'
  | 'save'
  | 'saveAs'
  | 'open'
  | 'new'
  | 'layout'
  | 'fitView'
  | 'search'
  | 'help'
  | 'escape';

export interface Shortcut {
  command: ShortcutCommand;
  keys: string;
  what: string;
  /** Also fires while typing in the code panel or a form field. */
  global?: boolean;
  match: (e: KeyboardEvent) => boolean;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const key = (e: KeyboardEvent, k: string) => e.key.toLowerCase() === k;

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'undo', keys: 'Ctrl+Z', what: 'Undo', match: (e) => mod(e) && !e.shiftKey && key(e, 'z') },
  { command: 'redo', keys: 'Ctrl+Shift+Z / Ctrl+Y', what: 'Redo', match: (e) => mod(e) && ((e.shiftKey && key(e, 'z')) || key(e, 'y')) },
  { command: 'copy', keys: 'Ctrl+C', what: 'Copy the selected nodes', match: (e) => mod(e) && key(e, 'c') },
  { command: 'paste', keys: 'Ctrl+V', what: 'Paste', match: (e) => mod(e) && key(e, 'v') },
  { command: 'duplicate', keys: 'Ctrl+D', what: 'Duplicate the selected nodes', match: (e) => mod(e) && key(e, 'd') },
  {
    command: 'delete',
    keys: 'Delete / Backspace',
    what: 'Delete the selection (and calls to it)',
    match: (e) => e.key === 'Delete' || e.key === 'Backspace',
  },
  { command: 'selectAll', keys: 'Ctrl+A', what: 'Select every node', match: (e) => mod(e) && key(e, 'a') },
  { command: 'save', keys: 'Ctrl+S', what: 'Save', global: true, match: (e) => mod(e) && !e.shiftKey && key(e, 's') },
  { command: 'saveAs', keys: 'Ctrl+Shift+S', what: 'Save as', global: true, match: (e) => mod(e) && e.shiftKey && key(e, 's') },
  { command: 'open', keys: 'Ctrl+O', what: 'Open a design', global: true, match: (e) => mod(e) && key(e, 'o') },
  { command: 'new', keys: 'Ctrl+Alt+N', what: 'New design from a template', global: true, match: (e) => mod(e) && e.altKey && key(e, 'n') },
  {
    command: 'layout',
    keys: 'Ctrl+Shift+L',
    what: 'Auto-layout (left to right)',
    global: true,
    match: (e) => mod(e) && e.shiftKey && key(e, 'l'),
  },
  {
    command: 'fitView',
    keys: 'Shift+1',
    what: 'Fit the design in view',
    match: (e) => e.shiftKey && (e.code === 'Digit1' || e.key === '!'),
  },
  {
    command: 'search',
    keys: 'Ctrl+K or /',
    what: 'Search a node and jump to it',
    global: true,
    match: (e) => (mod(e) && key(e, 'k')) || (!mod(e) && e.key === '/'),
  },
  { command: 'help', keys: '?', what: 'This list', match: (e) => e.key === '?' },
  { command: 'escape', keys: 'Esc', what: 'Clear the selection, close a dialog', match: (e) => e.key === 'Escape' },
];

/** True when the key press belongs to a text field or the code editor, not to the canvas. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return !!el.closest('input, textarea, select, [contenteditable="true"], .monaco-editor');
}
