// Reading the inputs of `import`: every file's text as YAML documents (multi-document files,
// `List` objects), each with its file and the positions of its values, so an error or a note can
// say where. A document is a compose file, a Kubernetes/Istio object, or neither (reported).
import { LineCounter, isMap, isSeq, parseAllDocuments, type Document } from 'yaml';
import type { ImportProblem, Origin } from './types.js';

export interface ImportFile {
  /** shown in errors and notes; never opened by the engine */
  path: string;
  text: string;
}

export type Raw = Record<string, unknown>;

/** One parsed object with a way to locate its parts in the source. */
export interface Located {
  file: string;
  value: Raw;
  /** position of the value at a path below this object (its own position for []) */
  at: (path: (string | number)[]) => Origin;
}

export interface ReadResult {
  compose: Located[];
  objects: Located[];
  problems: ImportProblem[];
  /** documents that are neither (with where they are) */
  skipped: { origin: Origin; why: string }[];
}

export function isRecord(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

/** A compose file: `services` is a mapping and there is no apiVersion/kind. */
export function looksLikeCompose(v: Raw): boolean {
  return isRecord(v.services) && v.kind === undefined && v.apiVersion === undefined;
}

/** Helm's actions: its objects and functions, or a `{{` where a YAML value starts (unquoted). A
 * `{{` inside a quoted string of another kind (`docker inspect --format '{{.State}}'`) is data. */
const HELM_ACTION =
  /\{\{-?\s*(\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\.Template|include\b|template\b|if\b|else\b|end\b|range\b|with\b|define\b|toYaml\b|tpl\b|\$)|(^\s*|:\s+|^\s*-\s+)\{\{/;

/** Where a Helm (Go template) action first appears outside a YAML comment: such a file is a
 * chart's template, not a manifest (its YAML may even parse, into nonsense). */
export function helmTemplateAt(text: string): { line: number; column: number } | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = HELM_ACTION.exec(line);
    if (!m) continue;
    const hash = line.search(/(^|\s)#/);
    const at = line.indexOf('{{', m.index);
    if (hash >= 0 && hash < at) continue;
    return { line: i + 1, column: at + 1 };
  }
  return undefined;
}

export function readFiles(files: ImportFile[]): ReadResult {
  const out: ReadResult = { compose: [], objects: [], problems: [], skipped: [] };
  for (const f of files) {
    const helm = helmTemplateAt(f.text);
    if (helm) {
      out.problems.push({
        file: f.path,
        ...helm,
        message:
          'a Helm template ({{ ... }}), not a manifest: render the chart first (helm template NAME CHART > manifests.yaml) and import that',
      });
      continue;
    }
    const lc = new LineCounter();
    let docs: Document.Parsed[];
    try {
      docs = parseAllDocuments(f.text, { lineCounter: lc, merge: true, prettyErrors: false, uniqueKeys: false }) as Document.Parsed[];
    } catch (e) {
      out.problems.push({ file: f.path, line: 1, column: 1, message: `cannot read YAML: ${(e as Error).message}` });
      continue;
    }
    if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
    const posOf = (offset: number | undefined): { line: number; column: number } => {
      const p = lc.linePos(offset ?? 0);
      return { line: p.line, column: p.col };
    };
    let broken = false;
    for (const doc of docs) {
      for (const e of doc.errors) {
        broken = true;
        out.problems.push({ file: f.path, ...posOf(e.pos[0]), message: `YAML syntax error: ${firstLine(e.message)}` });
      }
    }
    if (broken) continue;
    for (const doc of docs) {
      if (doc.contents === null) continue; // an empty document between `---`
      const docStart = posOf(doc.contents.range?.[0]);
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 1000 });
      } catch (e) {
        out.problems.push({ file: f.path, ...docStart, message: `cannot read YAML: ${firstLine((e as Error).message)}` });
        continue;
      }
      if (value === null || value === undefined) continue;
      const locate =
        (base: (string | number)[]) =>
        (path: (string | number)[]): Origin => {
          const full = [...base, ...path];
          // The deepest node on the path that exists: a missing field is reported at its parent.
          for (let n = full.length; n >= 0; n--) {
            const node = doc.getIn(full.slice(0, n), true) as { range?: [number, number, number] } | undefined;
            if (node && typeof node === 'object' && node.range) return { file: f.path, ...posOf(node.range[0]) };
          }
          return { file: f.path, ...docStart };
        };
      if (!isRecord(value)) {
        out.skipped.push({ origin: { file: f.path, ...docStart }, why: 'not a mapping (a compose file or a Kubernetes object)' });
        continue;
      }
      if (looksLikeCompose(value)) {
        out.compose.push({ file: f.path, value, at: locate([]) });
        continue;
      }
      if (typeof value.kind === 'string' && typeof value.apiVersion === 'string') {
        if (value.kind.endsWith('List') && Array.isArray(value.items)) {
          const items = doc.getIn(['items'], true);
          value.items.forEach((item, i) => {
            if (isRecord(item) && typeof item.kind === 'string') out.objects.push({ file: f.path, value: item, at: locate(['items', i]) });
            else out.skipped.push({ origin: locate(['items', i])([]), why: 'a List item that is not a Kubernetes object' });
          });
          if (!isSeq(items)) continue;
          continue;
        }
        out.objects.push({ file: f.path, value, at: locate([]) });
        continue;
      }
      const contents = doc.contents;
      out.skipped.push({
        origin: { file: f.path, ...docStart },
        why: isMap(contents)
          ? 'neither a compose file (no `services` mapping) nor a Kubernetes object (no apiVersion and kind)'
          : 'not a mapping',
      });
    }
  }
  return out;
}
