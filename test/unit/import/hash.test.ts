// The evidence hash: the file path (one reused buffer) and the stream path agree with an independent SHA-256, at chunk boundaries too.
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { digestFile, digestStream } from '../../../src-main/engine/import/hash';

const dir = mkdtempSync(join(tmpdir(), 'loupe-hash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('digestFile / digestStream', () => {
  it.each([0, 1, 1024 * 1024 - 1, 1024 * 1024, 1024 * 1024 + 1, 3 * 1024 * 1024 + 17])('%d bytes: both give the SHA-256 and size of the bytes', async (n) => {
    const bytes = Buffer.alloc(n);
    for (let i = 0; i < n; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
    const path = join(dir, `f${n}`);
    writeFileSync(path, bytes);
    const expected = { sha256: createHash('sha256').update(bytes).digest('hex'), size: n };
    expect(await digestFile(path)).toEqual(expected);
    expect(await digestStream(createReadStream(path))).toEqual(expected);
  });

  it('a missing file is an error, not an empty digest', async () => {
    await expect(digestFile(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
  });
});
