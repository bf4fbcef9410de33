// The sampled traces of a run: pick one; its spans as a tree of bars placed by start and end.
import { useMemo, useState } from 'react';
import type { Trace } from '../../engine/index';
import { formatMs } from './format';
import { waterfall } from './waterfall';

export function TraceWaterfall({ traces }: { traces: Trace[] }) {
  const falls = useMemo(() => traces.map(waterfall), [traces]);
  // Show a failing trace first when there is one: it is the interesting one.
  const firstFailing = Math.max(
    0,
    falls.findIndex((w) => w.status !== 'ok'),
  );
  const [picked, setPicked] = useState<number | null>(null);
  const index = picked !== null && picked < falls.length ? picked : firstFailing;
  const w = falls[index];
  if (!w) return <p className="mw-muted">No traces were sampled.</p>;
  return (
    <div className="mw-waterfall" data-testid="simulation.waterfall">
      <label className="mw-inline">
        Trace{' '}
        <select value={index} onChange={(e) => setPicked(Number(e.target.value))} data-testid="simulation.trace">
          {falls.map((f, i) => (
            <option key={f.traceId} value={i}>
              {f.traceId} · {formatMs(f.total)} · {f.status} · {f.rows.length} spans
            </option>
          ))}
        </select>
      </label>
      <div className="mw-waterfall-rows">
        {w.rows.map((r) => (
          <div key={r.span.spanId} className="mw-waterfall-row" data-testid="simulation.span">
            <span className="mw-waterfall-name" style={{ paddingLeft: `${r.depth * 12}px` }} title={r.span.node}>
              {r.span.node}
            </span>
            <span className="mw-waterfall-track">
              <span
                className={`mw-waterfall-bar${r.span.status === 'ok' ? '' : ' is-failed'}`}
                style={{
                  left: `${w.total > 0 ? (r.offset / w.total) * 100 : 0}%`,
                  width: `max(2px, ${w.total > 0 ? (r.length / w.total) * 100 : 100}%)`,
                }}
                title={`${r.span.node}: ${formatMs(r.offset)} → ${formatMs(r.offset + r.length)} (${r.span.status})`}
              />
            </span>
            <span className="mw-waterfall-time">
              {formatMs(r.length)}
              {r.span.status !== 'ok' && <em> {r.span.status}</em>}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}
