// Streaming SHA-256 and size of an input, computed before it is parsed.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

export interface Digest {
  sha256: string;
  size: number;
}

export async function digestStream(stream: NodeJS.ReadableStream): Promise<Digest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    hash.update(buf);
  }
  return { sha256: hash.digest('hex'), size };
}

/** Bytes read at a time by digestFile, into one reused buffer. */
const FILE_CHUNK = 1024 * 1024;

/**
 * Hashes a file opened read-only (the original is never written), reading into one reused buffer: a stream would
 * allocate a fresh buffer per chunk, and ~100 MB of them waited for the collector while a large export was hashed.
 */
export async function digestFile(path: string): Promise<Digest> {
  const hash = createHash('sha256');
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(FILE_CHUNK);
    let size = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, FILE_CHUNK, size);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { sha256: hash.digest('hex'), size };
  } finally {
    await fh.close();
  }
}
