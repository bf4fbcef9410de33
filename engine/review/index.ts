// The architecture review (review.md): rules over a shared analysis of the design, and the
// Markdown/HTML review report.
export { review, sortFindings, compareFindings, reaches } from './review.js';
export { rules } from './rules/index.js';
export { analyze, isSync, type Analysis, type SyncPath } from './analysis.js';
export { computeLoad, expectedTries, type Load, type NodeLoad } from './load.js';
export { SEVERITIES, type Finding, type Rule, type RuleHit, type ReviewOptions, type Severity } from './types.js';
export { reportMarkdown, reportHtml, type ReportInput, type SimulationSummary } from './report.js';
