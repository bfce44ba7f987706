// The column header's context menu: sort, hide, stack this column, filter to empty / not empty.
import type { GridColumn } from './gridColumns';
import type { MenuItem } from './menu';
import { keysText } from './shortcuts';
import { useQueryStore } from '../stores/query';
import { useLayoutStore } from '../stores/layout';
import { useRowActions } from './useRowActions';

async function showAll(keys: readonly string[]): Promise<void> {
  const layout = useLayoutStore();
  for (const k of keys) await layout.setHidden(k, false);
}

export function columnMenuItems(col: GridColumn, visibleCount: number): MenuItem[] {
  const query = useQueryStore();
  const layout = useLayoutStore();
  const actions = useRowActions();
  const sortBy = (desc: boolean) => () => {
    query.sort = { column: col.key, desc };
    void query.run();
  };
  const filterable = col.kind !== 'source';
  const hiddenKeys = layout.all.filter((c) => c.hidden).map((c) => c.key);
  const hiddenHere = hiddenKeys.length;
  const items: MenuItem[] = [
    { label: `Sort ${col.label} ascending`, run: sortBy(false) },
    { label: `Sort ${col.label} descending`, run: sortBy(true) },
    { label: `Hide ${col.label}`, run: () => void layout.setHidden(col.key, true), disabled: visibleCount <= 1 },
    { label: 'Stack this column', keys: keysText('column.stack'), run: () => void actions.stackColumn(col.key), disabled: col.kind === 'source' },
    { label: 'Filter: is empty', run: () => void query.filterTo(col.key, null, false), disabled: !filterable },
    { label: 'Filter: is not empty', run: () => void query.filterTo(col.key, null, true), disabled: !filterable },
  ];
  if (hiddenHere > 0) items.push({ label: `Show ${hiddenHere} hidden ${hiddenHere === 1 ? 'column' : 'columns'}`, run: () => void showAll(hiddenKeys) });
  return items;
}
