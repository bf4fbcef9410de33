// timeout-budget-inversion (warning): A gives B a timeout shorter than B's own budget — the sum
// over B's sequential synchronous calls with a timeout of attempts x timeout + backoffs, a stage
// or parallel group counting its longest. A gives up while B is still trying: B's work is wasted,
// and A's own retry adds more. A is a client entry, a call, a gateway route or a saga step (their
// policy is the calls entry for the target, as the simulator reads it); B's budget counts a
// gateway's forward for the route it is given and a saga's steps, one after another.
import type { Edge } from '../../model/graph.js';
import { isServiceLike, type CallPolicy } from '../../model/schema.js';
import { matchingRoutes } from '../routes.js';
import type { Rule, RuleHit } from '../types.js';
import { callGroups, callSitesOf, ms, siteName, triesBudget, type CallSite } from './callSites.js';

interface Budget {
  total: number;
  /** Who keeps trying: `"orders"` or `"orders" (operation "POST /orders")`. */
  who: string;
  op?: string;
  parts: string[];
}

function tries(p: Pick<CallPolicy, 'timeout' | 'retry'>, to: string): { budget: number; what: string } | undefined {
  if (p.timeout === undefined) return undefined;
  const attempts = p.retry?.attempts ?? 1;
  const budget = triesBudget(p.timeout, p.retry);
  return { budget, what: `${attempts} x ${ms(p.timeout)} to "${to}"${attempts > 1 ? ' + backoffs' : ''} = ${ms(budget)}` };
}

function callsBudget(site: CallSite): { total: number; parts: string[] } {
  let total = 0;
  const parts: string[] = [];
  for (const group of callGroups(site)) {
    let worst: { budget: number; what: string } | undefined;
    for (const c of group) {
      const t = tries(c, c.to);
      if (t && (!worst || t.budget > worst.budget)) worst = t;
    }
    if (worst && worst.budget > 0) {
      total += worst.budget;
      parts.push(group.length > 1 ? `${worst.what} (longest of ${group.length} at once)` : worst.what);
    }
  }
  return { total, parts };
}

/** The budget's parts in words: the first few, then how many more (a callee with 299 calls would
 * make every finding about it a 12 kB message). Once per budget, shared by its findings. */
const MAX_PARTS = 4;
const texts = new WeakMap<Budget, string>();
function partsText(b: Budget): string {
  let t = texts.get(b);
  if (t === undefined) {
    const more = b.parts.length - MAX_PARTS;
    t = more > 1 ? `${b.parts.slice(0, MAX_PARTS).join(' then ')} then ${more} more calls` : b.parts.join(' then ');
    texts.set(b, t);
  }
  return t;
}

