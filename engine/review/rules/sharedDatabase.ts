// shared-database (error): a database used by two or more services, directly or through a cache
// in front of it: the distributed monolith's sign.
import type { Rule } from '../types.js';

export const sharedDatabase: Rule = {
  id: 'shared-database',
  severity: 'error',
  title: 'A database used by two or more services',
  help: "A database used by two or more services couples them through its schema: they cannot change or deploy apart (a distributed monolith). Give it one owner; the others use the owner's API or their own copy fed by its events.",
  threshold: 2,
  check(a, minServices) {
    // One pass over the calls: database -> its callers, in design order.
    const callers = new Map<string, Set<string>>();
    const dbOf = (to: string) => {
      const n = a.nodes.get(to);
      if (n?.kind === 'database') return to;
      return n?.kind === 'cache' && n.miss && a.nodes.get(n.miss)?.kind === 'database' ? n.miss : undefined;
    };
    // Every call, its operations' included (a database that one operation of each of two
    // services calls is as shared as any).
    for (const e of a.edges) {
      if (e.kind !== 'call' || !a.isService(e.from)) continue;
      const db = dbOf(e.to);
      if (db === undefined) continue;
      let s = callers.get(db);
      if (!s) callers.set(db, (s = new Set()));
      s.add(e.from);
    }
    return a.ids.flatMap((db) => {
      const users = [...(callers.get(db) ?? [])].sort((x, y) => a.rank(x) - a.rank(y));
      if (users.length < minServices) return [];
      const [owner] = users;
      return [
        {
          nodes: [db, ...users],
          message: `Database "${db}" is used by ${users.length} services (${users.join(', ')}): they are coupled through its schema and cannot change or deploy apart (a distributed monolith).`,
          fix: `Give "${db}" one owner (say "${owner}"); the other services go through the owner's API or keep their own copy of the data, fed by the owner's events on a topic.`,
        },
      ];
    });
  },
};
