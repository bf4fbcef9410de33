// The Simulation tab: scenario, seed and duration; Run in the engine worker with a progress bar
// and Cancel; then the run's verdict in words, key figures, time charts (fault windows shaded),
// the selected node's own charts, per-node table, breaker timelines, saga outcomes and a trace
// waterfall. "Keep as baseline" pins a run so the next one is compared with it side by side.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Design, SimulationResult } from '../../engine/index';
import { BreakerTimelines } from '../results/BreakerTimelines';
import { compareRuns } from '../results/compare';
import { faultWindows, type FaultWindow } from '../results/faults';
import { sameForResults } from '../results/overlay';
import { failuresByCause, formatCount, formatMs, formatPct, keyFigures, runLabel } from '../results/format';
import { useBaseline, useResult, useResults, useResultsStoreApi, useRun } from '../results/ResultsStoreContext';
import type { ResultsState, RunOptions } from '../results/resultsStore';
import { latencySeries, nodeLoadSeries, throughputSeries } from '../results/series';
import { TimeChart, type Line } from '../results/TimeChart';
import { TraceWaterfall } from '../results/TraceWaterfall';
import { verdict, type Verdict, type VerdictLine } from '../results/verdict';
import { useEditor, useEditorStoreApi, useModel, useProblems } from '../store/useEditor';
import '../results/results.css';

const LATENCY_LINES: Line[] = [
  { label: 'p50', color: '--accent', unit: 'ms' },
  { label: 'p99', color: '#e8590c', unit: 'ms' },
];
const THROUGHPUT_LINES: Line[] = [
  { label: 'ok', color: '#1a8a4a', unit: '/s' },
  { label: 'failed', color: '#d42a2a', unit: '/s' },
];
const UTILIZATION_LINES: Line[] = [{ label: 'utilization', color: '--accent', unit: '%' }];
const COUNT_LINES: Line[] = [
  { label: 'in flight', color: '#e8590c', unit: '' },
  { label: 'replicas', color: '#1a8a4a', unit: '' },
];
const COUNT_BACKLOG_LINES: Line[] = [...COUNT_LINES, { label: 'backlog', color: '#0d9488', unit: '' }];

const selectStale = (s: { stale: boolean }) => s.stale;
const selectResultOf = (s: ResultsState) => s.resultOf;
const selectOverlay = (s: ResultsState) => s.overlay;

/** Why the design cannot run now, or null when it can. */
export function whyNotRunnable(model: Design | null, problems: number, stale: boolean): string | null {
  if (!model) return 'There is no valid design to simulate yet.';
  if (problems > 0)
    return `The design has ${problems} problem${problems === 1 ? '' : 's'} (see Problems): fix ${problems === 1 ? 'it' : 'them'} to run a simulation.`;
  if (stale) return 'Checking the design…';
  if (Object.values(model.nodes).every((n) => n.kind !== 'client')) return 'The design has no client: nothing sends requests.';
  return null;
}

function defaultsFor(model: Design | null, scenario: string | null): RunOptions {
  const sc = scenario && model ? model.scenarios[scenario] : undefined;
  return { scenario: sc ? scenario : null, seed: sc?.seed ?? 1, durationS: sc ? sc.duration / 1000 : 60 };
}

