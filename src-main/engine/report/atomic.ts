// Atomic file writes (SECURITY.md X-5): temp file in the target directory → fsync → rename; never a partial final file.
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export type AtomicData = string | Uint8Array | ((tmpPath: string) => Promise<void>);

/** The temp name used next to `path` (hidden, recognisable, unique per call). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.loupe-tmp`);
}

async function fsyncPath(path: string, flags: string): Promise<void> {
  const fh = await open(path, flags);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function fsyncDirBestEffort(dir: string): Promise<void> {
  try {
    await fsyncPath(dir, 'r');
  } catch {
    // Directories cannot be opened/fsynced on Windows; rename there is already durable enough.
  }
}

/**
 * Writes `data` (or lets the callback write the temp file) and renames it over `path` only after an fsync.
 * On any error the temp file is removed and `path` is left untouched.
 */
export async function writeFileAtomic(path: string, data: AtomicData): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    if (typeof data === 'function') {
      await data(tmp);
      await fsyncPath(tmp, 'r+');
    } else {
      const fh = await open(tmp, 'wx', 0o644);
      try {
        await fh.writeFile(data);
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await fsyncDirBestEffort(dirname(path));
}
