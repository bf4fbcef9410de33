// nano-service (info): a service with one caller, that is a service, no calls of its own,
// consuming nothing, and at most 5 ms of own work: a network hop that could be a function.
import { meanOf } from '../../model/distribution.js';
import type { Rule, RuleHit } from '../types.js';
import { ms } from './callSites.js';

export const nanoService: Rule = {
  id: 'nano-service',
  severity: 'info',
  title: 'A tiny service with one caller and no calls of its own',
  help: 'A service that only one other service calls, that calls nothing and consumes nothing, and does a few milliseconds of work adds a network hop, a deployment and a failure mode for what could be a library or a module of its caller. Merge it into its caller, unless it must scale or deploy apart.',
  threshold: 5,
  check(a, maxMs) {
    const callers = new Map<string, Set<string>>();
    const consumers = new Set<string>();
    for (const e of a.edges) {
      if (e.kind === 'deliver') consumers.add(e.to);
      if (e.from === e.to) continue;
      let s = callers.get(e.to);
      if (!s) callers.set(e.to, (s = new Set()));
      s.add(e.from);
    }
    const hits: RuleHit[] = [];
    for (const id of a.ids) {
      const n = a.nodes.get(id)!;
      if (n.kind !== 'service' || consumers.has(id)) continue;
      const from = [...(callers.get(id) ?? [])];
      if (from.length !== 1 || !a.isService(from[0]!)) continue;
      const ops = Object.values(n.operations ?? {});
      if (n.calls.length || ops.some((o) => o.calls?.length)) continue;
      const work = Math.max(meanOf(n.latency), ...ops.map((o) => (o.latency ? meanOf(o.latency) : 0)));
      if (!(work <= maxMs)) continue;
      hits.push({
        nodes: [id],
        message: `"${id}" is called only by "${from[0]}", calls nothing, consumes nothing and does ${ms(work)} of work per request (${maxMs} ms or less): a network hop, a deployment and a failure mode for what could be a function in "${from[0]}".`,
        fix: `Merge "${id}" into "${from[0]}" as a module, unless it must scale, deploy or be owned apart (then say so in review.ignore).`,
      });
    }
    return hits;
  },
};