export function SimulationPanel() {
  const store = useResultsStoreApi();
  const model = useModel();
  const problems = useProblems();
  const stale = useEditor(selectStale);
  const run = useRun();
  const result = useResult();
  const baseline = useBaseline();
  const resultOf = useResults(selectResultOf);
  const overlay = useResults(selectOverlay);
  const resultCurrent = useMemo(() => !!model && !!resultOf && sameForResults(model, resultOf), [model, resultOf]);
  const [options, setOptions] = useState<RunOptions>(() => run.options ?? defaultsFor(model, null));
  const scenarios = model ? Object.keys(model.scenarios) : [];
  // A scenario that left the design falls back to nominal traffic.
  useEffect(() => {
    if (options.scenario !== null && model && !model.scenarios[options.scenario]) setOptions(defaultsFor(model, null));
  }, [model, options.scenario]);
  const blocked = whyNotRunnable(model, problems.length, stale);
  const running = run.status === 'running';
  const durationOk = Number.isFinite(options.durationS) && options.durationS > 0 && options.durationS <= 24 * 3600;
  const seedOk = Number.isInteger(options.seed);
  const start = () => {
    if (model && !blocked && durationOk && seedOk) void store.getState().runSimulation(model, options);
  };
  const fraction = run.progress && run.progress.duration > 0 ? Math.min(1, run.progress.time / run.progress.duration) : 0;
  // A new result starts at its top (its verdict), wherever the previous one was scrolled to.
  const pane = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (pane.current) pane.current.scrollTop = 0;
  }, [result]);

  return (
    <div className="mw-sim" data-testid="simulation.panel">
      <form
        className="mw-sim-controls"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <label>
          Scenario
          <select
            data-testid="simulation.scenario"
            value={options.scenario ?? ''}
            disabled={running}
            onChange={(e) => setOptions(defaultsFor(model, e.target.value || null))}
          >
            <option value="">none (60 s nominal)</option>
            {scenarios.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <div className="mw-sim-row">
          <label>
            Seed
            <input
              data-testid="simulation.seed"
              type="number"
              step={1}
              value={Number.isFinite(options.seed) ? options.seed : ''}
              disabled={running}
              onChange={(e) => setOptions({ ...options, seed: e.target.valueAsNumber })}
            />
          </label>
          <label>
            Duration (s)
            <input
              data-testid="simulation.duration"
              type="number"
              min={1}
              step="any"
              value={Number.isFinite(options.durationS) ? options.durationS : ''}
              disabled={running}
              onChange={(e) => setOptions({ ...options, durationS: e.target.valueAsNumber })}
            />
          </label>
        </div>
        {running ? (
          // Keys: separate elements, so the click on Cancel never becomes a submit of Run.
          <button
            key="cancel"
            type="button"
            className="mw-button mw-primary"
            data-testid="simulation.cancel"
            onClick={() => store.getState().cancelSimulation()}
          >
            ■ Cancel
          </button>
        ) : (
          <button
            key="run"
            type="submit"
            className="mw-button mw-primary"
            data-testid="simulation.run"
            disabled={!!blocked || !durationOk || !seedOk}
          >
            ▶ Run
          </button>
        )}
        {blocked && !running && (
          <p className="mw-sim-why" data-testid="simulation.blocked">
            {blocked}
          </p>
        )}
        {!durationOk && <p className="mw-sim-why">The duration must be a number of seconds above 0 (at most a day).</p>}
        {!seedOk && <p className="mw-sim-why">The seed must be a whole number.</p>}
        {running && run.progress && (
          <div className="mw-progress-box">
            <progress
              data-testid="simulation.progress"
              max={1}
              value={fraction}
              aria-label="simulated time"
              aria-valuetext={`${formatMs(run.progress.time)} of ${formatMs(run.progress.duration)}`}
            />
            <span className="mw-muted">
              {formatMs(run.progress.time)} / {formatMs(run.progress.duration)} · {formatCount(run.progress.events)} events
            </span>
          </div>
        )}
        {run.status === 'cancelled' && (
          <p className="mw-muted" data-testid="simulation.cancelled">
            Run cancelled{result ? ': the results below are from the previous run.' : '.'}
          </p>
        )}
        {run.status === 'failed' && (
          <p className="mw-warning" data-testid="simulation.error">
            {run.error}
          </p>
        )}
        {result && (
          <div className="mw-sim-baseline">
            <button
              type="button"
              className="mw-button"
              data-testid="simulation.keepBaseline"
              disabled={running || baseline === result}
              onClick={() => store.getState().keepBaseline()}
              title="Pin this run; the next run is compared with it"
            >
              {baseline === result ? '✓ Baseline kept' : 'Keep as baseline'}
            </button>
            {baseline && (
              <button
                type="button"
                className="mw-link"
                data-testid="simulation.clearBaseline"
                onClick={() => store.getState().clearBaseline()}
              >
                clear baseline
              </button>
            )}
          </div>
        )}
        {result && (
          <label
            className="mw-sim-overlay"
            title={resultCurrent ? 'Utilization and breakers on nodes, traffic and failures on calls' : undefined}
          >
            <input
              type="checkbox"
              data-testid="simulation.overlay"
              checked={overlay && resultCurrent}
              disabled={!resultCurrent}
              onChange={(e) => store.getState().setOverlay(e.target.checked)}
            />
            Show results on canvas
            {!resultCurrent && (
              <span className="mw-muted" data-testid="simulation.overlayStale">
                {' '}
                (the design changed since this run)
              </span>
            )}
          </label>
        )}
      </form>
      <div className="mw-sim-results" ref={pane} data-testid="simulation.pane">
        {result ? (
          <Results result={result} design={resultOf} baseline={baseline && baseline !== result ? baseline : null} />
        ) : (
          <p className="mw-muted mw-sim-empty">
            Run a simulation to see throughput, latency percentiles, errors by cause, per-node load, breaker timelines and sampled traces.
          </p>
        )}
      </div>
    </div>
  );
}

