// The State chart tab's model, pure: the machines of a design (targets), the one the canvas
// selection points at, and what a run recorded for it as recordings to replay.
import {
  breakerRecordings,
  edges,
  limiterRecording,
  machineTargets,
  sagaRecording,
  scalerRecording,
  stateAt,
  type Design,
  type MachineTarget,
  type Recording,
  type SimulationResult,
} from '../../engine/index';
import { formatMs } from '../results/format';

export interface ChartTarget {
  id: string;
  title: string;
  target: MachineTarget;
}

const KIND_TITLE = { breaker: 'Breaker', saga: 'Saga', limiter: 'Rate limiter', autoscaler: 'Autoscaler' } as const;

export function targetId(t: MachineTarget): string {
  return t.kind === 'breaker' ? `breaker:${t.call}` : `${t.kind}:${t.node}`;
}

export function targetsOf(design: Design | null): ChartTarget[] {
  if (!design) return [];
  return machineTargets(design, edges(design)).map((t) => ({
    id: targetId(t),
    title: `${KIND_TITLE[t.kind]} · ${t.kind === 'breaker' ? `${t.from} → ${t.to}` : t.node}`,
    target: t,
  }));
}

/** The machine a canvas selection points at: a call's breaker, a node's saga/limiter/autoscaler. */
export function targetOfSelection(targets: ChartTarget[], selection: { nodes: readonly string[]; edge: string | null }): string | null {
  if (selection.edge) {
    const m = /^\w+:(.*)->(.*)$/s.exec(selection.edge);
    if (m) return targets.find((t) => t.id === `breaker:${m[1]}->${m[2]}`)?.id ?? null;
  }
  if (selection.nodes.length === 1) {
    const id = selection.nodes[0];
    return targets.find((t) => t.target.kind !== 'breaker' && t.target.node === id)?.id ?? null;
  }
  return null;
}

/** One machine instance the run recorded: a caller replica's breaker, a saga run. */
export interface Instance {
  id: number;
  label: string;
  rec: Recording;
}

export interface Replay {
  instances: Instance[];
  /** Instances that never changed state and are not listed (breakers of other replicas). */
  unchanged: number;
  /** Said under the chart: what was sampled or left out. */
  note: string | null;
}

/** What the run recorded for a target; null when the run has nothing for it. */
export function replayOf(t: MachineTarget, result: SimulationResult | null): Replay | null {
  if (!result) return null;
  switch (t.kind) {
    case 'breaker': {
      if (!result.calls[t.call]) return null;
      const recs = breakerRecordings(result, t.call);
      const replicas = result.nodes[t.from]?.replicas.max ?? recs.size;
      const instances = [...recs].map(([replica, rec]) => ({ id: replica, label: `replica ${replica}`, rec }));
      const unchanged = Math.max(0, replicas - instances.length);
      return {
        instances,
        unchanged,
        note: instances.length === 0 ? 'No breaker of this call changed state in this run: all stayed closed.' : null,
      };
    }
    case 'saga': {
      const s = result.replay?.sagas[t.node];
      if (!s) return null;
      const instances = s.runs.map((r, i) => ({
        id: i,
        label: `run started ${formatMs(r.start)}: ${r.outcome ?? 'unfinished'}`,
        rec: sagaRecording(r),
      }));
      const total = s.paths.reduce((a, p) => a + p.count, 0);
      return {
        instances,
        unchanged: 0,
        note: `${instances.length} of ${total + (s.runs.some((r) => !r.outcome) ? 1 : 0)} runs kept, spread over the run.`,
      };
    }
    case 'limiter': {
      const rec = limiterRecording(result, t.node);
      return rec ? { instances: [{ id: 0, label: 'the gateway’s bucket', rec }], unchanged: 0, note: null } : null;
    }
    case 'autoscaler': {
      const rec = scalerRecording(result, t.node);
      return rec ? { instances: [{ id: 0, label: 'the autoscaler', rec }], unchanged: 0, note: null } : null;
    }
  }
}

/** How many instances are in each state at `t` (unchanged ones in the initial state). */
export function countsAt(replay: Replay, t: number, initial: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of replay.instances) {
    const s = stateAt(i.rec, t);
    m.set(s, (m.get(s) ?? 0) + 1);
  }
  if (replay.unchanged > 0) m.set(initial, (m.get(initial) ?? 0) + replay.unchanged);
  return m;
}

/** The saga instance running at `t` (the last started at or before it), for following the scrubber. */
export function instanceAt(replay: Replay, t: number): number {
  let best = replay.instances[0]?.id ?? 0;
  for (const i of replay.instances) {
    const start = i.rec.changes[0]?.at ?? 0;
    if (start <= t) best = i.id;
  }
  return best;
}
