// Checks electron-builder.yml offline, without an Electron binary: packs the app with
// `electron-builder --dir` against a stub Electron distribution (a tiny file that carries the fuse
// sentinel, so electron-builder's fuse flipping runs for real), then asserts what landed in
// app.asar and which fuses the packaged "binary" now has. Builds main and preload into its temporary
// project and uses dist-web/ when built, else a placeholder page. Run: node electron/packaging/checkPackaging.mjs
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, symlinkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const asar = require('@electron/asar');

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Fuse wire v1 as Electron ships it: version 1, 8 fuses, in @electron/fuses' order, '1' on / '0' off.
const FUSES = [
  ['runAsNode', '1'],
  ['enableCookieEncryption', '0'],
  ['enableNodeOptionsEnvironmentVariable', '1'],
  ['enableNodeCliInspectArguments', '1'],
  ['enableEmbeddedAsarIntegrityValidation', '0'],
  ['onlyLoadAppFromAsar', '0'],
  ['loadBrowserProcessSpecificV8Snapshot', '0'],
  ['grantFileProtocolExtraPrivileges', '1'],
];
const EXPECTED = {
  runAsNode: '0',
  enableCookieEncryption: '1',
  enableNodeOptionsEnvironmentVariable: '0',
  enableNodeCliInspectArguments: '0',
  enableEmbeddedAsarIntegrityValidation: '1',
  onlyLoadAppFromAsar: '1',
  grantFileProtocolExtraPrivileges: '0',
};

export function checkPackaging() {
  const work = mkdtempSync(join(tmpdir(), 'meshwright-pack-'));
  const failures = [];
  try {
    const stub = join(work, 'electron-stub');
    mkdirSync(stub);
    const wire = Buffer.concat([
      Buffer.from(`#!/bin/sh\necho stub electron\nexit 1\n# ${SENTINEL}`),
      Buffer.from([1, FUSES.length]),
      Buffer.from(FUSES.map(([, v]) => v).join('')),
      Buffer.from('\n'),
    ]);
    writeFileSync(join(stub, 'electron'), wire);
    chmodSync(join(stub, 'electron'), 0o755);
    writeFileSync(join(stub, 'version'), 'v45.4.1');
    writeFileSync(join(stub, 'LICENSE'), '');

    // A copy of the project with just what electron-builder reads, so the real tree is untouched.
    const proj = join(work, 'project');
    mkdirSync(proj);
    for (const f of ['package.json', 'package-lock.json', 'electron-builder.yml', 'build'])
      cpSync(join(root, f), join(proj, f), { recursive: true });
    // The real node_modules, so electron-builder's dependency collection (and our exclusion of it) is what `npm run dist` sees.
    symlinkSync(join(root, 'node_modules'), join(proj, 'node_modules'), 'junction');
    const built = spawnSync(process.execPath, ['scripts/build-electron.mjs', `--outdir=${join(proj, 'dist-electron')}`], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`build-electron failed: ${built.stderr}`);
    if (existsSync(join(root, 'dist-web', 'index.html'))) cpSync(join(root, 'dist-web'), join(proj, 'dist-web'), { recursive: true });
    else {
      mkdirSync(join(proj, 'dist-web'));
      writeFileSync(join(proj, 'dist-web', 'index.html'), '<!doctype html><title>placeholder</title>');
    }

    const r = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', 'electron-builder', 'cli.js'),
        '--dir',
        '--linux',
        '--x64',
        '--config',
        'electron-builder.yml',
        `-c.electronDist=${stub}`,
        '-c.electronVersion=45.4.1',
        // The bundles need no node_modules; skip installing and rebuilding them (slow, and networked).
        '-c.npmRebuild=false',
      ],
      { cwd: proj, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: 'true' } },
    );
    if (r.status !== 0) throw new Error(`electron-builder --dir failed:\n${r.stdout}\n${r.stderr}`);

    const out = join(proj, 'release', 'linux-unpacked');
    const exe = join(out, 'meshwright');
    if (!existsSync(exe)) failures.push('no release/linux-unpacked/meshwright (linux.executableName)');
    const archive = join(out, 'resources', 'app.asar');
    if (!existsSync(archive)) failures.push('no resources/app.asar (asar: true)');
    else {
      const files = asar.listPackage(archive, {}).map((f) => f.replace(/\\/g, '/'));
      for (const must of ['/package.json', '/dist-electron/main/main.js', '/dist-electron/preload/preload.cjs', '/dist-web/index.html']) {
        if (!files.includes(must)) failures.push(`app.asar lacks ${must}`);
      }
      const stray = files.filter(
        (f) => f.includes('/node_modules/') || f.endsWith('.map') || f.startsWith('/electron/') || f.startsWith('/engine/'),
      );
      if (stray.length > 0) failures.push(`app.asar carries files it should not: ${stray.slice(0, 5).join(', ')}`);
      const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
      if (pkg.main !== 'dist-electron/main/main.js') failures.push(`package.json main is ${pkg.main}`);
    }
    if (existsSync(exe)) {
      const bin = readFileSync(exe);
      const at = bin.indexOf(SENTINEL) + SENTINEL.length;
      const got = Object.fromEntries(FUSES.map(([name], i) => [name, String.fromCharCode(bin[at + 2 + i])]));
      for (const [name, want] of Object.entries(EXPECTED)) {
        if (got[name] !== want) failures.push(`fuse ${name} is ${got[name]}, want ${want}`);
      }
    }
    return { failures, output: r.stdout };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { failures } = checkPackaging();
  for (const f of failures) console.error(`packaging: ${f}`);
  console.log(
    failures.length === 0 ? 'packaging: electron-builder.yml ok (stub Electron, --dir)' : `packaging: ${failures.length} problem(s)`,
  );
  process.exit(failures.length === 0 ? 0 : 1);
}
