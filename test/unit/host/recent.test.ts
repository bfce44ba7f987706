// Recent cases registry: stable ids, newest first, capped, atomic writes, hostile files, and what the start screen sees.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../../src-main/engine/engine';
import { caseFileName, copyPathFor, findRecent, forgetRecent, freePath, listRecent, readRecent, RECENT_CAP, recentFile, touchRecent } from '../../../src-main/host/recent';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'loupe-recent-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function makeCase(name: string): string {
  const path = join(home, `${name}.loupe`);
  new Engine(path, { create: true }).close();
  return path;
}

describe('recent cases', () => {
  it('keeps one entry per path with a stable random id, newest first', () => {
    const a = touchRecent('/x/a.loupe', { home, now: new Date(Date.UTC(2024, 0, 1)) });
    const b = touchRecent('/x/b.loupe', { home, now: new Date(Date.UTC(2024, 0, 2)) });
    const again = touchRecent('/x/a.loupe', { home, now: new Date(Date.UTC(2024, 0, 3)) });
    expect(a.id).toMatch(/^[a-f0-9]{32}$/);
    expect(a.id).not.toBe(b.id);
    expect(again.id).toBe(a.id);
    expect(readRecent(home).map((e) => e.path)).toEqual(['/x/a.loupe', '/x/b.loupe']);
    expect(readRecent(home)[0]?.lastOpened).toBe('2024-01-03T00:00:00.000Z');
    expect(findRecent(b.id, home)?.path).toBe('/x/b.loupe');
    expect(forgetRecent(b.id, home)).toBe(true);
    expect(findRecent(b.id, home)).toBeUndefined();
  });

  it(`is capped at ${RECENT_CAP} and leaves no temp files behind`, () => {
    for (let i = 0; i < RECENT_CAP + 7; i++) touchRecent(`/x/c${i}.loupe`, { home });
    const list = readRecent(home);
    expect(list).toHaveLength(RECENT_CAP);
    expect(list[0]?.path).toBe(`/x/c${RECENT_CAP + 6}.loupe`);
    expect(readdirSync(home).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('lists size, source count and name for present cases, and marks missing ones', () => {
    const present = makeCase('present');
    const gone = makeCase('gone');
    touchRecent(present, { home });
    touchRecent(gone, { home });
    unlinkSync(gone);
    const list = listRecent(home);
    const p = list.find((e) => e.path === present)!;
    const g = list.find((e) => e.path === gone)!;
    expect(p).toMatchObject({ missing: false, sources: 0, name: 'present' });
    expect(p.sizeBytes).toBeGreaterThan(0);
    expect(g).toMatchObject({ missing: true, sources: null, sizeBytes: null });
  });

  it('a file that is not a Loupe case is listed with unknown sources, never throws', () => {
    const bogus = join(home, 'bogus.loupe');
    writeFileSync(bogus, 'SQLite format 3\0 but not really');
    touchRecent(bogus, { home });
    expect(listRecent(home)[0]).toMatchObject({ missing: false, sources: null });
  });

  it('a damaged or hostile registry file reads as the valid entries only (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.array(fc.record({ id: fc.oneof(fc.string(), fc.stringMatching(/^[a-f0-9]{32}$/)), path: fc.string(), name: fc.anything(), lastOpened: fc.string() })).map((cases) => JSON.stringify({ cases }))), (text) => {
        writeFileSync(recentFile(home), text);
        const list = readRecent(home);
        for (const e of list) {
          expect(e.id).toMatch(/^[a-f0-9]{32}$/);
          expect(typeof e.path).toBe('string');
          expect(typeof e.name).toBe('string');
        }
        expect(new Set(list.map((e) => e.path)).size).toBe(list.length);
        // touching still works on top of whatever was there
        touchRecent('/x/ok.loupe', { home });
        expect(readRecent(home)[0]?.path).toBe('/x/ok.loupe');
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('file names made from case names cannot escape the folder (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        const f = caseFileName(name);
        expect(f).toMatch(/\.loupe$/);
        expect(f).not.toMatch(/[\\/:\0]|^\.\./);
        expect(f.length).toBeLessThanOrEqual(86);
      }),
      { seed: 42, numRuns: 300 },
    );
    expect(caseFileName('../../etc/passwd')).toBe('etcpasswd.loupe');
    expect(caseFileName('   ')).toBe('case.loupe');
  });

  it('freePath and copyPathFor never pick an existing file', () => {
    const a = makeCase('a');
    expect(freePath(home, 'a.loupe')).toBe(join(home, 'a-2.loupe'));
    const now = new Date(Date.UTC(2024, 4, 6, 7, 8, 9, 123));
    const copy = copyPathFor(a, now);
    expect(copy).toBe(join(home, 'a-copy-20240506T070809Z.loupe'));
    writeFileSync(copy, '');
    expect(copyPathFor(a, now)).toBe(join(home, 'a-copy-20240506T070809Z-2.loupe'));
    expect(existsSync(recentFile(home))).toBe(false);
    expect(readFileSync(a).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});
