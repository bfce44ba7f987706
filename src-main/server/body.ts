// Request body readers with hard size limits (JSON calls) and a byte-counting pass-through (uploads).
import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

export class BodyTooLargeError extends Error {
  constructor(public readonly limit: number) {
    super(`Request body exceeds ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Declared Content-Length, when present and well-formed. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const raw = req.headers['content-length'];
  if (typeof raw !== 'string' || !/^\d{1,16}$/.test(raw)) return undefined;
  return Number(raw);
}

export async function readBodyText(req: IncomingMessage, limit: number): Promise<string> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += buf.length;
    if (total > limit) throw new BodyTooLargeError(limit);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Passes bytes through and fails the stream once more than `limit` bytes went by. */
export class ByteLimit extends Transform {
  private seen = 0;
  exceeded = false;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) {
      this.exceeded = true;
      done(new BodyTooLargeError(this.limit));
      return;
    }
    done(null, chunk);
  }
}
