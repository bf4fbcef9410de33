// Where calls are made: a node's own call list, and each of its operations' (an operation that
// leaves `calls` out uses the node's). Call rules look at each (review.md "More rules") and name
// the operation in the message. Shared by the new call rules.
import { meanOf } from '../../model/distribution.js';
import type { Call, Retry, ServiceLikeNode } from '../../model/schema.js';
import { isServiceLike } from '../../model/schema.js';
import type { Edge } from '../../model/graph.js';
import type { Analysis } from '../analysis.js';

export interface CallSite {
  node: string;
  op?: string;
  calls: readonly Call[];
  parallel: boolean;
  /** Mean own latency, ms. */
  latency: number;
  /** Share of the node's requests this site serves (operations by weight; 1 without). */
  share: number;
}

/** `"checkout"` or `"checkout" (operation "POST /orders")`. */
export function siteName(s: Pick<CallSite, 'node' | 'op'>): string {
  return s.op === undefined ? `"${s.node}"` : `"${s.node}" (operation "${s.op}")`;
}

export function callSitesOf(id: string, n: ServiceLikeNode): CallSite[] {
  const ops = Object.entries(n.operations ?? {});
  const forwards = new Set(n.kind === 'gateway' ? n.routes.map((r) => r.to) : n.kind === 'saga' ? n.steps.map((s) => s.to) : []);
  // A gateway's or saga's calls entry for a forward target only sets that forward's policy.
  const own = n.calls.filter((c) => !forwards.has(c.to));
  if (!ops.length) return [{ node: id, calls: own, parallel: n.parallel, latency: meanOf(n.latency), share: 1 }];
  const total = ops.reduce((s, [, o]) => s + o.weight, 0);
  return ops.map(([op, o]) => ({
    node: id,
    op,
    calls: o.calls ?? own,
    parallel: o.parallel ?? n.parallel,
    latency: meanOf(o.latency ?? n.latency),
    share: total > 0 ? o.weight / total : 1 / ops.length,
  }));
}

export function allCallSites(a: Analysis): CallSite[] {
  const out: CallSite[] = [];
  for (const id of a.ids) {
    const n = a.nodes.get(id)!;
    if (isServiceLike(n)) out.push(...callSitesOf(id, n));
  }
  return out;
}

/** Waiting time of all tries of a call: attempts x timeout plus the backoffs between them (no
 * jitter, each capped by maxBackoff). */
export function triesBudget(timeout: number, retry: Retry | undefined): number {
  const attempts = retry?.attempts ?? 1;
  let total = attempts * timeout;
  if (retry) for (let i = 0; i < attempts - 1; i++) total += Math.min(retry.maxBackoff, retry.backoff * retry.multiplier ** i);
  return total;
}

/** The calls of a site grouped as they run: stages in ascending order, else one group when
 * parallel, else one group per call. */
export function callGroups(site: Pick<CallSite, 'calls' | 'parallel'>): Call[][] {
  const sync = site.calls.filter((c) => !c.async);
  if (sync.some((c) => c.stage !== undefined)) {
    const by = new Map<number, Call[]>();
    for (const c of sync) by.set(c.stage ?? 0, [...(by.get(c.stage ?? 0) ?? []), c]);
    return [...by.entries()].sort((x, y) => x[0] - y[0]).map(([, cs]) => cs);
  }
  return site.parallel ? (sync.length ? [sync] : []) : sync.map((c) => [c]);
}

export const ms = (x: number) => (Number.isInteger(x) ? `${x} ms` : `${x.toFixed(1)} ms`);

/** The design path of the entry an edge comes from (a call, an operation's call, a route, a step
 * or a client request), for a finding's `at`; undefined for edges no one entry makes. */
export function entryPath(e: Edge): (string | number)[] | undefined {
  if (e.index === undefined) return undefined;
  switch (e.kind) {
    case 'call':
      return e.operation !== undefined
        ? ['nodes', e.from, 'operations', e.operation, 'calls', e.index]
        : ['nodes', e.from, 'calls', e.index];
    case 'route':
      return ['nodes', e.from, 'routes', e.index];
    case 'step':
      return ['nodes', e.from, 'steps', e.index];
    case 'request':
      return ['nodes', e.from, 'requests', e.index];
    default:
      return undefined;
  }
}

/** `"checkout"` or `"checkout" (operation "POST /orders")` for the caller of an edge. */
export function callerName(e: Edge): string {
  return siteName({ node: e.from, ...(e.operation !== undefined ? { op: e.operation } : {}) });
}
