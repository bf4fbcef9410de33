// sync-cycle (error): synchronous calls that come back to where they started, once per cycle
// (not once per rotation), listed from the cycle's first node in design order. A component with
// more cycles than are worth listing is one finding naming all its nodes.
import type { Rule } from '../types.js';
import { arrow } from './paths.js';

const FIX = `Break the cycle: make one of the calls asynchronous (publish an event to a topic), or move the logic both sides need into one service so the calls point one way only.`;

export const syncCycle: Rule = {
  id: 'sync-cycle',
  severity: 'error',
  title: 'A cycle of synchronous calls',
  help: 'Synchronous calls that come back to where they started can make a request wait on itself; under load the worker slots of every node in the cycle fill up together. Make one call of the cycle asynchronous, or move the shared logic so the calls point one way.',
  check(a) {
    return [
      ...a.cycles.map((cycle) => ({
        nodes: cycle,
        message: `Synchronous calls form a cycle: ${arrow([...cycle, cycle[0]!])}. A request can end up waiting on itself: under load the worker slots of every node in the cycle fill up and the calls time out together.`,
        fix: FIX,
      })),
      ...a.tangles.map((t) => ({
        nodes: t.nodes,
        message: `${t.nodes.length} nodes call each other synchronously in ${t.found > 20 ? 'more than 20' : `at least ${Math.max(1, t.found)}`} cycles (they form one strongly connected knot), e.g. ${arrow([...t.example, t.example[0]!])}. Any of them can end up waiting on itself, and one slow node stalls them all.`,
        fix: `${FIX} Here the calls among these ${t.nodes.length} nodes need a direction: a layered order in which each calls only the layers below it.`,
      })),
    ];
  },
};
