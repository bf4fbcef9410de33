// saga-no-compensation (warning): a saga step other than the last without `compensate`: when a
// later step fails, that step's effect stays in place. One finding per saga, naming the steps.
import type { Rule } from '../types.js';

export const sagaNoCompensation: Rule = {
  id: 'saga-no-compensation',
  severity: 'warning',
  title: 'A saga step other than the last without compensate',
  help: 'A saga step other than the last with no compensate leaves its effect in place when a later step fails. Give each such step an action that undoes it, or move a step that cannot be undone to the end.',
  check(a) {
    return a.ids.flatMap((id) => {
      const n = a.nodes.get(id)!;
      if (n.kind !== 'saga') return [];
      const bare = n.steps.slice(0, -1).filter((s) => !s.compensate);
      if (!bare.length) return [];
      const names = bare.map((s) => `"${s.name}" (${s.to})`).join(', ');
      return [
        {
          nodes: [id],
          message: `Saga "${id}" has step${bare.length > 1 ? 's' : ''} ${names} with no compensate: when a later step fails, ${bare.length > 1 ? 'their effects stay' : 'its effect stays'} in place and the data is left inconsistent.`,
          fix: `Give ${bare.length > 1 ? 'each of these steps' : 'the step'} a compensate action that undoes it (e.g. release a reservation, refund a charge), or move a step that cannot be undone to the end of the saga.`,
        },
      ];
    });
  },
};
