// The Review tab: the architecture review's findings grouped by severity, re-run (debounced) in
// the engine worker whenever the design changes. Clicking a finding selects its nodes on the
// canvas; "Export report" writes the HTML review report (findings, notes, the last simulation).
import { useEffect, useState } from 'react';
import { SEVERITIES, type Design, type Finding, type Severity, type SimulationResult, type SimulationSummary } from '../../engine/index';
import { getHost } from '../platform/index';
import { download } from '../platform/web';
import { useResult, useResultsStoreApi, useReviewState } from '../results/ResultsStoreContext';
import { engineClient } from '../workers/engineClient';
import { useEditorActions, useModel, useSelection } from '../store/useEditor';
import '../results/results.css';

/** Milliseconds between the last design change and the review. */
const REVIEW_DELAY = 400;

const ICON: Record<Severity, string> = { error: '⨯', warning: '⚠', info: 'ℹ' };
const TITLE: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

export function groupBySeverity(findings: readonly Finding[]): { severity: Severity; findings: Finding[] }[] {
  return SEVERITIES.map((severity) => ({ severity, findings: findings.filter((f) => f.severity === severity) }));
}

export function summaryOf(r: SimulationResult): SimulationSummary {
  const nodes: Record<string, { utilization: number }> = {};
  for (const [id, n] of Object.entries(r.nodes)) nodes[id] = { utilization: n.utilization };
  return { ...(r.scenario ? { scenario: r.scenario } : {}), requests: r.requests, latency: r.latency, nodes };
}

/** Re-runs the review shortly after each change of the design. */
export function useAutoReview(model: Design | null): void {
  const store = useResultsStoreApi();
  useEffect(() => {
    if (!model || store.getState().review.of === model) return;
    const t = setTimeout(() => void store.getState().runReview(model), REVIEW_DELAY);
    return () => clearTimeout(t);
  }, [model, store]);
}

export function ReviewPanel() {
  const model = useModel();
  const review = useReviewState();
  const result = useResult();
  const selection = useSelection();
  const { select, requestView, notify } = useEditorActions();
  const [exporting, setExporting] = useState(false);
  useAutoReview(model);

  const exportReport = async () => {
    if (!model || !review.findings) return;
    setExporting(true);
    try {
      const { html } = await engineClient().request({
        type: 'report',
        design: model,
        findings: review.findings,
        ...(result ? { simulation: summaryOf(result) } : {}),
      });
      const name = `${model.name}-review.html`;
      const host = getHost();
      if (host.kind === 'web') {
        download(new Blob([html], { type: 'text/html' }), name);
        notify(`Downloaded ${name}.`);
      } else {
        const done = await host.writeExport([{ path: name, content: html }], `${model.name}-review`);
        if (done) notify(`Wrote ${name} to ${done.location}.`);
      }
    } catch (e) {
      notify(`The report could not be written: ${e instanceof Error ? e.message : String(e)}`, 'error');
    } finally {
      setExporting(false);
    }
  };

  const findings = review.findings;
  const selected = new Set(selection.nodes);
  return (
    <div className="mw-review" data-testid="review.panel">
      <div className="mw-review-head">
        {findings ? (
          <span data-testid="review.counts">
            {groupBySeverity(findings).map((g) => (
              <span key={g.severity} className={`mw-count is-${g.severity}`} data-testid={`review.count.${g.severity}`}>
                {ICON[g.severity]} {g.findings.length}{' '}
                {g.severity === 'info' ? 'info' : `${g.severity}${g.findings.length === 1 ? '' : 's'}`}
              </span>
            ))}
          </span>
        ) : (
          <span className="mw-muted">Reviewing…</span>
        )}
        {review.busy && findings && <span className="mw-muted">updating…</span>}
        <span className="mw-spacer" />
        {result && <span className="mw-muted">The report includes the last simulation ({result.scenario ?? 'nominal'}).</span>}
        <button
          type="button"
          className="mw-button mw-inline-button"
          data-testid="review.exportReport"
          disabled={!findings || exporting}
          onClick={() => void exportReport()}
        >
          {exporting ? 'Writing…' : 'Export report'}
        </button>
      </div>
      {review.error && <p className="mw-warning">The review failed: {review.error}</p>}
      {findings && findings.length === 0 && (
        <p className="mw-muted mw-review-empty" data-testid="review.empty">
          No findings: the review found nothing to improve.
        </p>
      )}
      {findings &&
        groupBySeverity(findings)
          .filter((g) => g.findings.length > 0)
          .map((g) => (
            <section key={g.severity} className="mw-review-group" data-testid={`review.group.${g.severity}`}>
              <h4>
                {TITLE[g.severity]} <span className="mw-badge">{g.findings.length}</span>
              </h4>
              <ul>
                {g.findings.map((f, i) => {
                  const active = f.nodes.length > 0 && f.nodes.every((n) => selected.has(n)) && f.nodes.length === selected.size;
                  return (
                    <li key={`${f.rule}-${i}`}>
                      <button
                        type="button"
                        className={`mw-finding is-${f.severity}${active ? ' is-active' : ''}`}
                        data-testid="review.finding"
                        data-rule={f.rule}
                        onClick={() => {
                          const nodes = model ? f.nodes.filter((n) => model.nodes[n]) : f.nodes;
                          select({ nodes, edge: null });
                          if (nodes[0]) requestView({ kind: 'focus', node: nodes[0] });
                        }}
                      >
                        <span className="mw-finding-icon">{ICON[f.severity]}</span>
                        <span className="mw-finding-body">
                          <span className="mw-finding-top">
                            <code className="mw-finding-rule">{f.rule}</code>
                            <span className="mw-finding-nodes">{f.nodes.join(', ')}</span>
                          </span>
                          <span className="mw-finding-message">{f.message}</span>
                          <span className="mw-finding-fix">
                            <strong>Fix:</strong> {f.fix}
                          </span>
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
    </div>
  );
}

/** The Review tab's badge: keeps the review current even while the tab is closed. */
export function ReviewBadge() {
  const model = useModel();
  const review = useReviewState();
  useAutoReview(model);
  if (!review.findings) return null;
  const errors = review.findings.filter((f) => f.severity === 'error').length;
  return (
    <span
      className={`mw-badge${errors ? ' is-error' : ''}`}
      data-testid="tabs.review.count"
      title={`${review.findings.length} findings, ${errors} errors`}
    >
      {review.findings.length}
    </span>
  );
}
