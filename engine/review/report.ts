// The review report for an architecture review meeting, as Markdown or as one self-contained
// HTML page (inline style, no scripts, no external resources): the diagram (when the app passes
// one), the findings with their fixes, the notes left on nodes, the analytic load headroom and,
// when given, a simulation summary with its objectives (met or missed) and a load sweep's knee
// and what saturates past it. Everything taken from the design is escaped.
import type { Design } from '../model/schema.js';
import type { SloObjective, SloResult } from '../simulation/slo.js';
import type { SweepResult } from '../simulation/sweep.js';
import { computeLoad, type Load } from './load.js';
import { countFindings, groupByRule, type RuleGroup } from './review.js';
import type { Finding } from './types.js';

/** The part of a `simulate --json` result (simulation.md) the report reads. */
export interface SimulationSummary {
  scenario?: string;
  requests: { total: number; ok: number; failed: number; byCause?: Record<string, number> };
  latency: { mean?: number; p50?: number; p99: number };
  nodes?: Record<string, { utilization: number }>;
  /** The run's objectives (simulation.md "Results, continued"). */
  slos?: readonly SloResult[];
}

export interface ReportInput {
  design: Design;
  findings: readonly Finding[];
  /** The baseline run. */
  simulation?: SimulationSummary;
  /** The same design with the client traffic doubled: which nodes saturate first. */
  doubled?: SimulationSummary;
  /** A load sweep of the design (`sweep --json`): the knee, what saturates, the objectives. */
  sweep?: SweepResult;
  /** The canvas as an image: a data: URL (png, jpeg, webp, svg) or SVG markup. */
  diagram?: string;
  /** Defaults to the analytic load of the design. */
  load?: Load;
}

const SATURATED = 0.9;
const TOP_NODES = 8;

interface Model {
  title: string;
  description?: string;
  counts: string;
  diagram?: string;
  findings: readonly Finding[];
  notes: { node: string; texts: string[] }[];
  headroom: { node: string; arrival: string; utilization: string; saturatesAt: string }[];
  simulation?: { label: string; rows: [string, string][] };
  doubled?: { label: string; rows: [string, string][] };
  /** Tables after the summaries: objectives, the sweep. */
  tables: Table[];
}

interface Table {
  title: string;
  /** One paragraph before the table. */
  lead?: string;
  head: string[];
  rows: string[][];
}

