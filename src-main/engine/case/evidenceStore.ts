// Content-addressed evidence store: one read-only copy per distinct file, named by its SHA-256, in `<case>.evidence/`.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, copyFile, link, lstat, mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { LoupeError } from '../../contract/errors';
import { digestFile } from '../import/hash';

export interface StoredEvidence {
  sha256: string;
  size: number;
  /** `<storeDir>/<sha256>`, mode 0444. */
  copyPath: string;
  /** The original's modification time when it was read. */
  mtimeMs: number;
}

export type CopyStatus = 'ok' | 'changed' | 'missing';

const CHUNK = 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;
/** Temp names carry the writer's pid so a later store can tell a crashed writer's leftovers from a live one's. */
const TEMP_FILE = /^\.tmp-(\d+)-[0-9a-f]+$/;
const TEMP_DIR = /^\.parse-(\d+)-[0-9a-f]+$/;
const activeTemps = new Set<string>();

/** The evidence folder travels with the case: `/cases/x.loupe` keeps its copies in `/cases/x.loupe.evidence/`. */
export function evidenceDirFor(casePath: string): string {
  return `${resolve(casePath)}.evidence`;
}

export function isSha256(s: unknown): s is string {
  return typeof s === 'string' && SHA256.test(s);
}

/**
 * Reads the original once (opened read-only), hashing while writing a temp copy in storeDir; the fsynced copy is renamed
 * to `<sha256>` (or dropped when the store already holds it) and made read-only. The original is never written.
 */
export async function storeEvidence(originalPath: string, storeDir: string, opts: { signal?: AbortSignal } = {}): Promise<StoredEvidence> {
  const name = basename(originalPath);
  await mkdir(storeDir, { recursive: true });
  await cleanStaleTemps(storeDir);
  let src: FileHandle;
  try {
    src = await open(originalPath, 'r');
  } catch {
    throw new LoupeError('BAD_INPUT', `${name}: file not found or not readable`);
  }
  const tempPath = join(storeDir, `.tmp-${process.pid}-${randomBytes(8).toString('hex')}`);
  activeTemps.add(tempPath);
  let dst: FileHandle | undefined;
  try {
    const st = await src.stat();
    if (!st.isFile()) throw new LoupeError('BAD_INPUT', `${name}: not a regular file`);
    dst = await open(tempPath, 'wx', 0o600);
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(CHUNK);
    let size = 0;
    for (;;) {
      if (opts.signal?.aborted) throw new LoupeError('CANCELLED', `import of ${name} cancelled`);
      const { bytesRead } = await src.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      hash.update(chunk);
      await writeAll(dst, chunk);
      size += bytesRead;
    }
    await dst.sync();
    await dst.close();
    dst = undefined;
    const sha256 = hash.digest('hex');
    const copyPath = join(storeDir, sha256);
    const existing = await stat(copyPath).catch(() => null);
    if (existing?.isFile() && existing.size === size) {
      await unlink(tempPath);
    } else {
      await chmod(tempPath, 0o444);
      // Windows refuses to rename over a read-only file; a same-name copy of another size is not this content anyway.
      if (existing) await chmod(copyPath, 0o644).catch(() => undefined);
      await rename(tempPath, copyPath);
      await syncDir(storeDir);
    }
    await chmod(copyPath, 0o444);
    return { sha256, size, copyPath, mtimeMs: st.mtimeMs };
  } catch (err) {
    await dst?.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    throw err;
  } finally {
    activeTemps.delete(tempPath);
    await src.close();
  }
}

/** Re-hashes a stored copy: 'changed' when its bytes no longer hash to its name. */
export async function verifyEvidenceCopy(storeDir: string, sha256: string): Promise<{ status: CopyStatus; actual?: string }> {
  if (!isSha256(sha256)) return { status: 'missing' };
  const path = join(storeDir, sha256);
  const st = await stat(path).catch(() => null);
  if (!st?.isFile()) return { status: 'missing' };
  const actual = (await digestFile(path)).sha256;
  return actual === sha256 ? { status: 'ok', actual } : { status: 'changed', actual };
}

/** What the importer parses instead of the original: the store's copies, under the original names. */
export interface EvidenceStaging {
  /** Pass this to the reader instead of the original path. */
  readonly parsePath: string;
  /** The original path and stored copy behind a path under parsePath (undefined for paths outside it). */
  evidenceOf(path: string): { originalPath: string; copy: string } | undefined;
  /** Removes the parse tree (the stored copies stay). */
  dispose(): Promise<void>;
}

/**
 * Copies `originalPath` (a file, or every regular file of a folder; links are skipped as the reader skips them) into the
 * store, then builds a private tree of hard links to the copies with the original names, so the reader sees the same
 * names and extensions but reads exactly the bytes that were hashed (no time-of-check/time-of-use gap).
 */
