// review(design): every rule run over one shared analysis; findings in a stable order
// (severity, then rule id, then nodes), so reports and CI output do not churn.
import type { Design } from '../model/schema.js';
import { analyze } from './analysis.js';
import { rules } from './rules/index.js';
import { SEVERITIES, type Finding, type ReviewOptions, type Severity } from './types.js';

export function review(design: Design, options: ReviewOptions = {}): Finding[] {
  const analysis = analyze(design);
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (options.disabled?.includes(rule.id)) continue;
    const threshold = options.thresholds?.[rule.id] ?? rule.threshold ?? 0;
    for (const hit of rule.check(analysis, threshold)) findings.push({ rule: rule.id, severity: rule.severity, ...hit });
  }
  return sortFindings(findings);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || compareStrings(a.rule, b.rule) || compareLists(a.nodes, b.nodes)
  );
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** True when some finding is at `level` or more severe. */
export function reaches(findings: readonly Finding[], level: Severity): boolean {
  return findings.some((f) => SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf(level));
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
