import { readFileSync, readdirSync } from 'node:fs';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { designJsonSchema } from './jsonSchema.js';

describe('the JSON Schema derived from the format', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(designJsonSchema());

  it('accepts every starter design', () => {
    const dir = new URL('../../templates/', import.meta.url);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.arch.yaml'))) {
      const ok = validate(parse(readFileSync(new URL(f, dir), 'utf8')));
      expect(ok ? [] : validate.errors).toEqual([]);
    }
  });

  it('rejects unknown fields, wrong kinds and bad units, as the validator does', () => {
    expect(validate({ nodes: { a: { kind: 'service', replica: 2 } } })).toBe(false);
    expect(validate({ nodes: { a: { kind: 'servce' } } })).toBe(false);
    expect(validate({ nodes: { a: { kind: 'service', latency: '5 parsecs' } } })).toBe(false);
    expect(validate({ nodes: { a: { kind: 'service', latency: { dist: 'exponential', mean: '20ms' }, errorRate: '5%' } } })).toBe(true);
  });

  it('carries the defaults of fields whose values are converted (durations, percentages, distributions)', () => {
    type S = { properties: Record<string, S>; additionalProperties: S; oneOf: S[]; items: S; default?: unknown };
    const kinds = (designJsonSchema() as unknown as S).properties.nodes!.additionalProperties.oneOf;
    const of = (kind: string) => kinds.find((k) => (k.properties.kind as { const?: string }).const === kind)!.properties;
    expect(of('client').think!.default).toEqual({ dist: 'constant', value: 1000 });
    expect(of('service').latency!.default).toEqual({ dist: 'constant', value: 10 });
    const call = of('service').calls!.items.properties;
    expect((call.retry as unknown as { properties: Record<string, S> }).properties.backoff!.default).toBe(100);
    expect(of('client').arrival!.default).toBe('poisson');
  });

  it('carries descriptions for completion', () => {
    expect(JSON.stringify(designJsonSchema())).toContain('requests one replica works on at once');
  });
});
