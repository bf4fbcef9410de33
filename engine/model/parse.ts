// parseDesign: text (YAML or JSON) -> the normalized Design, or every problem at once, each
// with file:line:column. Never throws on bad input.
import type { Document } from 'yaml';
import type { z } from 'zod';
import { hideProtoKeys, nullRecord, realKey, realText, restoreProtoKeys, usesStandIn } from './keys.js';
import { formatPath, positionOf, type Path } from './locate.js';
import { migrate } from './migrate.js';
import { normalize } from './normalize.js';
import type { Problem, ProblemCode } from './problems.js';
import { checkReferences } from './references.js';
import { designSchema, type Design } from './schema.js';
import { didYouMean } from './suggest.js';
import { readYaml } from './yamlRead.js';

export interface ParseResult {
  /** The normalized design when there are no problems. */
  design?: Design;
  problems: Problem[];
  /** The YAML document (positions, comments), when the text parsed as YAML at all. */
  document?: Document;
  /** The version the file was written in (older ones were migrated). */
  sourceVersion?: number;
  /** file:line:column of a path in the text (its deepest part that is written there), so
   * problems found later (a simulation refusing a field) are located like these. */
  locate: (path: Path, at?: 'key' | 'value') => { line: number; column: number };
}

type Raw = Record<string, unknown>;

export function parseDesign(text: string, file = 'design.arch.yaml'): ParseResult {
  const { doc, lc, value, problems: yamlProblems } = readYaml(text);
  const locate = (path: Path, where: 'key' | 'value' = 'value') => positionOf(doc, lc, path, where);
  const problems: Problem[] = [];
  const at = (path: Path, where: 'key' | 'value', code: ProblemCode, message: string) => {
    const { line, column } = positionOf(doc, lc, path, where);
    problems.push({ file, line, column, path: [...path], code, message });
  };
  for (const p of yamlProblems) {
    const { line, col } = lc.linePos(p.offset);
    problems.push({ file, line, column: col, path: [], code: p.code, message: p.message });
  }
  // Duplicate keys are reported with the rest (the first occurrence is kept); anything else
  // here leaves no value to check.
  if (value === undefined && problems.length) return { problems, document: doc, locate };

  let raw: unknown = value;
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    at([], 'value', 'type', 'expected a mapping of design fields (version, name, nodes, ...) at the top level');
    return { problems, document: doc, locate };
  }

  const migrated = migrate(raw as Raw);
  if (!migrated.ok) {
    at(['version'], 'value', 'version', `version: ${migrated.message}`);
    return { problems, document: doc, locate };
  }
  const input = withoutExtensions(migrated.raw);
  if (usesStandIn(input)) {
    at([], 'value', 'format', 'a key holds U+FDD0, a noncharacter Meshwright reserves; remove it');
    return { problems, document: doc, locate };
  }

  const result = safeParseDesign(input);
  if (!result.success)
    for (const issue of result.error.issues)
      problems.push(
        ...issueProblems(issue, result.hidden, (p, w, c, m) => {
          const path = p.map(realKey);
          return { file, ...positionOf(doc, lc, path, w), path, code: c, message: realText(m) };
        }),
      );
  for (const r of checkReferences(input)) at(r.path, r.at, r.code, r.message);

  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (problems.length > 0 || !result.success) return { problems, document: doc, sourceVersion: migrated.from, locate };
  const design = normalize(result.data, input);
  return {
    design: { ...design, nodes: nullRecord(Object.entries(design.nodes)) },
    problems,
    document: doc,
    sourceVersion: migrated.from,
    locate,
  };
}

/** Top-level keys starting with `x-` are extension fields (design-format.md), as compose files
 * have them: a home for shared anchors (`x-defaults: &defaults ...`, then `<<: *defaults`), or
 * a tool's own data. The model ignores them (aliases were resolved when the YAML was read); the
 * text keeps them. Only the top level: a typo elsewhere stays an unknown field. */
