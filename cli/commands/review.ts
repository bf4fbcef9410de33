// meshwright review <design> [--json | --format text|json|sarif] [--fail-on error|warning]
// [--out FILE [--results FILE]...]: the architecture review of review.md. Exit 0, or 1 when a finding that is not
// suppressed reaches --fail-on (default error) or the design is invalid, 2 for wrong usage or an
// unreadable file. With --format json (or --json) stdout holds exactly { "findings": [...] }; with
// --format sarif, a SARIF 2.1.0 log.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  attachedResult,
  countFindings,
  designLocator,
  groupByRule,
  review,
  reaches,
  reportHtml,
  reportMarkdown,
  toSarif,
  type Finding,
  type ReportInput,
  type Severity,
} from '../../engine/index.js';
import { loadDesign, CliError, type Io, EXIT } from '../io.js';

export const help = `Usage: meshwright review <design> [--json | --format text|json|sarif] [--fail-on error|warning] [--out FILE [--results FILE]...]

Checks a design against the architecture rules of review.md (shared databases, sync cycles,
capacity, deep sync chains, timeouts, breakers, retries, replicas, god and nano services, fan-out,
gateways and rate limits, sagas, DLQs, unreachable nodes). Findings the design accepts in
review.ignore are listed as suppressed and do not count for --fail-on.

  --format FORMAT     text (default: findings grouped by rule), json (exactly { "findings":
                      [ { rule, severity, nodes, message, fix[, suppressed, reason] } ] }) or
                      sarif (SARIF 2.1.0 for code scanning, results at the node's line)
  --json              the same as --format json
  --fail-on LEVEL     exit 1 when a finding is at LEVEL or above: error (default) or warning
  --out FILE          also write the review report: HTML when FILE ends in .html, else Markdown
  --results FILE      put a run into the report: the JSON of simulate --json (summary and the
                      objectives met or missed) or of sweep --json (the knee, what saturates,
                      the objectives there); once for each, with --out

Exit codes: 0 no findings at --fail-on, 1 findings at --fail-on or an invalid design,
2 wrong usage or a file that cannot be opened.`;

type Format = 'text' | 'json' | 'sarif';

interface Args {
  file: string;
  format: Format;
  failOn: Severity;
  out?: string;
  results: string[];
}

function parseArgs(args: string[]): Args {
  const usage = (why: string) => new CliError(`review: ${why}\n\n${help}`, EXIT.usage);
  const files: string[] = [];
  let format: Format | undefined;
  let failOn: Severity = 'error';
  let out: string | undefined;
  const results: string[] = [];
  const setFormat = (f: Format) => {
    if (format !== undefined && format !== f) throw usage(`--json and --format ${format === 'json' ? f : format} contradict each other`);
    format = f;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw usage(`${flag} needs a value`);
      return v;
    };
    if (flag === '--json' && inline === undefined) setFormat('json');
    else if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw usage(`--format expects text, json or sarif, got "${v}"`);
      setFormat(v);
    } else if (flag === '--fail-on') {
      const v = value();
      if (v !== 'error' && v !== 'warning') throw usage(`--fail-on expects error or warning, got "${v}"`);
      failOn = v;
    } else if (flag === '--out') out = value();
    else if (flag === '--results') results.push(value());
    else if (arg.startsWith('-') && arg !== '-') throw usage(`unknown option ${flag}`);
    else files.push(arg);
  }
  if (files.length !== 1) throw usage(files.length ? 'expected exactly one design file' : 'expected a design file');
  if (results.length && out === undefined) throw usage('--results goes into the report: give --out FILE too');
  return { file: files[0]!, format: format ?? 'text', failOn, results, ...(out !== undefined ? { out } : {}) };
}

