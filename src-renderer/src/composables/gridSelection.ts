// A contiguous range of grid rows (shift+click, shift+arrows) and copying cells, rows and ranges as TSV.
import { computed, ref } from 'vue';
import { PAGE_SIZE, useQueryStore } from '../stores/query';
import { useCaseStore } from '../stores/caseInfo';
import { cellValue, type GridColumn } from './gridColumns';
import { copyText, toTsv } from './clipboard';
import type { GridRow } from '../../../src-main/contract/model';

/** Most rows one copy takes (pages are fetched for it). */
export const MAX_COPY_ROWS = 10_000;

export function useGridSelection(activeRow: () => number, columns: () => readonly GridColumn[]) {
  const query = useQueryStore();
  const cases = useCaseStore();
  /** Where the range started; null = only the active row. */
  const anchor = ref<number | null>(null);

  const range = computed(() => {
    const a = anchor.value ?? activeRow();
    const b = activeRow();
    return { first: Math.min(a, b), last: Math.max(a, b) };
  });
  const rangeSize = computed(() => range.value.last - range.value.first + 1);

  function inRange(index: number): boolean {
    return anchor.value !== null && index >= range.value.first && index <= range.value.last;
  }

  /** Before a move: shift keeps (or starts) the range, anything else drops it. */
  function beforeMove(shift: boolean): void {
    if (shift) anchor.value ??= activeRow();
    else anchor.value = null;
  }

  const sourceName = (id: number): string => cases.sourceName(id);
  const values = (row: GridRow): (string | null)[] => columns().map((c) => cellValue(row, c, sourceName));

  function copyCell(row: GridRow, col: GridColumn): Promise<boolean> {
    return copyText(cellValue(row, col, sourceName) ?? '');
  }

  function copyRow(row: GridRow): Promise<boolean> {
    return copyText(toTsv([values(row)]));
  }

  /** The selected rows (or the active one) as TSV with a header line. */
  async function copyRange(): Promise<boolean> {
    const { first } = range.value;
    const last = Math.min(range.value.last, first + MAX_COPY_ROWS - 1);
    const rows: (string | null)[][] = [];
    // a page at a time: the store keeps only a window of pages, so read each before fetching further
    for (let from = first; from <= last; from += PAGE_SIZE) {
      const to = Math.min(last, from + PAGE_SIZE - 1);
      await query.ensureRange(from, to);
      for (let i = from; i <= to; i++) {
        const row = query.rowAt(i);
        if (row) rows.push(values(row));
      }
    }
    return copyText(toTsv(rows, columns().map((c) => c.label)));
  }

  return { anchor, range, rangeSize, inRange, beforeMove, copyCell, copyRow, copyRange };
}
