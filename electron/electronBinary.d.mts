// Types for electronBinary.mjs (plain JS so scripts/start.mjs can import it without a build).
export function executableName(platform?: NodeJS.Platform): string;
export function findElectron(
  root: string,
  env?: Record<string, string | undefined>,
  platform?: NodeJS.Platform,
): { ok: true; path: string } | { ok: false; reason: string };
