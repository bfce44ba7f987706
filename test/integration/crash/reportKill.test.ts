// Report export killed (SIGKILL) at random points: never a partial report under its final name; the case stays sound.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { buildChild, makeCase, reopen, runAndKill } from './support';

const dir = mkdtempSync(join(tmpdir(), 'loupe-crash-rep-'));
const casePath = join(dir, 'rep.loupe');
const outDir = join(dir, 'reports');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await buildChild();
  await makeCase(casePath, join(dir, 'kv.csv'), 2_000);
  mkdirSync(outDir);
  // Bookmarks give the report real rows (with hostile notes) to cite.
  const e = new Engine(casePath, {});
  for (let row = 2; row < 60; row++) e.handlers['bookmarks/add']({ sourceId: 1, row, note: `<script>alert(${row})</script> | ${'z'.repeat(200)}`, tags: ['r'], techniques: [], severity: 'medium' });
  e.close();
}, 60_000);

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('report export under SIGKILL', () => {
  it('after every kill: each final report file is one complete render; every write was audit-logged first', async () => {
    const delays = fc.sample(fc.integer({ min: 0, max: 2500 }), { seed: 7, numRuns: 12 });
    const announced = new Map<string, Set<string>>(); // format -> hashes of complete renders the child was about to write
    let wrote = 0;
    for (const delay of delays) {
      const lines = await runAndKill(['reports', casePath, outDir], delay);
      for (const l of lines) {
        const [verb, format, hash] = l.split(' ') as [string, string, string];
        if (verb === 'pending') announced.set(format, (announced.get(format) ?? new Set()).add(hash));
        if (verb === 'wrote') wrote++;
      }
      for (const format of ['pdf', 'md', 'html']) {
        const final = join(outDir, `report.${format}`);
        if (!existsSync(final)) continue;
        const bytes = readFileSync(final);
        // A torn write would hash to something no complete render produced.
        expect(announced.get(format)?.has(sha(bytes)), `report.${format} is a complete render`).toBe(true);
        if (format === 'pdf') expect(bytes.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
      }
      // Leftover temp files are allowed (hidden, never under the final name); nothing else may appear.
      for (const f of readdirSync(outDir)) expect(f).toMatch(/^report\.(pdf|md|html)$|^\.report\.(pdf|md|html)\.\d+\.[0-9a-f]{12}\.loupe-tmp$/);
      const c = reopen(casePath);
      try {
        expect(c.integrity).toBe('ok');
        expect(c.foreignKeyProblems).toBe(0);
        expect(c.auditValid).toBe(true);
        // The export is logged (with the output's hash) before the file is written.
        const logged = new Set(
          (c.engine.db.prepare("SELECT params_json FROM audit_log WHERE action = 'report.export'").all() as { params_json: string }[]).map(
            (r) => (JSON.parse(r.params_json) as { sha256: string }).sha256,
          ),
        );
        for (const hashes of announced.values()) for (const h of hashes) expect(logged.has(h)).toBe(true);
        expect((c.engine.db.prepare('SELECT count(*) AS n FROM bookmarks').get() as { n: number }).n).toBe(58);
      } finally {
        c.engine.close();
      }
    }
    expect(wrote).toBeGreaterThan(5);
  }, 90_000);
});
