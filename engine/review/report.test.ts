import { describe, expect, it } from 'vitest';
import { attachedResult, reportHtml, reportMarkdown, type SimulationSummary } from './report.js';
import { simulate } from '../simulation/simulate.js';
import { aggregateSweep, runSweepOne, sweepPlan } from '../simulation/sweep.js';
import type { SimulationResult } from '../simulation/result.js';
import { applySuppressions, review } from './review.js';
import { design } from './testing.js';

const d = design(`
name: 'shop <b>'
nodes:
  web: { kind: client, rate: 100, requests: [ { to: a } ] }
  a: { kind: service, calls: [ { to: db }, { to: b } ] }
  b: { kind: service, calls: [ { to: db } ] }
  db: { kind: database }
notes:
  a: [ 'Owner: team <script>alert(1)</script> | ask *them*' ]
`);
const findings = review(d);
const sim: SimulationSummary = {
  scenario: 'baseline',
  requests: { total: 1000, ok: 990, failed: 10, byCause: { error: 4, timeout: 6, rejected: 0 } },
  latency: { p50: 12, p99: 85.5 },
  nodes: { a: { utilization: 0.4 }, b: { utilization: 0.2 } },
};
/** What the app passes for its last run (ReviewPanel's summaryOf, kept to the report's fields). */
const summaryOf = (r: SimulationResult): SimulationSummary => ({ requests: r.requests, latency: r.latency, slos: r.slos });
const doubled: SimulationSummary = { ...sim, nodes: { a: { utilization: 0.95 }, b: { utilization: 0.5 } } };

