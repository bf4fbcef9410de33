// Breaker state timelines: a row per caller replica with coloured closed/open/half_open segments
// over the run's time axis.
import { useMemo } from 'react';
import type { SimulationResult } from '../../engine/index';
import { breakerTimelines } from './breakerTimeline';
import { formatMs } from './format';
import { openChart } from '../charts/chartNav';

/** A tick label: whole seconds when they fit ("30 s"), else the duration as formatted. */
export function axisLabel(ms: number): string {
  return ms === 0 ? '0 s' : ms >= 1000 && ms % 1000 === 0 && ms < 600_000 ? `${ms / 1000} s` : formatMs(ms);
}

const STATE_LABEL = { closed: 'closed', open: 'open', half_open: 'half-open' } as const;

export function BreakerTimelines({ result }: { result: SimulationResult }) {
  const timelines = useMemo(() => breakerTimelines(result.calls, result.duration), [result]);
  const withBreaker = Object.values(result.calls).length;
  if (timelines.length === 0)
    return (
      <p className="mw-muted" data-testid="simulation.breakers.none">
        No breaker changed state in this run ({withBreaker} calls).
      </p>
    );
  const d = result.duration;
  return (
    <div className="mw-breakers" data-testid="simulation.breakers">
      <div className="mw-legend">
        {(['closed', 'open', 'half_open'] as const).map((s) => (
          <span key={s}>
            <i className={`mw-swatch is-${s}`} /> {STATE_LABEL[s]}
          </span>
        ))}
      </div>
      {timelines.map((t) => (
        <div key={t.call} className="mw-breaker" data-testid={`simulation.breaker.${t.call}`}>
          <div className="mw-breaker-call">{t.call.replace('->', ' → ')}</div>
          {t.rows.map((row) => (
            <div key={row.replica} className="mw-breaker-row" data-testid="simulation.breaker.row">
              <span className="mw-breaker-replica">
                replica {row.replica} <small>opened ×{row.opened}</small>
              </span>
              <span className="mw-breaker-track">
                {row.segments.map((s, i) => (
                  <span
                    key={i}
                    className={`mw-seg is-${s.state}`}
                    data-state={s.state}
                    style={{ left: `${(s.start / d) * 100}%`, width: `${((s.end - s.start) / d) * 100}%` }}
                    title={`${STATE_LABEL[s.state]} ${formatMs(s.start)} – ${formatMs(s.end)} (click: the state chart at ${formatMs(s.start)})`}
                    role="button"
                    tabIndex={0}
                    onClick={() => openChart(`breaker:${t.call}`, s.start, row.replica)}
                    onKeyDown={(e) => e.key === 'Enter' && openChart(`breaker:${t.call}`, s.start, row.replica)}
                  />
                ))}
              </span>
            </div>
          ))}
        </div>
      ))}
      <div className="mw-breaker-row mw-axis">
        <span className="mw-breaker-replica" />
        <span className="mw-breaker-track">
          {[0, 0.25, 0.5, 0.75, 1].map((f) => (
            <span key={f} className="mw-tick" style={{ left: `${f * 100}%` }}>
              {axisLabel(f * d)}
            </span>
          ))}
        </span>
      </div>
    </div>
  );
}