export async function stageEvidence(originalPath: string, storeDir: string, opts: { signal?: AbortSignal } = {}): Promise<EvidenceStaging> {
  const original = resolve(originalPath);
  const name = basename(original);
  const st = await lstat(original).catch(() => null);
  if (!st) throw new LoupeError('BAD_INPUT', `${name}: file not found or not readable`);
  await mkdir(storeDir, { recursive: true });
  await cleanStaleTemps(storeDir);
  const root = join(storeDir, `.parse-${process.pid}-${randomBytes(8).toString('hex')}`);
  activeTemps.add(root);
  const parsePath = join(root, name);
  const byParsePath = new Map<string, { originalPath: string; copy: string }>();
  const place = async (from: string, to: string) => {
    const stored = await storeEvidence(from, storeDir, opts);
    await linkOrCopy(stored.copyPath, to);
    byParsePath.set(to, { originalPath: from, copy: stored.sha256 });
  };
  try {
    await mkdir(root);
    if (st.isDirectory()) {
      const walk = async (dir: string, mirror: string): Promise<void> => {
        await mkdir(mirror);
        for (const entry of (await readdir(dir)).sort()) {
          const from = join(dir, entry);
          if (from === resolve(storeDir)) continue; // a case kept inside the imported folder: never copy the store into itself
          const est = await lstat(from);
          if (est.isDirectory()) await walk(from, join(mirror, entry));
          else if (est.isFile()) await place(from, join(mirror, entry));
        }
      };
      await walk(original, parsePath);
    } else if (st.isFile()) {
      await place(original, parsePath);
    } else {
      throw new LoupeError('BAD_INPUT', `${name}: not a regular file`);
    }
  } catch (err) {
    await removeTree(root, storeDir);
    throw err;
  }
  return {
    parsePath,
    evidenceOf: (path) => byParsePath.get(resolve(path)),
    dispose: () => removeTree(root, storeDir),
  };
}

async function writeAll(fh: FileHandle, chunk: Buffer): Promise<void> {
  let off = 0;
  while (off < chunk.length) off += (await fh.write(chunk, off, chunk.length - off)).bytesWritten;
}

/** A hard link shares the copy's bytes and read-only mode; file systems without links (FAT) get a copy of the copy. */
async function linkOrCopy(copyPath: string, to: string): Promise<void> {
  try {
    await link(copyPath, to);
  } catch {
    await copyFile(copyPath, to);
    await chmod(to, 0o444);
  }
}

async function removeTree(root: string, storeDir: string): Promise<void> {
  try {
    await rm(root, { recursive: true, force: true });
  } finally {
    activeTemps.delete(root);
  }
  // Removing a read-only link on Windows clears the shared read-only bit first: put it back on the copies.
  if (process.platform === 'win32') {
    for (const entry of await readdir(storeDir)) if (SHA256.test(entry)) await chmod(join(storeDir, entry), 0o444).catch(() => undefined);
  }
}

/** Removes temp files and parse trees left by a writer that died (killed mid-copy); live writers' temps are kept. */
export async function cleanStaleTemps(storeDir: string): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(storeDir).catch(() => [] as string[]);
  for (const entry of entries) {
    const m = TEMP_FILE.exec(entry) ?? TEMP_DIR.exec(entry);
    if (!m) continue;
    const path = join(storeDir, entry);
    const pid = Number(m[1]);
    if (pid === process.pid ? activeTemps.has(path) : processAlive(pid)) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: unknown }).code === 'EPERM';
  }
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename durable on POSIX; Windows cannot open a directory for fsync (the rename is journaled there).
  let fh: FileHandle | undefined;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    /* best effort */
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** Import options of the evidence copy (ImportOptions extends these). */
export interface EvidenceCopyOptions {
  /** Keep a read-only copy of each original in the evidence store and parse that copy (what was hashed is what is parsed). */
  copyEvidence?: boolean;
  /** Where copies go; default `<case path>.evidence/` next to the case file. */
  evidenceDir?: string;
  /** Set by withEvidenceCopy for the import it wraps: the original and stored copy behind a parsed path. */
  evidenceOf?: EvidenceStaging['evidenceOf'];
  signal?: AbortSignal;
}

/**
 * Runs `importParsed` on the staged copies of `path` (the case file `casePath` decides where the store is); the importer
 * records `evidenceOf(input.path)` (original path, copy) in the register. The parse tree is removed afterwards.
 */
export async function withEvidenceCopy<T, O extends EvidenceCopyOptions>(
  casePath: string,
  path: string,
  opts: O,
  importParsed: (parsePath: string, opts: O) => Promise<T>,
): Promise<T> {
  const storeDir = opts.evidenceDir ?? (casePath && casePath !== ':memory:' ? evidenceDirFor(casePath) : null);
  if (storeDir === null) throw new LoupeError('INTERNAL', 'copyEvidence needs an evidenceDir for a case not stored in a file');
  let staged: EvidenceStaging;
  try {
    staged = await stageEvidence(path, storeDir, opts.signal ? { signal: opts.signal } : {});
  } catch (err) {
    if (err instanceof LoupeError) throw err;
    throw new LoupeError('BAD_INPUT', `${basename(path)}: could not keep an evidence copy (${(err as Error).message})`);
  }
  try {
    return await importParsed(staged.parsePath, { ...opts, evidenceOf: staged.evidenceOf });
  } finally {
    await staged.dispose();
  }
}