describe('review report', () => {
  it('Markdown holds findings with fixes, notes, load headroom and the simulation summary', () => {
    const md = reportMarkdown({ design: d, findings, simulation: sim, doubled });
    expect(md).toContain('# Architecture review: shop \\<b\\>');
    for (const f of findings) expect(md).toContain(`### ${f.rule} (`);
    // One heading per rule with its count (review.md: grouped by rule).
    expect(md.match(/^### missing-timeout \((\d+)\)/m)?.[1]).toBe(String(findings.filter((f) => f.rule === 'missing-timeout').length));
    expect(md.match(/^### missing-timeout/gm)).toHaveLength(1);
    expect(md.match(/\*Fix:\*/g)).toHaveLength(findings.length);
    expect(md).toContain('ask \\*them\\*');
    expect(md).toContain('| latency p99 | 85.5 ms |');
    expect(md).toContain('| error rate | 1.00% |');
    expect(md).toContain('error 4, timeout 6');
    expect(md).toContain('| saturates first | a 95% |');
    expect(md).toMatch(/\| a \| 100\.0 req\/s \| 6\.3% \| 16\.00x traffic \|/);
    expect(md).not.toContain('## Diagram');
  });
  it('HTML is self-contained and escapes the design', () => {
    const html = reportHtml({ design: d, findings, diagram: '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>' });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toContain('<script');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('src="data:image/svg+xml;charset=utf-8,%3Csvg');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('class="finding error"');
  });
  it('lists suppressed findings under their rule with the reason, not in the counts', () => {
    const accepted = applySuppressions(findings, [{ rule: 'shared-database', node: 'db', reason: 'a <legacy> schema, split in Q3' }]);
    const md = reportMarkdown({ design: d, findings: accepted });
    expect(md).toContain('### shared-database (0, 1 suppressed) — error');
    expect(md).toContain('*Accepted:* a \\<legacy\\> schema, split in Q3');
    expect(md).toMatch(/^0 errors, .*; 1 suppressed$/m);
    const html = reportHtml({ design: d, findings: accepted });
    expect(html).toContain('class="finding error suppressed"');
    expect(html).toContain('a &#60;legacy&#62; schema');
  });
  it('drops a diagram that is not an image', () => {
    expect(reportHtml({ design: d, findings, diagram: 'javascript:alert(1)' })).not.toContain('javascript:');
    expect(reportMarkdown({ design: d, findings, diagram: 'data:image/png;base64,AAAA' })).toContain('](data:image/png;base64,AAAA)');
  });
});

describe('review report with a run and a sweep attached (#17)', () => {
  // One M/M/1 service, 5 ms mean on 1 slot at 100 req/s x the multiplier: rho = 0.5 at 1x, the
  // response time exponential with mean 5 / (1 - rho) ms, so p99 = 46 ms at 1x and 92 ms at 1.5x.
  // The p99 objective (80 ms) holds up to 1x; the 1 ms p50 never does.
  const mm1 = (slo: string) =>
    design(`
name: mm1
nodes:
  web:
    kind: client
    rate: 100
    ${slo}
    requests: [ { to: api } ]
  api: { kind: service, concurrency: 1, latency: { dist: exponential, mean: 5ms } }
`);
  const shop = mm1('slo: { p99: 80ms, p50: 1ms }');
  const run = simulate(shop, { duration: 30_000, seed: 3 });
  const opts = { traffic: [0.5, 2.5] as [number, number], steps: 5, replications: 2, seed: 5, duration: 30_000 };
  const sweepOf = (d: ReturnType<typeof mm1>) =>
    aggregateSweep(
      d,
      opts,
      sweepPlan(opts, d).map((r) => runSweepOne(d, opts, r)),
    );

  it("holds the run's objectives: target, value, met or missed", () => {
    expect(run.slos.map((s) => [s.objective, s.met])).toEqual([
      ['p50', false],
      ['p99', true],
    ]);
    const md = reportMarkdown({ design: shop, findings: [], simulation: summaryOf(run) });
    expect(md).toContain('## Objectives: baseline');
    expect(md).toContain('1 of 2 objectives missed.');
    const p99 = run.slos.find((s) => s.objective === 'p99')!;
    expect(md).toContain(`| web -\\> api | p99 \\<= 80.0 ms | ${p99.value!.toFixed(1)} ms | met |`);
    expect(md).toMatch(/\| web -\\> api \| p50 \\<= 1\.0 ms \| [\d.]+ ms \| missed \|/);
    const html = reportHtml({ design: shop, findings: [], simulation: summaryOf(run) });
    expect(html).toContain('<td class="missed">missed</td>');
  });

  it('holds the sweep: the knee, what saturates past it, the objectives at the knee', () => {
    const sweep = sweepOf(mm1('slo: { p99: 80ms }'));
    expect(sweep.knee).toEqual({ traffic: 1, saturates: 'api' });
    const md = reportMarkdown({ design: shop, findings: [], sweep });
    expect(md).toContain('## Load sweep: baseline');
    expect(md).toContain(
      'The knee is at 1.00x traffic: the largest multiplier at which every objective is met in every replication. Past it, api saturates first.',
    );
    expect(md).toMatch(/^\| 1\.00x \(knee\) \| [\d.]+\/s/m);
    expect(md.match(/^\| \d\.\d\dx/gm)).toHaveLength(5);
    expect(md).toContain('## Objectives at 1.00x traffic (the knee)');
    expect(md).toMatch(/\| web -\\> api \| p99 \\<= 80\.0 ms \| [\d.]+ ms \([\d.]+ ms to [\d.]+ ms\) \| met \|/);
  });

  it('says when even the smallest multiplier misses, and what the knee is tested on without objectives', () => {
    expect(reportMarkdown({ design: shop, findings: [], sweep: sweepOf(shop) })).toContain(
      'Even the smallest multiplier tried, 0.50x, fails the test (every objective is met in every replication)',
    );
    const plain = sweepOf(mm1(''));
    // rho = 0.5 x multiplier: 90 % utilization is crossed between 1.5x and 2x.
    expect(plain.knee).toEqual({ traffic: 1.5, saturates: 'api' });
    const md = reportMarkdown({ design: mm1(''), findings: [], sweep: plain });
    expect(md).toContain('the largest multiplier at which fewer than 1 % of requests fail and no node reaches 90 % utilization');
  });

  it('reads results documents and says why it cannot', () => {
    expect(attachedResult(JSON.parse(JSON.stringify(run)))).toHaveProperty('simulation');
    expect(attachedResult(JSON.parse(JSON.stringify(sweepOf(shop))))).toHaveProperty('sweep');
    expect(attachedResult([])).toEqual({ error: expect.stringContaining('expected a JSON object') });
    expect(attachedResult({ points: [{ traffic: 1 }] })).toEqual({ error: expect.stringContaining('points[0]') });
    expect(attachedResult({ requests: { total: 1 } })).toEqual({ error: expect.stringContaining('"requests"') });
  });
});
