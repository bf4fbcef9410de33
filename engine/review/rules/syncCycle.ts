// sync-cycle (error): synchronous calls that come back to where they started, once per cycle
// (not once per rotation), listed from the cycle's first node in design order.
import type { Rule } from '../types.js';
import { arrow } from './paths.js';

export const syncCycle: Rule = {
  id: 'sync-cycle',
  severity: 'error',
  title: 'A cycle of synchronous calls',
  check(a) {
    return a.cycles.map((cycle) => ({
      nodes: cycle,
      message: `Synchronous calls form a cycle: ${arrow([...cycle, cycle[0]!])}. A request can end up waiting on itself: under load the worker slots of every node in the cycle fill up and the calls time out together.`,
      fix: `Break the cycle: make one of the calls asynchronous (publish an event to a topic), or move the logic both sides need into one service so the calls point one way only.`,
    }));
  },
};
