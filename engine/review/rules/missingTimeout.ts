// missing-timeout (warning): a synchronous call, gateway forward or saga step with no timeout,
// neither its own nor from `defaults` (the model has already applied the defaults).
import type { Rule, RuleHit } from '../types.js';
import { callerName, entryPath } from './callSites.js';

export const missingTimeout: Rule = {
  id: 'missing-timeout',
  severity: 'warning',
  title: 'A synchronous call with no timeout',
  help: "A synchronous call with no timeout holds the caller's worker slots for as long as the callee hangs, until the caller runs out of them. Set a timeout on the call (or defaults.call.timeout) a little above the callee's p99 latency.",
  check(a) {
    const seen = new Set<string>();
    const hits: RuleHit[] = [];
    for (const e of a.sync) {
      if (!(e.kind === 'call' || e.kind === 'route' || e.kind === 'step') || e.policy.timeout !== undefined) continue;
      const key = `${e.from}\u0000${e.operation ?? ''}\u0000${e.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const at = entryPath(e);
      hits.push({
        nodes: [e.from, e.to],
        ...(at ? { at } : {}),
        message: `${callerName(e)} calls "${e.to}" synchronously with no timeout: when "${e.to}" slows down or hangs, "${e.from}" holds its worker slots until none are left, and the failure spreads upstream.`,
        fix: `Set a timeout on this call (or defaults.call.timeout for every call), a little above "${e.to}"'s p99 latency.`,
      });
    }
    return hits;
  },
};
