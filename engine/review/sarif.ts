// `review --format sarif`: the findings as SARIF 2.1.0 (OASIS), the format code-scanning tools
// read. One run, the tool's rules with their help text, one result per finding located at the
// line of its first node's id in the design file (review.md); a suppressed finding carries a
// SARIF suppression with its reason. Validated against the 2.1.0 schema in sarif.test.ts.
import { LineCounter, isMap, isScalar, parseDocument, type Node } from 'yaml';
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
  const locate = input.text !== undefined ? nodeLocator(input.text) : () => undefined;
  const uri = input.file !== undefined && input.file !== '-' ? fileUri(input.file) : undefined;
  const results = input.findings.map((f) => {
    const at = f.nodes[0] !== undefined ? locate(f.nodes[0]) : undefined;
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
      partialFingerprints: { 'meshwrightFinding/v1': `${f.rule}:${f.nodes.join(',')}` },
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

/** Line and column (1-based) of each node id's key under `nodes:` (or `sagas:`), found in one pass. */
export function nodeLocator(text: string): (id: string) => { line: number; column: number } | undefined {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  const offsets = new Map<string, number>();
  const root = doc.contents;
  if (isMap(root))
    for (const section of ['nodes', 'sagas'])
      for (const pair of root.items) {
        if (!isScalar(pair.key) || pair.key.value !== section || !isMap(pair.value)) continue;
        for (const p of pair.value.items) {
          const key = p.key as Node | null;
          if (!isScalar(key) || !key.range) continue;
          const id = String(key.value);
          if (!offsets.has(id)) offsets.set(id, key.range[0]);
        }
      }
  return (id) => {
    const off = offsets.get(id);
    if (off === undefined) return undefined;
    const { line, col } = lc.linePos(off);
    return { line, column: col };
  };
}
