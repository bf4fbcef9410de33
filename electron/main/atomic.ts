// Atomic file writes: the data goes to a temporary file in the same folder, is flushed to disk
// (fsync), then renamed over the target, and the folder entry is flushed too. A crash at any point
// leaves either the old file whole or the new file whole, never a half-written one. A rename
// replaces the folder entry, so a file hard-linked elsewhere keeps its old content there; a target
// that is a symbolic link (a design linked into a repository) is written through to the file it
// names, so the link stays a link and the real file gets the new text.
import { randomBytes } from 'node:crypto';
import { promises as fs, constants } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface AtomicWriteOptions {
  /** Test seam: runs after the temp file is flushed and before the rename (e.g. to simulate a crash). */
  beforeRename?: (tempPath: string) => void | Promise<void>;
  /** A symbolic link at the target: written through to the file it names (default), or, for
   * callers that refused links already, replaced by the rename like any entry. */
  links?: 'follow' | 'replace';
  /** fsync the file and its folder (default). An export of thousands of files that can be
   * regenerated skips it: the rename alone keeps every file whole for readers. */
  durable?: boolean;
}

/** The file a save to `target` should replace: the target, or what its chain of links names
 * (also when that file does not exist yet). */
async function throughLinks(target: string): Promise<string> {
  let path = target;
  for (let hops = 0; hops < 40; hops++) {
    const st = await fs.lstat(path).catch(() => null);
    if (!st?.isSymbolicLink()) return path;
    path = resolve(dirname(path), await fs.readlink(path));
  }
  throw new Error(`${target}: too many levels of symbolic links`);
}

export async function atomicWrite(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  if (options.links !== 'replace') target = await throughLinks(target);
  const dir = dirname(target);
  // Same folder as the target so the rename never crosses file systems (rename is only atomic within one).
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let mode = 0o644;
  try {
    const st = await fs.stat(target);
    mode = st.mode & 0o777; // keep the user's permissions on the file they overwrite
  } catch {
    // new file: default mode
  }
  // 'wx': fail rather than follow a symlink someone planted at the temp name.
  const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    await handle.writeFile(data);
    if (options.durable !== false) await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await options.beforeRename?.(temp);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  if (options.durable !== false) await syncDir(dir);
}

/** Flushes the folder entry so the rename itself survives a power cut. Not possible on Windows. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on folders; the data itself is already on disk.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Removes temp files left by a crash mid-save (ours only: dot-name, pid, random, .tmp). */
export async function removeStaleTemps(dir: string, target: string): Promise<number> {
  const prefix = `.${basename(target)}.`;
  let removed = 0;
  for (const entry of await fs.readdir(dir).catch(() => [] as string[])) {
    if (entry.startsWith(prefix) && /\.\d+\.[0-9a-f]{12}\.tmp$/.test(entry)) {
      await fs.rm(join(dir, entry), { force: true });
      removed += 1;
    }
  }
  return removed;
}
