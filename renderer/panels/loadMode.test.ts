import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import shop from '../../templates/e-commerce.arch.yaml?raw';
import { editText } from '../store/surgicalEdits';
import { loadModeEdits } from './loadMode';

const switchTo = (text: string, id: string, mode: 'rate' | 'users') =>
  editText(text, loadModeEdits(parse(text).nodes[id], ['nodes', id], mode));

describe("switching a client's load mode", () => {
  it('open -> closed loop changes only the rate line, in place: every other byte, comment and flow map stays', () => {
    const rateLine = '    rate: 200 # requests per second, Poisson arrivals\n';
    expect(shop).toContain(rateLine);
    const out = switchTo(shop, 'web', 'users');
    expect(out).toBe(shop.replace(rateLine, '    users: 200\n'));
    expect(parse(out).nodes.web.users).toBe(200);
  });

  it('closed -> open loop replaces users and think with one rate line (users / think)', () => {
    const closed =
      '    users: 400 # a closed loop: each user waits for the answer, then thinks ~5 s (about 80 requests/s)\n    think: { dist: exponential, mean: 5s }\n';
    expect(shop).toContain(closed);
    const out = switchTo(shop, 'mobile', 'rate');
    expect(out).toBe(shop.replace(closed, '    rate: 80\n'));
  });

  it('switching there and back leaves the file as it was but for the changed line', () => {
    const back = switchTo(switchTo(shop, 'web', 'users'), 'web', 'rate');
    expect(back).toBe(shop.replace('    rate: 200 # requests per second, Poisson arrivals\n', '    rate: 200\n'));
  });

  it('in a one-line flow mapping, takes out `, key: value` and adds the new key before the brace', () => {
    const text = '# load\nnodes:\n  c: { kind: client, rate: 5, arrival: poisson, requests: [{ to: s }] } # five\n  s: { kind: service }\n';
    const out = switchTo(text, 'c', 'users');
    expect(out).toBe('# load\nnodes:\n  c: { kind: client, requests: [{ to: s }], users: 5 } # five\n  s: { kind: service }\n');
  });

  it('a key missing from the file needs no edit (the rest is not printed again)', () => {
    const text = 'nodes:\n  c:\n    kind: client\n    rate: 3\n    requests: [ {to: s} ]   # odd spacing\n  s: {kind: service}\n';
    const out = switchTo(text, 'c', 'users');
    expect(out).toBe(text.replace('    rate: 3\n', '    users: 3\n'));
  });
});

describe('surgical deletions', () => {
  it('deletes a block key with its nested block, keeping the comment line above it', () => {
    const text = 'a:\n  x: 1\n  # about y\n  y:\n    deep: 2 # d\n    more: [1, 2]\n  z: 3\n';
    expect(editText(text, [{ path: ['a', 'y'], value: undefined }])).toBe('a:\n  x: 1\n  # about y\n  z: 3\n');
  });

  it('leaves to the general path what it cannot do in place (emptying a mapping)', () => {
    const text = 'a:\n  x: 1\nb: 2\n';
    expect(parse(editText(text, [{ path: ['a', 'x'], value: undefined }]))).toEqual({ a: {}, b: 2 });
  });

  it('a key set and then deleted in one batch is gone', () => {
    const text = 'a:\n  x: 1\n  y: 2\n';
    const out = editText(text, [
      { path: ['a', 'z'], value: 3 },
      { path: ['a', 'z'], value: undefined },
    ]);
    expect(parse(out)).toEqual({ a: { x: 1, y: 2 } });
  });

  it('a key deleted and then set in one batch has the new value', () => {
    const text = 'a:\n  x: 1\n  y: 2\n';
    const out = editText(text, [
      { path: ['a', 'x'], value: undefined },
      { path: ['a', 'x'], value: 5 },
    ]);
    expect(parse(out)).toEqual({ a: { x: 5, y: 2 } });
  });
});
