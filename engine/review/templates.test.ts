// The starter designs model good practice: no error and no warning findings (info ones are
// advice); the anti-patterns templates show every rule on purpose, between them (no-api-gateway
// needs a design without a gateway, gateway-bypass one with).
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
const starters = readdirSync(dir).filter((f) => f.endsWith('.arch.yaml') && !f.startsWith('anti-patterns'));

describe('starter designs', () => {
  it('exist', () => expect(starters.length).toBeGreaterThan(0));
  it.each(starters)('%s gives no error or warning findings', (file) => {
    const loud = review(load(file)).filter((f) => f.severity !== 'info' && !f.suppressed);
    expect(loud.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });
});

describe('the anti-patterns templates', () => {
  const fired = (file: string) => new Set(review(load(file)).map((f) => f.rule));
  it('anti-patterns.arch.yaml fires every rule but no-api-gateway', () => {
    const expected = ruleInfos.map((r) => r.id).filter((id) => id !== 'no-api-gateway');
    expect([...fired('anti-patterns.arch.yaml')].sort()).toEqual(expected.sort());
  });
  it('anti-patterns-no-gateway.arch.yaml shows no-api-gateway and nothing else', () => {
    const fs = review(load('anti-patterns-no-gateway.arch.yaml'));
    expect(fs.map((f) => [f.rule, f.nodes])).toEqual([['no-api-gateway', ['browsers', 'mobile', 'catalog', 'cart', 'orders']]]);
  });
  it('between them, every rule', () => {
    const all = new Set([...fired('anti-patterns.arch.yaml'), ...fired('anti-patterns-no-gateway.arch.yaml')]);
    expect([...all].sort()).toEqual(ruleInfos.map((r) => r.id).sort());
  });
});
