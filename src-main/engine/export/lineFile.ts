// Streams text chunks to a file atomically (temp → fsync → rename) with backpressure, hashing as it writes.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../report/atomic';

export interface StreamedFile {
  bytes: number;
  sha256: string;
}

const BATCH = 64 * 1024;

/** `produce` calls `write` for each chunk; the file appears under `path` only if `produce` resolves. */
export async function writeTextAtomic(
  path: string,
  produce: (write: (chunk: string) => Promise<void>) => Promise<void>,
): Promise<StreamedFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  await writeFileAtomic(path, async (tmp) => {
    const out = createWriteStream(tmp, { flags: 'wx' });
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      const buf = Buffer.from(pending.join(''), 'utf8');
      pending = [];
      pendingLength = 0;
      hash.update(buf);
      bytes += buf.length;
      if (!out.write(buf)) await once(out, 'drain');
    };
    try {
      await produce(async (chunk) => {
        pending.push(chunk);
        pendingLength += chunk.length;
        if (pendingLength >= BATCH) await flush();
      });
      await flush();
      out.end();
      await once(out, 'finish');
    } catch (err) {
      out.destroy();
      await once(out, 'close').catch(() => undefined);
      throw err;
    }
  });
  return { bytes, sha256: hash.digest('hex') };
}
