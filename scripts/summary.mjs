// Sums the runners' JSON reports into the one line CI reads: "N passed, N failed, N skipped".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.reports';
let passed = 0;
let failed = 0;
let skipped = 0;
for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  if (f === 'vitest.json') {
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(r);
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  } else if (f === 'playwright.json') {
    const s = r.stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0);
    failed += s.unexpected ?? 0;
    skipped += s.skipped ?? 0;
    // An error outside any test (a config or web server that fails) must not read as green.
    if ((r.errors ?? []).length > 0 && (s.expected ?? 0) + (s.unexpected ?? 0) === 0) failed += 1;
  } else {
    passed += r.passed;
    failed += r.failed;
    skipped += r.skipped;
  }
}
// A suite that fails to load (syntax error, failing import) has no failed tests but must count.
function countSuitesWithFailedTests(r) {
  return (r.testResults ?? []).filter((t) => t.status === 'failed' && (t.assertionResults ?? []).some((a) => a.status === 'failed')).length;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