export function run(argv: string[], io: Io): number {
  const args = parseArgs(argv);
  const { design, text } = loadDesign(args.file, io);
  const findings = review(design);
  if (args.out) {
    const input: ReportInput = { design, findings, ...attached(args.results, design.name) };
    const report = /\.html?$/i.test(args.out) ? reportHtml(input) : reportMarkdown(input);
    try {
      writeFileSync(args.out, report);
    } catch (e) {
      throw new CliError(`${args.out}: cannot write the report: ${(e as Error).message}`, EXIT.usage);
    }
  }
  if (args.format === 'json') io.out(`${JSON.stringify({ findings: findings.map(pick) }, null, 2)}\n`);
  else if (args.format === 'sarif')
    io.out(`${JSON.stringify(toSarif({ findings, file: args.file, text, toolVersion: version() }), null, 2)}\n`);
  else io.out(readable(args.file, design.name, findings, text));
  return reaches(findings, args.failOn) ? EXIT.invalid : EXIT.ok;
}

/** The runs given with --results: at most one simulation and one sweep, each checked. */
function attached(files: readonly string[], name: string): Pick<ReportInput, 'simulation' | 'sweep'> {
  const out: Pick<ReportInput, 'simulation' | 'sweep'> = {};
  for (const file of files) {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== undefined)
        throw new CliError(`${file}: cannot open: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`, EXIT.usage);
      throw new CliError(`${file}: not JSON: ${(e as Error).message}`, EXIT.usage);
    }
    const r = attachedResult(value);
    if ('error' in r) throw new CliError(`${file}: not a result the report can read: ${r.error}`, EXIT.usage);
    const kind = 'sweep' in r ? 'sweep' : 'simulation';
    if (out[kind]) throw new CliError(`${file}: a second ${kind} result (--results takes one simulation and one sweep)`, EXIT.usage);
    const of = (value as { design?: unknown }).design;
    if (typeof of === 'string' && of !== name) throw new CliError(`${file}: the ${kind} is of design "${of}", not "${name}"`, EXIT.usage);
    if ('sweep' in r) out.sweep = r.sweep;
    else out.simulation = r.simulation;
  }
  return out;
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

// Exactly the contract's fields, in the contract's order; `suppressed` and `reason` only when so.
function pick(f: Finding): Finding {
  return {
    rule: f.rule,
    severity: f.severity,
    nodes: f.nodes,
    message: f.message,
    fix: f.fix,
    ...(f.suppressed ? { suppressed: true as const, reason: f.reason ?? '' } : {}),
  };
}

/** The text output: a summary line, then one heading per rule with its count and its findings,
 * each with its place in the file when the design's text is given (the entry a call rule's
 * finding is about, else the first node's id). */
export function readable(file: string, name: string, findings: readonly Finding[], text?: string): string {
  const locator = text !== undefined ? designLocator(text) : undefined;
  const place = (f: Finding) => {
    const at = !locator ? undefined : f.at ? locator.path(f.at) : f.nodes[0] !== undefined ? locator.node(f.nodes[0]) : undefined;
    return at ? `${file}:${at.line}:${at.column}` : undefined;
  };
  const c = countFindings(findings);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 || w === 'info' ? '' : 's'}`;
  const summary = `${file} (${name}): ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'info')}${c.suppressed ? `; ${c.suppressed} suppressed` : ''}`;
  if (!findings.length) return `${summary}\nNo findings.\n`;
  const lines = [summary];
  for (const g of groupByRule(findings)) {
    const shown = g.findings.length - g.suppressed;
    lines.push('', `${g.severity.toUpperCase()} ${g.rule} (${shown}${g.suppressed ? `, ${g.suppressed} suppressed` : ''}): ${g.title}`);
    for (const f of g.findings) {
      lines.push(`  - ${f.nodes.join(', ')}${f.suppressed ? `  [suppressed: ${f.reason}]` : ''}`);
      lines.push(`    ${f.message}`);
      lines.push(`    fix: ${f.fix}`);
      const at = place(f);
      if (at) lines.push(`    at: ${at}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
