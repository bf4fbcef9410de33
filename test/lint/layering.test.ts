// The layering rules of docs/architecture.md are lint rules; these cases prove they bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath });
  return (r?.messages ?? []).map((m) => m.ruleId ?? 'parse');
}

describe('layering', () => {
  it('keeps Node, React, Electron, the wall clock and Math.random out of engine/', async () => {
    expect(await ruleIds("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'engine/model/x.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds("import { useState } from 'react';\nexport const x = useState;\n", 'engine/model/x.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds("import { x } from '../../renderer/store/y.js';\nexport const z = x;\n", 'engine/model/x.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds('export const t = Date.now();\n', 'engine/simulation/x.ts')).toContain('no-restricted-properties');
    expect(await ruleIds('export const r = Math.random();\n', 'engine/simulation/x.ts')).toContain('no-restricted-properties');
    expect(await ruleIds('export const w = window;\n', 'engine/simulation/x.ts')).toContain('no-restricted-globals');
    expect(await ruleIds('export const ok = 1;\n', 'engine/model/x.ts')).toEqual([]);
  });

  it('makes the renderer use the engine through its public door, and never Electron', async () => {
    expect(
      await ruleIds("import { parseDesign } from '../../engine/model/parse';\nexport const p = parseDesign;\n", 'renderer/store/x.ts'),
    ).toContain('no-restricted-imports');
    expect(await ruleIds("import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n", 'renderer/store/x.ts')).toContain(
      'no-restricted-imports',
    );
    expect(
      await ruleIds("import { parseDesign } from '../../engine/index';\nexport const p = parseDesign;\n", 'renderer/store/x.ts'),
    ).toEqual([]);
  });

  it('lets the preload import only electron and the IPC contract', async () => {
    expect(
      await ruleIds("import { parseDesign } from '../../engine/index';\nexport const p = parseDesign;\n", 'electron/preload/x.ts'),
    ).toContain('no-restricted-imports');
  });
});
