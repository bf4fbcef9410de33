// Undo history as text diffs: the design's text is the source of truth, so one entry is the
// smallest replacement that turns the text before a command into the text after it. Memory grows
// with what changed, not with the size of the design. Entries with the same coalesce key made
// close together (typing, keyboard nudges) merge into one step.

export interface TextChange {
  at: number;
  removed: string;
  inserted: string;
}

export interface HistoryEntry {
  change: TextChange;
  label: string;
  key?: string;
  time: number;
}

export interface History {
  undo: readonly HistoryEntry[];
  redo: readonly HistoryEntry[];
}

export const EMPTY_HISTORY: History = { undo: [], redo: [] };
const LIMIT = 500;
export const COALESCE_MS = 1200;

export function diffText(before: string, after: string): TextChange {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { at: start, removed: before.slice(start, endB), inserted: after.slice(start, endA) };
}

export function applyChange(text: string, c: TextChange): string {
  return text.slice(0, c.at) + c.inserted + text.slice(c.at + c.removed.length);
}

export function invertChange(c: TextChange): TextChange {
  return { at: c.at, removed: c.inserted, inserted: c.removed };
}

/** Records before -> after. Merges into the last entry when the key matches within the window. */
export function record(h: History, before: string, after: string, label: string, now: number, key?: string): History {
  if (before === after) return h;
  const last = h.undo.at(-1);
  if (key !== undefined && last && last.key === key && now - last.time < COALESCE_MS) {
    const original = applyChange(before, invertChange(last.change));
    const merged: HistoryEntry = { change: diffText(original, after), label: last.label, key, time: now };
    return { undo: [...h.undo.slice(0, -1), merged], redo: [] };
  }
  const entry: HistoryEntry = { change: diffText(before, after), label, time: now, ...(key !== undefined ? { key } : {}) };
  const undo = h.undo.length >= LIMIT ? [...h.undo.slice(1), entry] : [...h.undo, entry];
  return { undo, redo: [] };
}

/** Returns the text after undoing the last entry, or null when there is nothing to undo. */
export function undo(h: History, text: string): { history: History; text: string; label: string } | null {
  const last = h.undo.at(-1);
  if (!last) return null;
  return {
    text: applyChange(text, invertChange(last.change)),
    label: last.label,
    history: { undo: h.undo.slice(0, -1), redo: [...h.redo, { ...last, key: undefined } as HistoryEntry] },
  };
}

export function redo(h: History, text: string): { history: History; text: string; label: string } | null {
  const next = h.redo.at(-1);
  if (!next) return null;
  return {
    text: applyChange(text, next.change),
    label: next.label,
    history: { undo: [...h.undo, { ...next, key: undefined } as HistoryEntry], redo: h.redo.slice(0, -1) },
  };
}
