// The starter designs model good practice (no error findings); the anti-patterns template shows
// every rule on purpose.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDesign } from '../model/parse.js';
import { review } from './review.js';
import { rules } from './rules/index.js';

const dir = fileURLToPath(new URL('../../templates/', import.meta.url));
const load = (file: string) => {
  const r = parseDesign(readFileSync(dir + file, 'utf8'), file);
  expect(r.problems).toEqual([]);
  return r.design!;
};
const starters = readdirSync(dir).filter((f) => f.endsWith('.arch.yaml') && f !== 'anti-patterns.arch.yaml');

describe('starter designs', () => {
  it('exist', () => expect(starters.length).toBeGreaterThan(0));
  it.each(starters)('%s gives no error findings', (file) => {
    expect(review(load(file)).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('anti-patterns.arch.yaml', () => {
  it('fires every rule', () => {
    const fired = new Set(review(load('anti-patterns.arch.yaml')).map((f) => f.rule));
    expect([...fired].sort()).toEqual(rules.map((r) => r.id).sort());
  });
});
