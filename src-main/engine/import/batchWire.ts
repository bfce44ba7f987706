// Prepared rows packed for a worker boundary: one string and two typed arrays per batch (a memcpy, not a clone of 60k strings).
import { ENTITY_FIELDS } from '../../contract/fields';
import type { NormalizedRow } from '../profiles';
import type { PreparedRow } from './prepareTable';

export interface WireBatch {
  count: number;
  /** Every string value of the batch, concatenated. */
  text: string;
  /**
   * Per row `width` cells, extra, raw, then the entity fields: the length of the slot's string in `text`, -1 for
   * null, or for an entity field `-2 - c` when it equals cell c (most @ fields are a column's value as is).
   */
  lens: Int32Array;
  /** Per row: source row/line, then @time in µs (NaN for none). */
  nums: Float64Array;
}

const slotsPerRow = (width: number) => width + 2 + ENTITY_FIELDS.length;

/** Entity field index → the column that feeds it (from the table plan), or -1. */
export function fieldSourceColumns(fields: readonly [number, string][]): Int32Array {
  const out = new Int32Array(ENTITY_FIELDS.length).fill(-1);
  for (const [col, field] of fields) {
    const i = (ENTITY_FIELDS as readonly string[]).indexOf(field);
    if (i >= 0) out[i] = col;
  }
  return out;
}

export function encodeBatch(rows: readonly PreparedRow[], width: number, fieldCols: Int32Array): WireBatch {
  const per = slotsPerRow(width);
  const lens = new Int32Array(rows.length * per);
  const nums = new Float64Array(rows.length * 2);
  let text = '';
  let k = 0;
  const nf = ENTITY_FIELDS.length;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const cells = r.cells;
    for (let c = 0; c < width; c++) {
      const v = cells[c] ?? null;
      if (v === null) lens[k++] = -1;
      else {
        lens[k++] = v.length;
        text += v;
      }
    }
    for (const v of [r.extra, r.raw]) {
      if (v === null) lens[k++] = -1;
      else {
        lens[k++] = v.length;
        text += v;
      }
    }
    const n = r.n;
    for (let fi = 0; fi < nf; fi++) {
      const v = n[ENTITY_FIELDS[fi]!];
      const c = fieldCols[fi]!;
      if (v === null) lens[k++] = -1;
      else if (c >= 0 && v === cells[c]) lens[k++] = -2 - c;
      else {
        lens[k++] = v.length;
        text += v;
      }
    }
    nums[i * 2] = r.row;
    nums[i * 2 + 1] = n.time ?? NaN;
  }
  return { count: rows.length, text, lens, nums };
}

export function decodeBatch(b: WireBatch, width: number): PreparedRow[] {
  const per = slotsPerRow(width);
  if (b.lens.length !== b.count * per || b.nums.length !== b.count * 2) throw new Error('malformed batch from the parse worker');
  const out: PreparedRow[] = new Array(b.count);
  let k = 0;
  let at = 0;
  let cells: (string | null)[] = [];
  const take = (): string | null => {
    const len = b.lens[k++]!;
    if (len < -1) {
      const v = cells[-2 - len];
      if (typeof v !== 'string') throw new Error('malformed batch from the parse worker');
      return v;
    }
    if (len < 0) return null;
    const s = b.text.slice(at, at + len);
    at += len;
    return s;
  };
  for (let i = 0; i < b.count; i++) {
    cells = new Array<string | null>(width);
    for (let c = 0; c < width; c++) {
      const len = b.lens[k];
      if (len !== undefined && len < -1) throw new Error('malformed batch from the parse worker');
      cells[c] = take();
    }
    const extra = take();
    const raw = take();
    const time = b.nums[i * 2 + 1]!;
    const n = { time: Number.isNaN(time) ? null : time } as NormalizedRow;
    for (const f of ENTITY_FIELDS) n[f] = take();
    out[i] = { row: b.nums[i * 2]!, cells, extra, raw, n };
  }
  if (at !== b.text.length) throw new Error('malformed batch from the parse worker');
  return out;
}