function Results({ result, design, baseline }: { result: SimulationResult; design: Design | null; baseline: SimulationResult | null }) {
  const latency = useMemo(() => latencySeries(result), [result]);
  const throughput = useMemo(() => throughputSeries(result), [result]);
  const faults = useMemo(() => faultWindows(design, result), [design, result]);
  const told = useMemo(() => verdict(result, design), [result, design]);
  const spanS = result.duration / 1000;
  return (
    <div data-testid="simulation.results">
      <h3 className="mw-sim-title" data-testid="simulation.runLabel">
        {runLabel(result)}
        {result.stats.capped > 0 && (
          <span className="mw-danger"> · {formatCount(result.stats.capped)} turned away by memory guard rails</span>
        )}
      </h3>
      <VerdictBox verdict={told} />
      {baseline ? <Compare baseline={baseline} current={result} /> : <Figures result={result} />}
      <Causes result={result} />
      <div className="mw-charts" data-testid="simulation.charts">
        <TimeChart
          title="Latency (client, per second)"
          data={latency}
          lines={LATENCY_LINES}
          testId="simulation.chart.latency"
          spanS={spanS}
          faults={faults}
        />
        <TimeChart
          title="Throughput (finished per second)"
          data={throughput}
          lines={THROUGHPUT_LINES}
          testId="simulation.chart.throughput"
          spanS={spanS}
          faults={faults}
        />
      </div>
      <Section title="Selected node">
        <NodeCharts result={result} faults={faults} />
      </Section>
      <Section title="Nodes">
        <NodeTable result={result} />
      </Section>
      <Section title="Circuit breakers">
        <BreakerTimelines result={result} />
      </Section>
      {Object.keys(result.sagas).length > 0 && (
        <Section title="Sagas">
          <SagaTable result={result} />
        </Section>
      )}
      <Section title={`Sampled traces (${result.traces.length})`}>
        <TraceWaterfall traces={result.traces} />
      </Section>
    </div>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mw-sim-section">
      <h4>{title}</h4>
      {children}
    </section>
  );
}

function Figures({ result }: { result: SimulationResult }) {
  const figures = keyFigures(result);
  return (
    <div className="mw-figures">
      {figures.map((f) => (
        <div
          key={f.id}
          className={`mw-figure${f.id === 'errorRate' && f.value > 0 ? ' is-bad' : ''}`}
          data-testid={`simulation.figure.${f.id}`}
        >
          <span className="mw-figure-label">{f.label}</span>
          <span className="mw-figure-value">{f.text}</span>
        </div>
      ))}
    </div>
  );
}

