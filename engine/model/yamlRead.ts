// Reading a design's YAML safely (#10): text -> YAML document + plain JS value, or problems with
// their place. Bounded on any input: nesting depth is checked on the parser's tokens before the
// (recursive) composer runs, alias expansion is measured before anything expands it, and the
// JS value is built here in one linear pass (the yaml library's uniqueKeys check and alias
// resolution are quadratic in the size of a mapping / the number of aliases).
import { Composer, CST, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, type Document, type Node } from 'yaml';
import { aliasTargets } from './locate.js';

/** Deeper than this a design is refused ("nested too deeply"); real designs nest about 8 deep. */
export const MAX_DEPTH = 64;
/** Values an alias-expanded document may hold: the larger of this and 10x what is written. */
const MIN_EXPANSION_CAP = 200_000;
const EXPANSION_FACTOR = 10;

export interface YamlProblem {
  offset: number;
  code: 'syntax' | 'duplicate';
  message: string;
}

export interface YamlRead {
  doc: Document.Parsed;
  lc: LineCounter;
  /** The plain value (undefined when there are fatal problems). */
  value?: unknown;
  problems: YamlProblem[];
}

const CORE = 'tag:yaml.org,2002:';
const ALLOWED_TAGS = new Set(['!', ...['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => CORE + t)]);

export function readYaml(text: string): YamlRead {
  const lc = new LineCounter();
  const tokens = Array.from(new Parser(lc.addNewLine).parse(text));
  const problems: YamlProblem[] = [];
  const cst = scanTokens(tokens);
  if (cst.tooDeep !== undefined) {
    // The composer recurses per level: stop before it would.
    problems.push({
      offset: cst.tooDeep,
      code: 'syntax',
      message: `nested too deeply: more than ${MAX_DEPTH} levels of mappings and lists`,
    });
    const doc = new Composer({ uniqueKeys: false }).compose([], true, 0).next().value as Document.Parsed;
    return { doc, lc, problems };
  }
  let doc: Document.Parsed | undefined;
  for (const d of new Composer({ uniqueKeys: false }).compose(tokens, true, text.length)) {
    if (!doc) doc = d as Document.Parsed;
    else {
      problems.push({
        offset: d.range[0],
        code: 'syntax',
        message: 'syntax error: a second YAML document starts here (a "---" line); a design is one document',
      });
      break;
    }
  }
  doc = doc!;
  const seenLines = new Set<number>();
  for (const e of doc.errors) {
    const offset = faultOffset(e.code, e.pos[0], cst, text);
    const line = lc.linePos(offset).line;
    if (seenLines.has(line)) continue; // one error per line: the rest are echoes of the first
    seenLines.add(line);
    problems.unshift({ offset, code: 'syntax', message: `syntax error: ${syntaxMessage(e.code, e.message, offset, text, cst)}` });
  }
  problems.sort((a, b) => a.offset - b.offset);
  if (problems.length) return { doc, lc, problems };

  const built = new Builder(text, doc, problems).build();
  return { doc, lc, problems, value: problems.some((p) => p.code === 'syntax') ? undefined : built };
}

interface CstScan {
  /** Offset of the first token deeper than MAX_DEPTH. */
  tooDeep?: number;
  /** `{` / `[` that have no closing bracket, by offset. */
  unclosedFlow: { offset: number; char: string }[];
  /** Quoted scalars without their closing quote. */
  unclosedQuote: { offset: number; char: string }[];
}

/** One iterative walk over the parser's tokens (the parser itself keeps an explicit stack). */
function scanTokens(tokens: CST.Token[]): CstScan {
  const out: CstScan = { unclosedFlow: [], unclosedQuote: [] };
  const stack: [CST.Token, number][] = [];
  for (const t of tokens) if (t.type === 'document' && t.value) stack.push([t.value, 1]);
  while (stack.length) {
    const [t, depth] = stack.pop()!;
    if (depth > MAX_DEPTH && out.tooDeep === undefined) {
      out.tooDeep = t.offset;
      return out;
    }
    switch (t.type) {
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        if (t.type === 'flow-collection') {
          const close = t.start.source === '{' ? '}' : ']';
          if (!t.end.some((e) => e.source === close)) out.unclosedFlow.push({ offset: t.start.offset, char: t.start.source });
        }
        for (const item of t.items) {
          if ('value' in item && item.value) stack.push([item.value, depth + 1]);
          if ('key' in item && item.key) stack.push([item.key, depth + 1]);
        }
        break;
      case 'double-quoted-scalar':
      case 'single-quoted-scalar': {
        const q = t.type === 'double-quoted-scalar' ? '"' : "'";
        const s = t.source;
        const closed = s.length >= 2 && s.endsWith(q) && (q === "'" || !/(^|[^\\])(\\\\)*\\"$/.test(s));
        if (!closed) out.unclosedQuote.push({ offset: t.offset, char: q });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** Where the user has to look: the opening bracket or quote that was never closed, when the
 * parser only noticed it on a later line. */
function faultOffset(code: string, at: number, cst: CstScan, text: string): number {
  if (code === 'MISSING_CHAR' || code === 'BAD_INDENT' || code === 'UNEXPECTED_TOKEN') {
    const opened = [...cst.unclosedFlow, ...cst.unclosedQuote].filter((o) => o.offset <= at).sort((a, b) => b.offset - a.offset)[0];
    if (opened && (code !== 'UNEXPECTED_TOKEN' || text[at] === undefined)) return opened.offset;
  }
  if (code === 'BAD_INDENT' || code === 'TAB_AS_INDENT') {
    // Point at the first character of the badly indented line, not its start.
    let i = at;
    while (text[i] === ' ' || (code === 'TAB_AS_INDENT' && text[i] === '\t')) i++;
    if (code === 'BAD_INDENT' && text[i] !== '\n') return i;
  }
  return at;
}

function syntaxMessage(code: string, raw: string, offset: number, text: string, cst: CstScan): string {
  const flow = cst.unclosedFlow.find((o) => o.offset === offset);
  if (flow) {
    const close = flow.char === '{' ? '}' : ']';
    return `this "${flow.char}" is never closed: end it with "${close}" (a ${flow.char === '{' ? 'mapping' : 'list'} in ${flow.char} ${close} may go on over several lines, each indented past its key)`;
  }
  const quote = cst.unclosedQuote.find((o) => o.offset === offset);
  if (quote) return `this quoted string is never closed: end it with ${quote.char}`;
  const first = raw.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'BAD_INDENT':
      return 'this line is indented differently from the lines it belongs with: items of one mapping or list start at the same column';
    case 'TAB_AS_INDENT':
      return 'a tab is used for indentation: YAML indents with spaces';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'a plain value cannot hold ": " (a colon and a space): put the value in quotes';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key must be on one line, followed by ":" (is a ":" missing, or the line above misindented?)';
    case 'BAD_DQ_ESCAPE':
      return `${first.replace(/^Invalid escape sequence/, 'invalid escape sequence')} in a double-quoted string (write \\\\ for a backslash, or use single quotes)`;
    case 'MULTIPLE_ANCHORS':
      return 'a value can have at most one anchor (&name)';
    case 'MULTIPLE_TAGS':
      return 'a value can have at most one tag';
    case 'BLOCK_IN_FLOW':
      return 'an indented list or mapping cannot go inside { } or [ ]: write it in brackets too';
    case 'KEY_OVER_1024_CHARS':
      return 'a key longer than 1024 characters (is a ":" missing?)';
    case 'BAD_ALIAS':
      return 'this alias (*name) is malformed';
    case 'UNEXPECTED_TOKEN': {
      const ch = text[offset];
      return ch === undefined ? 'the file ends too early' : `unexpected ${JSON.stringify(text.slice(offset, offset + 1))} here`;
    }
    case 'MISSING_CHAR':
      if (/followed by map values/.test(first)) return 'expected "key: value" here: a ":" is missing';
      if (/Comments must be separated/.test(first)) return 'a # comment needs a space before it';
      if (/flow sequence/i.test(first)) return 'expected "]" to close the list';
      if (/flow map/i.test(first)) return 'expected "}" to close the mapping';
      return first.charAt(0).toLowerCase() + first.slice(1);
    default:
      return first.charAt(0).toLowerCase() + first.slice(1);
  }
}

/**
 * The plain value of a document in one pass: anchors resolved once (a value is reused, not
 * re-built), merge keys `<<` applied as YAML 1.1 defines them, every mapping's keys checked
 * for duplicates, tags and value types checked. Alias expansion is measured as it goes (how
 * many values and how deep the document would be with every alias written out) so an alias
 * bomb is refused at the alias that sets it off, before anything expands it.
 */
class Builder {
  private readonly targets: Map<Node, Node | undefined>;
  private readonly memo = new Map<Node, { value: unknown; size: number; depth: number }>();
  private total = 0;
  private cap = MIN_EXPANSION_CAP;
  private stopped = false;

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly problems: YamlProblem[],
  ) {
    this.targets = aliasTargets(doc);
  }

  build(): unknown {
    const written = countWritten(this.doc.contents);
    this.cap = Math.max(MIN_EXPANSION_CAP, written * EXPANSION_FACTOR);
    const r = this.node(this.doc.contents, 0);
    return this.stopped ? undefined : r.value;
  }

  private fail(offset: number, message: string, code: YamlProblem['code'] = 'syntax'): void {
    this.problems.push({ offset, code, message });
  }

  private node(n: unknown, depth: number): { value: unknown; size: number; depth: number } {
    if (this.stopped || n === null || n === undefined) return { value: null, size: 1, depth: 1 };
    const node = n as Node;
    const offset = node.range?.[0] ?? 0;
    if (isAlias(node)) {
      const target = this.targets.get(node);
      const done = target && this.memo.get(target);
      if (!done) {
        this.fail(offset, `syntax error: alias *${node.source} names no anchor &${node.source} above it`);
        this.stopped = true;
        return { value: null, size: 1, depth: 1 };
      }
      if (depth + done.depth > MAX_DEPTH) {
        this.fail(offset, `nested too deeply: with alias *${node.source} written out, more than ${MAX_DEPTH} levels of mappings and lists`);
        this.stopped = true;
      }
      this.total += done.size;
      if (this.total > this.cap) {
        this.fail(
          offset,
          `alias *${node.source} expands to ${done.size} values and takes the design past ${this.cap} (an alias bomb): write the values out, or nest fewer aliases`,
        );
        this.stopped = true;
      }
      return done;
    }
    if (node.tag !== undefined && !ALLOWED_TAGS.has(node.tag)) {
      const shown = node.tag.startsWith(CORE) ? `!!${node.tag.slice(CORE.length)}` : node.tag;
      this.fail(
        tagOffset(this.text, offset),
        `syntax error: the tag ${shown} is not supported: a design holds only mappings, lists, strings, numbers, true/false and null`,
      );
      this.stopped = true;
      return { value: null, size: 1, depth: 1 };
    }
    this.total += 1;
    let r: { value: unknown; size: number; depth: number };
    if (isScalar(node)) {
      const v = node.value;
      if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        this.fail(offset, `syntax error: ${describeValue(v)} is not a design value: put it in quotes to make it a string`);
        this.stopped = true;
      }
      r = { value: v, size: 1, depth: 1 };
    } else if (isSeq(node)) {
      const out: unknown[] = [];
      let size = 1;
      let deepest = 0;
      for (const item of node.items) {
        const c = this.node(item, depth + 1);
        out.push(c.value);
        size += c.size;
        if (c.depth > deepest) deepest = c.depth;
      }
      r = { value: out, size, depth: deepest + 1 };
    } else if (isMap(node)) r = this.map(node, depth);
    else r = { value: null, size: 1, depth: 1 };
    if (node.anchor) this.memo.set(node, r);
    return r;
  }

  private map(node: Node & { items: unknown[] }, depth: number): { value: unknown; size: number; depth: number } {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    const merges: { value: unknown; offset: number }[] = [];
    let size = 1;
    let deepest = 0;
    let mergeAt = -1;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as Node | null;
      const kOffset = k?.range?.[0] ?? node.range?.[0] ?? 0;
      if (k?.tag !== undefined && !ALLOWED_TAGS.has(k.tag)) {
        this.node(k, depth + 1); // reports the tag
        continue;
      }
      if (k !== null && !isScalar(k)) {
        this.fail(kOffset, 'syntax error: a key must be plain text, not a mapping, list or alias');
        this.stopped = true;
        continue;
      }
      const isMerge = k !== null && k.value === '<<' && k.type === 'PLAIN';
      const key = k === null || k.value === null ? '' : String(k.value);
      if (isMerge) {
        if (mergeAt >= 0) {
          this.fail(kOffset, 'duplicate key "<<": merge several mappings with one key, <<: [*a, *b]', 'duplicate');
          continue;
        }
        mergeAt = kOffset;
      } else if (seen.has(key)) {
        this.fail(kOffset, `duplicate key "${key}": each id and field may appear only once in a mapping`, 'duplicate');
        continue;
      } else seen.add(key);
      const c = this.node(pair.value, depth + 1);
      size += c.size;
      if (c.depth > deepest) deepest = c.depth;
      if (isMerge) {
        const sources = Array.isArray(c.value) && !isMap(pair.value) ? (c.value as unknown[]) : [c.value];
        const at = (pair.value as Node | null)?.range?.[0] ?? kOffset;
        for (const s of sources) merges.push({ value: s, offset: at });
        continue;
      }
      setOwn(out, key, c.value);
    }
    // YAML 1.1 merge: the mapping's own keys win, then the merged mappings in the order listed.
    for (const m of merges) {
      if (m.value === null || typeof m.value !== 'object' || Array.isArray(m.value)) {
        this.fail(m.offset, 'syntax error: a merge key "<<" takes a mapping (an alias *name of one) or a list of them');
        this.stopped = true;
        break;
      }
      for (const key of Object.keys(m.value))
        if (!Object.prototype.hasOwnProperty.call(out, key)) setOwn(out, key, (m.value as Record<string, unknown>)[key]);
    }
    return { value: out, size, depth: deepest + 1 };
  }
}

/** Where the tag of the value at `offset` is written (`!!set` in `key: &a !!set {`), else `offset`. */
function tagOffset(text: string, offset: number): number {
  let i = offset;
  for (let props = 0; props < 2; props++) {
    let end = i;
    while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    let start = end;
    while (start > 0 && !/[\s[{,]/.test(text[start - 1]!)) start--;
    if (text[start] === '!') return start;
    if (text[start] !== '&' || start === end) break;
    i = start;
  }
  return offset;
}

/** `o[key] = v` as an own property, `__proto__` included (plain assignment would set the prototype). */
function setOwn(o: Record<string, unknown>, key: string, v: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value: v, writable: true, enumerable: true, configurable: true });
  else o[key] = v;
}

function describeValue(v: unknown): string {
  if (v instanceof Date) return 'a timestamp';
  if (v instanceof Uint8Array) return 'binary data';
  if (typeof v === 'bigint') return 'a big integer';
  return 'this value';
}

/** Nodes as written (aliases count once): the basis of the expansion cap. Iterative. */
function countWritten(root: unknown): number {
  let n = 0;
  const stack: unknown[] = [root];
  while (stack.length) {
    const x = stack.pop();
    if (x === null || x === undefined) continue;
    n++;
    if (isMap(x)) for (const p of x.items) stack.push(p.value);
    else if (isSeq(x)) for (const i of x.items) stack.push(i);
  }
  return n;
}
