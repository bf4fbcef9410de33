// review(design): every rule run over one shared analysis, the design's accepted findings
// (`review.ignore`) marked suppressed, ignore entries that match nothing reported; findings in a
// stable order (severity, then rule id, then nodes), so reports and CI output do not churn.
import type { Design } from '../model/schema.js';
import { analyze } from './analysis.js';
import { rules } from './rules/index.js';
import { SEVERITIES, type Finding, type ReviewOptions, type RuleInfo, type Severity, type Suppression } from './types.js';

export const UNUSED_SUPPRESSION: RuleInfo = {
  id: 'unused-suppression',
  severity: 'info',
  title: 'A review.ignore entry that matches no finding',
  help: 'An ignore entry whose rule finds nothing on its node (the design changed, or the entry has a typo) hides nothing today but would silently hide a future finding. Remove the entry, or correct its rule id or node id.',
};

/** Every rule a review can report, in the spec's order. */
export const ruleInfos: readonly RuleInfo[] = [...rules, UNUSED_SUPPRESSION];

export function review(design: Design, options: ReviewOptions = {}): Finding[] {
  const analysis = analyze(design);
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (options.disabled?.includes(rule.id)) continue;
    const threshold = options.thresholds?.[rule.id] ?? rule.threshold ?? 0;
    for (const hit of rule.check(analysis, threshold)) findings.push({ rule: rule.id, severity: rule.severity, ...hit });
  }
  return sortFindings(applySuppressions(findings, suppressionsOf(design)));
}

/** The design's `review.ignore` entries (design-format.md), read defensively. */
export function suppressionsOf(design: Design): Suppression[] {
  const ignore = (design as { review?: { ignore?: readonly Partial<Suppression>[] } }).review?.ignore;
  if (!Array.isArray(ignore)) return [];
  return ignore.flatMap((e) =>
    typeof e?.rule === 'string' && typeof e.node === 'string' ? [{ rule: e.rule, node: e.node, reason: String(e.reason ?? '') }] : [],
  );
}

/** Marks each finding an entry matches (same rule, the entry's node among its nodes) suppressed
 * with the first matching entry's reason; an entry that matches nothing is an info finding. */
export function applySuppressions(findings: readonly Finding[], entries: readonly Suppression[]): Finding[] {
  if (!entries.length) return [...findings];
  const byRule = new Map<string, Suppression[]>();
  for (const e of entries) {
    const l = byRule.get(e.rule);
    if (l) l.push(e);
    else byRule.set(e.rule, [e]);
  }
  const used = new Set<Suppression>();
  const out: Finding[] = findings.map((f) => {
    const candidates = byRule.get(f.rule);
    if (!candidates) return f;
    const nodes = new Set(f.nodes);
    const matching = candidates.filter((e) => nodes.has(e.node));
    if (!matching.length) return f;
    for (const e of matching) used.add(e);
    return { ...f, suppressed: true, reason: matching[0]!.reason };
  });
  const known = new Set(ruleInfos.map((r) => r.id));
  for (const e of entries) {
    if (used.has(e)) continue;
    out.push({
      rule: UNUSED_SUPPRESSION.id,
      severity: UNUSED_SUPPRESSION.severity,
      nodes: [e.node],
      message: known.has(e.rule)
        ? `review.ignore accepts ${e.rule} on "${e.node}" ("${e.reason}"), but the review finds no ${e.rule} there: the entry hides nothing today and would hide a future finding unseen.`
        : `review.ignore names rule "${e.rule}", which the review does not have (on "${e.node}"): the entry matches nothing.`,
      fix: known.has(e.rule)
        ? `Remove the entry { rule: ${e.rule}, node: ${e.node} } from review.ignore, or correct its node id.`
        : `Correct the rule id (one of: ${[...known].join(', ')}), or remove the entry.`,
    });
  }
  return out;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || compareStrings(a.rule, b.rule) || compareLists(a.nodes, b.nodes)
  );
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** True when some finding that is not suppressed is at `level` or more severe. */
export function reaches(findings: readonly Finding[], level: Severity): boolean {
  return findings.some((f) => !f.suppressed && SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf(level));
}

export interface RuleGroup {
  rule: string;
  severity: Severity;
  title: string;
  findings: Finding[];
  /** How many of them are suppressed. */
  suppressed: number;
}

/** Findings grouped by rule (review.md: one heading with the count, then its findings), groups in
 * the findings' order (severity, then rule id). */
export function groupByRule(findings: readonly Finding[]): RuleGroup[] {
  const titles = new Map(ruleInfos.map((r) => [r.id, r.title]));
  const groups = new Map<string, RuleGroup>();
  for (const f of sortFindings([...findings])) {
    let g = groups.get(f.rule);
    if (!g)
      groups.set(f.rule, (g = { rule: f.rule, severity: f.severity, title: titles.get(f.rule) ?? f.rule, findings: [], suppressed: 0 }));
    g.findings.push(f);
    if (f.suppressed) g.suppressed++;
  }
  return [...groups.values()];
}

/** Counts per severity of the findings that are not suppressed, and the suppressed ones. */
export function countFindings(findings: readonly Finding[]): Record<Severity, number> & { suppressed: number } {
  const c = { error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const f of findings) {
    if (f.suppressed) c.suppressed++;
    else c[f.severity]++;
  }
  return c;
}

// Code-unit order, not locale order: the same on every machine.
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLists(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareStrings(a[i]!, b[i]!);
    if (c) return c;
  }
  return a.length - b.length;
}
