// review.ignore (review.md "Suppressions"): accepted findings stay listed, marked, and do not count.
import { describe, expect, it } from 'vitest';
import { applySuppressions, countFindings, groupByRule, reaches, review } from './review.js';
import { design } from './testing.js';
import type { Design } from '../model/schema.js';

const base = design(`
nodes:
  web: { kind: client, requests: [ { to: a } ] }
  a: { kind: service, replicas: 2, calls: [ { to: db, timeout: 1s }, { to: b, timeout: 1s } ] }
  b: { kind: service, replicas: 2, calls: [ { to: db, timeout: 1s } ] }
  db: { kind: database }
`);
const withIgnore = (ignore: unknown[]): Design => ({ ...base, review: { ignore } }) as Design;

describe('review.ignore', () => {
  it('marks the matching finding suppressed with its reason; --fail-on no longer counts it', () => {
    const plain = review(base);
    expect(reaches(plain, 'error')).toBe(true);
    const fs = review(withIgnore([{ rule: 'shared-database', node: 'b', reason: 'reporting reads a replica, owned by a' }]));
    const shared = fs.filter((f) => f.rule === 'shared-database');
    expect(shared).toEqual([
      expect.objectContaining({ suppressed: true, reason: 'reporting reads a replica, owned by a', nodes: ['db', 'a', 'b'] }),
    ]);
    expect(reaches(fs, 'error')).toBe(false);
    expect(countFindings(fs)).toMatchObject({ error: 0, suppressed: 1 });
    expect(fs.filter((f) => f.rule === 'unused-suppression')).toEqual([]);
  });
  it('reports an entry that matches nothing as unused-suppression (info), with the entry in the message', () => {
    const fs = review(
      withIgnore([
        { rule: 'god-service', node: 'a', reason: 'composes pages' },
        { rule: 'no-such-rule', node: 'b', reason: 'typo' },
      ]),
    );
    const unused = fs.filter((f) => f.rule === 'unused-suppression');
    expect(unused.map((f) => [f.severity, f.nodes])).toEqual([
      ['info', ['a']],
      ['info', ['b']],
    ]);
    expect(unused[0]!.message).toContain('god-service on "a"');
    expect(unused[1]!.message).toContain('"no-such-rule"');
    expect(fs.some((f) => f.suppressed)).toBe(false);
  });
  it('matches on the rule and the node only (another rule on that node stays)', () => {
    const fs = applySuppressions(review(base), [{ rule: 'shared-database', node: 'web', reason: 'x' }]);
    expect(fs.filter((f) => f.suppressed)).toEqual([]);
    expect(fs.filter((f) => f.rule === 'unused-suppression')).toHaveLength(1);
  });
  it('groups by rule: one group per rule with its count and suppressed count', () => {
    const fs = review(withIgnore([{ rule: 'shared-database', node: 'db', reason: 'r' }]));
    const groups = groupByRule(fs);
    expect(groups.map((g) => g.rule)).toEqual([...new Set(fs.map((f) => f.rule))]);
    expect(groups.find((g) => g.rule === 'shared-database')).toMatchObject({ severity: 'error', suppressed: 1 });
    expect(groups.reduce((n, g) => n + g.findings.length, 0)).toBe(fs.length);
  });
});
