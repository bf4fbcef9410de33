// shared-database (error): a database used by two or more services, directly or through a cache
// in front of it: the distributed monolith's sign.
import { isServiceLike } from '../../model/schema.js';
import type { Rule } from '../types.js';

export const sharedDatabase: Rule = {
  id: 'shared-database',
  severity: 'error',
  title: 'A database used by two or more services',
  threshold: 2,
  check(a, minServices) {
    const { design } = a;
    const viaCache = (cache: string, db: string) => {
      const c = design.nodes[cache];
      return c?.kind === 'cache' && c.miss === db;
    };
    return a.ids
      .filter((id) => design.nodes[id]!.kind === 'database')
      .flatMap((db) => {
        const callers = a.ids.filter((id) => {
          const n = design.nodes[id]!;
          return isServiceLike(n) && n.calls.some((c) => c.to === db || viaCache(c.to, db));
        });
        if (callers.length < minServices) return [];
        const [owner] = callers;
        return [
          {
            nodes: [db, ...callers],
            message: `Database "${db}" is used by ${callers.length} services (${callers.join(', ')}): they are coupled through its schema and cannot change or deploy apart (a distributed monolith).`,
            fix: `Give "${db}" one owner (say "${owner}"); the other services go through the owner's API or keep their own copy of the data, fed by the owner's events on a topic.`,
          },
        ];
      });
  },
};
