// Hostile text for the fuzz and injection tests: strings built to end a comment or a string
// literal in generated code, to interpolate in compose or Kubernetes, to break a YAML line, or to
// be taken for a template tag; and a twin of a design with the same structure and benign text, so
// a test can tell "the template's own code" from code a design planted.
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';

/** Each tries one way out. None holds ':' (a path parameter) so a twin keeps the same shape. */
export const HOSTILE = [
  'a\u2028process.exit(7)//',
  'b\u2029process.exit(7)//',
  'c\rprocess.exit(7)//',
  'd\u0085process.exit(7)',
  'e\nprocess.exit(7)//',
  "f'); process.exit(7); ('",
  'g"); process.exit(7); ("',
  'h`; process.exit(7); `',
  'i${process.exit(7)}',
  'j*/ process.exit(7); /*',
  'k{{#x}}{{/x}}{{{y}}}{{> p}}',
  'l\\',
  'm</script><!--',
  'n\u202eevil\u2066',
  'o${AWS_SECRET_ACCESS_KEY}$5$$(HOME)$(HOME)',
  'p\tq\u0000r\u007f',
  '\ufeffs\u00a0t',
  '- u: [v]\n#',
] as const;

/** The characters that end a line somewhere (JavaScript, YAML 1.1, a terminal), never raw in output. */
export const RAW_BREAKS = /[\r\u0085\u2028\u2029]/;

/** Strings allowed where an id goes (1-63 characters, no control characters). */
export const asId = (s: string, i: number) => `${s.replace(/\p{Cc}/gu, '')}${i}`.slice(0, 63);
/** Strings allowed as an env name (design-format: `[-._a-zA-Z][-._a-zA-Z0-9]*`; `$`, `=` refused). */
export const asEnv = (s: string, i: number) => `E${s.replace(/[^-._a-zA-Z0-9]/g, '')}${i}`;
/** Strings allowed in an `api` path (no whitespace; no ':', which would add a parameter). */
export const asPath = (s: string) => s.replace(/[\s:]/g, '');

/**
 * A design with a gateway, a service with endpoints, env and health paths, a saga with steps,
 * a store and a topic; `t(i)` gives the text of slot i (hostile or benign).
 */
export function designWith(t: (slot: number) => string): Record<string, unknown> {
  const id = (i: number) => asId(t(i), i);
  const [gw, svc, saga, db, topic, client] = [id(1), id(2), id(3), id(4), id(5), id(6)];
  return {
    version: 1,
    name: t(0),
    description: t(7),
    nodes: {
      [client]: { kind: 'client', label: t(8), rate: 5, requests: [{ to: gw, route: `/${t(9)}` }] },
      [gw]: {
        kind: 'gateway',
        label: t(10),
        group: t(11),
        routes: [{ path: `/${t(9)}`, to: svc }],
        env: { [asEnv(t(12), 12)]: t(13) },
        health: { liveness: `/${t(14)}`, readiness: `/${t(15)}` },
        calls: [{ to: saga, timeout: '1s' }],
      },
      [svc]: {
        kind: 'service',
        api: [`GET /${asPath(t(16))}`, `POST /o/:${asPath(t(17)).replace(/\//g, '')}`],
        env: { [asEnv(t(18), 18)]: t(19), PLAIN: t(20), COPY: '${AWS_SECRET_ACCESS_KEY} $5 $$ $(HOME) $HOME' },
        image: 'registry.example/svc:1',
        calls: [{ to: db }, { to: topic }],
      },
      [saga]: {
        kind: 'saga',
        steps: [
          { name: t(21), to: svc, compensate: t(22) },
          { name: t(23), to: svc },
        ],
      },
      [db]: { kind: 'database', engine: 'postgres', storage: '1Gi' },
      [topic]: { kind: 'topic', engine: 'kafka', consumers: [svc] },
    },
    notes: { [svc]: [t(24)] },
  };
}

export const hostileText = (slot: number) => HOSTILE[slot % HOSTILE.length]!;
export const benignText = (slot: number) => `v${slot}`;

/** The syntax tree's shape: every node's kind, depth first; identifiers and literal text aside. */
export function tsShape(source: string): string[] {
  const sf = ts.createSourceFile('x.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (n: ts.Node, depth: number) => {
    out.push(`${depth}:${ts.SyntaxKind[n.kind]}`);
    ts.forEachChild(n, (c) => visit(c, depth + 1));
  };
  visit(sf, 0);
  return out;
}

/** Statements at the top of a TypeScript file, as kinds: what runs when the module loads. */
export function tsStatements(source: string): string[] {
  const sf = ts.createSourceFile('x.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  return sf.statements.map((s) => ts.SyntaxKind[s.kind]);
}

/** The shape of YAML documents: mappings, lists and scalar types, key and scalar text aside. */
export function yamlShape(text: string): unknown {
  const shape = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(shape)
      : typeof v === 'object' && v !== null
        ? Object.values(v).map(shape)
        : typeof v === 'string'
          ? 'str'
          : typeof v;
  return parseAllDocuments(text, { version: '1.1' }).map((d) => {
    if (!('toJS' in d) || d.errors.length) throw new Error(`YAML does not parse: ${String(d.errors?.[0]?.message)}`);
    return shape(d.toJS());
  });
}
