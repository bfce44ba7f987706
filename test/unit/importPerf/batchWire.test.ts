// The parse worker's batch format: any rows survive encode → structured clone → decode exactly; damaged batches are refused.
import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENTITY_FIELDS } from '../../../src-main/contract/fields';
import { decodeBatch, encodeBatch, fieldSourceColumns, type WireBatch } from '../../../src-main/engine/import/batchWire';
import type { PreparedRow } from '../../../src-main/engine/import/prepareTable';
import type { NormalizedRow } from '../../../src-main/engine/profiles';

const cell = fc.oneof(fc.constant(null), fc.constant(''), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 40 }));

function rowsArb(width: number) {
  return fc.array(
    fc.record({
      row: fc.integer({ min: 1, max: 2 ** 40 }),
      cells: fc.array(cell, { minLength: width, maxLength: width }),
      extra: fc.oneof(fc.constant(null), fc.json()),
      raw: fc.oneof(fc.constant(null), fc.string({ unit: 'binary' })),
      time: fc.oneof(fc.constant(null), fc.integer({ min: -(2 ** 52), max: 2 ** 52 })),
      fields: fc.array(fc.oneof(cell, fc.nat({ max: width - 1 })), { minLength: ENTITY_FIELDS.length, maxLength: ENTITY_FIELDS.length }),
    }),
    { maxLength: 30 },
  ).map((rs) =>
    rs.map((r): PreparedRow => {
      const n = { time: r.time } as NormalizedRow;
      // a number means "the same string as that cell" (how most @ fields arrive), else its own value
      ENTITY_FIELDS.forEach((f, i) => {
        const v = r.fields[i]!;
        n[f] = typeof v === 'number' ? (r.cells[v] ?? null) : v;
      });
      return { row: r.row, cells: r.cells, extra: r.extra, raw: r.raw, n };
    }),
  );
}

describe('batch wire format', () => {
  it('round-trips any rows through a structured clone, with and without cell references', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((w) => fc.tuple(fc.constant(w), rowsArb(w))), ([width, rows]) => {
        const fields: [number, string][] = ENTITY_FIELDS.slice(0, width).map((f, i) => [i, f]);
        for (const cols of [fieldSourceColumns(fields), fieldSourceColumns([])]) {
          const wire = deserialize(serialize(encodeBatch(rows, width, cols))) as WireBatch;
          expect(decodeBatch(wire, width)).toEqual(rows);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('refuses a batch whose lengths or references do not fit its text', () => {
    const rows: PreparedRow[] = [{ row: 2, cells: ['a', 'bb'], extra: null, raw: null, n: { ...Object.fromEntries(ENTITY_FIELDS.map((f) => [f, null])), time: 5, ip: 'bb' } as NormalizedRow }];
    const good = encodeBatch(rows, 2, fieldSourceColumns([[1, 'ip']]));
    expect(decodeBatch(good, 2)).toEqual(rows);
    expect(() => decodeBatch({ ...good, text: good.text + 'x' }, 2)).toThrow(/malformed/);
    expect(() => decodeBatch({ ...good, count: 2 }, 2)).toThrow(/malformed/);
    const badRef = new Int32Array(good.lens);
    badRef[0] = -3; // a cell slot may not reference a cell
    expect(() => decodeBatch({ ...good, lens: badRef }, 2)).toThrow(/malformed/);
    const outOfRange = new Int32Array(good.lens);
    outOfRange[outOfRange.length - 1] = -2 - 9; // references a cell that does not exist
    expect(() => decodeBatch({ ...good, lens: outOfRange }, 2)).toThrow(/malformed/);
  });
});
