// The review's data: a finding (the `review --json` contract of cli.md), the rule interface every
// rule module implements, and the options that override rule thresholds.
import type { Analysis } from './analysis.js';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface Finding {
  rule: string;
  severity: Severity;
  /** Node ids the finding is about, in the order the rule's convention gives (review.md). */
  nodes: string[];
  message: string;
  fix: string;
  /** Where in the design the finding is, as a path (['nodes', 'a', 'operations', 'POST /x',
   * 'calls', 1]) for findings about one entry (a call, route or step): the CLI prints its line,
   * SARIF gives it as a related location. */
  at?: (string | number)[];
  /** Accepted in the design's `review.ignore` (still listed; not counted for --fail-on). */
  suppressed?: true;
  /** The ignore entry's reason, with `suppressed`. */
  reason?: string;
}

/** An accepted finding: review.md "Suppressions". */
export interface Suppression {
  rule: string;
  node: string;
  reason: string;
}

/** What a rule reports; the rule's id and severity are added by the runner. */
export type RuleHit = Pick<Finding, 'nodes' | 'message' | 'fix' | 'at'>;

/** A rule as reports and SARIF describe it (the rules of rules/ plus `unused-suppression`). */
export type RuleInfo = Pick<Rule, 'id' | 'severity' | 'title' | 'help'>;

export interface Rule {
  id: string;
  severity: Severity;
  /** One line for docs and the app's rule list. */
  title: string;
  /** Why it matters and how to fix it, for SARIF's rule help and the docs. */
  help: string;
  /** The default threshold, when the rule has one (overridable through ReviewOptions). */
  threshold?: number;
  check: (analysis: Analysis, threshold: number) => RuleHit[];
}

export interface ReviewOptions {
  /** Threshold overrides by rule id, e.g. { 'deep-sync-chain': 6 }. */
  thresholds?: Record<string, number>;
  /** Rule ids to skip. */
  disabled?: readonly string[];
}
