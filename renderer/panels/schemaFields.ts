// Reads the engine's JSON Schema to drive the inspector: which fields a node kind or a call has,
// and what sort of input each needs (a duration, a percentage, a distribution, a list ...). The
// form is generated from the format's one schema, so a new field appears without UI work.
import { designJsonSchema, type NodeKind } from '../../engine/index';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  required?: string[];
}

export type FieldSort =
  | 'enum'
  | 'boolean'
  | 'integer'
  | 'number'
  | 'string'
  | 'duration'
  | 'percent'
  | 'distribution'
  | 'object'
  | 'record'
  | 'list'
  | 'stringList'
  | 'const';

const hasPattern = (s: JsonSchema, re: RegExp): boolean =>
  (s.pattern !== undefined && re.test(s.pattern)) || (s.anyOf ?? []).some((b) => hasPattern(b, re));

export function sortOf(s: JsonSchema): FieldSort {
  if (s.const !== undefined) return 'const';
  if (s.enum) return 'enum';
  if (s.anyOf) {
    if (s.anyOf.some((b) => b.oneOf?.some((o) => o.properties?.dist))) return 'distribution';
    if (hasPattern(s, /ms\|s\|m\|h/)) return 'duration';
    if (hasPattern(s, /%/)) return 'percent';
    return 'string';
  }
  if (Array.isArray(s.type)) return 'string';
  switch (s.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'array':
      return s.items?.type === 'object' ? 'list' : 'stringList';
    case 'object':
      return s.properties ? 'object' : 'record';
    default:
      return 'string';
  }
}

/** The unit shown beside an input. */
export function unitOf(name: string, sort: FieldSort): string | undefined {
  if (sort === 'duration' || sort === 'distribution') return 'ms · 2s';
  if (sort === 'percent') return '0..1 · %';
  if (name === 'rate' || name === 'rateLimit') return 'req/s';
  if (name === 'replicas' || name === 'min' || name === 'max') return 'pods';
  if (name === 'concurrency') return 'slots';
  if (name === 'queue') return 'waiting';
  if (name === 'connections') return 'conn';
  if (name === 'window' || name === 'minCalls' || name === 'halfOpenCalls') return 'calls';
  return undefined;
}

const root = () => designJsonSchema() as JsonSchema;

export function nodeSchema(kind: NodeKind): JsonSchema | undefined {
  const nodes = root().properties?.nodes?.additionalProperties as JsonSchema | undefined;
  return nodes?.oneOf?.find((o) => o.properties?.kind?.const === kind);
}

/** The schema of one entry of a node's list field (calls, requests, routes, steps). */
export function entrySchema(kind: NodeKind, field: string): JsonSchema | undefined {
  return nodeSchema(kind)?.properties?.[field]?.items;
}

export function designFieldsSchema(): JsonSchema {
  const p = root().properties ?? {};
  return { type: 'object', properties: { name: p.name!, description: p.description!, defaults: p.defaults! } };
}

/** The distribution variants: dist name -> its parameter schemas. */
export function distributionVariants(s: JsonSchema): Record<string, Record<string, JsonSchema>> {
  const out: Record<string, Record<string, JsonSchema>> = {};
  for (const b of s.anyOf ?? [])
    for (const o of b.oneOf ?? []) {
      const name = o.properties?.dist?.const;
      if (typeof name === 'string') {
        const { dist: _d, ...params } = o.properties!;
        out[name] = params;
      }
    }
  return out;
}

/** Text typed into an input -> the YAML value: numbers stay numbers, empty removes the field. */
export function coerce(text: string, sort: FieldSort): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (sort === 'string' || sort === 'enum') return text;
  if (/^-?(\d+(\.\d+)?|\.\d+)$/.test(t)) return Number(t);
  if (sort === 'boolean') return t === 'true' ? true : t === 'false' ? false : t;
  return t;
}

export function show(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
