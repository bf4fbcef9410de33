// The Review tab: the architecture review's findings by severity, then grouped by rule (one
// heading with the count per rule; accepted findings dimmed with their reason), re-run (debounced) in
// the engine worker whenever the design changes. Clicking a finding selects its nodes on the
// canvas; "Export report" writes the HTML review report (findings, notes, the last simulation
// with its objectives met or missed).
import { useEffect, useState } from 'react';
import {
  SEVERITIES,
  groupByRule,
  type Design,
  type Finding,
  type RuleGroup,
  type Severity,
  type SimulationResult,
  type SimulationSummary,
  type SweepResult,
} from '../../engine/index';
import { getHost } from '../platform/index';
import { download } from '../platform/web';
import { useResult, useResults, useResultsStoreApi, useReviewState } from '../results/ResultsStoreContext';
import { engineClient } from '../workers/engineClient';
import { useEditorActions, useModel, useSelection } from '../store/useEditor';
import '../results/results.css';

/** Milliseconds between the last design change and the review. */
const REVIEW_DELAY = 400;

const ICON: Record<Severity, string> = { error: '⨯', warning: '⚠', info: 'ℹ' };
const TITLE: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

/** Per severity: its findings that count (not suppressed), and its rule groups (all findings). */
export function groupBySeverity(findings: readonly Finding[]): { severity: Severity; findings: Finding[]; rules: RuleGroup[] }[] {
  const groups = groupByRule(findings);
  return SEVERITIES.map((severity) => ({
    severity,
    findings: findings.filter((f) => f.severity === severity && !f.suppressed),
    rules: groups.filter((g) => g.severity === severity),
  }));
}

export function summaryOf(r: SimulationResult): SimulationSummary {
  const nodes: Record<string, { utilization: number }> = {};
  for (const [id, n] of Object.entries(r.nodes))
    Object.defineProperty(nodes, id, { value: { utilization: n.utilization }, enumerable: true });
  return { ...(r.scenario ? { scenario: r.scenario } : {}), requests: r.requests, latency: r.latency, nodes, slos: r.slos };
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

function kneeText(sweep: SweepResult): string {
  return sweep.knee ? `×${sweep.knee.traffic}` : 'none';
}

export function ReviewPanel() {
  const model = useModel();
  const review = useReviewState();
  const result = useResult();
  // The last finished sweep of the Capacity view goes into the report beside the last run.
  const sweep = useResults((s) => (s.capacity.status === 'done' ? s.capacity.result : null));
  const selection = useSelection();
  const { notify } = useEditorActions();
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
        ...(sweep ? { sweep } : {}),
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
        {(result || sweep) && (
          <span className="mw-muted" data-testid="review.reportIncludes">
            The report includes{' '}
            {[result && `the last simulation (${result.scenario ?? 'nominal'})`, sweep && `the load sweep (knee ${kneeText(sweep)})`]
              .filter(Boolean)
              .join(' and ')}
            .
          </span>
        )}
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
          .filter((g) => g.rules.length > 0)
          .map((g) => (
            <section key={g.severity} className="mw-review-group" data-testid={`review.group.${g.severity}`}>
              <h4>
                {TITLE[g.severity]} <span className="mw-badge">{g.findings.length}</span>
              </h4>
              {g.rules.map((r) => (
                <div key={r.rule} className="mw-review-rule" data-testid={`review.rule.${r.rule}`}>
                  <h5 title={r.title}>
                    <code className="mw-finding-rule">{r.rule}</code>{' '}
                    <span className="mw-badge" data-testid="review.rule.count">
                      {r.findings.length - r.suppressed}
                    </span>
                    {r.suppressed > 0 && <span className="mw-muted"> +{r.suppressed} suppressed</span>}{' '}
                    <span className="mw-muted">{r.title}</span>
                  </h5>
                  <ul>
                    {r.findings.map((f, i) => (
                      <li key={`${f.rule}-${i}`}>
                        <FindingButton finding={f} model={model} selected={selected} />
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          ))}
    </div>
  );
}

function FindingButton({ finding: f, model, selected }: { finding: Finding; model: Design | null; selected: ReadonlySet<string> }) {
  const { select, requestView } = useEditorActions();
  const active = f.nodes.length > 0 && f.nodes.every((n) => selected.has(n)) && f.nodes.length === selected.size;
  return (
    <button
      type="button"
      className={`mw-finding is-${f.severity}${active ? ' is-active' : ''}${f.suppressed ? ' is-suppressed' : ''}`}
      style={f.suppressed ? { opacity: 0.6 } : undefined}
      data-testid="review.finding"
      data-rule={f.rule}
      data-suppressed={f.suppressed ? 'true' : undefined}
      onClick={() => {
        const nodes = model ? f.nodes.filter((n) => Object.hasOwn(model.nodes, n)) : f.nodes;
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
        {f.suppressed && (
          <span className="mw-finding-fix" data-testid="review.finding.reason">
            <strong>Suppressed:</strong> {f.reason}
          </span>
        )}
      </span>
    </button>
  );
}

/** The Review tab's badge: keeps the review current even while the tab is closed. */
export function ReviewBadge() {
  const model = useModel();
  const review = useReviewState();
  useAutoReview(model);
  if (!review.findings) return null;
  const counted = review.findings.filter((f) => !f.suppressed);
  const errors = counted.filter((f) => f.severity === 'error').length;
  return (
    <span
      className={`mw-badge${errors ? ' is-error' : ''}`}
      data-testid="tabs.review.count"
      title={`${counted.length} findings, ${errors} errors`}
    >
      {counted.length}
    </span>
  );
}