export function reportMarkdown(input: ReportInput): string {
  const m = model(input);
  const out: string[] = [`# Architecture review: ${md(m.title)}`, ''];
  if (m.description) out.push(md(m.description), '');
  out.push(m.counts, '');
  if (m.diagram) out.push('## Diagram', '', `![diagram of ${md(m.title)}](${m.diagram.replace(/\(/g, '%28').replace(/\)/g, '%29')})`, '');
  out.push('## Findings', '');
  if (!m.findings.length) out.push('No findings.', '');
  for (const g of groupByRule(m.findings)) {
    out.push(`### ${g.rule} (${groupCount(g)}) — ${g.severity}`, '', md(g.title), '');
    for (const f of g.findings) {
      out.push(`- ${f.suppressed ? '*Suppressed* — ' : ''}${f.nodes.map((n) => `\`${code(n)}\``).join(', ')}`);
      out.push(`  ${md(f.message)}`);
      out.push(`  *Fix:* ${md(f.fix)}`);
      if (f.suppressed) out.push(`  *Accepted:* ${md(f.reason ?? '')}`);
    }
    out.push('');
  }
  if (m.notes.length) {
    out.push('## Notes', '');
    for (const n of m.notes) for (const t of n.texts) out.push(`- \`${code(n.node)}\`: ${md(t)}`);
    out.push('');
  }
  if (m.headroom.length) {
    out.push(
      '## Load at the nominal rates (analytic)',
      '',
      '| node | arrivals | utilization | saturates at |',
      '| --- | --- | --- | --- |',
    );
    for (const h of m.headroom) out.push(`| ${cell(h.node)} | ${h.arrival} | ${h.utilization} | ${h.saturatesAt} |`);
    out.push('');
  }
  for (const s of [m.simulation, m.doubled]) {
    if (!s) continue;
    out.push(`## ${md(s.label)}`, '', '| | |', '| --- | --- |');
    for (const [k, v] of s.rows) out.push(`| ${cell(k)} | ${cell(v)} |`);
    out.push('');
  }
  for (const t of m.tables) {
    out.push(`## ${md(t.title)}`, '');
    if (t.lead) out.push(md(t.lead), '');
    out.push(`| ${t.head.map(cell).join(' | ')} |`, `| ${t.head.map(() => '---').join(' | ')} |`);
    for (const r of t.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}

export function reportHtml(input: ReportInput): string {
  const m = model(input);
  const parts: string[] = [];
  parts.push(`<h1>Architecture review: ${h(m.title)}</h1>`);
  if (m.description) parts.push(`<p>${h(m.description)}</p>`);
  parts.push(`<p class="counts">${h(m.counts)}</p>`);
  if (m.diagram) parts.push(`<h2>Diagram</h2><img class="diagram" alt="diagram of ${h(m.title)}" src="${h(m.diagram)}">`);
  parts.push('<h2>Findings</h2>');
  if (!m.findings.length) parts.push('<p>No findings.</p>');
  for (const g of groupByRule(m.findings)) {
    parts.push(`<h3><span class="sev">${g.severity}</span> ${h(g.rule)} (${h(groupCount(g))})</h3><p class="title">${h(g.title)}</p>`);
    for (const f of g.findings)
      parts.push(
        `<div class="finding ${f.severity}${f.suppressed ? ' suppressed' : ''}"><div>${f.suppressed ? '<span class="sev">suppressed</span> ' : ''}${f.nodes
          .map((n) => `<code>${h(n)}</code>`)
          .join(' ')}</div><p>${h(f.message)}</p><p class="fix"><b>Fix:</b> ${h(f.fix)}</p>${
          f.suppressed ? `<p class="reason"><b>Accepted:</b> ${h(f.reason ?? '')}</p>` : ''
        }</div>`,
      );
  }
  if (m.notes.length) {
    parts.push('<h2>Notes</h2><ul>');
    for (const n of m.notes) for (const t of n.texts) parts.push(`<li><code>${h(n.node)}</code>: ${h(t)}</li>`);
    parts.push('</ul>');
  }
  if (m.headroom.length) {
    parts.push(
      '<h2>Load at the nominal rates (analytic)</h2><table><tr><th>node</th><th>arrivals</th><th>utilization</th><th>saturates at</th></tr>',
    );
    for (const r of m.headroom)
      parts.push(
        `<tr><td><code>${h(r.node)}</code></td><td>${h(r.arrival)}</td><td>${h(r.utilization)}</td><td>${h(r.saturatesAt)}</td></tr>`,
      );
    parts.push('</table>');
  }
  for (const s of [m.simulation, m.doubled]) {
    if (!s) continue;
    parts.push(`<h2>${h(s.label)}</h2><table>`);
    for (const [k, v] of s.rows) parts.push(`<tr><th>${h(k)}</th><td>${h(v)}</td></tr>`);
    parts.push('</table>');
  }
  for (const t of m.tables) {
    parts.push(`<h2>${h(t.title)}</h2>`);
    if (t.lead) parts.push(`<p>${h(t.lead)}</p>`);
    parts.push(`<table><tr>${t.head.map((x) => `<th>${h(x)}</th>`).join('')}</tr>`);
    for (const r of t.rows) parts.push(`<tr>${r.map((x) => `<td${MISSED.has(x) ? ' class="missed"' : ''}>${h(x)}</td>`).join('')}</tr>`);
    parts.push('</table>');
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>Architecture review: ${h(m.title)}</title>
<style>${STYLE}</style></head>
<body>
${parts.join('\n')}
</body></html>
`;
}

const STYLE = `body{font:14px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#1d2330}
h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #dde}code{background:#f1f2f6;padding:0 .3em;border-radius:3px}
.finding{border-left:4px solid #999;padding:.2em .8em;margin:.6em 0;background:#fafbfc}.finding p{margin:.3em 0}
.finding.error{border-color:#d33}.finding.suppressed{opacity:.6}.finding.warning{border-color:#e90}.finding.info{border-color:#39f}
.sev{text-transform:uppercase;font-size:.75em;font-weight:700;color:#555}.fix{color:#145a32}
table{border-collapse:collapse}td,th{border:1px solid #dde;padding:.2em .6em;text-align:left}
img.diagram{max-width:100%;border:1px solid #dde}td.missed{color:#b00;font-weight:700}`;

/** Cells the HTML report marks red. */
const MISSED = new Set(['missed', 'no']);

function model(input: ReportInput): Model {
  const { design, findings } = input;
  const c = countFindings(findings);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 || w === 'info' ? '' : 's'}`;
  const load = input.load ?? computeLoad(design);
  const headroom = [...load.nodes.entries()]
    .filter(([, l]) => l.arrival > 0)
    .sort((a, b) => b[1].utilization - a[1].utilization)
    .slice(0, TOP_NODES)
    .map(([node, l]) => ({
      node: l.version ? `${node} (${l.version})` : node,
      arrival: `${fmt(l.arrival, 1)} req/s`,
      utilization: Number.isFinite(l.utilization) ? `${fmt(l.utilization * 100, 1)}%` : 'unbounded',
      saturatesAt: l.utilization > 0 && Number.isFinite(l.utilization) ? `${fmt(1 / l.utilization, 2)}x traffic` : '-',
    }));
  const notes = Object.entries(design.notes)
    .filter(([, texts]) => texts.length)
    .map(([node, texts]) => ({ node, texts }));
  return {
    title: design.name,
    ...(design.description ? { description: design.description } : {}),
    counts: `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'info')}${c.suppressed ? `; ${c.suppressed} suppressed` : ''}`,
    ...(safeImage(input.diagram) ? { diagram: safeImage(input.diagram)! } : {}),
    findings,
    notes,
    headroom,
    ...(input.simulation ? { simulation: simRows(`Simulation: ${input.simulation.scenario ?? 'baseline'}`, input.simulation) } : {}),
    ...(input.doubled ? { doubled: simRows('Simulation: traffic doubled', input.doubled, true) } : {}),
    tables: [
      ...(input.simulation?.slos?.length ? [sloTable(design, input.simulation.slos, input.simulation.scenario)] : []),
      ...(input.sweep ? sweepTables(design, input.sweep) : []),
    ],
  };
}

/** "web -> gateway /checkout": the client's i-th requests entry. */
function entryName(design: Design, client: string, index: number): string {
  const n = Object.hasOwn(design.nodes, client) ? design.nodes[client] : undefined;
  const r = n?.kind === 'client' ? n.requests[index] : undefined;
  if (!r) return `${client} #${index + 1}`;
  return `${client} -> ${r.to}${r.route !== undefined ? ` ${r.route}` : ''}${r.op !== undefined ? ` ${r.op}` : ''}`;
}

/** A latency objective's value in ms, an error rate's as a percentage. */
function objectiveValue(o: SloObjective, x: number): string {
  return o === 'errorRate' ? `${fmt(x * 100, x * 100 < 1 ? 2 : 1)}%` : `${fmt(x, 1)} ms`;
}

function objectiveTarget(o: SloObjective, x: number): string {
  return `${o === 'errorRate' ? 'error rate' : o} <= ${objectiveValue(o, x)}`;
}

function sloTable(design: Design, slos: readonly SloResult[], scenario: string | undefined): Table {
  const missed = slos.filter((s) => !s.met).length;
  return {
    title: `Objectives: ${scenario ?? 'baseline'}`,
    lead: missed ? `${missed} of ${slos.length} objectives missed.` : `All ${slos.length} objectives met.`,
    head: ['entry', 'objective', 'value', 'met'],
    rows: slos.map((s) => [
      entryName(design, s.client, s.request),
      objectiveTarget(s.objective, s.target),
      s.value === null ? 'no finished requests' : objectiveValue(s.objective, s.value),
      s.met ? 'met' : 'missed',
    ]),
  };
}

const x = (t: number) => `${fmt(t, 2)}x`;
const pm = (mean: string, lo: string, hi: string) => (lo === hi ? mean : `${mean} (${lo} to ${hi})`);
/** An interval's ends, never below 0 (a Student-t interval of few replications may dip under). */
const lo = (i: { ci: [number, number] }) => Math.max(0, i.ci[0]);

function sweepTables(design: Design, s: SweepResult): Table[] {
  const points = s.points;
  const knee = s.knee;
  const kneePoint = knee ? points.find((p) => p.traffic === knee.traffic) : undefined;
  const last = points[points.length - 1];
  const scenario = s.scenario ?? 'baseline';
  const reps = `${s.replications} replication${s.replications === 1 ? '' : 's'} per step`;
  // The knee's test (simulation.md): every objective in every replication, or without any,
  // errors under 1 % and no node at 90 % utilization.
  const hasSlos = points.some((p) => p.slos.length > 0);
  const holds = hasSlos
    ? 'every objective is met in every replication'
    : 'fewer than 1 % of requests fail and no node reaches 90 % utilization';
  const lead = !knee
    ? `Even the smallest multiplier tried, ${points[0] ? x(points[0].traffic) : '-'}, fails the test (${holds})${points[0]?.busiest ? `; the busiest node there is ${points[0].busiest.node}` : ''}.`
    : last && knee.traffic >= last.traffic
      ? `Up to the largest multiplier tried, ${x(knee.traffic)} traffic, ${holds}: the knee is beyond the sweep${knee.saturates ? `; the busiest node there is ${knee.saturates}` : ''}.`
      : `The knee is at ${x(knee.traffic)} traffic: the largest multiplier at which ${holds}.${knee.saturates ? ` Past it, ${knee.saturates} saturates first.` : ''}`;
  const table: Table = {
    title: `Load sweep: ${scenario}`,
    lead: `${lead} (${points.length} multipliers, ${reps}, seed ${s.seed}; 95 % intervals.)`,
    head: ['traffic', 'throughput', 'error rate', 'p99', 'objectives met', 'busiest node'],
    rows: points.map((p) => {
      const allMet = p.slos.filter((o) => o.met >= 1).length;
      return [
        `${x(p.traffic)}${knee && p.traffic === knee.traffic ? ' (knee)' : ''}`,
        pm(`${fmt(p.throughput.mean, 1)}/s`, fmt(lo(p.throughput), 1), fmt(p.throughput.ci[1], 1)),
        pm(`${fmt(p.errorRate.mean * 100, 2)}%`, `${fmt(lo(p.errorRate) * 100, 2)}%`, `${fmt(p.errorRate.ci[1] * 100, 2)}%`),
        pm(`${fmt(p.p99.mean, 1)} ms`, fmt(lo(p.p99), 1), fmt(p.p99.ci[1], 1)),
        p.slos.length ? `${allMet} of ${p.slos.length}` : '-',
        p.busiest ? `${p.busiest.node} ${fmt(p.busiest.utilization * 100, 0)}%` : '-',
      ];
    }),
  };
  const tables = [table];
  // The objectives at the knee (or at the first multiplier when none holds).
  const at = kneePoint ?? points[0];
  if (at?.slos.length)
    tables.push({
      title: `Objectives at ${x(at.traffic)} traffic${kneePoint ? ' (the knee)' : ''}`,
      head: ['entry', 'objective', 'value', 'met'],
      rows: at.slos.map((o) => [
        entryName(design, o.client, o.request),
        objectiveTarget(o.objective, o.target),
        o.value === null
          ? 'no finished requests'
          : pm(
              objectiveValue(o.objective, o.value.mean),
              objectiveValue(o.objective, lo(o.value)),
              objectiveValue(o.objective, o.value.ci[1]),
            ),
        o.met >= 1 ? 'met' : o.met <= 0 ? 'missed' : `met in ${fmt(o.met * 100, 0)}% of replications`,
      ]),
    });
  return tables;
}

function simRows(label: string, s: SimulationSummary, saturation = false): { label: string; rows: [string, string][] } {
  const rows: [string, string][] = [
    ['requests', `${s.requests.total} (${s.requests.ok} ok, ${s.requests.failed} failed)`],
    ['error rate', s.requests.total ? `${fmt((s.requests.failed / s.requests.total) * 100, 2)}%` : '-'],
    ['latency p99', `${fmt(s.latency.p99, 1)} ms`],
  ];
  if (s.latency.p50 !== undefined) rows.push(['latency p50', `${fmt(s.latency.p50, 1)} ms`]);
  const causes = Object.entries(s.requests.byCause ?? {}).filter(([, n]) => n > 0);
  if (causes.length) rows.push(['failures by cause', causes.map(([c, n]) => `${c} ${n}`).join(', ')]);
  const busiest = Object.entries(s.nodes ?? {})
    .sort((a, b) => b[1].utilization - a[1].utilization)
    .slice(0, 5);
  if (busiest.length) {
    const hot = saturation ? busiest.filter(([, n]) => n.utilization >= SATURATED) : busiest;
    rows.push([
      saturation ? 'saturates first' : 'busiest nodes',
      hot.length ? hot.map(([id, n]) => `${id} ${fmt(n.utilization * 100, 0)}%`).join(', ') : 'none above 90%',
    ]);
  }
  return { label, rows };
}

/** Only images that cannot run script: raster data URLs, or SVG turned into an <img> source. */
function safeImage(d: string | undefined): string | undefined {
  if (!d) return undefined;
  const s = d.trim();
  if (/^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i.test(s)) return s;
  if (/^(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(s)) return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(s)}`;
  return undefined;
}

/** "3", or "3, 1 suppressed". */
function groupCount(g: RuleGroup): string {
  return `${g.findings.length - g.suppressed}${g.suppressed ? `, ${g.suppressed} suppressed` : ''}`;
}

function fmt(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : String(x);
}

function h(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function md(s: string): string {
  return s.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

function cell(s: string): string {
  return md(s);
}

// Inside `code` spans nothing is interpreted; only a backtick would end the span early.
function code(s: string): string {
  return s.replace(/`/g, "'").replace(/\s*\n\s*/g, ' ');
}

/** A results document attached to the report (`simulate --json` or `sweep --json`), told apart
 * by its fields and checked for the ones the report reads; else why not, for an error message. */
export function attachedResult(value: unknown): { simulation: SimulationSummary } | { sweep: SweepResult } | { error: string } {
  const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (!obj(value)) return { error: 'expected a JSON object: the output of simulate --json or sweep --json' };
  if (Array.isArray(value.points)) {
    const interval = (v: unknown) => obj(v) && num(v.mean) && Array.isArray(v.ci) && v.ci.length === 2 && v.ci.every(num);
    const bad = value.points.findIndex(
      (p) =>
        !obj(p) || !num(p.traffic) || !['throughput', 'errorRate', 'p50', 'p99'].every((k) => interval(p[k])) || !Array.isArray(p.slos),
    );
    if (bad >= 0)
      return { error: `points[${bad}]: expected traffic, throughput, errorRate, p50, p99 and slos as sweep --json writes them` };
    if (value.knee !== null && !(obj(value.knee) && num(value.knee.traffic)))
      return { error: 'knee: expected null or { traffic, saturates }' };
    if (!num(value.replications) || !num(value.seed)) return { error: 'expected replications and seed as sweep --json writes them' };
    return { sweep: value as unknown as SweepResult };
  }
  const req = value.requests;
  const lat = value.latency;
  if (!obj(req) || !num(req.total) || !num(req.ok) || !num(req.failed) || !obj(lat) || !num(lat.p99))
    return { error: 'expected "requests" { total, ok, failed } and "latency" { p99 } (simulate --json) or "points" (sweep --json)' };
  if (
    value.slos !== undefined &&
    !(Array.isArray(value.slos) && value.slos.every((s) => obj(s) && typeof s.objective === 'string' && num(s.target)))
  )
    return { error: 'slos: expected the objectives as simulate --json writes them' };
  return { simulation: value as unknown as SimulationSummary };
}
