// Top-level x- keys are extension fields (design-format.md), as compose users write them to hold
// shared anchors: parse, validate, review and every export ignore them; the text keeps them; a
// typo that is not an x- key is still an unknown field.
import { describe, expect, it } from 'vitest';
import { generate } from '../generate/index.js';
import { review } from '../review/review.js';
import { designJsonSchema } from './jsonSchema.js';
import { applyEdits } from './edit.js';
import { parseDesign } from './parse.js';

const WITH_ANCHORS = `name: shop
x-defaults: &defaults
  replicas: 2
  resources: { cpu: 250m, memory: 256Mi }
x-timeouts:
  fast: &fast { timeout: 300ms, breaker: { failureRate: 50% } }
x-owner: { team: payments, pager: "#oncall" }
nodes:
  web: { kind: client, rate: 50, requests: [ { to: orders } ] }
  orders:
    <<: *defaults
    kind: service
    calls: [ { to: pay, <<: *fast }, { to: orders-db, <<: *fast } ]
  pay:
    <<: *defaults
    kind: service
  orders-db: { kind: database }
`;

// The same design written out by hand: what the anchors stand for.
const PLAIN = `name: shop
nodes:
  web: { kind: client, rate: 50, requests: [ { to: orders } ] }
  orders:
    replicas: 2
    resources: { cpu: 250m, memory: 256Mi }
    kind: service
    calls: [ { to: pay, timeout: 300ms, breaker: { failureRate: 50% } }, { to: orders-db, timeout: 300ms, breaker: { failureRate: 50% } } ]
  pay:
    replicas: 2
    resources: { cpu: 250m, memory: 256Mi }
    kind: service
  orders-db: { kind: database }
`;

const parse = (text: string) => parseDesign(text, 'shop.arch.yaml');

describe('top-level x- extension fields', () => {
  const ext = parse(WITH_ANCHORS);
  const plain = parse(PLAIN);
  it('parse and validate: no problems, the anchors they hold usable, the model without them', () => {
    expect(ext.problems).toEqual([]);
    expect(plain.problems).toEqual([]);
    expect(ext.design).toEqual(plain.design);
    expect(Object.keys(ext.design!).filter((k) => k.startsWith('x-'))).toEqual([]);
    expect(ext.design!.nodes.pay).toMatchObject({ replicas: 2, resources: { cpu: '250m', memory: '256Mi' } });
  });
  it('review and every export ignore them', () => {
    expect(review(ext.design!)).toEqual(review(plain.design!));
    expect(generate(ext.design!, 'all')).toEqual(generate(plain.design!, 'all'));
  });
  it('the text keeps them through an edit', () => {
    const edited = applyEdits(WITH_ANCHORS, [
      { path: ['nodes', 'web', 'rate'], value: 80 },
      { path: ['nodes', 'pay', 'replicas'], value: 3 },
    ]);
    expect(edited).toContain('x-defaults: &defaults\n  replicas: 2');
    expect(edited).toContain('x-owner: { team: payments, pager: "#oncall" }');
    expect(edited).toContain('<<: *fast');
    const d = parse(edited).design!;
    expect(d.nodes.web).toMatchObject({ rate: 80 });
    expect(d.nodes.pay).toMatchObject({ replicas: 3 });
    expect(d.nodes.orders).toMatchObject({ replicas: 2 });
  });
  it('a typo that is not an x- key is still an unknown field, at its place', () => {
    const r = parse(WITH_ANCHORS.replace('nodes:', 'nodez:'));
    expect(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      expect.stringMatching(/^8:1 .*unknown field "nodez" \(did you mean "nodes"\?\)/),
    ]);
    expect(parse('name: a\nX-defaults: 1\n').problems.map((p) => p.code)).toEqual(['unknown-field']);
    expect(parse('name: a\nxdefaults: 1\n').problems.map((p) => p.code)).toEqual(['unknown-field']);
  });
  it('only at the top level: an x- key inside a node is an unknown field', () => {
    const r = parse('nodes:\n  a: { kind: service, x-team: payments }\n');
    expect(r.problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(['2:23 unknown-field']);
  });
  it("an anchor's problem is still found where the anchored value is written", () => {
    const r = parse(WITH_ANCHORS.replace('replicas: 2', 'replicas: two'));
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) expect(`${p.line}:${p.column}`).toBe('3:13');
  });
  it('the JSON Schema for editors allows them at the top level', () => {
    const s = designJsonSchema() as { additionalProperties?: unknown; patternProperties?: Record<string, unknown> };
    expect(s.additionalProperties).toBe(false);
    expect(Object.keys(s.patternProperties ?? {})).toEqual(['^x-']);
  });
});
