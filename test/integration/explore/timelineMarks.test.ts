// Timeline marks: jumps hop from a stored mark and land where a keyset walk does; any change to the events makes the marks unused until rebuilt.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cursor, GridRow, Page } from '../../../src-main/contract/model';
import { buildTimelineMarks } from '../../../src-main/engine/explore/buildTimelineMarks';
import { timelinePage, type PageRequest } from '../../../src-main/engine/explore/page';
import { SeekCache } from '../../../src-main/engine/explore/seek';
import { markNear, timelineMarksPending } from '../../../src-main/engine/explore/timelineMarks';
import type { WritableDB } from '../../../src-main/engine/db/types';
import { captureQueries } from './planCapture';
import { openSeedCase, type SeedCase } from './seedCase';

let seed: SeedCase;
let db: WritableDB;
beforeAll(async () => {
  seed = await openSeedCase();
  db = seed.engine.db as WritableDB;
});
afterAll(() => seed?.dispose());

const STEP = 5;
const ident = (r: GridRow) => `${r.sourceId}:${r.row}`;
const page = (req: Omit<PageRequest, 'limit'>, offset: number, cache?: SeekCache): Page => timelinePage(db, { ...req, limit: 3, offset }, cache);

function walkAll(base: Omit<PageRequest, 'limit'>): string[] {
  const out: string[] = [];
  let after: Cursor | undefined;
  for (;;) {
    const p = timelinePage(db, { ...base, limit: 7, after });
    out.push(...p.rows.map(ident));
    if (!p.next) return out;
    after = p.next;
  }
}

/** The OFFSETs the jump counted: with a mark in reach, none is further than a step. */
function offsetsOf(fn: () => unknown): number[] {
  return captureQueries(db, fn).queries.filter((q) => /OFFSET/.test(q.sql)).map((q) => Number(q.params.at(-1)));
}

const orders: [string, Omit<PageRequest, 'limit'>][] = [
  ['oldest first', { source: null, where: '' }],
  ['newest first', { source: null, where: '', sort: { column: '@time', desc: true } }],
];

describe('timeline marks', () => {
  it('are built only when asked for a case this small, and then match the events', async () => {
    expect(timelineMarksPending(db)).toBe(false); // under MARKS_MIN_EVENTS: counting is quick enough
    expect(await buildTimelineMarks(db)).toBe(0);
    const n = walkAll(orders[0]![1]).length;
    expect(await buildTimelineMarks(db, { step: STEP, minEvents: 0 })).toBe(Math.floor((n - 1) / STEP));
    expect(markNear(db, STEP * 2 + 1, 'atOrBefore')).toMatchObject({ at: STEP * 2 });
    expect(markNear(db, STEP - 1, 'atOrBefore')).toEqual({ at: -1, cursor: undefined });
    // a damaged stamp (a case file edited by hand) leaves the marks unused, not the grid broken
    const stamp = (db.prepare("SELECT value FROM meta WHERE key = 'timeline_marks'").get() as { value: string }).value;
    for (const bad of ['{not json', 'null', '{"events":"1"}']) {
      db.prepare("UPDATE meta SET value = ? WHERE key = 'timeline_marks'").run(bad);
      expect(markNear(db, STEP, 'atOrBefore')).toBeUndefined();
      expect(page(orders[0]![1], n - 2).rows).toHaveLength(2);
    }
    db.prepare("UPDATE meta SET value = ? WHERE key = 'timeline_marks'").run(stamp);
    expect(markNear(db, STEP, 'atOrBefore')).toMatchObject({ at: STEP });
  });

  it('every position in either order lands on the keyset walk\'s row, counting no more than a step past a mark', () => {
    for (const [label, base] of orders) {
      const all = walkAll(base);
      // no remembered jumps and a stride too short to reach them: only the marks can spare the count
      for (let p = 0; p < all.length; p++) {
        const counted = offsetsOf(() => expect(page(base, p, new SeekCache(1)).rows.map(ident), `${label} @${p}`).toEqual(all.slice(p, p + 3)));
        for (const skip of counted) expect(skip, `${label} @${p} counted ${skip}`).toBeLessThan(STEP);
      }
      expect(page(base, all.length).rows).toEqual([]);
    }
  });

  it('an import makes them unused until rebuilt (stamp); a removal empties them (trigger); jumps stay right throughout', async () => {
    const before = walkAll(orders[0]![1]);
    const csv = join(mkdtempSync(join(tmpdir(), 'loupe-marks-')), 'extra.csv');
    writeFileSync(csv, ['TimeGenerated,UserPrincipalName,IPAddress', ...Array.from({ length: 12 }, (_, i) => `2023-10-0${1 + (i % 9)}T0${i % 10}:00:00Z,u${i}@x.test,10.0.0.${i}`)].join('\n'));
    const summaries = await seed.engine.importFiles([csv]);
    expect(summaries.every((s) => s.ok)).toBe(true);
    expect(markNear(db, STEP, 'atOrBefore')).toBeUndefined();
    const grown = walkAll(orders[0]![1]);
    expect(grown.length).toBeGreaterThan(before.length);
    for (const p of [STEP + 1, Math.floor(grown.length / 2), grown.length - 2]) {
      expect(page(orders[0]![1], p).rows.map(ident)).toEqual(grown.slice(p, p + 3));
    }
    expect(await buildTimelineMarks(db, { step: STEP, minEvents: 0 })).toBeGreaterThan(0);
    expect(markNear(db, STEP, 'atOrBefore')).toBeDefined();
    const added = summaries.flatMap((s) => s.sources).map((s) => s.id);
    for (const id of added) seed.engine.handlers['sources/remove']({ sourceId: id, force: true });
    expect(db.prepare('SELECT count(*) AS n FROM timeline_marks').get()).toEqual({ n: 0 });
    expect(markNear(db, STEP, 'atOrBefore')).toBeUndefined();
    for (const [, base] of orders) {
      const all = walkAll(base);
      expect(all.length).toBe(before.length);
      for (const p of [STEP + 1, Math.floor(all.length / 2), all.length - 2]) expect(page(base, p).rows.map(ident)).toEqual(all.slice(p, p + 3));
    }
  });
});
