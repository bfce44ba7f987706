// Streaming SHA-256 and size of an input, computed before it is parsed.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

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

/** Hashes a file opened read-only (the original is never written). */
export function digestFile(path: string): Promise<Digest> {
  return digestStream(createReadStream(path, { flags: 'r' }));
}
