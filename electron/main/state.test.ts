import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, parseState, StateStore } from './state.js';
import { useTempDirs } from './testDirs.js';

const tempDir = useTempDirs();

describe('StateStore', () => {
  it('round-trips bounds and recent files', async () => {
    const store = new StateStore(join(tempDir(), 'nested', 'userData'));
    expect(await store.load()).toEqual(DEFAULT_STATE);
    const state = { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: true, recent: ['/a.arch.yaml'] };
    await store.save(state);
    expect(await store.load()).toEqual(state);
  });

  it('falls back to defaults on a corrupt or hand-edited state file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'state.json'), '{ not json');
    expect(await new StateStore(dir).load()).toEqual(DEFAULT_STATE);
    expect(parseState({ bounds: { x: 'a' }, maximized: 'yes', recent: [1, '', '/ok', null] })).toEqual({
      bounds: null,
      maximized: false,
      recent: ['/ok'],
    });
    expect(parseState(null)).toEqual(DEFAULT_STATE);
  });

  it('moves an unreadable recovery file aside instead of failing or deleting it', async () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'recovery.json'), '{"version":1,"text":42}');
    const store = new StateStore(dir);
    expect(await store.loadRecovery()).toBeNull();
    expect(readdirSync(dir)).toEqual(['recovery.json.corrupt']);
  });

  it('saves, loads and clears recovery', async () => {
    const store = new StateStore(tempDir());
    await store.saveRecovery('text: 1', 'shop');
    expect(await store.loadRecovery()).toEqual({ text: 'text: 1', name: 'shop' });
    await store.clearRecovery();
    expect(await store.loadRecovery()).toBeNull();
    await store.clearRecovery(); // clearing twice is fine
  });
});
