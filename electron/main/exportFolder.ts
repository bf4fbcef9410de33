// Writes an export (many files) under a folder the user chose, and never outside it. Every
// relative path is checked before anything is written: no absolute paths (POSIX or Windows), no
// `..`, no backslashes or drive letters, no Windows device names; and while writing, no folder or
// file on the way may be a symlink, so a link planted inside the folder cannot lead outside it.
import { promises as fs } from 'node:fs';
import { join, relative, isAbsolute, sep } from 'node:path';
import { atomicWrite } from './atomic.js';

export class UnsafePathError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`refusing to write "${path}": ${reason}`);
    this.name = 'UnsafePathError';
  }
}

const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Splits a '/'-separated relative export path into safe segments, or throws UnsafePathError. */
export function exportSegments(path: string): string[] {
  if (path.length === 0) throw new UnsafePathError(path, 'empty path');
  if (path.includes('\\')) throw new UnsafePathError(path, 'backslash (use "/" between folders)');
  if (path.startsWith('/')) throw new UnsafePathError(path, 'absolute path');
  // "C:x", "C:\x", "\\server\share" and NTFS alternate streams ("a.txt:evil") all contain a colon.
  if (path.includes(':')) throw new UnsafePathError(path, 'colon (drive letter or stream name)');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\0-\x1f]/.test(path)) throw new UnsafePathError(path, 'control character');
  const segments = path.split('/');
  for (const s of segments) {
    if (s === '' || s === '.') throw new UnsafePathError(path, 'empty or "." segment');
    if (s === '..') throw new UnsafePathError(path, '".." segment');
    if (WINDOWS_DEVICES.test(s)) throw new UnsafePathError(path, `reserved name "${s}"`);
    if (/[. ]$/.test(s)) throw new UnsafePathError(path, 'segment ends with a dot or space (Windows strips them)');
    if (/[<>"|?*]/.test(s)) throw new UnsafePathError(path, 'character not allowed in file names');
  }
  return segments;
}

/** Checks every path first (all or nothing), including two paths that name one file. */
export function checkExportPaths(paths: readonly string[]): string[][] {
  const seen = new Map<string, string>();
  return paths.map((p) => {
    const segments = exportSegments(p);
    // Case-folded: on Windows and macOS "A.yaml" and "a.yaml" are the same file.
    const key = segments.join('/').toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) throw new UnsafePathError(p, `same file as "${other}"`);
    seen.set(key, p);
    return segments;
  });
}

export interface WriteExportOptions {
  /** Create the folder (and its parents) when it is missing: the CLI's --out. */
  create?: boolean;
}

/**
 * Writes `files` under `folder`. The folder itself may be reached through links (the user chose
 * it); nothing below it may be one. Every path is checked before anything is created: its text
 * first, then whatever already exists on its way (a symlinked folder or file inside the folder is
 * refused with nothing written). Each file goes to a temporary name in its folder and is renamed
 * into place: a file hard-linked from outside is replaced here, never written through, and a
 * failure leaves no half-written file. Returns the real folder written to.
 */
export async function writeExport(
  folder: string,
  files: readonly { path: string; content: string }[],
  options: WriteExportOptions = {},
): Promise<string> {
  if (!isAbsolute(folder)) throw new UnsafePathError(folder, 'the export folder must be absolute');
  const all = checkExportPaths(files.map((f) => f.path));
  let rootStat = await fs.stat(folder).catch(() => null);
  if (rootStat === null && options.create) {
    await fs.mkdir(folder, { recursive: true });
    rootStat = await fs.stat(folder);
  }
  if (rootStat === null) throw new UnsafePathError(folder, 'no such folder');
  if (!rootStat.isDirectory()) throw new UnsafePathError(folder, 'not a folder');
  const root = await fs.realpath(folder);

  // Everything that exists on the way, checked before the first folder or file is created.
  const known = new Map<string, boolean>();
  for (const [i, file] of files.entries()) {
    const segments = all[i]!;
    let dir = root;
    let exists = true;
    for (const segment of segments.slice(0, -1)) {
      dir = join(dir, segment);
      if (!exists) break;
      let e = known.get(dir);
      if (e === undefined) known.set(dir, (e = await plainDirExists(dir, file.path)));
      exists = e;
    }
    if (exists) await checkTarget(join(root, ...segments), file.path);
  }

  // Then the folders, each checked again as it is made, and the files, a few at a time.
  const made = new Set<string>();
  const targets: string[] = [];
  for (const [i, file] of files.entries()) {
    const segments = all[i]!;
    let dir = root;
    for (const segment of segments.slice(0, -1)) {
      dir = join(dir, segment);
      if (made.has(dir)) continue;
      await ensurePlainDir(dir, file.path);
      // Belt and braces: the resolved folder must still be inside the root.
      const rel = relative(root, await fs.realpath(dir));
      if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..'))
        throw new UnsafePathError(file.path, 'resolves outside the chosen folder');
      made.add(dir);
    }
    targets.push(join(dir, segments.at(-1)!));
  }
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      await checkTarget(targets[i]!, files[i]!.path);
      // The rename replaces whatever entry is there (never follows a link planted since the check).
      await atomicWrite(targets[i]!, files[i]!.content, { links: 'replace', durable: false });
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, files.length) }, worker));
  return root;
}

async function checkTarget(target: string, forPath: string): Promise<void> {
  const st = await fs.lstat(target).catch(() => null);
  if (st?.isSymbolicLink()) throw new UnsafePathError(forPath, 'is a symlink');
  if (st && !st.isFile()) throw new UnsafePathError(forPath, 'exists and is not a file');
}

/** Is there a folder here (false: nothing yet)? A symlink or a file on the way is refused. */
async function plainDirExists(dir: string, forPath: string): Promise<boolean> {
  const st = await fs.lstat(dir).catch(() => null);
  if (st === null) return false;
  if (st.isSymbolicLink()) throw new UnsafePathError(forPath, 'a folder on the way is a symlink');
  if (!st.isDirectory()) throw new UnsafePathError(forPath, 'a folder on the way is a file');
  return true;
}

async function ensurePlainDir(dir: string, forPath: string): Promise<void> {
  if (!(await plainDirExists(dir, forPath))) await fs.mkdir(dir);
}
