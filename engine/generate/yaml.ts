// YAML out of plain data (objects, arrays, strings, numbers, booleans, null), block style. A
// string is written plain only when it reads back as that same string in YAML 1.1 and 1.2 alike
// (compose, kubectl and Istio read YAML 1.1: `on`, `yes`, `no`, `2:30`, `0777` must be quoted),
// else double-quoted with JSON's escapes (a subset of YAML's) plus the characters YAML 1.1 takes
// for line breaks. Written here rather than through the `yaml` library's Document model, which
// took ~2 s of the 500-service export's 2.7 s (test/generate/yaml.test.ts round-trips random
// values through the `yaml` library's parser in both versions). A document may carry a leading
// comment; a mapping may carry comments before its keys (`withComments`).

export interface YamlDoc {
  value: unknown;
  comment?: string;
}

const COMMENTS = Symbol('yaml key comments');
type Commented = Record<string, unknown> & { [COMMENTS]?: Record<string, string> };

/** The same object, with a comment written before each named key (`# ...` lines). */
export function withComments<T extends Record<string, unknown>>(obj: T, comments: Record<string, string>): T {
  (obj as Commented)[COMMENTS] = { ...(obj as Commented)[COMMENTS], ...comments };
  return obj;
}

// Plain is safe: printable ASCII, not starting with an indicator, a sign or a digit, a dot-digit;
// no `: `, ` #`, flow indicators or quotes inside; not ending in `:` or a space.
const PLAIN = /^[A-Za-z_/.$(][A-Za-z0-9_./:@+=$()~^ -]*$/;
const SPECIAL =
  /^(?:~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|\.(?:inf|Inf|INF|nan|NaN|NAN)|\.[0-9].*|=|<<)$/;
// A quantity or duration (`100m`, `128Mi`, `1.5Gi`, `30s`) reads as a string in both versions;
// `0xFF`, `0b1`, `0o7` do not.
const QUANTITY = /^[0-9]+(?:\.[0-9]+)?[A-Za-z]+$/;
const RADIX = /^0[xXoObB]/;
// Anything a YAML 1.1 float or int pattern could take, however loosely (`E0`, `_`, `1_0`).
const NUMBERISH = /^[-+]?[0-9_]*\.?[0-9_]*(?:[eE][-+]?[0-9]+)?$/;
// Characters YAML 1.1 reads as line breaks or that must not appear raw, beyond what JSON escapes.
// Bidirectional controls too: they reorder what an editor shows ("Trojan Source").
const UNSAFE_RAW = /[\u007f-\u009f\u2028\u2029\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// Exports repeat the same few thousand strings (label keys and values, field names) across many
// objects: each is encoded once.
const encoded = new Map<string, string>();

function scalarString(s: string): string {
  let e = encoded.get(s);
  if (e === undefined) {
    e = encodeString(s);
    if (encoded.size > 100_000) encoded.clear();
    encoded.set(s, e);
  }
  return e;
}

function encodeString(s: string): string {
  if (QUANTITY.test(s) && !RADIX.test(s)) return s;
  if (
    PLAIN.test(s) &&
    !SPECIAL.test(s) &&
    !NUMBERISH.test(s) &&
    !s.includes(': ') &&
    !s.endsWith(':') &&
    !s.endsWith(' ') &&
    !s.includes(' #')
  )
    return s;
  return JSON.stringify(s).replace(UNSAFE_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return scalarString(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`yaml: cannot write ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[]';
  if (typeof v === 'object') return '{}';
  throw new Error(`yaml: cannot write a ${typeof v}`);
}

function isBlock(v: unknown): v is Record<string, unknown> | unknown[] {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.length > 0;
  for (const k in v) if ((v as Record<string, unknown>)[k] !== undefined) return true;
  return false;
}

/** Comment lines may hold design text: every other character that ends a line somewhere (\r,
 * NEL, U+2028/U+2029, which would turn the rest into YAML content) and every control becomes a
 * space. */
function comment(text: string, indent: string, out: string[]): void {
  // Every character YAML 1.1 or 1.2 takes for a line break starts a new comment line: a design's
  // text in a comment never becomes YAML. Other controls (and bidi controls) become a space.
  for (const raw of text.split(/\r\n|[\n\r\u0085\u2028\u2029]/)) {
    const line = raw.replace(UNSAFE_RAW, ' ').replace(/\p{Cc}/gu, ' ');
    out.push(line ? `${indent}# ${line}` : `${indent}#`);
  }
}

function block(v: Record<string, unknown> | unknown[], indent: string, out: string[]): void {
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    for (const item of v) {
      if (!isBlock(item)) {
        out.push(`${indent}- ${scalar(item)}`);
        continue;
      }
      const start = out.length;
      block(item, inner, out);
      out[start] = `${indent}- ${out[start]!.slice(inner.length)}`;
    }
    return;
  }
  const comments = (v as Commented)[COMMENTS];
  for (const k of Object.keys(v)) {
    const val = v[k];
    if (val === undefined) continue;
    const c = comments && Object.hasOwn(comments, k) ? comments[k] : undefined; // keys are names: `toString` too
    if (c) comment(c, indent, out);
    if (isBlock(val)) {
      out.push(`${indent}${scalarString(k)}:`);
      block(val, inner, out);
    } else out.push(`${indent}${scalarString(k)}: ${scalar(val)}`);
  }
}

function one(d: YamlDoc): string {
  const out: string[] = [];
  if (d.comment) {
    comment(d.comment, '', out);
    out.push('');
  }
  if (isBlock(d.value)) block(d.value, '', out);
  else out.push(scalar(d.value));
  return `${out.join('\n')}\n`;
}

/** One or more documents; several are separated by `---`. */
export function toYaml(docs: YamlDoc | YamlDoc[]): string {
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((d, i) => (i === 0 ? '' : '---\n') + one(d)).join('');
}
