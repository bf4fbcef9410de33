// CI's security lint of the desktop shell with @doyensec/electronegativity (offline). It scans
// what ships: the built main and preload bundles, the renderer's index.html (its CSP) and
// package.json (the Electron version), plus one generated file holding, as an object literal, the
// exact BrowserWindow options the app uses (from windowOptions()), because the scanner cannot see
// through the function call in main.js. The findings at that one call site are therefore replaced
// by the scan of the literal; anything else it finds counts.
//
// Every electronegativity check is one test: failed if it reports a warning or error, passed
// otherwise; notes (manual-review hints) are printed but do not fail. `--report FILE` writes
// {"passed","failed","skipped"} for scripts/summary.mjs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tool = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist');
const ELECTRON_VERSION = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
/** Findings about the options object, which the scanner cannot resolve through windowOptions(...). */
const OPTION_CHECKS = new Set([
  'CONTEXT_ISOLATION_JS_CHECK',
  'SANDBOX_JS_CHECK',
  'AUXCLICK_JS_CHECK',
  'NODE_INTEGRATION_JS_CHECK',
  'WEB_SECURITY_JS_CHECK',
  'INSECURE_CONTENT_JS_CHECK',
  'EXPERIMENTAL_FEATURES_JS_CHECK',
  'BLINK_FEATURES_JS_CHECK',
  'PRELOAD_JS_CHECK',
  'AFFINITY_JS_CHECK',
]);

function allChecks() {
  const ids = [];
  for (const kind of ['AtomicChecks', 'GlobalChecks']) {
    for (const f of readdirSync(join(tool, 'finder', 'checks', kind))) {
      if (!f.endsWith('Check.js') || /Upgrade/.test(f)) continue;
      const src = readFileSync(join(tool, 'finder', 'checks', kind, f), 'utf8');
      const id = /this\.id = "([A-Z0-9_]+)"/.exec(src)?.[1];
      if (id) ids.push(id);
    }
  }
  return ids;
}

function stage(dir) {
  const built = spawnSync(process.execPath, ['scripts/build-electron.mjs', `--outdir=${join(dir, 'dist-electron')}`], {
    cwd: root,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`build-electron failed: ${built.stderr}`);
  for (const sub of ['main', 'preload']) {
    for (const f of readdirSync(join(dir, 'dist-electron', sub))) if (f.endsWith('.map')) rmSync(join(dir, 'dist-electron', sub, f));
  }
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  // The built page's meta CSP when the renderer is built, and always the policy the app:// handler
  // sends as a header (the one that applies even if a page lacked the meta tag).
  if (existsSync(join(root, 'dist-web', 'index.html'))) copyFileSync(join(root, 'dist-web', 'index.html'), join(dir, 'index.html'));
  const options = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { windowOptions } from ${JSON.stringify(join(root, 'electron/main/windowOptions.ts'))};
       import { CONTENT_SECURITY_POLICY } from ${JSON.stringify(join(root, 'electron/main/windowOptions.ts'))};
       console.log(JSON.stringify({ csp: CONTENT_SECURITY_POLICY, options: windowOptions({ preloadPath: '/app/preload.cjs', bounds: null, platform: 'linux', dev: false }) }));`,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (options.status !== 0) throw new Error(`windowOptions() failed: ${options.stderr}`);
  const generated = JSON.parse(options.stdout);
  writeFileSync(
    join(dir, 'window-options.js'),
    `// Generated: the options electron/main/windowOptions.ts returns, for the scanner to read.\nconst { BrowserWindow } = require('electron');\nnew BrowserWindow(${JSON.stringify(generated.options, null, 2)});\n`,
  );
  const attr = generated.csp.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  writeFileSync(
    join(dir, 'app-protocol-csp.html'),
    `<!doctype html>\n<!-- Generated: the Content-Security-Policy header the app:// handler sends with every response. -->\n<html><head><meta http-equiv="Content-Security-Policy" content="${attr}"></head><body></body></html>\n`,
  );
  // The one line in main.js where the window is created from windowOptions(...).
  const main = readFileSync(join(dir, 'dist-electron', 'main', 'main.js'), 'utf8').split('\n');
  const callLines = main.flatMap((l, i) => (/new BrowserWindow\(/.test(l) ? [i + 1] : []));
  if (callLines.length !== 1) throw new Error(`expected one "new BrowserWindow(" in main.js, found ${callLines.length}`);
  const next = main.slice(callLines[0], callLines[0] + 2).join(' ');
  if (!/windowOptions\(/.test(next) && !/windowOptions\(/.test(main[callLines[0] - 1])) {
    throw new Error('the window is not created from windowOptions(): the scan would not cover its options');
  }
  return callLines[0];
}

export function runElectronegativity() {
  const dir = mkdtempSync(join(tmpdir(), 'meshwright-eneg-'));
  try {
    const callLine = stage(dir);
    const sarif = join(dir, 'out.sarif');
    const r = spawnSync(process.execPath, [join(tool, 'index.js'), '-i', dir, '-o', sarif, '-e', ELECTRON_VERSION, '-r', '-v', 'false'], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    if (!existsSync(sarif)) throw new Error(`electronegativity produced no report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    const results = JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results;
    const findings = results.map((x) => {
      const loc = x.locations?.[0]?.physicalLocation;
      return {
        id: x.ruleId,
        level: x.level,
        file: loc?.artifactLocation?.uri ?? 'N/A',
        line: loc?.region?.startLine ?? 0,
        message: x.message.text,
      };
    });
    const counted = findings.filter(
      (f) => !(OPTION_CHECKS.has(f.id) && f.file.endsWith('dist-electron/main/main.js') && f.line === callLine),
    );
    const failing = counted.filter((f) => f.level === 'warning' || f.level === 'error');
    const failedIds = new Set(failing.map((f) => f.id));
    const checks = allChecks();
    return { checks, findings: counted, failing, passed: checks.filter((c) => !failedIds.has(c)).length, failed: failedIds.size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const reportAt = process.argv.find((a) => a.startsWith('--report='))?.slice('--report='.length);
  let result;
  try {
    result = runElectronegativity();
  } catch (error) {
    console.error(`electronegativity: ${error.message}`);
    result = { passed: 0, failed: 1, findings: [], failing: [], checks: [] };
  }
  for (const f of result.findings) console.log(`${f.level.padEnd(7)} ${f.id}  ${f.file}:${f.line}  ${f.message}`);
  console.log(`electronegativity: ${result.checks.length} checks, ${result.passed} passed, ${result.failed} failed`);
  if (reportAt) {
    mkdirSync(dirname(reportAt), { recursive: true });
    writeFileSync(reportAt, JSON.stringify({ passed: result.passed, failed: result.failed, skipped: 0 }));
  }
  process.exit(result.failed === 0 ? 0 : 1);
}
