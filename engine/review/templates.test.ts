// The starter designs model good practice: no error and no warning findings (info ones are
// advice); the anti-patterns template shows every rule on purpose.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDesign } from '../model/parse.js';
import { review, ruleInfos } from './review.js';

const dir = fileURLToPath(new URL('../../templates/', import.meta.url));
const load = (file: string) => {
  const r = parseDesign(readFileSync(dir + file, 'utf8'), file);
  expect(r.problems).toEqual([]);
  return r.design!;
};
const starters = readdirSync(dir).filter((f) => f.endsWith('.arch.yaml') && f !== 'anti-patterns.arch.yaml');

describe('starter designs', () => {
  it('exist', () => expect(starters.length).toBeGreaterThan(0));
  it.each(starters)('%s gives no error or warning findings', (file) => {
    const loud = review(load(file)).filter((f) => f.severity !== 'info' && !f.suppressed);
    expect(loud.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });
});

describe('anti-patterns.arch.yaml', () => {
  it('fires every rule but no-api-gateway (it needs a design without a gateway, gateway-bypass one with)', () => {
    const fired = new Set(review(load('anti-patterns.arch.yaml')).map((f) => f.rule));
    const expected = ruleInfos.map((r) => r.id).filter((id) => id !== 'no-api-gateway');
    expect([...fired].sort()).toEqual(expected.sort());
  });
});