function Causes({ result }: { result: SimulationResult }) {
  const causes = failuresByCause(result);
  return (
    <div className="mw-causes" data-testid="simulation.causes">
      {causes.length === 0 ? (
        <span className="mw-muted">No failed requests.</span>
      ) : (
        <>
          <span className="mw-muted">Failures by cause:</span>
          {causes.map((c) => (
            <span key={c.cause} className="mw-cause" data-testid={`simulation.cause.${c.cause}`}>
              {c.label} <strong>{formatCount(c.count)}</strong> <small>({formatPct(c.share)})</small>
            </span>
          ))}
        </>
      )}
    </div>
  );
}

const MARKS: Record<VerdictLine['tone'], { mark: string; says: string }> = {
  ok: { mark: '✓', says: 'fine' },
  bad: { mark: '✗', says: 'problem' },
  warn: { mark: '!', says: 'warning' },
  info: { mark: '•', says: 'note' },
};

function VerdictItems({ title, lines }: { title: string; lines: VerdictLine[] }) {
  if (lines.length === 0) return null;
  return (
    <>
      <div className="mw-verdict-group">{title}</div>
      <ul className={lines.length > 6 ? 'is-columns' : undefined}>
        {lines.map((l) => (
          <li key={l.id} className={`is-${l.tone}`} data-testid={`simulation.verdict.${l.id}`} data-tone={l.tone}>
            <span className="mw-verdict-mark" role="img" aria-label={MARKS[l.tone].says}>
              {MARKS[l.tone].mark}
            </span>
            <span>{l.text}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function VerdictBox({ verdict: v }: { verdict: Verdict }) {
  return (
    <section className={`mw-verdict is-${v.headline.tone}`} data-testid="simulation.verdict" aria-label="Verdict">
      <p className="mw-verdict-headline" data-testid="simulation.verdict.headline" data-tone={v.headline.tone}>
        {v.headline.text}
      </p>
      <VerdictItems title="Objectives" lines={v.slos} />
      <VerdictItems title="Load" lines={v.saturation ? [v.saturation, ...v.scaling] : v.scaling} />
      <VerdictItems title="What failed" lines={v.failures} />
    </section>
  );
}

/** The selected node's utilization, in-flight requests, replicas and backlog over the run. */
function NodeCharts({ result, faults }: { result: SimulationResult; faults: readonly FaultWindow[] }) {
  const editor = useEditorStoreApi();
  const selected = useEditor((s) => s.selection.nodes[0] ?? null);
  const ids = useMemo(() => Object.keys(result.nodes).filter((id) => result.nodes[id]!.series && !result.clients[id]), [result]);
  const id = selected && ids.includes(selected) ? selected : null;
  const series = useMemo(() => (id ? nodeLoadSeries(result, id) : null), [result, id]);
  const spanS = result.duration / 1000;
  const why = !selected
    ? 'Select a node on the canvas (or here) to see its utilization, requests in flight, replicas and backlog over the run.'
    : result.clients[selected]
      ? `${selected} is a client: its requests are in the charts above.`
      : `${selected} had no arrivals in this run.`;
  return (
    <div data-testid="simulation.nodeCharts">
      <div className="mw-node-charts-head">
        <label>
          Node{' '}
          <select
            data-testid="simulation.nodeCharts.pick"
            value={id ?? ''}
            onChange={(e) => editor.getState().select({ nodes: e.target.value ? [e.target.value] : [], edge: null })}
          >
            <option value="">—</option>
            {ids.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {!series && <span className="mw-muted">{why}</span>}
      </div>
      {series && id && (
        <div className="mw-charts">
          <TimeChart
            title={`${id}: utilization`}
            data={series.utilization}
            lines={UTILIZATION_LINES}
            testId="simulation.chart.node.utilization"
            spanS={spanS}
            faults={faults}
          />
          <TimeChart
            title={`${id}: in flight, replicas${series.backlog ? ', backlog' : ''}`}
            data={series.counts}
            lines={series.backlog ? COUNT_BACKLOG_LINES : COUNT_LINES}
            testId="simulation.chart.node.counts"
            spanS={spanS}
            faults={faults}
          />
        </div>
      )}
    </div>
  );
}

function Compare({ baseline, current }: { baseline: SimulationResult; current: SimulationResult }) {
  const { rows, notes } = useMemo(() => compareRuns(baseline, current), [baseline, current]);
  return (
    <div data-testid="simulation.comparison">
      {notes.length > 0 && (
        <ul className="mw-compare-notes" data-testid="simulation.compare.notes">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <CompareTable rows={rows} baseline={baseline} current={current} />
    </div>
  );
}

function CompareTable({
  rows,
  baseline,
  current,
}: {
  rows: ReturnType<typeof compareRuns>['rows'];
  baseline: SimulationResult;
  current: SimulationResult;
}) {
  return (
    <table className="mw-table mw-compare" data-testid="simulation.compare">
      <thead>
        <tr>
          <th />
          <th>Baseline: {runLabel(baseline)}</th>
          <th>This run: {runLabel(current)}</th>
          <th>Δ</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid={`simulation.compare.${r.id}`}>
            <th>{r.label}</th>
            <td>{r.baseline}</td>
            <td data-testid={`simulation.figure.${r.id}`}>{r.current}</td>
            <td className={`mw-delta is-${r.tone}`} data-tone={r.tone} title={r.reason ?? undefined}>
              {r.delta}
              {r.reason && <span className="mw-delta-reason">{r.reason}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NodeTable({ result }: { result: SimulationResult }) {
  const rows = Object.entries(result.nodes);
  return (
    <div className="mw-table-wrap">
      <table className="mw-table" data-testid="simulation.nodes">
        <thead>
          <tr>
            <th>Node</th>
            <th>Arrivals</th>
            <th>Failed</th>
            <th>Utilization</th>
            <th>Mean queue</th>
            <th>Max queue</th>
            <th>p99</th>
            <th>Replicas min/max/final</th>
            <th>Backlog max/final</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([id, n]) => (
            <tr key={id} data-testid={`simulation.node.${id}`}>
              <th>{id}</th>
              <td>{formatCount(n.arrivals)}</td>
              <td className={n.failed > 0 ? 'mw-danger' : undefined}>{formatCount(n.failed)}</td>
              <td>
                <span className="mw-util">
                  <span
                    className={`mw-util-bar${n.utilization >= 0.9 ? ' is-hot' : n.utilization >= 0.7 ? ' is-warm' : ''}`}
                    style={{ width: `${Math.min(1, n.utilization) * 100}%` }}
                  />
                </span>
                {formatPct(n.utilization)}
              </td>
              <td>{n.meanQueue.toFixed(2)}</td>
              <td>{formatCount(n.maxQueue)}</td>
              <td>{formatMs(n.latency.p99)}</td>
              <td>
                {n.replicas.min}/{n.replicas.max}/{n.replicas.final}
              </td>
              <td>
                {formatCount(n.backlog.max)}/{formatCount(n.backlog.final)}
                {n.dlq > 0 && <span className="mw-danger"> · DLQ {formatCount(n.dlq)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SagaTable({ result }: { result: SimulationResult }) {
  return (
    <table className="mw-table" data-testid="simulation.sagas">
      <thead>
        <tr>
          <th>Saga</th>
          <th>Started</th>
          <th>Completed</th>
          <th>Compensated</th>
          <th>Failed</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(result.sagas).map(([id, s]) => (
          <tr key={id} data-testid={`simulation.saga.${id}`}>
            <th>{id}</th>
            <td>{formatCount(s.started)}</td>
            <td>{formatCount(s.completed)}</td>
            <td className={s.compensated > 0 ? 'mw-warn-text' : undefined}>{formatCount(s.compensated)}</td>
            <td className={s.failed > 0 ? 'mw-danger' : undefined}>{formatCount(s.failed)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
