import { describe, expect, it } from 'vitest';
import { coerce, distributionVariants, entrySchema, nodeSchema, sortOf } from './schemaFields';

describe('inspector fields from the JSON Schema', () => {
  it('classifies every service field', () => {
    const p = nodeSchema('service')!.properties!;
    expect(sortOf(p.replicas!)).toBe('integer');
    expect(sortOf(p.latency!)).toBe('distribution');
    expect(sortOf(p.errorRate!)).toBe('percent');
    expect(sortOf(p.balancer!)).toBe('enum');
    expect(sortOf(p.calls!)).toBe('list');
    expect(sortOf(p.api!)).toBe('stringList');
    expect(sortOf(p.env!)).toBe('record');
    expect(sortOf(p.autoscale!)).toBe('object');
    expect(sortOf(p.parallel!)).toBe('boolean');
    expect(sortOf(p.kind!)).toBe('const');
  });

  it('finds call entries and distribution variants', () => {
    const call = entrySchema('service', 'calls')!.properties!;
    expect(sortOf(call.timeout!)).toBe('duration');
    expect(sortOf(call.retry!)).toBe('object');
    expect(Object.keys(distributionVariants(nodeSchema('service')!.properties!.latency!))).toContain('lognormal');
  });

  it('turns typed text into YAML values', () => {
    expect(coerce('3', 'integer')).toBe(3);
    expect(coerce('', 'integer')).toBeUndefined();
    expect(coerce('250ms', 'duration')).toBe('250ms');
    expect(coerce('abc', 'integer')).toBe('abc');
    expect(coerce('42', 'string')).toBe('42');
  });
});
