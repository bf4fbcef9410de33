// review --format sarif: SARIF 2.1.0, validated against the OASIS schema (vendored: tests cannot
// fetch it), results at the line of the finding's first node id.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { applySuppressions, review, ruleInfos } from './review.js';
import { nodeLocator, toSarif } from './sarif.js';
import { design } from './testing.js';

const schema = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../test/fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url)), 'utf8'),
);
// The schema's language pattern is not valid with the u flag (a stray bracket): plain RegExp, as draft-04 meant.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const TEXT = `name: shop
nodes:
  web: { kind: client, requests: [ { to: a } ] }
  a:
    kind: service
    calls: [ { to: db }, { to: b } ]
  b: { kind: service, calls: [ { to: db } ] }
  db: { kind: database }
sagas:
  "checkout flow": { steps: [ { name: x, to: a }, { name: y, to: b } ] }
`;

interface Result {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }[];
  relatedLocations?: { physicalLocation: { region: { startLine: number; startColumn: number } }; message: { text: string } }[];
  suppressions?: { kind: string; justification: string }[];
}
interface Log {
  version: string;
  runs: { tool: { driver: { name: string; rules: { id: string; help: { text: string } }[] } }; results: Result[] }[];
}

describe('SARIF output', () => {
  const d = design(TEXT);
  const findings = applySuppressions(review(d), [{ rule: 'missing-breaker', node: 'b', reason: 'b is a library call in disguise' }]);
  const log = toSarif({ findings, file: 'designs/my shop.arch.yaml', text: TEXT, toolVersion: '0.1.0' }) as unknown as Log;

  it('validates against the SARIF 2.1.0 schema', () => {
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
  it('names the tool and every rule with its help text', () => {
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('meshwright');
    expect(driver.rules.map((r) => r.id)).toEqual(ruleInfos.map((r) => r.id));
    for (const r of driver.rules) expect(r.help.text.length).toBeGreaterThan(40);
  });
  it('gives one result per finding at the line of its first node id', () => {
    const results = log.runs[0]!.results;
    expect(results).toHaveLength(findings.length);
    const shared = results.find((r) => r.ruleId === 'shared-database')!;
    expect(shared.level).toBe('error');
    expect(shared.locations[0]!.physicalLocation.region).toEqual({ startLine: 8, startColumn: 3 }); // "db:"
    expect(shared.locations[0]!.physicalLocation.artifactLocation.uri).toBe('designs/my%20shop.arch.yaml');
    const saga = results.find((r) => r.ruleId === 'saga-no-compensation')!;
    expect(saga.locations[0]!.physicalLocation.region).toEqual({ startLine: 10, startColumn: 3 }); // under sagas:
    const timeout = results.find((r) => r.ruleId === 'missing-timeout' && r.message.text.includes('"a" calls "b"'))!;
    expect(timeout.locations[0]!.physicalLocation.region!.startLine).toBe(4); // the caller, "a:"
    // The call itself, "{ to: b }", as a related location.
    expect(timeout.relatedLocations!.map((l) => [l.physicalLocation.region, l.message.text])).toEqual([
      [{ startLine: 6, startColumn: 26 }, 'nodes.a.calls[1]'],
    ]);
    const step = results.find((r) => r.ruleId === 'missing-timeout' && r.message.text.includes('"checkout flow" calls "b"'))!;
    expect(step.relatedLocations![0]!.physicalLocation.region).toEqual({ startLine: 10, startColumn: 51 }); // the step, under sagas:
    expect(results.filter((r) => r.level === 'note').length).toBe(findings.filter((f) => f.severity === 'info').length);
  });
  it('marks suppressed findings with their reason', () => {
    const s = log.runs[0]!.results.filter((r) => r.suppressions);
    // Every missing-breaker finding with b among its nodes: a -> b and the saga's step to b.
    expect(s.map((r) => r.ruleId)).toEqual(['missing-breaker', 'missing-breaker']);
    expect(s[0]!.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'b is a library call in disguise' }]);
  });
  it("locates a call of an operation at that call, and keeps each operation's finding apart", () => {
    const text = `nodes:
  orders:
    kind: service
    operations:
      "GET /orders": { calls: [ { to: pay, timeout: 1s } ] }
      "POST /orders":
        calls:
          - { to: pay, timeout: 1s }
          - { to: pay, op: "POST /charges", timeout: 1s }
      "DELETE /orders":
        calls: [ { to: pay } ]
  pay: { kind: service, operations: { "POST /charges": {}, "GET /x": {} } }
`;
    const r = (toSarif({ findings: review(design(text)), file: 'a.arch.yaml', text }) as unknown as Log).runs[0]!.results;
    const breakers = r.filter((x) => x.ruleId === 'missing-breaker');
    expect(breakers.map((x) => x.locations[0]!.physicalLocation.region!.startLine)).toEqual([2, 2, 2]); // "orders:"
    expect(breakers.map((x) => x.relatedLocations![0]!.physicalLocation.region)).toEqual([
      { startLine: 5, startColumn: 33 },
      { startLine: 8, startColumn: 13 },
      { startLine: 11, startColumn: 18 },
    ]);
    const prints = breakers.map(
      (x) => (x as unknown as { partialFingerprints: Record<string, string> }).partialFingerprints['meshwrightFinding/v1'],
    );
    expect(new Set(prints).size).toBe(3);
  });
  it('rejects what is not SARIF (the validation can fail)', () => {
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
    expect(validate({ ...log, runs: [{ results: [] }] })).toBe(false);
  });
  it('locates ids in one pass, and not ids that are only values', () => {
    const at = nodeLocator(TEXT);
    expect(at('b')).toEqual({ line: 7, column: 3 });
    expect(at('checkout flow')).toEqual({ line: 10, column: 3 });
    expect(at('x')).toBeUndefined();
  });
});
