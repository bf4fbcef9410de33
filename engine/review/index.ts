// The architecture review (review.md): rules over a shared analysis of the design, and the
// Markdown/HTML review report.
export {
  review,
  sortFindings,
  compareFindings,
  reaches,
  groupByRule,
  countFindings,
  applySuppressions,
  suppressionsOf,
  ruleInfos,
  UNUSED_SUPPRESSION,
  type RuleGroup,
} from './review.js';
export { toSarif, nodeLocator, designLocator, SARIF_SCHEMA, type SarifInput, type DesignLocator } from './sarif.js';
export { rules } from './rules/index.js';
export { analyze, isSync, type Analysis, type Tangle } from './analysis.js';
export { searchPaths, type PathQuery, type PathResult, type FoundPath } from './pathSearch.js';
export { computeLoad, expectedTries, type Load, type NodeLoad } from './load.js';
export {
  SEVERITIES,
  type Finding,
  type Rule,
  type RuleHit,
  type RuleInfo,
  type ReviewOptions,
  type Severity,
  type Suppression,
} from './types.js';
export { reportMarkdown, reportHtml, attachedResult, type ReportInput, type SimulationSummary } from './report.js';
