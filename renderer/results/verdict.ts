// The verdict of a run in words, the first thing the Simulation panel shows: each objective met or
// missed with its value and target, the first node to saturate, and what failed, when and why,
// read from the result and the faults of its scenario. Pure: the panel only renders it.
import type { Design, SimulationResult } from '../../engine/index';
import { CAUSE_LABELS, errorRate, formatAt, formatCount, formatMs, formatPct, formatWindow } from './format';
import { faultWindows, type FaultWindow } from './faults';

export type VerdictTone = 'ok' | 'warn' | 'bad' | 'info';

export interface VerdictLine {
  /** Stable per kind of line, for tests and keys: "slo.web.0.p99", "saturation", "fault.0", ... */
  id: string;
  tone: VerdictTone;
  text: string;
}

export interface Verdict {
  /** One line: objectives missed or met, or without objectives the error rate. */
  headline: VerdictLine;
  slos: VerdictLine[];
  saturation: VerdictLine | null;
  /** Faults, windows of failed requests, breakers, failing calls, DLQs, growing backlogs. */
  failures: VerdictLine[];
  scaling: VerdictLine[];
}

/** Utilization from which a node counts as saturated (as the sweep's knee does). */
export const SATURATED = 0.9;
/** A series interval whose failed share reaches this belongs to a window of failures. */
const FAILING_SHARE = 0.05;
/** A call that fails at least this share of its calls is named. */
const CALL_FAILING = 0.01;

const pl = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

function requestLabel(r: SimulationResult, client: string, index: number): string {
  const entries = r.clients[client]?.requests ?? [];
  const e = entries[index];
  if (!e || entries.length <= 1) return client;
  return `${client} → ${e.route ?? e.op ?? e.to}`;
}

function sloValue(objective: string, v: number): string {
  return objective === 'errorRate' ? formatPct(v) : formatMs(v);
}

/** Missed objectives first, each group in the design's order. */
function sloLines(r: SimulationResult): VerdictLine[] {
  const slos = [...r.slos.filter((s) => !s.met), ...r.slos.filter((s) => s.met)];
  return slos.map((s) => {
    const name = `${requestLabel(r, s.client, s.request)} ${s.objective === 'errorRate' ? 'error rate' : s.objective}`;
    const target = sloValue(s.objective, s.target);
    const text =
      s.value === null
        ? `${name}: missed — no request finished (target ${target})`
        : `${name} ${sloValue(s.objective, s.value)}: ${s.met ? 'met' : 'missed'} (target ${target})`;
    return { id: `slo.${s.client}.${s.request}.${s.objective}`, tone: s.met ? 'ok' : 'bad', text };
  });
}

function saturationLine(r: SimulationResult): VerdictLine | null {
  const interval = r.series.interval;
  let first: { id: string; index: number; peak: number } | null = null;
  let saturated = 0;
  let busiest: { id: string; peak: number; mean: number } | null = null;
  for (const [id, n] of Object.entries(r.nodes)) {
    if (r.clients[id] || !n.series) continue;
    const u = n.series.utilization;
    const peak = u.reduce((a, b) => Math.max(a, b), 0);
    if (!busiest || peak > busiest.peak) busiest = { id, peak, mean: n.utilization };
    const index = u.findIndex((v) => v >= SATURATED);
    if (index < 0) continue;
    saturated++;
    if (!first || index < first.index) first = { id, index, peak };
  }
  if (first) {
    const others = saturated > 1 ? `; ${pl(saturated - 1, 'other node')} too` : '';
    return {
      id: 'saturation',
      tone: 'bad',
      text: `${first.id} saturated first: utilization reached ${formatPct(SATURATED)} at ${formatAt(first.index * interval, r.duration)} (peak ${formatPct(first.peak)})${others}`,
    };
  }
  if (!busiest) return null;
  return {
    id: 'saturation',
    tone: busiest.peak >= 0.7 ? 'warn' : 'ok',
    text: `No node saturated: the busiest, ${busiest.id}, peaked at ${formatPct(busiest.peak)} utilization (mean ${formatPct(busiest.mean)})`,
  };
}

