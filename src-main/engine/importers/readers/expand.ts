// Expands a path (file, folder, .zip, .gz) into importable inputs, enforcing container limits before parsing.
import { createReadStream } from 'node:fs';
import { lstat, open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { isGzipMagic, isZipMagic, sniffKind } from './sniff-kind';
import { ImportError, formatBytes, resolveLimits, safeName, type ImportLimits, type InputLocator, type InputSource } from './types';
import { openZipEntry, scanZip, type ZipSource } from './zip';

const READ_CHUNK = 1024 * 1024;
/** Folder and zip members with these extensions (or none) are imported; others (README.md, .DS_Store…) are skipped. */
const DATA_EXTENSIONS = /\.(csv|tsv|txt|tab|psv|json|jsonl|ndjson|log|xlsx|xlsm)$|^[^.]+$/i;

function fileStream(path: string): NodeJS.ReadableStream {
  return createReadStream(path, { flags: 'r', highWaterMark: READ_CHUNK });
}

async function readHead(path: string, n = 4096): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function isDataMember(name: string): boolean {
  const base = name.split('/').pop() ?? name;
  if (base.startsWith('.') || name.startsWith('__MACOSX/')) return false;
  return DATA_EXTENSIONS.test(base);
}

export async function expandInputs(path: string, limits?: Partial<ImportLimits>): Promise<InputSource[]> {
  const lim = resolveLimits(limits);
  const name = basename(path);
  let st;
  try {
    st = await stat(path);
  } catch {
    throw new ImportError('file not found or not readable', name);
  }
  if (st.isDirectory()) return expandFolder(path, lim);
  if (!st.isFile()) throw new ImportError('not a regular file', name);
  return expandFile(path, name, st.size, lim);
}

async function expandFile(path: string, name: string, size: number, lim: ImportLimits): Promise<InputSource[]> {
  if (size > lim.maxFileBytes) throw new ImportError(`file is ${size} bytes, over the ${formatBytes(lim.maxFileBytes)} limit`, name);
  const head = await readHead(path);
  if (isGzipMagic(head)) return [await expandGzip(path, name, size, lim)];
  if (isZipMagic(head) && !/\.(xlsx|xlsm)$/i.test(name)) {
    const entries = await scanZip({ path }, name, { limits: lim });
    // A zip that holds a workbook's parts is a workbook, whatever its extension.
    if (!entries.some((e) => e.name === 'xl/workbook.xml')) return zipMembers({ path }, path, name, entries, lim);
  }
  const kind = size === 0 ? 'csv' : sniffKind(head, name);
  return [{ name, path, kind, size, open: () => fileStream(path), locator: { type: 'file', path } }];
}

async function expandGzip(path: string, name: string, size: number, lim: ImportLimits): Promise<InputSource> {
  const inner = name.replace(/\.gz$/i, '');
  const cap = Math.min(lim.maxUncompressedBytes, lim.maxFileBytes);
  let total = 0;
  const head: Buffer[] = [];
  let headLen = 0;
  try {
    for await (const chunk of fileStream(path).pipe(createGunzip()) as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > cap) throw new ImportError(`decompresses to more than ${formatBytes(cap)}`, name);
      if (total > 1024 * 1024 && total > size * lim.maxCompressionRatio) {
        throw new ImportError(`expands more than ${lim.maxCompressionRatio}:1, over the compression ratio limit (gzip bomb?)`, name);
      }
      if (headLen < 4096) { head.push(chunk); headLen += chunk.length; }
    }
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(`not a readable gzip file (${safeName(err instanceof Error ? err.message : String(err))})`, name);
  }
  const kind = total === 0 ? 'csv' : sniffKind(Buffer.concat(head), name);
  return {
    name: `${name}/${inner}`,
    path,
    kind,
    size: total,
    open: () => fileStream(path).pipe(createGunzip()),
    container: { name, path },
    locator: { type: 'gzip', path },
  };
}

function zipMembers(src: ZipSource, path: string, name: string, entries: Awaited<ReturnType<typeof scanZip>>, lim: ImportLimits): InputSource[] {
  const out: InputSource[] = [];
  for (const e of entries) {
    if (!isDataMember(e.name)) continue;
    const member = `${name}/${e.name}`;
    if (e.uncompressedSize > lim.maxFileBytes) throw new ImportError(`is ${e.uncompressedSize} bytes, over the ${formatBytes(lim.maxFileBytes)} limit`, member);
    const kind = e.uncompressedSize === 0 ? 'csv' : sniffKind(e.head, member);
    out.push({
      name: member,
      path,
      kind,
      size: e.uncompressedSize,
      open: () => zipEntryStream(src, e.name, member),
      container: { name, path },
      locator: { type: 'zip', path, entry: e.name, member },
    });
  }
  return out;
}

function zipEntryStream(src: ZipSource, entry: string, member: string): NodeJS.ReadableStream {
  const pass = new PassThrough({ highWaterMark: READ_CHUNK });
  openZipEntry(src, entry, member).then(
    (s) => { s.on('error', (err: Error) => pass.destroy(err)); s.pipe(pass); },
    (err: Error) => pass.destroy(err),
  );
  return pass;
}

/** A fresh stream of the bytes a locator names (the same bytes the input's own open() gives). */
export function openLocator(loc: InputLocator): NodeJS.ReadableStream {
  switch (loc.type) {
    case 'file':
      return fileStream(loc.path);
    case 'gzip':
      return fileStream(loc.path).pipe(createGunzip());
    case 'zip':
      return zipEntryStream({ path: loc.path }, loc.entry, loc.member);
  }
}

async function expandFolder(root: string, lim: ImportLimits): Promise<InputSource[]> {
  const rootName = basename(root);
  const out: InputSource[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    const names = (await readdir(dir)).sort();
    for (const n of names) {
      const full = join(dir, n);
      const relName = rel ? `${rel}/${n}` : n;
      const st = await lstat(full);
      if (st.isSymbolicLink()) continue; // never follow links out of the evidence folder
      if (st.isDirectory()) { await walk(full, relName); continue; }
      if (!st.isFile() || !isDataMember(relName) && !/\.(zip|gz)$/i.test(n)) continue;
      if (out.length >= lim.maxZipEntries) throw new ImportError(`folder holds more than ${lim.maxZipEntries} files`, rootName);
      for (const input of await expandFile(full, n, st.size, lim)) {
        out.push({ ...input, name: `${rootName}/${rel ? `${rel}/` : ''}${input.name}` });
      }
    }
  };
  await walk(root, '');
  return out;
}