export function withoutExtensions(raw: Raw): Raw {
  const keys = Object.keys(raw);
  if (!keys.some(isExtensionKey)) return raw;
  const out: Raw = {};
  for (const k of keys)
    if (!isExtensionKey(k)) Object.defineProperty(out, k, { value: raw[k], enumerable: true, writable: true, configurable: true });
  return out;
}

export const isExtensionKey = (key: string): boolean => key.startsWith('x-');

/** The schema over raw input, every id a plain key: `__proto__` (which zod would drop) kept, and
 * the design's id-keyed mappings null-prototype records. Issues are in terms of `hidden`. */
export function safeParseDesign(raw: Raw): { success: true; data: Design } | { success: false; error: z.ZodError; hidden: Raw } {
  const hidden = hideProtoKeys(raw) as Raw;
  const result = designSchema.safeParse(hidden, { reportInput: true });
  if (!result.success) return { success: false, error: result.error, hidden };
  const d = restoreProtoKeys(result.data);
  const data: Design = { ...d, nodes: nullRecord(Object.entries(d.nodes)), scenarios: nullRecord(Object.entries(d.scenarios)) };
  if (d.sagas) data.sagas = nullRecord(Object.entries(d.sagas));
  data.notes = nullRecord(Object.entries(d.notes));
  data.layout = nullRecord(Object.entries(d.layout));
  return { success: true, data };
}

type Make = (path: Path, at: 'key' | 'value', code: ProblemCode, message: string) => Problem;

function issueProblems(issue: z.core.$ZodIssue, input: Raw, make: Make): Problem[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const where = formatPath(path);
  // The raw value as the user wrote it ("150%", not the 1.5 a transform made of it).
  const actual = valueAt(input, path);
  const got = describe(actual);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(path, input);
      return issue.keys.map((k) =>
        make(
          [...path, k],
          'key',
          'unknown-field',
          `${where}: unknown field "${k}"${didYouMean(k, known)}${known.length ? `; expected one of ${known.join(', ')}` : ''}`,
        ),
      );
    }
    case 'invalid_type': {
      if (actual === undefined)
        return [
          make(
            path.slice(0, -1),
            'key',
            'required',
            `${formatPath(path.slice(0, -1))}: missing required field "${String(path.at(-1))}" (${article(issue.expected)})`,
          ),
        ];
      return [make(path, 'value', 'type', `${where}: expected ${article(issue.expected)}, got ${got}`)];
    }
    case 'too_small':
    case 'too_big': {
      if (!/^Too (small|big)/.test(issue.message)) return [make(path, 'value', 'range', `${where}: ${issue.message}, got ${got}`)];
      const small = issue.code === 'too_small';
      const bound = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
      const inclusive = issue.inclusive !== false;
      const op = small ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
      const what =
        issue.origin === 'string'
          ? `a string of ${small ? 'at least' : 'at most'} ${bound} characters`
          : issue.origin === 'array'
            ? `${small ? 'at least' : 'at most'} ${bound} items`
            : `a number ${op} ${bound}`;
      return [make(path, 'value', 'range', `${where}: expected ${what}, got ${got}`)];
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v));
      return [
        make(
          path,
          'value',
          'enum',
          `${where}: expected one of ${values.join(', ')}, got ${got}${typeof actual === 'string' ? didYouMean(actual, values) : ''}`,
        ),
      ];
    }
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
      if (disc) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        const p = path.at(-1) === disc ? path : [...path, disc];
        const value = valueAt(input, p);
        if (value === undefined)
          return [
            make(
              p.slice(0, -1),
              'key',
              'required',
              `${formatPath(p.slice(0, -1))}: missing required field "${disc}" (one of ${options.join(', ')})`,
            ),
          ];
        return [
          make(
            p,
            'value',
            'enum',
            `${formatPath(p)}: expected one of ${options.join(', ')}, got ${describe(value)}${typeof value === 'string' ? didYouMean(value, options) : ''}`,
          ),
        ];
      }
      if (actual === undefined)
        return [
          make(
            path.slice(0, -1),
            'key',
            'required',
            `${formatPath(path.slice(0, -1))}: missing required field "${String(path.at(-1))}" (${issue.message.replace(/^expected /, '')})`,
          ),
        ];
      // A well-formed value out of range (a duration past a year) says so, not "expected a duration".
      if (typeof actual !== 'object' || actual === null) {
        const range = issue.errors.flat().find((e) => (e.code === 'too_big' || e.code === 'too_small') && e.path.length === 0);
        if (range) return issueProblems({ ...range, path } as z.core.$ZodIssue, input, make);
      }
      // A mapping where the union also allows scalars (a latency distribution): report the
      // problems inside the branch that accepted a mapping, such as a missing `sd`.
      if (typeof actual === 'object' && actual !== null) {
        const branch = issue.errors.find(
          (errs) => errs.length > 0 && errs.every((e) => e.path.length > 0 || (e.code === 'invalid_union' && 'discriminator' in e)),
        );
        if (branch) return branch.flatMap((e) => issueProblems({ ...e, path: [...path, ...e.path] } as z.core.$ZodIssue, input, make));
      }
      return [make(path, 'value', 'type', `${where}: ${issue.message.replace(/^Invalid input$/, 'invalid value')}, got ${got}`)];
    }
    case 'invalid_format':
      return [make(path, 'value', 'format', `${where}: ${issue.message}, got ${got}`)];
    case 'invalid_key':
      return [make(path, 'key', 'format', `${where}: invalid key: ${issue.issues.map((i) => i.message).join('; ')}`)];
    default:
      return [make(path, 'value', 'type', `${where}: ${issue.message}`)];
  }
}