export const timeoutBudgetInversion: Rule = {
  id: 'timeout-budget-inversion',
  severity: 'warning',
  title: "A call's timeout is shorter than the callee's own retry budget",
  help: "A caller that gives a callee less time than the callee may spend on its own calls (attempts x timeout + backoffs, summed over its sequential calls) gives up while the callee is still trying: the callee's work is wasted and the caller's retry adds load. Give the caller's timeout more than the callee's budget, or cut the callee's timeouts and retries to fit under it.",
  check(a) {
    const forwardsOf = (id: string, kind: 'route' | 'step') =>
      (a.syncOut.get(id) ?? []).filter((e) => e.kind === kind).sort((x, y) => (x.index ?? 0) - (y.index ?? 0));
    /** What `to` may spend when asked for `op` (any operation when none) and, at a gateway, `route`. */
    // A callee's budgets depend only on what it is asked for: worked out once per (callee, op,
    // route), and only for a call that has a timeout to compare (300 services calling each other
    // without timeouts asked for 90 000 budgets of 299 calls each).
    const memo = new Map<string, Budget[]>();
    const budgetsOf = (to: string, op: string | undefined, route: string | undefined, viaRoute: boolean): Budget[] => {
      const key = `${to}\u0000${op ?? '\u0001'}\u0000${viaRoute ? (route ?? '\u0001') : '\u0002'}`;
      let found = memo.get(key);
      if (!found) memo.set(key, (found = computeBudgets(to, op, route, viaRoute)));
      return found;
    };
    const computeBudgets = (to: string, op: string | undefined, route: string | undefined, viaRoute: boolean): Budget[] => {
      const n = a.nodes.get(to);
      if (!n || !isServiceLike(n)) return [];
      const sites = callSitesOf(to, n).filter((s) => op === undefined || s.op === undefined || s.op === op);
      // A gateway forwards along the route it is given (a client's), else along any of its routes.
      let lead: { budget: number; what: string }[] = [];
      if (n.kind === 'gateway') {
        const routes = viaRoute ? matchingRoutes(n, route) : n.routes;
        const edges = forwardsOf(to, 'route');
        const options = routes.flatMap((r) => {
          const e = edges.find((x) => x.index === n.routes.indexOf(r));
          const t = e && tries(e.policy, r.to);
          return t ? [{ budget: t.budget, what: `route ${r.path}: ${t.what}` }] : [];
        });
        const worst = options.reduce<(typeof options)[number] | undefined>((w, o) => (!w || o.budget > w.budget ? o : w), undefined);
        lead = worst ? [worst] : [];
      } else if (n.kind === 'saga')
        lead = forwardsOf(to, 'step').flatMap((e) => {
          const t = tries(e.policy, e.to);
          return t ? [{ budget: t.budget, what: `step "${n.steps[e.index ?? 0]?.name ?? e.to}": ${t.what}` }] : [];
        });
      const leadTotal = lead.reduce((s, l) => s + l.budget, 0);
      return sites.map((site) => {
        const own = callsBudget(site);
        return {
          total: leadTotal + own.total,
          who: siteName(site),
          ...(site.op !== undefined ? { op: site.op } : {}),
          parts: [...lead.map((l) => l.what), ...own.parts],
        };
      });
    };
    const hits: RuleHit[] = [];
    const seen = new Set<string>();
    const check = (
      caller: string,
      who: string,
      what: string,
      to: string,
      op: string | undefined,
      timeout: number | undefined,
      budgets: () => Budget[],
    ) => {
      if (timeout === undefined) return;
      const worst = budgets().reduce<Budget | undefined>((w, b) => (!w || b.total > w.total ? b : w), undefined);
      if (!worst || !(timeout < worst.total)) return;
      const key = `${who}\u0000${to}\u0000${worst.op ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      hits.push({
        nodes: [caller, to],
        message: `${who} gives "${to}"${op !== undefined ? ` "${op}"` : ''} ${ms(timeout)}, but ${worst.who} may keep trying for ${ms(worst.total)}: ${partsText(worst)}. ${who} gives up ${ms(worst.total - timeout)} before "${to}" does: that work is wasted, and a retry from ${who} piles more on.`,
        fix: `Raise the timeout of ${what} above ${ms(worst.total)}, or cut ${worst.who}'s timeouts and retries so they fit under ${ms(timeout)} (e.g. fewer attempts, shorter per-try timeouts).`,
      });
    };
    const forward = (e: Edge, who: string, what: string) =>
      check(e.from, who, what, e.to, e.op, e.policy.timeout, () => budgetsOf(e.to, e.op, undefined, false));
    for (const id of a.ids) {
      const n = a.nodes.get(id)!;
      if (n.kind === 'client')
        for (const r of n.requests)
          check(id, `client "${id}"`, `client "${id}"'s request to "${r.to}"`, r.to, r.op, r.timeout, () =>
            budgetsOf(r.to, r.op, r.route, true),
          );
      if (!isServiceLike(n)) continue;
      for (const site of callSitesOf(id, n))
        for (const c of site.calls)
          if (!c.async)
            check(id, siteName(site), `${siteName(site)}'s call to "${c.to}"`, c.to, c.op, c.timeout, () =>
              budgetsOf(c.to, c.op, undefined, false),
            );
      // Gateway forwards and saga steps take their policy from the calls entry for the target.
      if (n.kind === 'gateway')
        for (const e of forwardsOf(id, 'route')) {
          const path = n.routes[e.index ?? 0]?.path ?? '';
          forward(e, `"${id}" (route ${path})`, `"${id}"'s calls entry for "${e.to}" (it sets route ${path}'s policy)`);
        }
      if (n.kind === 'saga')
        for (const e of forwardsOf(id, 'step')) {
          const step = n.steps[e.index ?? 0]?.name ?? e.to;
          forward(e, `"${id}" step "${step}"`, `"${id}"'s calls entry for "${e.to}" (it sets step "${step}"'s policy)`);
        }
    }
    return hits;
  },
};
