// Which design files a command line asks us to open: the first launch's process.argv and the
// argv a second launch forwards (second-instance). Skips the executable, the app path that
// `electron .` adds in development, switches (ours, Chromium's, macOS's -psn_), and anything that
// is not a design file; accepts file:// URLs (Linux desktop files pass %U) and everything after `--`.
import { fileURLToPath } from 'node:url';
import { posix, win32 } from 'node:path';

export const DESIGN_EXTENSIONS = ['.arch.yaml', '.arch.yml', '.yaml', '.yml'] as const;

export function isDesignFile(path: string): boolean {
  const lower = path.toLowerCase();
  return DESIGN_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
}

export interface ArgvContext {
  /** The folder relative paths are relative to (the second instance's working directory). */
  cwd: string;
  platform?: NodeJS.Platform;
}

export function filesFromArgv(argv: readonly string[], ctx: ArgvContext): string[] {
  const platform = ctx.platform ?? process.platform;
  // argv[0] is the executable. In development the app path follows ("." or main.js), and tools
  // such as Playwright put switches before it; neither is a design file, so filtering drops them
  // without relying on positions that differ between launchers.
  const rest = argv.slice(1);
  const files: string[] = [];
  let afterDashDash = false;
  for (const raw of rest) {
    const arg = raw.trim();
    if (arg === '') continue;
    if (!afterDashDash) {
      if (arg === '--') {
        afterDashDash = true;
        continue;
      }
      // Switches: --foo, --foo=bar, -psn_0_12345 (macOS Finder), Windows-style /flags are not used by us.
      if (arg.startsWith('-')) continue;
    }
    const path = toPath(arg, ctx.cwd, platform);
    if (path !== null && isDesignFile(path)) files.push(path);
  }
  // Keep the order given, once each.
  return files.filter((f, i) => files.indexOf(f) === i);
}

function toPath(arg: string, cwd: string, platform: NodeJS.Platform): string | null {
  if (/^file:\/\//i.test(arg)) {
    try {
      return fileURLToPath(arg, { windows: platform === 'win32' });
    } catch {
      return null;
    }
  }
  // Any other URL-looking argument (e.g. a deep link) is not a file.
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) return null;
  const p = platform === 'win32' ? win32 : posix;
  return p.isAbsolute(arg) ? p.normalize(arg) : p.resolve(cwd, arg);
}
