// Atomic file writes: the data goes to a temporary file in the same folder, is flushed to disk
// (fsync), then renamed over the target, and the folder entry is flushed too. A crash at any point
// leaves either the old file whole or the new file whole, never a half-written one.
import { randomBytes } from 'node:crypto';
import { promises as fs, constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Test seam: runs after the temp file is flushed and before the rename (e.g. to simulate a crash). */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

export async function atomicWrite(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
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
    await handle.sync();
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
  await syncDir(dir);
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
