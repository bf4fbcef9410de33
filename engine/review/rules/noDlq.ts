// no-dlq (info): a queue or topic with consumers and no dead-letter queue: messages that keep
// failing are dropped after maxDeliveries.
import type { Rule } from '../types.js';

export const noDlq: Rule = {
  id: 'no-dlq',
  severity: 'info',
  title: 'A queue or topic with consumers and no dlq',
  help: 'A queue or topic with consumers and no dead-letter queue drops a message that still fails after maxDeliveries, unseen. Add a dlq, alert on it, and replay from it once the cause is fixed.',
  check(a) {
    return a.ids.flatMap((id) => {
      const n = a.nodes.get(id)!;
      if ((n.kind !== 'queue' && n.kind !== 'topic') || !n.consumers.length || n.dlq) return [];
      return [
        {
          nodes: [id],
          message: `${n.kind === 'queue' ? 'Queue' : 'Topic'} "${id}" has consumers but no dlq: a message that still fails after ${n.maxDeliveries} deliveries is dropped, and nobody sees it.`,
          fix: `Add a dead-letter ${n.kind} and set dlq: on "${id}", then alert on it and replay from it once the cause is fixed.`,
        },
      ];
    });
  },
};
