import { describe, expect, it } from 'vitest';
import { reportHtml, reportMarkdown, type SimulationSummary } from './report.js';
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
