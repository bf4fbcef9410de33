// meshwright review <design> [--json] [--fail-on error|warning] [--out FILE]: the architecture
// review of review.md. Exit 0, or 1 when a finding reaches --fail-on (default error) or the
// design is invalid, 2 for wrong usage or an unreadable file. With --json stdout holds exactly
// { "findings": [...] }.
import { writeFileSync } from 'node:fs';
import { review, reaches, reportHtml, reportMarkdown, type Finding, type Severity } from '../../engine/index.js';
import { loadDesign, CliError, type Io, EXIT } from '../io.js';

export const help = `Usage: meshwright review <design> [--json] [--fail-on error|warning] [--out FILE]

Checks a design against the architecture rules (shared databases, sync cycles, capacity, deep
sync chains, missing timeouts and breakers, retry storms, single replicas, god services, sagas
without compensation, queues without a DLQ, unreachable nodes, gateway bypass).

  --json              print exactly { "findings": [ { rule, severity, nodes, message, fix } ] }
  --fail-on LEVEL     exit 1 when a finding is at LEVEL or above: error (default) or warning
  --out FILE          also write the review report: HTML when FILE ends in .html, else Markdown

Exit codes: 0 no findings at --fail-on, 1 findings at --fail-on or an invalid design,
2 wrong usage or a file that cannot be opened.`;

interface Args {
  file: string;
  json: boolean;
  failOn: Severity;
  out?: string;
}

function parseArgs(args: string[]): Args {
  const usage = (why: string) => new CliError(`review: ${why}\n\n${help}`, EXIT.usage);
  const files: string[] = [];
  let json = false;
  let failOn: Severity = 'error';
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw usage(`${flag} needs a value`);
      return v;
    };
    if (flag === '--json' && inline === undefined) json = true;
    else if (flag === '--fail-on') {
      const v = value();
      if (v !== 'error' && v !== 'warning') throw usage(`--fail-on expects error or warning, got "${v}"`);
      failOn = v;
    } else if (flag === '--out') out = value();
    else if (arg.startsWith('-') && arg !== '-') throw usage(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 1) throw usage(files.length ? 'expected exactly one design file' : 'expected a design file');
  return { file: files[0]!, json, failOn, ...(out !== undefined ? { out } : {}) };
}

export function run(argv: string[], io: Io): number {
  const args = parseArgs(argv);
  const { design } = loadDesign(args.file, io);
  const findings = review(design);
  if (args.out) {
    const report = /\.html?$/i.test(args.out) ? reportHtml({ design, findings }) : reportMarkdown({ design, findings });
    try {
      writeFileSync(args.out, report);
    } catch (e) {
      throw new CliError(`${args.out}: cannot write the report: ${(e as Error).message}`, EXIT.usage);
    }
  }
  if (args.json) io.out(`${JSON.stringify({ findings: findings.map(pick) }, null, 2)}\n`);
  else io.out(readable(args.file, design.name, findings));
  return reaches(findings, args.failOn) ? EXIT.invalid : EXIT.ok;
}

// Exactly the contract's fields, in the contract's order.
function pick(f: Finding): Finding {
  return { rule: f.rule, severity: f.severity, nodes: f.nodes, message: f.message, fix: f.fix };
}

function readable(file: string, name: string, findings: readonly Finding[]): string {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const summary = `${file} (${name}): ${n('error')} error${n('error') === 1 ? '' : 's'}, ${n('warning')} warning${n('warning') === 1 ? '' : 's'}, ${n('info')} info`;
  if (!findings.length) return `${summary}\nNo findings.\n`;
  const ruleWidth = Math.max(...findings.map((f) => f.rule.length));
  const lines = [summary, ''];
  for (const f of findings) {
    lines.push(`${f.severity.toUpperCase().padEnd(8)}${f.rule.padEnd(ruleWidth + 2)}${f.nodes.join(', ')}`);
    lines.push(`    ${f.message}`);
    lines.push(`    fix: ${f.fix}`);
  }
  return `${lines.join('\n')}\n`;
}
