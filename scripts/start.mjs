// `npm start`: builds the web renderer (dist-web/) and the Electron main and preload
// (dist-electron/), then launches the desktop app; extra arguments are passed on (e.g. a design
// file to open). Without an Electron binary (it cannot be downloaded offline) it says so in one
// line, with how to get one, and exits non-zero. With MESHWRIGHT_DEV_SERVER_URL set (a running
// `npm run web`), the renderer comes from that dev server instead and is not rebuilt.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectron } from '../electron/electronBinary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electron = findElectron(root);
if (!electron.ok) {
  console.error(`meshwright: cannot start the desktop app: ${electron.reason}; meanwhile \`npm run web\` opens the same UI in a browser.`);
  process.exit(1);
}

const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!process.env.MESHWRIGHT_DEV_SERVER_URL)
  run(['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
run(['scripts/build-electron.mjs']);

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE; // would turn the app into a plain Node process
const child = spawn(electron.path, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
