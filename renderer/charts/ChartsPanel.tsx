// The State chart tab: the machine of the selection (a call's breaker, a saga's orchestration,
// a gateway's rate limiter, a node's autoscaler) drawn from the engine's own definition, and
// after a simulation a time scrubber that replays what the run recorded, the current state
// highlighted. Arrow keys step the scrubber, Page Up/Down jump between changes, Home/End to the
// ends. The drawing zooms and pans (ChartViewport.tsx). Layouts are cached per chart key
// (layoutCache.ts).
import { useEffect, useMemo, useState } from 'react';
import { changeAt, changeTimes, chartOf, stateAt, type ChartLayout, type StateChart } from '../../engine/index';
import { useResult } from '../results/ResultsStoreContext';
import { formatMs } from '../results/format';
import { useModel, useSelection } from '../store/useEditor';
import { chartNav, useChartNav } from './chartNav';
import { ChartViewport } from './ChartViewport';
import { layoutChart } from './layoutCache';
import { countsAt, replayOf, targetOfSelection, targetsOf, type Replay } from './replayModel';
import { StateChartSvg } from './StateChartSvg';
import './charts.css';

function useLayout(chart: StateChart | null): { layout: ChartLayout | null; error: string | null } {
  const [state, setState] = useState<{ key: string; layout: ChartLayout | null; error: string | null }>({
    key: '',
    layout: null,
    error: null,
  });
  useEffect(() => {
    if (!chart) return;
    let live = true;
    layoutChart(chart).then(
      (layout) => live && setState({ key: chart.key, layout, error: null }),
      (e: unknown) => live && setState({ key: chart.key, layout: null, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [chart]);
  return chart && state.key === chart.key ? state : { layout: null, error: null };
}

export function ChartsPanel() {
  const model = useModel();
  const selection = useSelection();
  const result = useResult();
  const opened = useChartNav((s) => s.opened);
  const targets = useMemo(() => targetsOf(model), [model]);
  const fromSelection = targetOfSelection(targets, selection);
  const [picked, setPicked] = useState<string | null>(null);
  const [time, setTime] = useState<number | null>(null);
  const [instance, setInstance] = useState<number | null>(null);

  // The selection on the canvas picks the chart; a click in the breaker timeline picks it too.
  useEffect(() => {
    if (fromSelection) {
      setPicked(fromSelection);
      setInstance(null);
      setTime(null); // another machine: replay from its own end
    }
  }, [fromSelection]);
  useEffect(() => {
    if (opened === 0) return;
    const nav = chartNav.getState();
    setPicked(nav.target);
    setTime(nav.time);
    setInstance(nav.instance);
  }, [opened]);

  const current = targets.find((t) => t.id === picked) ?? targets.find((t) => t.id === fromSelection) ?? targets[0] ?? null;
  const paramsKey = current ? JSON.stringify(current.target) : '';
  // The chart follows the target's parameters, not its identity (a new model object each edit).
  const chart = useMemo(() => (current ? chartOf(current.target) : null), [paramsKey]);
  const { layout, error } = useLayout(chart);
  const replay = useMemo(() => (current ? replayOf(current.target, result) : null), [current, result]);

  if (!model) return <p className="mw-muted">The design has problems; fix them to see its state charts.</p>;
  if (!current || !chart)
    return (
      <p className="mw-muted" data-testid="chart.none">
        This design runs no state machines: add a breaker to a call, a saga, a gateway rate limit or an autoscaler.
      </p>
    );
  return (
    <div className="mw-statechart" data-testid="chart.panel" data-kind={current.target.kind}>
      <div className="mw-statechart-bar">
        <label>
          <span className="mw-muted">Machine</span>{' '}
          <select
            data-testid="chart.target"
            value={current.id}
            onChange={(e) => {
              setPicked(e.target.value);
              setInstance(null);
              setTime(null); // another machine: replay from its own end
            }}
          >
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <span className="mw-statechart-title" data-testid="chart.title">
          {chart.title}
        </span>
        {!fromSelection && picked === null && (
          <span className="mw-muted">Select a call with a breaker, a saga, a gateway or an autoscaled node on the canvas.</span>
        )}
      </div>
      <div className="mw-statechart-body">
        {error ? (
          <p className="mw-error">Could not lay out the chart: {error}</p>
        ) : layout ? (
          <ReplayedChart
            key={current.id}
            chart={chart}
            layout={layout}
            replay={replay}
            duration={result?.duration ?? 0}
            time={time}
            setTime={setTime}
            instance={instance}
            setInstance={setInstance}
          />
        ) : (
          <p className="mw-muted">Laying out…</p>
        )}
      </div>
    </div>
  );
}

interface ReplayProps {
  chart: StateChart;
  layout: ChartLayout;
  replay: Replay | null;
  duration: number;
  time: number | null;
  setTime: (t: number | null) => void;
  instance: number | null;
  setInstance: (i: number | null) => void;
}

function ReplayedChart({ chart, layout, replay, duration, time, setTime, instance, setInstance }: ReplayProps) {
  const initialKey = chart.nodes.find((n) => n.initial && n.parent === null)?.key ?? '';
  const isSaga = chart.machine === 'saga';
  const instances = replay?.instances ?? [];
  // Sagas: a run of interest first (one that compensated or failed), else the first.
  const defaultInstance = isSaga
    ? (replay?.instances.find((i) => i.label.endsWith('compensated') || i.label.endsWith('failed')) ?? instances[0])?.id
    : instances[0]?.id;
  const inst = instances.find((i) => i.id === instance) ?? instances.find((i) => i.id === defaultInstance) ?? null;
  // The scrubber covers the run, or for a saga the followed run's life.
  const lo = isSaga && inst ? Math.max(0, (inst.rec.changes[0]?.at ?? 0) - 1) : 0;
  const hi = isSaga && inst ? Math.max(lo + 1, inst.rec.changes.at(-1)?.at ?? duration) : duration;
  const stops = useMemo(
    () => (replay ? changeTimes(isSaga && inst ? [inst.rec] : replay.instances.map((i) => i.rec)) : []),
    [replay, inst, isSaga],
  );
  const t = Math.min(hi, Math.max(lo, time ?? (isSaga ? hi : hi)));
  if (!replay)
    return (
      <ChartViewport
        size={layout}
        active={null}
        header={
          <p className="mw-muted mw-statechart-note" data-testid="chart.idle">
            Run a simulation (Simulation tab) to replay this machine: the scrubber then shows its state at any time of the run.
          </p>
        }
      >
        {(scale) => <StateChartSvg chart={chart} layout={layout} highlight={null} scale={scale} />}
      </ChartViewport>
    );
  const state = inst ? stateAt(inst.rec, t) : initialKey;
  const change = inst ? changeAt(inst.rec, t) : null;
  const counts = isSaga ? null : countsAt(replay, t, initialKey);
  const total = instances.length + replay.unchanged;
  const label = (key: string) => chart.nodes.find((n) => n.key === key)?.label ?? key;
  const step = Math.max(isSaga ? 0.001 : 100, niceStep((hi - lo) / 200));
  const jump = (dir: 1 | -1) => {
    const next = dir > 0 ? stops.find((s) => s > t) : [...stops].reverse().find((s) => s < t);
    if (next !== undefined) setTime(next);
  };
  return (
    <>
      <div className="mw-statechart-replay" data-testid="chart.replay">
        {instances.length > 0 && (
          <label>
            <span className="mw-muted">{isSaga ? 'Saga run' : 'Follow'}</span>{' '}
            <select data-testid="chart.instance" value={inst?.id ?? ''} onChange={(e) => setInstance(Number(e.target.value))}>
              {instances.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          className="mw-button"
          data-testid="chart.prev"
          onClick={() => jump(-1)}
          disabled={!stops.some((s) => s < t)}
          title="Previous change (Page Up)"
        >
          ◀ change
        </button>
        <span className="mw-statechart-track">
          <input
            type="range"
            className="mw-statechart-scrubber"
            data-testid="chart.scrubber"
            aria-label="Replay time"
            aria-valuetext={`${formatMs(t)}: ${label(state)}`}
            min={lo}
            max={hi}
            // "any": a change's exact time (Page Down) is not snapped to the arrow keys' step.
            step="any"
            value={t}
            onChange={(e) => setTime(Number(e.target.value))}
            onKeyDown={(e) => {
              if (e.key === 'PageUp' || e.key === 'PageDown') {
                e.preventDefault();
                jump(e.key === 'PageDown' ? 1 : -1);
              } else if (e.key === 'ArrowRight' || e.key === 'ArrowUp' || e.key === 'ArrowLeft' || e.key === 'ArrowDown') {
                e.preventDefault();
                const dir = e.key === 'ArrowRight' || e.key === 'ArrowUp' ? 1 : -1;
                setTime(Math.min(hi, Math.max(lo, (Math.round(t / step) + dir) * step)));
              }
            }}
          />
          <span className="mw-statechart-ticks" aria-hidden>
            {stops.slice(0, 400).map((s) => (
              <i key={s} style={{ left: `${((s - lo) / Math.max(1, hi - lo)) * 100}%` }} />
            ))}
          </span>
        </span>
        <button
          type="button"
          className="mw-button"
          data-testid="chart.next"
          onClick={() => jump(1)}
          disabled={!stops.some((s) => s > t)}
          title="Next change (Page Down)"
        >
          change ▶
        </button>
        <span className="mw-statechart-time" data-testid="chart.time">
          {timeLabel(t)}
        </span>
      </div>
      <ChartViewport
        size={layout}
        active={state}
        header={
          <p className="mw-statechart-status" data-testid="chart.status">
            {inst ? (
              <>
                <strong>{inst.label}</strong>: <span data-testid="chart.current">{label(state)}</span>
                {change ? ` since ${formatMs(change.at)} (from ${label(change.from)})` : ' from the start'}
              </>
            ) : (
              <span data-testid="chart.current">{label(state)}</span>
            )}
            {replay.note && <span className="mw-muted"> · {replay.note}</span>}
            {!isSaga && replay.unchanged > 0 && <span className="mw-muted"> · {replay.unchanged} more never changed</span>}
          </p>
        }
      >
        {(scale) => <StateChartSvg chart={chart} layout={layout} highlight={{ state, change, counts, total }} scale={scale} />}
      </ChartViewport>
    </>
  );
}

const timeLabel = (t: number) => (t === 0 ? '0 s' : formatMs(t));

function niceStep(x: number): number {
  if (x <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  const m = x / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}
