// Bundles the Electron main process (ESM, dist-electron/main/main.js, package.json "main") and the
// preload (CommonJS, dist-electron/preload/preload.cjs: a sandboxed preload cannot load ES modules
// or anything but electron) with esbuild. `--watch` rebuilds on change for development.
import { build, context } from 'esbuild';
import { rmSync } from 'node:fs';

const watch = process.argv.includes('--watch');
// --outdir=DIR builds elsewhere (the packaging check builds into its temporary project).
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist-electron';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22', // Electron 45 runs Node 22
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};
const targets = [
  { ...common, entryPoints: ['electron/main/main.ts'], outfile: `${outdir}/main/main.js`, format: 'esm' },
  { ...common, entryPoints: ['electron/preload/preload.ts'], outfile: `${outdir}/preload/preload.cjs`, format: 'cjs' },
];

rmSync(outdir, { recursive: true, force: true });
if (watch) {
  for (const t of targets) await (await context(t)).watch();
  console.log('build-electron: watching electron/ for changes');
} else {
  await Promise.all(targets.map((t) => build(t)));
  console.log(`build-electron: ${outdir}/main/main.js, ${outdir}/preload/preload.cjs`);
}
