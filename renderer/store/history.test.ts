import { describe, expect, it } from 'vitest';
import { applyChange, diffText, EMPTY_HISTORY, record, redo, undo } from './history';

describe('history', () => {
  it('diffs to the smallest replacement and applies it back', () => {
    const c = diffText('replicas: 2\nport: 1', 'replicas: 5\nport: 1');
    expect(c).toEqual({ at: 10, removed: '2', inserted: '5' });
    expect(applyChange('replicas: 2\nport: 1', c)).toBe('replicas: 5\nport: 1');
  });

  it('undoes and redoes in order', () => {
    let h = record(EMPTY_HISTORY, 'a', 'ab', 'one', 0);
    h = record(h, 'ab', 'abc', 'two', 10_000);
    const u = undo(h, 'abc')!;
    expect(u.text).toBe('ab');
    const u2 = undo(u.history, u.text)!;
    expect(u2.text).toBe('a');
    expect(undo(u2.history, u2.text)).toBeNull();
    const r = redo(u2.history, u2.text)!;
    expect(r.text).toBe('ab');
    expect(redo(r.history, r.text)!.text).toBe('abc');
  });

  it('merges edits with the same key made close together into one step', () => {
    let h = record(EMPTY_HISTORY, 'x', 'x1', 'type', 0, 'editor');
    h = record(h, 'x1', 'x12', 'type', 100, 'editor');
    h = record(h, 'x12', 'x123', 'type', 200, 'editor');
    expect(h.undo).toHaveLength(1);
    expect(undo(h, 'x123')!.text).toBe('x');
  });

  it('a new change clears the redo stack', () => {
    let h = record(EMPTY_HISTORY, 'a', 'b', 'one', 0);
    h = undo(h, 'b')!.history;
    h = record(h, 'a', 'c', 'two', 1);
    expect(h.redo).toHaveLength(0);
  });
});
