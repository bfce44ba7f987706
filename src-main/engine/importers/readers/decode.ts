// Byte stream → text: BOM / UTF-16 sniffing, strict UTF-8, explicit fallback encodings, never silent U+FFFD.
import { ImportError, formatBytes, throwIfAborted } from './types';

export interface TextSource {
  file: string;
  open(): NodeJS.ReadableStream;
  maxBytes: number;
  encoding?: string;
  signal?: AbortSignal;
}

export interface DecodedText {
  /** The encoding actually used (WHATWG label) and the BOM seen ('' when none). */
  meta: { encoding: string; bom: string };
  chunks: AsyncIterable<string>;
}

interface Detected {
  encoding: string;
  bom: string;
  skip: number;
}

const SNIFF_BYTES = 4096;

function detect(head: Uint8Array, file: string): Detected {
  const b = head;
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) {
    throw new ImportError('UTF-32 LE text is not supported; re-save the file as UTF-8', file);
  }
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) {
    throw new ImportError('UTF-32 BE text is not supported; re-save the file as UTF-8', file);
  }
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bom: 'utf-8', skip: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bom: 'utf-16le', skip: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bom: 'utf-16be', skip: 2 };
  // UTF-16 without BOM: mostly-ASCII text has a NUL in every other byte.
  const pairs = Math.floor(Math.min(b.length, SNIFF_BYTES) / 2);
  if (pairs >= 2) {
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < pairs; i++) {
      if (b[2 * i] === 0) evenZero++;
      if (b[2 * i + 1] === 0) oddZero++;
    }
    if (oddZero >= pairs * 0.4 && evenZero <= pairs * 0.05) return { encoding: 'utf-16le', bom: '', skip: 0 };
    if (evenZero >= pairs * 0.4 && oddZero <= pairs * 0.05) return { encoding: 'utf-16be', bom: '', skip: 0 };
  }
  return { encoding: 'utf-8', bom: '', skip: 0 };
}

/** Index of the first byte that does not start a valid UTF-8 sequence (length when all valid). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    if (i + n >= b.length) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return i;
}

function countNewlines(s: string): number {
  let n = 0;
  let i = s.indexOf('\n');
  while (i !== -1) { n++; i = s.indexOf('\n', i + 1); }
  return n;
}

async function* readBytes(src: TextSource): AsyncGenerator<Uint8Array> {
  let total = 0;
  const stream = src.open();
  for await (const chunk of stream) {
    throwIfAborted(src.signal, src.file);
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    total += bytes.length;
    if (total > src.maxBytes) throw new ImportError(`file is over the ${formatBytes(src.maxBytes)} size limit`, src.file);
    yield bytes;
  }
}

/** Reads the whole stream once with a fatal UTF-8 decoder; true when every byte is valid UTF-8. */
async function isValidUtf8(src: TextSource): Promise<boolean> {
  const dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    for await (const bytes of readBytes(src)) dec.decode(bytes, { stream: true });
    dec.decode();
    return true;
  } catch (err) {
    if (err instanceof ImportError) throw err;
    return false;
  }
}

async function sniffHead(src: TextSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let len = 0;
  for await (const bytes of readBytes(src)) {
    parts.push(bytes);
    len += bytes.length;
    if (len >= SNIFF_BYTES) break;
  }
  return Buffer.concat(parts).subarray(0, SNIFF_BYTES);
}

/** Opens the source as text. Throws ImportError('file is empty') for zero bytes. */
export async function openText(src: TextSource): Promise<DecodedText> {
  const head = await sniffHead(src);
  if (head.length === 0) throw new ImportError('file is empty', src.file);
  const det = detect(head, src.file);
  let encoding = det.encoding;
  if (encoding === 'utf-8' && !det.bom && src.encoding && !(await isValidUtf8(src))) {
    try {
      encoding = new TextDecoder(src.encoding).encoding;
    } catch {
      throw new ImportError(`unknown encoding "${src.encoding}"`, src.file);
    }
  }
  const strict = encoding === 'utf-8' || encoding.startsWith('utf-16');
  const meta = { encoding, bom: det.bom };
  async function* chunks(): AsyncGenerator<string> {
    const dec = new TextDecoder(encoding, { fatal: strict, ignoreBOM: true });
    let offset = 0;
    let lines = 1;
    let skip = det.skip;
    let tail: Uint8Array = new Uint8Array(0);
    for await (const raw of readBytes(src)) {
      let bytes = raw;
      if (skip > 0) {
        const k = Math.min(skip, bytes.length);
        bytes = bytes.subarray(k);
        skip -= k;
        offset += k;
      }
      let text: string;
      try {
        text = dec.decode(bytes, { stream: true });
      } catch {
        throw decodeError(src, encoding, tail, bytes, offset, lines);
      }
      if (encoding === 'utf-8') tail = incompleteTail(bytes.length >= 3 ? bytes : Buffer.concat([tail, bytes]));
      offset += bytes.length;
      lines += countNewlines(text);
      if (text.length > 0) yield text;
    }
    let rest: string;
    try {
      rest = dec.decode();
    } catch {
      throw new ImportError(`text ends in the middle of a ${encoding} character (byte ${offset})`, src.file);
    }
    if (rest.length > 0) yield rest;
  }
  return { meta, chunks: chunks() };
}

/** The bytes at the end of `b` that begin a UTF-8 character not yet complete. */
function incompleteTail(b: Uint8Array): Uint8Array {
  for (let k = 1; k <= 3 && k <= b.length; k++) {
    const c = b[b.length - k]!;
    if (c < 0x80) break;
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return need > k ? b.slice(b.length - k) : new Uint8Array(0);
    }
  }
  return new Uint8Array(0);
}

function decodeError(src: TextSource, encoding: string, tail: Uint8Array, chunk: Uint8Array, chunkStart: number, lines: number): ImportError {
  if (encoding !== 'utf-8') {
    return new ImportError(`invalid ${encoding} text near byte ${chunkStart}`, src.file);
  }
  // A character begun in the previous chunk is checked together with this one.
  const window = Buffer.concat([tail, chunk]);
  const bad = firstInvalidUtf8(window);
  const line = lines + countNewlines(window.subarray(0, bad).toString('utf8'));
  return new ImportError(
    `invalid UTF-8 at byte ${chunkStart - tail.length + bad} (line ${line}); if the file uses a legacy code page, import it again with an explicit encoding such as 'windows-1252'`,
    src.file,
  );
}
