// Overlapping exports of the same events (an XLSX and a CSV download): rows already in the case are not imported twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemo } from '../../../src-main/engine/demo';
import { Engine } from '../../../src-main/engine/engine';

const dir = mkdtempSync(join(tmpdir(), 'loupe-overlap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('natural-key de-duplication', () => {
  it('skips sign-ins already imported from another export of the same log, and says so', async () => {
    const xlsx = await writeDemo(join(dir, 'x'), { format: 'xlsx' });
    const csv = await writeDemo(join(dir, 'c'), { format: 'csv' });
    const e = new Engine(join(dir, 'overlap.loupe'), { create: true });
    try {
      const [first] = await e.importFiles([xlsx.files.find((f) => f.includes('Sign_In'))!]);
      expect(first!.ok).toBe(true);
      const total = first!.sources[0]!.rows;
      const [second] = await e.importFiles([csv.files.find((f) => f.includes('Sign_In'))!]);
      expect(second!.ok, second!.error).toBe(true);
      const s = second!.sources[0]!;
      expect(s.rowsRead).toBe(total);
      expect(s.rows).toBe(0);
      expect(s.rowsRejected).toBe(total);
      expect(s.warnings.map((w) => w.message).join('\n')).toMatch(new RegExp(`${total} row\\(s\\) already in source ${first!.sources[0]!.id} \\(same request id and time\\)`));
      // a different export with new events still imports them
      const other = await writeDemo(join(dir, 'o'), { format: 'csv', seed: 7 });
      const [third] = await e.importFiles([other.files.find((f) => f.includes('Sign_In'))!]);
      expect(third!.sources[0]!.rows).toBeGreaterThan(0);
    } finally {
      e.close();
    }
  });
});
