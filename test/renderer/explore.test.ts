// Explore helpers: zoned time formatting, column layout rules, TSV copy, histogram ranges, and stale query answers.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalZone, formatInZone, parseEngineIso, zoneOffsetMinutes } from '../../src-renderer/src/composables/zonedTime';
import { applyLayout, moveBy, setHidden, setPinned, setWidth, toLayout } from '../../src-renderer/src/composables/columnLayout';
import { gridColumns } from '../../src-renderer/src/composables/gridColumns';
import { parseTsv, toTsv } from '../../src-renderer/src/composables/clipboard';
import { bucketSpan, isoFromMicros, isTimeRangeChip, microsFromIso, timeRangeClause } from '../../src-renderer/src/stores/histogram';
import { useQueryStore } from '../../src-renderer/src/stores/query';
import { setTransport, bridgeTransport, type Transport } from '../../src-renderer/src/api/client';
import { createPinia, setActivePinia } from 'pinia';
import { createFakeApi } from '../support/fakeApi';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns'];
const instant = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) });
const iso = (ms: number, micros = 0): string => `${new Date(ms).toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}Z`;

describe('zoned time', () => {
  it('formats the documented example', () => {
    expect(formatInZone('2023-10-26T14:07:56.736000Z', 'Europe/Berlin')).toBe('2023-10-26 16:07:56.736 +02:00 (Europe/Berlin)');
    expect(formatInZone('2023-10-29T01:30:00.000000Z', 'Europe/Berlin')).toBe('2023-10-29 02:30:00 +01:00 (Europe/Berlin)'); // after the DST switch
    expect(formatInZone('2023-10-26T14:07:56.736123Z', 'UTC')).toBe('2023-10-26 14:07:56.736123 +00:00 (UTC)');
  });

  it('leaves text that is not an engine instant alone, and rejects impossible dates', () => {
    for (const t of ['10/21/2023, 12:09:31.378 AM', '<img src=x onerror=alert(1)>', '2023-02-31T00:00:00Z', '2023-10-26 14:07:56', '']) expect(formatInZone(t, 'Europe/Berlin')).toBe(t);
    expect(parseEngineIso('2023-02-29T00:00:00Z')).toBeNull();
  });

  it('validates zones with Intl and keeps the typed spelling', () => {
    expect(canonicalZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalZone('asia/kolkata')).toBe('Asia/Kolkata');
    for (const bad of ['Mars/Olympus_Mons', '', '../../etc/passwd', 'x'.repeat(200)]) expect(canonicalZone(bad)).toBeNull();
  });

  it('property: UTC display equals the ISO digits; wall clock minus offset is the instant, in every zone', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 999 }), fc.constantFrom(...ZONES), (ms, us, zone) => {
        const s = iso(ms, us);
        const utc = formatInZone(s, 'UTC');
        expect(utc.startsWith(`${s.slice(0, 10)} ${s.slice(11, 19)}`)).toBe(true);
        expect(utc.endsWith(' +00:00 (UTC)')).toBe(true);
        const out = formatInZone(s, zone);
        const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)? ([+-])(\d\d):(\d\d) \((.+)\)$/.exec(out);
        expect(m).not.toBeNull();
        if (!m) return;
        const off = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
        expect(off).toBe(zoneOffsetMinutes(ms, zone));
        const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
        expect(wall - off * 60_000).toBe(Math.floor(ms / 1000) * 1000);
        expect(m[11]).toBe(zone);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('column layout', () => {
  const cols = gridColumns(['A', 'B', 'C', 'D', 'E'].map((n) => ({ name: n, header: n, field: null })), false);
  const ops = fc.array(
    fc.oneof(
      fc.record({ op: fc.constant('move' as const), key: fc.constantFrom('A', 'B', 'C', 'D', 'E'), d: fc.constantFrom(-2, -1, 1, 2) }),
      fc.record({ op: fc.constant('hide' as const), key: fc.constantFrom('A', 'B', 'C', 'D', 'E'), v: fc.boolean() }),
      fc.record({ op: fc.constant('pin' as const), key: fc.constantFrom('A', 'B', 'C', 'D', 'E'), v: fc.boolean() }),
      fc.record({ op: fc.constant('width' as const), key: fc.constantFrom('A', 'B', 'C', 'D', 'E'), w: fc.integer({ min: -100, max: 10_000 }) }),
    ),
    { maxLength: 30 },
  );

  it('property: any edit sequence keeps every column once, pinned first, widths in range, one visible, and survives save/load', () => {
    fc.assert(
      fc.property(ops, (seq) => {
        let laid = applyLayout(cols, null);
        for (const o of seq) {
          const next = o.op === 'move' ? moveBy(laid, o.key, o.d) : o.op === 'hide' ? setHidden(laid, o.key, o.v) : o.op === 'pin' ? setPinned(laid, o.key, o.v) : setWidth(laid, o.key, o.w);
          laid = applyLayout(cols, toLayout(next).columns);
        }
        expect(laid.map((c) => c.key).sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
        const firstUnpinned = laid.findIndex((c) => !c.pinned);
        if (firstUnpinned >= 0) expect(laid.slice(firstUnpinned).every((c) => !c.pinned)).toBe(true);
        expect(laid.some((c) => !c.hidden)).toBe(true);
        for (const c of laid) expect(c.width).toBeGreaterThanOrEqual(40);
        const again = applyLayout(cols, JSON.parse(JSON.stringify(toLayout(laid))).columns);
        expect(again).toEqual(laid);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('drops saved names that no longer exist and appends new columns', () => {
    const laid = applyLayout(cols, [{ name: 'Gone' }, { name: 'C', pinned: true, width: 99 }, { name: 'A', hidden: true }]);
    expect(laid.map((c) => c.key)).toEqual(['C', 'A', 'B', 'D', 'E']);
    expect(laid[0]).toMatchObject({ pinned: true, width: 99, left: 0 });
  });
});

describe('TSV copy', () => {
  it('property: hostile cells (tabs, newlines, quotes) round-trip through the TSV text', () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('a\tb', 'line1\nline2', '"quoted"', '=cmd|"/c calc"!A1', '<img src=x onerror=alert(1)>'));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = toTsv(rows, ['h1', 'h\t2', 'h3']);
        expect(parseTsv(text)).toEqual([['h1', 'h\t2', 'h3'], ...rows]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('histogram ranges', () => {
  it('property: a bucket span becomes an inclusive @time chip with µs ISO bounds', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 3_600_000_000 }), fc.nat(99), fc.nat(99), (ms, bucketUs, i, j) => {
        const h = { start: new Date(ms).toISOString(), bucketUs, counts: new Array<number>(100).fill(1) };
        const s = bucketSpan(h, i, j);
        expect(s).not.toBeNull();
        if (!s) return;
        expect(s.to - s.from + 1).toBe((Math.abs(i - j) + 1) * bucketUs);
        expect(microsFromIso(isoFromMicros(s.from))).toBe(s.from);
        expect(microsFromIso(isoFromMicros(s.to))).toBe(s.to);
        expect(isTimeRangeChip(timeRangeClause(isoFromMicros(s.from), isoFromMicros(s.to)))).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('stale query answers', () => {
  it('a slow answer to an older query never replaces the newer one', async () => {
    const fake = createFakeApi();
    const base = bridgeTransport(fake.bridge);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const t: Transport = {
      ...base,
      kind: 'test',
      async call(name, req) {
        const where = (req as { where?: string }).where ?? '';
        if (name === 'query/page' && where.includes('miriamg')) await held;
        return base.call(name, req);
      },
    };
    setTransport(t);
    setActivePinia(createPinia());
    const q = useQueryStore();
    await q.setSource(1);
    const slow = q.submit('miriamg');
    await q.submit('bob');
    expect(q.terms).toEqual(['bob']);
    const rowsAfterNew = q.totalRows;
    release();
    await slow;
    expect(q.terms).toEqual(['bob']);
    expect(q.where).toBe('bob');
    expect(q.totalRows).toBe(rowsAfterNew);
    expect(q.rowAt(0)?.cells.join(' ')).toContain('bob@');
    expect(q.loading).toBe(false);
  });
});
