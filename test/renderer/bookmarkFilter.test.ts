// Bookmark filtering and sorting for the Bookmarks view: examples and properties over random bookmark lists.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_FILTER, filterAndSort, matchesFilter, sortBookmarks, tagsInUse, type BookmarkFilter } from '../../src-renderer/src/composables/bookmarkFilter';
import { SEVERITIES, type Bookmark } from '../../src-main/contract/model';

function bm(id: number, over: Partial<Bookmark> = {}): Bookmark {
  return { id, sourceId: 1, sourceName: 'Sign_In_Logs.xlsx', row: id, time: null, note: '', tags: [], techniques: [], severity: 'medium', summary: '', createdAt: '', updatedAt: '', ...over };
}

const arbBookmark = fc.record({
  id: fc.integer({ min: 1, max: 1_000_000 }),
  sourceId: fc.integer({ min: 1, max: 3 }),
  sourceName: fc.constantFrom('Sign_In_Logs.xlsx', 'Azure_KV_Logs.xlsx', '<img src=x>.csv'),
  row: fc.integer({ min: 0, max: 500 }),
  time: fc.option(fc.integer({ min: 0, max: 59 }).map((s) => `2023-10-26T14:10:${String(s).padStart(2, '0')}.000000Z`)),
  note: fc.string({ maxLength: 12 }),
  tags: fc.array(fc.constantFrom('attacker', 'benign', 'Key-Vault', 'ioc'), { maxLength: 3 }),
  techniques: fc.array(fc.constantFrom('T1528', 'T1530', 'T1552', 'T1552.001', 'T1078.004'), { maxLength: 3 }),
  severity: fc.constantFrom(...SEVERITIES),
  summary: fc.string({ maxLength: 12 }),
  createdAt: fc.constant(''),
  updatedAt: fc.constant(''),
});
const arbFilter: fc.Arbitrary<BookmarkFilter> = fc.record({
  text: fc.oneof(fc.constant(''), fc.string({ maxLength: 3 })),
  tag: fc.constantFrom('', 'attacker', 'key-vault', 'none'),
  technique: fc.constantFrom('', 'T1552', 't1552.001', 'T1530'),
  severity: fc.constantFrom('', ...SEVERITIES),
});

describe('bookmark filter', () => {
  const list = [
    bm(1, { note: 'Attacker sign-in', tags: ['attacker'], techniques: ['T1528'], severity: 'high', time: '2023-10-26T14:07:56.736000Z' }),
    bm(2, { sourceName: 'Azure_KV_Logs.xlsx', tags: ['Key-Vault'], techniques: ['T1552.001'], severity: 'critical', time: '2023-10-26T14:10:01.374000Z' }),
    bm(3, { sourceName: 'Azure_KV_Logs.xlsx', summary: 'SecretGet Confidential', techniques: ['T1530'], severity: 'low', time: null }),
  ];

  it('filters by text (note, summary, source, tags), tag, technique (with sub-techniques) and severity', () => {
    const ids = (f: Partial<BookmarkFilter>) => list.filter((b) => matchesFilter(b, { ...EMPTY_FILTER, ...f })).map((b) => b.id);
    expect(ids({})).toEqual([1, 2, 3]);
    expect(ids({ text: 'confidential' })).toEqual([3]);
    expect(ids({ text: 'kv_logs' })).toEqual([2, 3]);
    expect(ids({ tag: 'key-vault' })).toEqual([2]);
    expect(ids({ technique: 'T1552' })).toEqual([2]);
    expect(ids({ technique: 't1552.001' })).toEqual([2]);
    expect(ids({ technique: 'T155' })).toEqual([]);
    expect(ids({ severity: 'high' })).toEqual([1]);
    expect(ids({ text: 'attacker', severity: 'low' })).toEqual([]);
  });

  it('sorts by time (nulls last), severity (most severe first) and source', () => {
    expect(sortBookmarks(list, 'time').map((b) => b.id)).toEqual([1, 2, 3]);
    expect(sortBookmarks(list, 'severity').map((b) => b.id)).toEqual([2, 1, 3]);
    expect(sortBookmarks(list, 'source').map((b) => b.id)).toEqual([2, 3, 1]);
    expect(tagsInUse(list)).toEqual(['attacker', 'Key-Vault']);
  });

  it('returns exactly the matching bookmarks, each once, without touching the input (property)', () => {
    fc.assert(
      fc.property(fc.array(arbBookmark, { maxLength: 30 }), arbFilter, fc.constantFrom('time', 'severity', 'source' as const), (raw, f, sort) => {
        const input = raw.map((b, i) => ({ ...b, id: i + 1 }));
        const copy = JSON.stringify(input);
        const out = filterAndSort(input, f, sort);
        expect(JSON.stringify(input)).toBe(copy);
        expect(out.map((b) => b.id).sort((a, b) => a - b)).toEqual(input.filter((b) => matchesFilter(b, f)).map((b) => b.id));
        if (f.severity !== '') expect(out.every((b) => b.severity === f.severity)).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('orders by the chosen key (property)', () => {
    fc.assert(
      fc.property(fc.array(arbBookmark, { maxLength: 30 }), (list) => {
        const byTime = sortBookmarks(list, 'time');
        const firstNull = byTime.findIndex((b) => b.time === null);
        if (firstNull >= 0) expect(byTime.slice(firstNull).every((b) => b.time === null)).toBe(true);
        const timed = byTime.filter((b) => b.time !== null).map((b) => b.time ?? '');
        expect(timed).toEqual([...timed].sort());
        const ranks = sortBookmarks(list, 'severity').map((b) => SEVERITIES.indexOf(b.severity));
        for (let i = 1; i < ranks.length; i++) expect(ranks[i - 1]!).toBeGreaterThanOrEqual(ranks[i]!);
        const names = sortBookmarks(list, 'source').map((b) => b.sourceName);
        for (let i = 1; i < names.length; i++) expect(names[i - 1]!.localeCompare(names[i]!)).toBeLessThanOrEqual(0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
