// `review --format sarif`: the findings as SARIF 2.1.0 (OASIS), the format code-scanning tools
// read. One run, the tool's rules with their help text, one result per finding located at the
// line of its first node's id in the design file (review.md), the entry a call rule's finding is
// about (`at`) as a related location; a suppressed finding carries a
// SARIF suppression with its reason. Validated against the 2.1.0 schema in sarif.test.ts.
import { LineCounter, isMap, isScalar, parseDocument, type Node } from 'yaml';
import { formatPath, positionOf } from '../model/locate.js';
import { ruleInfos } from './review.js';
import type { Finding, RuleInfo, Severity } from './types.js';

export interface SarifInput {
  findings: readonly Finding[];
  /** The design file as named on the command line (relative paths stay relative). */
  file?: string;
  /** The design's text, to locate node ids; without it results carry no line. */
  text?: string;
  toolVersion?: string;
}

type Json = Record<string, unknown>;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function toSarif(input: SarifInput): Json {
  const rules = ruleInfos;
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const locator = input.text !== undefined ? designLocator(input.text) : undefined;
  const uri = input.file !== undefined && input.file !== '-' ? fileUri(input.file) : undefined;
  const results = input.findings.map((f) => {
    const at = locator && f.nodes[0] !== undefined ? locator.node(f.nodes[0]) : undefined;
    const entry = locator && f.at ? locator.path(f.at) : undefined;
    const location: Json = {};
    if (uri !== undefined)
      location.physicalLocation = {
        artifactLocation: { uri, index: 0 },
        ...(at ? { region: { startLine: at.line, startColumn: at.column } } : {}),
      };
    if (f.nodes[0] !== undefined) location.logicalLocations = [{ name: f.nodes[0], kind: 'object' }];
    const result: Json = {
      ruleId: f.rule,
      ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
      level: LEVEL[f.severity],
      message: { text: `${f.message} Fix: ${f.fix}` },
      ...(Object.keys(location).length ? { locations: [location] } : {}),
      // review.md puts the result at the first node's id; the entry it is about (a call of an
      // operation, a route, a step) is a related location, where the fix goes.
      ...(uri !== undefined && entry && f.at
        ? {
            relatedLocations: [
              {
                id: 0,
                physicalLocation: { artifactLocation: { uri, index: 0 }, region: { startLine: entry.line, startColumn: entry.column } },
                message: { text: formatPath(f.at) },
              },
            ],
          }
        : {}),
      partialFingerprints: { 'meshwrightFinding/v1': fingerprint(f) },
      properties: { nodes: f.nodes, fix: f.fix },
    };
    if (f.suppressed) result.suppressions = [{ kind: 'inSource', status: 'accepted', justification: f.reason ?? '' }];
    return result;
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'meshwright',
            ...(input.toolVersion ? { version: input.toolVersion, semanticVersion: input.toolVersion } : {}),
            rules: rules.map(ruleDescriptor),
          },
        },
        ...(uri !== undefined ? { artifacts: [{ location: { uri }, mimeType: 'application/yaml', roles: ['analysisTarget'] }] } : {}),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** Rule and nodes; with the caller's operation when the finding is about one operation's call
 * (two operations of a node calling one callee are two findings with the same nodes). */
function fingerprint(f: Finding): string {
  const op = f.at?.[2] === 'operations' ? f.at[3] : undefined;
  return `${f.rule}:${f.nodes.join(',')}${op !== undefined ? `:${String(op)}` : ''}`;
}

function ruleDescriptor(r: RuleInfo): Json {
  return {
    id: r.id,
    name: r.id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.help },
    help: { text: r.help, markdown: `**${r.id}** (${r.severity}): ${r.help}` },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ['architecture', r.severity] },
  };
}

/** A relative or absolute path as a URI reference: forward slashes, each segment percent-encoded. */
function fileUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const encoded = slashed
    .split('/')
    .map((seg, i) => (i === 0 && /^[A-Za-z]:$/.test(seg) ? seg : encodeURIComponent(seg)))
    .join('/');
  return /^[A-Za-z]:\//.test(slashed) ? `file:///${encoded}` : slashed.startsWith('/') ? `file://${encoded}` : encoded;
}

type Position = { line: number; column: number };

export interface DesignLocator {
  node: (id: string) => Position | undefined;
  path: (p: readonly (string | number)[]) => Position | undefined;
}

/** Line and column (1-based) of each node id's key under `nodes:` (or `sagas:`), found in one pass. */
export function nodeLocator(text: string): (id: string) => Position | undefined {
  return designLocator(text).node;
}

/** Locates node ids (their key under `nodes:` or `sagas:`) and design paths (['nodes', id, ...],
 * read under `sagas:` for a saga written there) in one parse of the text. */
export function designLocator(text: string): DesignLocator {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  const offsets = new Map<string, { offset: number; section: string }>();
  const root = doc.contents;
  if (isMap(root))
    for (const section of ['nodes', 'sagas'])
      for (const pair of root.items) {
        if (!isScalar(pair.key) || pair.key.value !== section || !isMap(pair.value)) continue;
        for (const p of pair.value.items) {
          const key = p.key as Node | null;
          if (!isScalar(key) || !key.range) continue;
          const id = String(key.value);
          if (!offsets.has(id)) offsets.set(id, { offset: key.range[0], section });
        }
      }
  const node = (id: string): Position | undefined => {
    const at = offsets.get(id);
    if (at === undefined) return undefined;
    const { line, col } = lc.linePos(at.offset);
    return { line, column: col };
  };
  const path = (p: readonly (string | number)[]): Position | undefined => {
    if (p[0] !== 'nodes' || typeof p[1] !== 'string') return undefined;
    const found = offsets.get(p[1]);
    if (!found) return undefined;
    return positionOf(doc, lc, [found.section, ...p.slice(1)]);
  };
  return { node, path };
}