/** Windows of the series where a noticeable share of client requests failed (gaps of 2 intervals merged). */
function failureWindows(r: SimulationResult): { start: number; end: number; failed: number; total: number; peak: number }[] {
  const out: { start: number; end: number; failed: number; total: number; peak: number }[] = [];
  const interval = r.series.interval;
  let lastBad = -Infinity;
  r.series.points.forEach((p, i) => {
    const total = p.ok + p.failed;
    const share = total > 0 ? p.failed / total : 0;
    if (p.failed === 0 || share < FAILING_SHARE) return;
    const cur = out.at(-1);
    if (cur && i - lastBad <= 3) {
      cur.end = p.t + interval;
      cur.peak = Math.max(cur.peak, share);
    } else out.push({ start: p.t, end: p.t + interval, failed: 0, total: 0, peak: share });
    lastBad = i;
  });
  // Count every interval inside a window, the good ones between bad ones too.
  for (const w of out)
    for (const p of r.series.points)
      if (p.t >= w.start && p.t < w.end) {
        w.failed += p.failed;
        w.total += p.ok + p.failed;
      }
  return out.map((w) => ({ ...w, end: Math.min(w.end, r.duration) }));
}

function topCauses(byCause: Partial<Record<keyof typeof CAUSE_LABELS, number>>, n = 2): string {
  return Object.entries(byCause)
    .filter(([, c]) => (c ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .slice(0, n)
    .map(([cause, c]) => `${CAUSE_LABELS[cause as keyof typeof CAUSE_LABELS]} ${formatCount(c ?? 0)}`)
    .join(', ');
}

/** The fault that explains something starting at `at`: the one acting then (or ended within 2 s). */
function faultAt(faults: FaultWindow[], at: number): FaultWindow | null {
  return faults.find((f) => f.start <= at + 1000 && at <= f.end + 2000) ?? null;
}

function breakerLines(r: SimulationResult, faults: FaultWindow[]): VerdictLine[] {
  const out: VerdictLine[] = [];
  for (const [call, c] of Object.entries(r.calls)) {
    const ts = c.breaker.transitions;
    const firstOpen = ts.find((t) => t.to === 'open');
    if (!firstOpen) continue;
    const finalState = new Map<number, string>();
    for (const t of ts) finalState.set(t.replica, t.to);
    const stillOpen = [...finalState.values()].some((s) => s !== 'closed');
    const name = call.replace('->', ' → ');
    const fault = faultAt(faults, firstOpen.at);
    const why = fault ? ` during the ${fault.target} fault (${fault.what})` : '';
    let text: string;
    if (stillOpen) {
      text = `${name} breakers opened at ${formatAt(firstOpen.at, r.duration)}${why} and were still not closed at the end`;
    } else {
      const closed = ts.at(-1)!.at;
      const after = fault && closed > fault.end + 1000 ? ` (${formatAt(closed - fault.end, r.duration)} after the fault ended)` : '';
      text = `${name} breakers opened at ${formatAt(firstOpen.at, r.duration)}${why} and stayed open until ${formatAt(closed, r.duration)}${after}`;
    }
    out.push({ id: `breaker.${call}`, tone: 'bad', text });
  }
  return out;
}

function failureLines(r: SimulationResult, faults: FaultWindow[]): VerdictLine[] {
  const out: VerdictLine[] = [];
  faults.forEach((f, i) => out.push({ id: `fault.${i}`, tone: 'info', text: `${f.label} (fault)` }));

  const windows = failureWindows(r);
  const causes = topCauses(r.requests.byCause);
  for (const [i, w] of windows.slice(0, 3).entries()) {
    const fault = faultAt(faults, w.start);
    const why = fault
      ? `, during the ${fault.target} fault (${fault.what})${w.end > fault.end + 2000 ? ` and ${formatAt(w.end - fault.end, r.duration)} past its end` : ''}`
      : faults.length === 0
        ? ', with no fault acting (overload or the design’s own errors)'
        : '';
    out.push({
      id: `failing.${i}`,
      tone: 'bad',
      text: `Requests failed ${formatWindow(w.start, w.end, r.duration)}: ${formatCount(w.failed)} of ${formatCount(w.total)} (up to ${formatPct(w.peak)} per ${r.series.interval === 1000 ? 'second' : formatMs(r.series.interval)})${why}`,
    });
  }
  if (r.requests.failed > 0) {
    const share = errorRate(r);
    out.push({
      id: 'failed',
      tone: share >= 0.01 ? 'bad' : 'warn',
      text: `${pl(r.requests.failed, 'request')} failed in all (${formatPct(share)}): ${causes}${windows.length === 0 ? ', spread over the run' : ''}`,
    });
  }

  out.push(...breakerLines(r, faults));

  // Who turned requests away, by the callee that refused them.
  const refused = new Map<string, { rateLimited: number; rejected: number; noReplica: number }>();
  for (const [call, c] of Object.entries(r.calls)) {
    const to = call.split('->')[1]!;
    const n = refused.get(to) ?? { rateLimited: 0, rejected: 0, noReplica: 0 };
    n.rateLimited += c.byCause.rateLimited ?? 0;
    n.rejected += c.byCause.rejected ?? 0;
    n.noReplica += c.byCause.noReplica ?? 0;
    refused.set(to, n);
  }
  for (const [node, n] of refused) {
    const parts = [
      n.rateLimited > 0 ? `rate limited ${pl(n.rateLimited, 'try', 'tries')} (429)` : '',
      n.rejected > 0 ? `rejected ${pl(n.rejected, 'try', 'tries')} with a full queue (503)` : '',
      n.noReplica > 0 ? `had no replica for ${pl(n.noReplica, 'try', 'tries')}` : '',
    ].filter(Boolean);
    if (parts.length) out.push({ id: `refused.${node}`, tone: 'bad', text: `${node} ${parts.join(', ')}` });
  }

  // A client's own calls are its requests, counted above.
  const calls = Object.entries(r.calls)
    .filter(([call]) => !r.clients[call.split('->')[0]!])
    .map(([call, c]) => ({ call, c, share: c.ok + c.failed > 0 ? c.failed / (c.ok + c.failed) : 0 }))
    .filter((x) => x.share >= CALL_FAILING)
    .sort((a, b) => b.c.failed - a.c.failed)
    .slice(0, 3);
  for (const { call, c, share } of calls)
    out.push({
      id: `call.${call}`,
      tone: share >= 0.05 ? 'bad' : 'warn',
      text: `${call.replace('->', ' → ')} failed ${formatPct(share)} of its calls (${topCauses(c.byCause, 3)})`,
    });

  for (const [id, n] of Object.entries(r.nodes)) {
    if (n.dlq > 0) out.push({ id: `dlq.${id}`, tone: 'warn', text: `${id} sent ${pl(n.dlq, 'message')} to its dead-letter queue` });
    if (n.backlog.max >= 100 && n.backlog.final >= n.backlog.max / 2)
      out.push({
        id: `backlog.${id}`,
        tone: 'warn',
        text: `${id} backlog grew to ${formatCount(n.backlog.max)} (${formatCount(n.backlog.final)} still waiting at the end)`,
      });
  }
  if (r.stats.stopped)
    out.push({
      id: 'stopped',
      tone: 'bad',
      text: `The run stopped early: the ${r.stats.stopped} guard rail was hit (${pl(r.stats.capped, 'request')} turned away)`,
    });
  return out;
}

function scalingLines(r: SimulationResult): VerdictLine[] {
  const out: VerdictLine[] = [];
  for (const [id, n] of Object.entries(r.nodes)) {
    if (!n.scale?.length) continue;
    const steps = n.scale.slice(0, 4).map((s) => `${s.from} → ${s.to} at ${formatAt(s.at, r.duration)}`);
    const more = n.scale.length > 4 ? ` and ${pl(n.scale.length - 4, 'more change')}` : '';
    out.push({ id: `scale.${id}`, tone: 'info', text: `${id} autoscaled ${steps.join(', ')}${more}` });
  }
  return out;
}

function headline(r: SimulationResult, slos: VerdictLine[], saturation: VerdictLine | null): VerdictLine {
  if (slos.length > 0) {
    const missed = slos.filter((s) => s.tone === 'bad').length;
    return missed > 0
      ? { id: 'headline', tone: 'bad', text: `Missed ${formatCount(missed)} of ${pl(slos.length, 'objective')}` }
      : { id: 'headline', tone: 'ok', text: `All ${pl(slos.length, 'objective')} met` };
  }
  const share = errorRate(r);
  const hot = saturation?.tone === 'bad';
  const tone: VerdictTone = share >= 0.01 || hot ? 'warn' : 'ok';
  return {
    id: 'headline',
    tone,
    text: `No objectives set: ${formatPct(share)} of requests failed, p99 ${formatMs(r.latency.p99)}${hot ? ', a node saturated' : ''}`,
  };
}

/** The verdict of `result`, run on `design` (the design it was computed from; its scenario's faults). */
export function verdict(result: SimulationResult, design: Design | null): Verdict {
  const faults = faultWindows(design, result);
  const slos = sloLines(result);
  const saturation = saturationLine(result);
  return {
    headline: headline(result, slos, saturation),
    slos,
    saturation,
    failures: failureLines(result, faults),
    scaling: scalingLines(result),
  };
}
