// The Capacity tab: a load sweep of the design (simulation.md "Sweeps and replications") run in
// several engine workers at once, with progress and Cancel; then the knee in words, p99 and the
// error rate against the traffic multiplier with their 95 % intervals and the objectives, and a
// table of every multiplier with its busiest node. The same document as `meshwright sweep`.
import { useEffect, useMemo, useState } from 'react';
import { SWEEP_DEFAULTS, type Design, type SweepOptions, type SweepResult } from '../../engine/index';
import { kneeText, sweepSeries, targetLines } from '../results/capacity';
import { formatCount, formatMs, formatPct, formatRate } from '../results/format';
import { useCapacity, useResultsStoreApi } from '../results/ResultsStoreContext';
import { SweepChart } from '../results/SweepChart';
import { useEditor, useModel, useProblems } from '../store/useEditor';
import { whyNotRunnable } from './SimulationPanel';
import '../results/results.css';

interface Form {
  scenario: string | null;
  from: number;
  to: number;
  steps: number;
  replications: number;
  seed: number;
  durationS: number;
}

function defaultsFor(model: Design | null, scenario: string | null): Form {
  const sc = scenario && model ? model.scenarios[scenario] : undefined;
  return {
    scenario: sc ? scenario : null,
    from: SWEEP_DEFAULTS.traffic[0],
    to: SWEEP_DEFAULTS.traffic[1],
    steps: SWEEP_DEFAULTS.steps,
    replications: SWEEP_DEFAULTS.replications,
    seed: sc?.seed ?? 1,
    durationS: sc ? sc.duration / 1000 : 60,
  };
}

function toOptions(f: Form): SweepOptions {
  return {
    ...(f.scenario !== null ? { scenario: f.scenario } : {}),
    traffic: [f.from, f.to],
    steps: f.steps,
    replications: f.replications,
    seed: f.seed,
    duration: Math.round(f.durationS * 1000),
  };
}

const selectStale = (s: { stale: boolean }) => s.stale;

export function CapacityPanel() {
  const store = useResultsStoreApi();
  const model = useModel();
  const problems = useProblems();
  const stale = useEditor(selectStale);
  const cap = useCapacity();
  const [form, setForm] = useState<Form>(() => defaultsFor(model, null));
  const scenarios = model ? Object.keys(model.scenarios) : [];
  useEffect(() => {
    if (form.scenario !== null && model && !model.scenarios[form.scenario]) setForm(defaultsFor(model, null));
  }, [model, form.scenario]);
  const blocked = whyNotRunnable(model, problems.length, stale);
  const running = cap.status === 'running';
  const num = (k: keyof Form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.valueAsNumber });
  const numbersOk =
    [form.from, form.to, form.steps, form.replications, form.seed, form.durationS].every(Number.isFinite) && form.durationS > 0;
  const runs = numbersOk ? form.steps * form.replications : 0;
  const start = () => {
    if (model && !blocked && numbersOk) void store.getState().runSweep(model, toOptions(form));
  };
  const p = cap.progress;

  return (
    <div className="mw-sim" data-testid="capacity.panel">
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
            data-testid="capacity.scenario"
            value={form.scenario ?? ''}
            disabled={running}
            onChange={(e) => setForm(defaultsFor(model, e.target.value || null))}
          >
            <option value="">none (nominal traffic)</option>
            {scenarios.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <div className="mw-sim-row">
          <label>
            Traffic from ×
            <input
              data-testid="capacity.from"
              type="number"
              min={0}
              step="any"
              value={form.from}
              disabled={running}
              onChange={num('from')}
            />
          </label>
          <label>
            to ×
            <input data-testid="capacity.to" type="number" min={0} step="any" value={form.to} disabled={running} onChange={num('to')} />
          </label>
        </div>
        <div className="mw-sim-row">
          <label>
            Steps
            <input
              data-testid="capacity.steps"
              type="number"
              min={1}
              step={1}
              value={form.steps}
              disabled={running}
              onChange={num('steps')}
            />
          </label>
          <label>
            Replications
            <input
              data-testid="capacity.replications"
              type="number"
              min={1}
              step={1}
              value={form.replications}
              disabled={running}
              onChange={num('replications')}
            />
          </label>
        </div>
        <div className="mw-sim-row">
          <label>
            Seed
            <input data-testid="capacity.seed" type="number" step={1} value={form.seed} disabled={running} onChange={num('seed')} />
          </label>
          <label>
            Duration (s)
            <input
              data-testid="capacity.duration"
              type="number"
              min={1}
              step="any"
              value={form.durationS}
              disabled={running}
              onChange={num('durationS')}
            />
          </label>
        </div>
        {running ? (
          <button
            key="cancel"
            type="button"
            className="mw-button mw-primary"
            data-testid="capacity.cancel"
            onClick={() => store.getState().cancelSweep()}
          >
            ■ Cancel
          </button>
        ) : (
          <button key="run" type="submit" className="mw-button mw-primary" data-testid="capacity.run" disabled={!!blocked || !numbersOk}>
            ▶ Run sweep{runs > 0 ? ` (${formatCount(runs)} runs)` : ''}
          </button>
        )}
        {blocked && !running && <p className="mw-sim-why">{blocked}</p>}
        {!numbersOk && <p className="mw-sim-why">Every field needs a number (the duration above 0).</p>}
        {running && p && (
          <div className="mw-progress-box">
            <progress
              data-testid="capacity.progress"
              max={1}
              value={p.total > 0 ? p.done / p.total : 0}
              aria-label="sweep runs done"
              aria-valuetext={`${p.done} of ${p.total} runs`}
            />
            <span className="mw-muted">
              {formatCount(p.done)} / {formatCount(p.total)} runs · {p.workers} worker{p.workers === 1 ? '' : 's'}
            </span>
          </div>
        )}
        {cap.status === 'cancelled' && (
          <p className="mw-muted" data-testid="capacity.cancelled">
            Sweep cancelled{cap.result ? ': the results are from the previous sweep.' : '.'}
          </p>
        )}
        {cap.status === 'failed' && (
          <p className="mw-warning" data-testid="capacity.error">
            {cap.error}
          </p>
        )}
      </form>
      <div className="mw-sim-results">
        {cap.result ? (
          <SweepView result={cap.result} />
        ) : (
          <p className="mw-muted mw-sim-empty">
            Run a sweep to see how p99 and the error rate grow with traffic, with 95 % intervals over the replications, the objectives, the
            knee (the most traffic at which every objective holds) and the busiest node at each step.
          </p>
        )}
      </div>
    </div>
  );
}

