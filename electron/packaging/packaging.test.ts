// electron-builder.yml checked for real, offline: `electron-builder --dir` against a stub Electron
// (about 10 s). Asserts app.asar contents and the hardened fuses; see checkPackaging.mjs.
import { describe, expect, it } from 'vitest';
import { checkPackaging } from './checkPackaging.mjs';

describe('packaging (electron-builder --dir, stub Electron)', () => {
  it('packs only the bundles and the renderer, with hardened fuses', () => {
    const { failures } = checkPackaging();
    expect(failures).toEqual([]);
  }, 180_000);
});
