// Files dropped on the desktop window: a real case opens, evidence is staged, anything else is refused without side effects.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ BrowserWindow: { getAllWindows: () => [] }, dialog: {} }));
const { answerDrop, looksLikeCase } = await import('../../../src-main/app/droppedFiles');
const { openCaseDb } = await import('../../../src-main/engine/db/connection');

const dir = mkdtempSync(join(tmpdir(), 'loupe-drop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const realCase = join(dir, 'real.loupe');
openCaseDb(realCase, { create: true }).close();
const fakeCase = join(dir, 'fake.loupe');
writeFileSync(fakeCase, 'SQLite format 3\0'.padEnd(200, 'x'));
const csv = join(dir, 'signins.csv');
writeFileSync(csv, 'a,b\n1,2\n');

function deps() {
  const staged: string[] = [];
  const opened: string[] = [];
  const host = { stagePath: (p: string) => (staged.push(p), String(staged.length).padStart(32, '0')) };
  return {
    staged,
    opened,
    d: {
      registry: { open: (p: string) => (opened.push(p), { host: { lockedBy: null } }) } as never,
      hostFor: () => host as never,
    },
  };
}
const event = { senderFrame: { url: 'app://loupe/index.html', parent: null }, sender: { id: 1 } };

describe('dropped files', () => {
  it('opens a dropped Loupe case in its own window', async () => {
    const { d, opened, staged } = deps();
    await expect(answerDrop(event, { paths: [realCase] }, d)).resolves.toEqual({ ok: true, value: { kind: 'case', readOnly: false, lockedBy: null } });
    expect(opened).toEqual([realCase]);
    expect(staged).toEqual([]);
  });

  it('stages dropped evidence for import/start', async () => {
    const { d, staged } = deps();
    const r = await answerDrop(event, { paths: [csv] }, d);
    expect(r).toMatchObject({ ok: true, value: { kind: 'import' } });
    expect(staged).toEqual([csv]);
  });

  it('refuses a .loupe that is not a Loupe case, mixed drops, missing and page-made files', async () => {
    expect(looksLikeCase(fakeCase)).toBe(false);
    for (const paths of [[fakeCase], [realCase, csv], [join(dir, 'missing.csv')], [''], ['relative.csv'], [dir]]) {
      const { d, opened, staged } = deps();
      const r = await answerDrop(event, { paths }, d);
      expect(r.ok, JSON.stringify(paths)).toBe(false);
      expect(opened).toEqual([]);
      expect(staged).toEqual([]);
    }
  });

  it('never throws and never opens or stages on arbitrary payloads (fuzzed)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (payload) => {
        const { d, opened, staged } = deps();
        const r = await answerDrop(event, payload, d);
        expect(r.ok).toBe(false);
        expect(opened.length + staged.length).toBe(0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
