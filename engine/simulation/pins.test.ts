// Pins the full results JSON (wallMs aside) of frozen copies of the starter designs, every
// scenario, so a refactoring of the simulator cannot change a single figure unnoticed. The
// designs are copies (pins/*.arch.yaml) so template edits do not move the pins. After an
// intended change of results: MESHWRIGHT_UPDATE_PINS=1 npx vitest run engine/simulation/pins.test.ts
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDesign } from '../model/index.js';
import { simulate } from './simulate.js';

const dir = new URL('./pins/', import.meta.url);
const update = process.env.MESHWRIGHT_UPDATE_PINS === '1';

describe('results pins', () => {
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.arch.yaml'))
    .sort()) {
    const design = parseDesign(readFileSync(new URL(file, dir), 'utf8'), file).design!;
    for (const scenario of [undefined, ...Object.keys(design.scenarios)]) {
      const name = `${file.replace('.arch.yaml', '')}.${scenario ?? 'nominal'}.json`;
      it(`${name}: byte for byte`, () => {
        const r = simulate(design, { scenario, duration: 15_000, seed: 7, maxTraces: 4 });
        const json = JSON.stringify({ ...r, stats: { ...r.stats, wallMs: 0 } }, null, 1) + '\n';
        const pin = new URL(name, dir);
        if (update || !existsSync(pin)) writeFileSync(pin, json);
        expect(json).toBe(readFileSync(pin, 'utf8'));
      });
    }
  }
});
