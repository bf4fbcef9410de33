#!/usr/bin/env bash
# The whole test suite: typecheck, lint, unit tests (Vitest), end-to-end (Playwright, Chromium).
# Ends with one line "N passed, N failed, N skipped" summed over the runners.
set -u
cd "$(dirname "$0")/.."
mkdir -p .reports
rm -f .reports/*.json
status=0
step() { echo; echo "== $*"; }

step typecheck
if node scripts/typecheck.mjs; then echo '{"passed":1,"failed":0,"skipped":0}' > .reports/typecheck.json; else echo '{"passed":0,"failed":1,"skipped":0}' > .reports/typecheck.json; status=1; fi

step lint
if npm run -s lint; then echo '{"passed":1,"failed":0,"skipped":0}' > .reports/lint.json; else echo '{"passed":0,"failed":1,"skipped":0}' > .reports/lint.json; status=1; fi

step "unit tests (vitest)"
node node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile=.reports/vitest.json || status=1

if ls test/e2e/*.spec.ts >/dev/null 2>&1; then
  step "build the web renderer"
  if npm run -s build:web; then
    step "end-to-end (playwright)"
    # Chromium runs headless; Xvfb is only for the Electron spec where a binary exists.
    # (No exported shell functions here: xvfb-run goes through /bin/sh, which drops them.)
    pw=(env PLAYWRIGHT_JSON_OUTPUT_NAME=.reports/playwright.json node node_modules/@playwright/test/cli.js test --reporter=list,json)
    if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then pw=(xvfb-run -a "${pw[@]}"); fi
    "${pw[@]}" || status=1
    # No report means Playwright never ran its tests: that is a failure, not silence.
    [ -f .reports/playwright.json ] || { echo "playwright produced no report" >&2; echo '{"passed":0,"failed":1,"skipped":0}' > .reports/playwright-missing.json; status=1; }
  else
    echo '{"passed":0,"failed":1,"skipped":0}' > .reports/build-web.json; status=1
  fi
fi

step "electron security (electronegativity)"
node electron/security/electronegativity.mjs --report=.reports/electronegativity.json || status=1

echo
node scripts/summary.mjs .reports || status=1
exit $status
