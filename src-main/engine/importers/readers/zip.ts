// Zip pre-scan with yauzl: entry count, names, declared and actual sizes, compression ratio, small-entry reads.
import yauzl from 'yauzl';
import { ImportError, formatBytes, safeName, type ImportLimits } from './types';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** First bytes of the decompressed content (for sniffing). */
  head: Buffer;
  /** Full text of entries asked for in `keep`. */
  text?: string;
}

export type ZipSource = { path: string } | { buffer: Buffer };

/** Ratio is only meaningful for entries big enough to hurt. */
const RATIO_MIN_BYTES = 1024 * 1024;
const HEAD_BYTES = 4096;
const KEEP_MAX_BYTES = 16 * 1024 * 1024;

const ZIP_OPTIONS: yauzl.Options = { lazyEntries: true, validateEntrySizes: true, strictFileNames: true, decodeStrings: true, autoClose: false };

export function openZip(src: ZipSource): Promise<yauzl.ZipFile> {
  return 'path' in src ? yauzl.openPromise(src.path, ZIP_OPTIONS) : yauzl.fromBufferPromise(src.buffer, ZIP_OPTIONS);
}

function zipMessage(err: unknown): string {
  const m = safeName(err instanceof Error ? err.message : String(err));
  if (/absolute path|invalid relative path|invalid characters in fileName/.test(m)) return `zip entry has an unsafe name (${m})`;
  if (/too many bytes in the stream|not enough bytes in the stream/.test(m)) return `zip entry size differs from its declared size, refusing it (${m}; zip bomb?)`;
  return `not a readable zip/xlsx container (${m})`;
}

export function checkEntryName(name: string, file: string): void {
  if (name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name)) {
    throw new ImportError(`zip entry "${safeName(name)}" has an absolute path`, file);
  }
  if (name.split(/[\\/]/).includes('..')) throw new ImportError(`zip entry "${safeName(name)}" contains ".."`, file);
}

export interface ScanOptions {
  limits: ImportLimits;
  /** Entry names whose decompressed text is returned (capped at 16 MiB each). */
  keep?: (name: string) => boolean;
  /** Per-entry uncompressed caps (e.g. xl/sharedStrings.xml). */
  entryCap?: (name: string) => number | undefined;
}

/**
 * Lists a zip's entries, enforcing limits on the central directory (count, declared sizes, names) and then on
 * the actual decompressed bytes of every entry (yauzl validates them against the declared sizes).
 */
export async function scanZip(src: ZipSource, file: string, opts: ScanOptions): Promise<ZipEntryInfo[]> {
  const { limits } = opts;
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(src);
  } catch (err) {
    throw new ImportError(zipMessage(err), file);
  }
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      throw new ImportError(`zip has ${zip.entryCount} entries, over the limit of ${limits.maxZipEntries}`, file);
    }
    const entries: yauzl.Entry[] = [];
    const seen = new Set<string>();
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      checkEntryName(name, file);
      if (seen.has(name)) throw new ImportError(`zip entry "${safeName(name)}" appears twice`, file);
      seen.add(name);
      if (entry.isEncrypted()) throw new ImportError(`zip entry "${safeName(name)}" is encrypted`, file);
      declared += entry.uncompressedSize;
      if (declared > limits.maxUncompressedBytes) {
        throw new ImportError(`zip declares more than ${formatBytes(limits.maxUncompressedBytes)} of uncompressed data`, file);
      }
      checkSize(name, entry.uncompressedSize, entry.compressedSize, file, opts);
      entries.push(entry);
    }
    const out: ZipEntryInfo[] = [];
    let actualTotal = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const info = await readEntryChecked(zip, entry, file, opts, actualTotal);
      actualTotal += info.uncompressedSize;
      out.push(info);
    }
    return out;
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(zipMessage(err), file);
  } finally {
    zip.close();
  }
}

function checkSize(name: string, size: number, compressed: number, file: string, opts: ScanOptions): void {
  const cap = opts.entryCap?.(name);
  if (cap !== undefined && size > cap) {
    throw new ImportError(`zip entry "${safeName(name)}" is over the ${formatBytes(cap)} limit for that part`, file);
  }
  if (size > RATIO_MIN_BYTES && size > compressed * opts.limits.maxCompressionRatio) {
    const ratio = compressed > 0 ? Math.round(size / compressed) : Infinity;
    throw new ImportError(
      `zip entry "${safeName(name)}" expands ${ratio}:1, over the compression ratio limit of ${opts.limits.maxCompressionRatio}:1 (zip bomb?)`,
      file,
    );
  }
}

async function readEntryChecked(zip: yauzl.ZipFile, entry: yauzl.Entry, file: string, opts: ScanOptions, before: number): Promise<ZipEntryInfo> {
  const name = entry.fileName;
  const keep = opts.keep?.(name) ?? false;
  const stream = await zip.openReadStreamPromise(entry);
  const head: Buffer[] = [];
  let headLen = 0;
  const kept: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    n += chunk.length;
    if (before + n > opts.limits.maxUncompressedBytes) {
      stream.destroy();
      throw new ImportError(`zip holds more than ${formatBytes(opts.limits.maxUncompressedBytes)} of uncompressed data`, file);
    }
    checkSize(name, n, entry.compressedSize, file, opts);
    if (headLen < HEAD_BYTES) { head.push(chunk); headLen += chunk.length; }
    if (keep && n <= KEEP_MAX_BYTES) kept.push(chunk);
  }
  const info: ZipEntryInfo = { name, compressedSize: entry.compressedSize, uncompressedSize: n, head: Buffer.concat(head).subarray(0, HEAD_BYTES) };
  if (keep) {
    if (n > KEEP_MAX_BYTES) throw new ImportError(`zip entry "${safeName(name)}" is over ${formatBytes(KEEP_MAX_BYTES)}`, file);
    info.text = Buffer.concat(kept).toString('utf8');
  }
  return info;
}

/** A stream of one entry's decompressed bytes (entry sizes validated by yauzl while reading). */
export async function openZipEntry(src: ZipSource, entryName: string, file: string): Promise<NodeJS.ReadableStream> {
  const zip = await openZip(src);
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName === entryName) {
      const stream = await zip.openReadStreamPromise(entry);
      stream.on('close', () => zip.close());
      stream.on('end', () => zip.close());
      return stream;
    }
  }
  zip.close();
  throw new ImportError(`zip entry "${safeName(entryName)}" is missing`, file);
}
