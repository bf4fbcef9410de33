// Finds the Electron executable without triggering electron's download-on-require (which fails
// offline). Shared by scripts/start.mjs and the Playwright _electron spec, which both must say
// clearly why they cannot run rather than hang on a network fetch.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The executable's path inside an Electron distribution folder, per platform (as electron/install.js writes it). */
export function executableName(platform = process.platform) {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * @param {string} root the repository root (holding node_modules)
 * @param {Record<string, string | undefined>} env
 * @param {NodeJS.Platform} platform
 * @returns {{ ok: true, path: string } | { ok: false, reason: string }}
 */
export function findElectron(root, env = process.env, platform = process.platform) {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) return { ok: false, reason: 'the electron package is not installed (run npm ci)' };
  const pathTxt = join(pkg, 'path.txt');
  const relative = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : executableName(platform);
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative) : join(pkg, 'dist', relative);
  if (existsSync(candidate)) return { ok: true, path: candidate };
  const where = override ? `ELECTRON_OVERRIDE_DIST_PATH (${candidate})` : 'node_modules/electron/dist';
  return {
    ok: false,
    reason:
      `the Electron binary is missing from ${where}; electron downloads it on first use, which needs network ` +
      '(run `npx electron --version` once with network, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45)',
  };
}
