// timeout-budget-inversion (warning): A gives B a timeout shorter than B's own budget — the sum
// over B's sequential synchronous calls with a timeout of attempts x timeout + backoffs, a stage
// or parallel group counting its longest. A gives up while B is still trying: B's work is wasted,
// and A's own retry adds more.
import { isServiceLike, type ServiceLikeNode } from '../../model/schema.js';
import type { Rule, RuleHit } from '../types.js';
import { callGroups, callSitesOf, ms, siteName, triesBudget, type CallSite } from './callSites.js';

interface Budget {
  total: number;
  site: CallSite;
  parts: string[];
}

function budgetOf(site: CallSite): Budget {
  let total = 0;
  const parts: string[] = [];
  for (const group of callGroups(site)) {
    let worst = 0;
    let what = '';
    for (const c of group) {
      if (c.timeout === undefined) continue;
      const b = triesBudget(c.timeout, c.retry);
      if (b > worst) {
        worst = b;
        what = `${c.retry?.attempts ?? 1} x ${ms(c.timeout)} to "${c.to}"${(c.retry?.attempts ?? 1) > 1 ? ' + backoffs' : ''} = ${ms(b)}`;
      }
    }
    if (worst > 0) {
      total += worst;
      parts.push(group.length > 1 ? `${what} (longest of ${group.length} at once)` : what);
    }
  }
  return { total, site, parts };
}

export const timeoutBudgetInversion: Rule = {
  id: 'timeout-budget-inversion',
  severity: 'warning',
  title: "A call's timeout is shorter than the callee's own retry budget",
  help: "A caller that gives a callee less time than the callee may spend on its own calls (attempts x timeout + backoffs, summed over its sequential calls) gives up while the callee is still trying: the callee's work is wasted and the caller's retry adds load. Give the caller's timeout more than the callee's budget, or cut the callee's timeouts and retries to fit under it.",
  check(a) {
    const budgets = new Map<string, Budget[]>();
    const budgetsOf = (id: string) => {
      let b = budgets.get(id);
      if (!b) {
        const n = a.nodes.get(id);
        b = n && isServiceLike(n) ? callSitesOf(id, n as ServiceLikeNode).map(budgetOf) : [];
        budgets.set(id, b);
      }
      return b;
    };
    const hits: RuleHit[] = [];
    const seen = new Set<string>();
    const check = (caller: string, callerSite: string, to: string, op: string | undefined, timeout: number | undefined) => {
      if (timeout === undefined) return;
      const list = budgetsOf(to).filter((b) => op === undefined || b.site.op === op);
      const worst = list.reduce<Budget | undefined>((w, b) => (!w || b.total > w.total ? b : w), undefined);
      if (!worst || !(timeout < worst.total)) return;
      const key = `${callerSite}\u0000${to}\u0000${worst.site.op ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      hits.push({
        nodes: [caller, to],
        message: `${callerSite} gives "${to}" ${ms(timeout)}, but ${siteName(worst.site)} may keep trying for ${ms(worst.total)}: ${worst.parts.join(' then ')}. ${callerSite} gives up ${ms(worst.total - timeout)} before "${to}" does: that work is wasted, and a retry from ${callerSite} piles more on.`,
        fix: `Raise the timeout of ${callerSite}'s call to "${to}" above ${ms(worst.total)}, or cut ${siteName(worst.site)}'s timeouts and retries so they fit under ${ms(timeout)} (e.g. fewer attempts, shorter per-try timeouts).`,
      });
    };
    for (const id of a.ids) {
      const n = a.nodes.get(id)!;
      if (n.kind === 'client') for (const r of n.requests) check(id, `client "${id}"`, r.to, r.op, r.timeout);
      if (!isServiceLike(n)) continue;
      for (const site of callSitesOf(id, n)) for (const c of site.calls) if (!c.async) check(id, siteName(site), c.to, c.op, c.timeout);
      // Gateway forwards and saga steps take their policy from the calls entry for the target.
      const forwards =
        n.kind === 'gateway'
          ? n.routes.map((r) => ({ to: r.to, op: r.op }))
          : n.kind === 'saga'
            ? n.steps.map((s) => ({ to: s.to, op: s.op }))
            : [];
      for (const f of forwards)
        check(id, `"${id}"`, f.to, f.op, n.calls.find((c) => c.to === f.to)?.timeout ?? a.design.defaults.call.timeout);
    }
    return hits;
  },
};
