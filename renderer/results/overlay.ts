// What the canvas overlays from a simulation result: per node its utilization and whether a
// breaker on a call it makes ended the run open or half-open; per call edge its rate (tries per
// second over the measured time, as a stroke width) and its failure share (as a colour). Computed
// once per result, then read by each node and edge by id, so the canvas does no per-node work
// beyond a map lookup.
import type { BreakerStateName, CallResult, Design, NodeKind, SimulationResult } from '../../engine/index';

export type Tone = 'ok' | 'warn' | 'bad';

export interface NodeOverlay {
  utilization: number;
  tone: Tone;
  /** The worst state a breaker on one of its calls ended the run in, if not closed. */
  breaker: Exclude<BreakerStateName, 'closed'> | null;
  /** The calls whose breakers ended open or half-open, e.g. "checkout->payment-service". */
  breakerCalls: string[];
}

export interface EdgeOverlay {
  /** Tries per second over the measured time. */
  rate: number;
  /** Stroke width in px, 1..6, log-scaled by rate. */
  width: number;
  /** failed / (ok + failed); 0 when no call finished. */
  errorShare: number;
  tone: Tone;
}

export interface CanvasOverlay {
  nodes: ReadonlyMap<string, NodeOverlay>;
  /** Keyed "<from>-><to>", as the result's calls. */
  edges: ReadonlyMap<string, EdgeOverlay>;
}

/** Kinds that show utilization: those with workers (the spec's "service-like", databases, caches). */
const LOADED: ReadonlySet<NodeKind> = new Set<NodeKind>(['gateway', 'service', 'saga', 'database', 'cache']);

export const utilizationTone = (u: number): Tone => (u >= 0.9 ? 'bad' : u >= 0.7 ? 'warn' : 'ok');
export const errorTone = (share: number): Tone => (share >= 0.1 ? 'bad' : share >= 0.01 ? 'warn' : 'ok');

/** 1 px at no traffic, ~6 px at 1000 tries/s and above, on a log scale. */
export function strokeWidth(rate: number): number {
  if (!(rate > 0)) return 1;
  return Math.min(6, 1 + (5 * Math.log10(1 + rate)) / 3);
}

/** The state each caller replica's breaker ended the run in (the last transition per replica);
 * the worst of them ('open' over 'half_open'), or null when all are closed. */
export function finalBreakerState(transitions: CallResult['breaker']['transitions']): NodeOverlay['breaker'] {
  const last = new Map<number, { at: number; to: BreakerStateName }>();
  for (const t of transitions) {
    const seen = last.get(t.replica);
    // Same time: the later in the list is the later transition.
    if (!seen || t.at >= seen.at) last.set(t.replica, { at: t.at, to: t.to });
  }
  let worst: NodeOverlay['breaker'] = null;
  for (const { to } of last.values()) {
    if (to === 'open') return 'open';
    if (to === 'half_open') worst = 'half_open';
  }
  return worst;
}

export function canvasOverlay(result: SimulationResult, design: Design): CanvasOverlay {
  const nodes = new Map<string, NodeOverlay>();
  for (const [id, n] of Object.entries(result.nodes)) {
    const kind = design.nodes[id]?.kind;
    if (!kind || !LOADED.has(kind)) continue;
    nodes.set(id, { utilization: n.utilization, tone: utilizationTone(n.utilization), breaker: null, breakerCalls: [] });
  }
  const seconds = Math.max(result.duration - result.warmup, 1) / 1000;
  const edges = new Map<string, EdgeOverlay>();
  for (const [key, c] of Object.entries(result.calls)) {
    const rate = c.attempts / seconds;
    const finished = c.ok + c.failed;
    const errorShare = finished > 0 ? c.failed / finished : 0;
    edges.set(key, { rate, width: strokeWidth(rate), errorShare, tone: errorTone(errorShare) });
    const state = finalBreakerState(c.breaker.transitions);
    if (!state) continue;
    const from = key.slice(0, key.indexOf('->'));
    const node = nodes.get(from);
    if (!node) continue;
    node.breakerCalls.push(key);
    if (state === 'open' || !node.breaker) node.breaker = state;
  }
  return { nodes, edges };
}

/** The design as far as a run's results are concerned: everything but positions and notes. A
 * move keeps the model's other parts (the same objects), so that case costs no serialization. */
export function sameForResults(a: Design, b: Design): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('layout');
  keys.delete('notes');
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const k of keys) if (ra[k] !== rb[k] && JSON.stringify(ra[k]) !== JSON.stringify(rb[k])) return false;
  return true;
}