function article(t: string): string {
  const map: Record<string, string> = {
    int: 'an integer',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    object: 'a mapping',
    array: 'a list',
    record: 'a mapping',
  };
  return map[t] ?? `a ${t}`;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null (empty)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  return String(v);
}

function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

// Walks the schema along a path to list the fields an object there accepts.
type AnySchema = { _zod: { def: Record<string, unknown> & { type: string } } };
function unwrap(s: AnySchema): AnySchema {
  for (;;) {
    const d = s._zod.def;
    if (d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'prefault') s = d.innerType as AnySchema;
    else if (d.type === 'pipe') s = d.in as AnySchema;
    else return s;
  }
}
function pickOption(s: AnySchema, value: unknown): AnySchema | undefined {
  const d = s._zod.def;
  if (d.type !== 'union') return s;
  const options = (d.options as AnySchema[]).map(unwrap);
  const disc = d.discriminator as string | undefined;
  const objects = options
    .flatMap((o) => (o._zod.def.type === 'union' ? (o._zod.def.options as AnySchema[]).map(unwrap) : [o]))
    .filter((o) => o._zod.def.type === 'object');
  if (!disc) {
    const innerDisc = options.find((o) => o._zod.def.type === 'union' && o._zod.def.discriminator);
    if (innerDisc) return pickOption(innerDisc, value);
    return objects[0];
  }
  const want = (value as Raw | undefined)?.[disc];
  return objects.find((o) => {
    const lit = unwrap((o._zod.def.shape as Record<string, AnySchema>)[disc]!);
    return (lit._zod.def.values as unknown[] | undefined)?.includes(want);
  });
}
function knownKeys(path: Path, input: Raw): string[] {
  let s: AnySchema | undefined = designSchema as unknown as AnySchema;
  let v: unknown = input;
  for (const seg of path) {
    if (!s) return [];
    s = pickOption(unwrap(s), v);
    if (!s) return [];
    const d: Record<string, unknown> & { type: string } = s._zod.def;
    if (d.type === 'object') s = (d.shape as Record<string, AnySchema>)[String(seg)];
    else if (d.type === 'record') s = d.valueType as AnySchema;
    else if (d.type === 'array') s = d.element as AnySchema;
    else return [];
    v = (v as Record<string | number, unknown> | undefined)?.[seg];
  }
  if (!s) return [];
  s = pickOption(unwrap(s), v);
  return s && s._zod.def.type === 'object' ? Object.keys(s._zod.def.shape as object) : [];
}