const ci = (v: { mean: number; ci: [number, number] }, f: (x: number) => string) =>
  v.ci[0] === v.ci[1] ? f(v.mean) : `${f(v.mean)} [${f(v.ci[0])}–${f(v.ci[1])}]`;

function SweepView({ result }: { result: SweepResult }) {
  const knee = kneeText(result);
  const p99 = useMemo(() => sweepSeries(result, 'p99'), [result]);
  const errors = useMemo(() => sweepSeries(result, 'errorRate'), [result]);
  const p99Targets = useMemo(() => targetLines(result, 'p99'), [result]);
  const errorTargets = useMemo(() => targetLines(result, 'errorRate'), [result]);
  const kneeAt = result.knee?.traffic ?? null;
  return (
    <div data-testid="capacity.results">
      <h3 className="mw-sim-title" data-testid="capacity.label">
        {result.scenario ?? 'nominal'} · seed {result.seed} · {result.points.length} multipliers × {result.replications} replications ·{' '}
        {formatCount(result.stats.runs)} runs in {formatMs(result.stats.wallMs)}
      </h3>
      <p className={`mw-capacity-knee is-${knee.tone}`} data-testid="capacity.knee" data-tone={knee.tone}>
        {knee.text}
        <small>Means over the replications with 95 % Student-t intervals (shaded); dashed lines are the objectives.</small>
      </p>
      <div className="mw-charts">
        <SweepChart
          title="Latency p99 against traffic"
          data={p99}
          label="p99"
          unit="ms"
          color="#e8590c"
          targets={p99Targets}
          knee={kneeAt}
          testId="capacity.chart.p99"
        />
        <SweepChart
          title="Error rate against traffic"
          data={errors}
          label="error rate"
          unit="%"
          color="#d42a2a"
          targets={errorTargets}
          knee={kneeAt}
          testId="capacity.chart.errorRate"
        />
      </div>
      <section className="mw-sim-section">
        <h4>Every multiplier</h4>
        <div className="mw-table-wrap">
          <table className="mw-table" data-testid="capacity.points">
            <thead>
              <tr>
                <th>Traffic</th>
                <th>Throughput (ok)</th>
                <th>Error rate</th>
                <th>p50</th>
                <th>p99</th>
                <th>Objectives met</th>
                <th>Busiest node</th>
              </tr>
            </thead>
            <tbody>
              {result.points.map((pt) => {
                const all = pt.slos.filter((s) => s.met === 1).length;
                return (
                  <tr
                    key={pt.traffic}
                    className={pt.traffic === kneeAt ? 'is-knee' : undefined}
                    data-testid={`capacity.point.${pt.traffic}`}
                  >
                    <th>
                      ×{pt.traffic}
                      {pt.traffic === kneeAt ? ' (knee)' : ''}
                    </th>
                    <td>{ci(pt.throughput, formatRate)}</td>
                    <td className={pt.errorRate.mean >= 0.01 ? 'mw-danger' : undefined}>{ci(pt.errorRate, formatPct)}</td>
                    <td>{ci(pt.p50, formatMs)}</td>
                    <td>{ci(pt.p99, formatMs)}</td>
                    <td
                      className={pt.slos.length > 0 && all < pt.slos.length ? 'mw-danger' : undefined}
                      title={pt.slos
                        .map((s) => `${s.client} #${s.request + 1} ${s.objective}: met in ${formatPct(s.met)} of replications`)
                        .join('\n')}
                    >
                      {pt.slos.length > 0 ? `${all} of ${pt.slos.length}` : '–'}
                    </td>
                    <td data-testid="capacity.busiest">
                      {pt.busiest ? (
                        <>
                          {pt.busiest.node}{' '}
                          <span className={pt.busiest.utilization >= 0.9 ? 'mw-danger' : 'mw-muted'}>
                            {formatPct(pt.busiest.utilization)}
                          </span>
                        </>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
