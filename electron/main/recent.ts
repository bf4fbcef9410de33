// The recent files list: newest first, no duplicates, capped, and files that no longer exist
// dropped when the list is shown. Pure functions over arrays; the caller persists the result.
import { resolve } from 'node:path';

export const RECENT_CAP = 10;

/** Two spellings of one file count once: resolved, and case-folded where the file system folds case. */
export function samePath(a: string, b: string, platform: NodeJS.Platform = process.platform): boolean {
  const norm = (p: string) => (platform === 'win32' || platform === 'darwin' ? p.toLowerCase() : p);
  return norm(a) === norm(b);
}

export function addRecent(list: readonly string[], path: string, options: { cap?: number; platform?: NodeJS.Platform } = {}): string[] {
  const cap = options.cap ?? RECENT_CAP;
  const full = resolve(path);
  const rest = list.filter((p) => !samePath(p, full, options.platform));
  return [full, ...rest].slice(0, cap);
}

export function removeRecent(list: readonly string[], path: string, platform?: NodeJS.Platform): string[] {
  return list.filter((p) => !samePath(p, path, platform));
}

/** Keeps only entries whose file still exists; `exists` is injected so this stays testable. */
export async function pruneMissing(list: readonly string[], exists: (path: string) => Promise<boolean>): Promise<string[]> {
  const kept: string[] = [];
  for (const p of list) if (await exists(p)) kept.push(p);
  return kept;
}
