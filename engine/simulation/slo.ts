// Objectives (design-format.md "Objectives (SLOs)", simulation.md "Results, continued"): each
// client's `slo` applies to all its requests entries; an entry's own `slo` replaces it field by
// field. Measured on the entry's finished requests, so the verdict is per entry, never pooled.
import type { Design, Slo } from '../model/index.js';
import type { SimulationResult } from './result.js';

export type SloObjective = 'p50' | 'p90' | 'p95' | 'p99' | 'errorRate';
export const SLO_OBJECTIVES: readonly SloObjective[] = ['p50', 'p90', 'p95', 'p99', 'errorRate'];

export interface SloResult {
  client: string;
  /** Index of the client's `requests` entry. */
  request: number;
  objective: SloObjective;
  /** ms, or a fraction for errorRate. */
  target: number;
  /** null when the entry had no finished requests. */
  value: number | null;
  met: boolean;
}

/** The objectives that apply to a client's i-th entry: the client's, replaced field by field. */
export function entryObjectives(client: Slo | undefined, entry: Slo | undefined): [SloObjective, number][] {
  const out: [SloObjective, number][] = [];
  for (const o of SLO_OBJECTIVES) {
    const t = entry?.[o] ?? client?.[o];
    if (t !== undefined) out.push([o, t]);
  }
  return out;
}

/** One result per objective of every entry that has objectives, in the design's order. */
export function evaluateSlos(design: Design, clients: SimulationResult['clients']): SloResult[] {
  const out: SloResult[] = [];
  for (const [id, node] of Object.entries(design.nodes)) {
    if (node.kind !== 'client') continue;
    node.requests.forEach((entry, i) => {
      const objectives = entryObjectives(node.slo, entry.slo);
      if (objectives.length === 0) return;
      const measured = Object.hasOwn(clients, id) ? clients[id]!.requests[i] : undefined;
      for (const [objective, target] of objectives) {
        let value: number | null = null;
        if (measured && measured.total > 0)
          value = objective === 'errorRate' ? measured.failed / measured.total : measured.latency[objective];
        out.push({ client: id, request: i, objective, target, value, met: value !== null && value <= target });
      }
    });
  }
  return out;
}
