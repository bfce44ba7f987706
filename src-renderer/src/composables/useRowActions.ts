// The row and value gestures shared by the grid, the details pane and the pivot view (filter, exclude, pivot, bookmark…).
import { useDetailsStore, type RowRef } from '../stores/details';
import { usePivotStore } from '../stores/pivot';
import { useQueryStore } from '../stores/query';
import { useStackStore } from '../stores/stack';
import { useUiStore } from '../stores/ui';

export function useRowActions() {
  const query = useQueryStore();
  const details = useDetailsStore();
  const pivot = usePivotStore();
  const stack = useStackStore();
  const ui = useUiStore();

  return {
    filterTo(column: string, value: string | null): Promise<void> {
      ui.view = 'explore';
      return query.filterTo(column, value, false);
    },
    exclude(column: string, value: string | null): Promise<void> {
      ui.view = 'explore';
      return query.filterTo(column, value, true);
    },
    pivot(value: string | null): Promise<void> {
      if (value === null || value.trim() === '') return Promise.resolve();
      ui.view = 'pivot';
      return pivot.go(value);
    },
    openDetails(ref: RowRef): Promise<void> {
      ui.rightPanel = 'details';
      return details.open(ref);
    },
    select(ref: RowRef): void {
      details.select(ref);
      if (ui.rightPanel === 'details') void details.open(ref);
    },
    bookmark(ref: RowRef): void {
      ui.bookmarkTarget = { ...ref };
    },
    stackColumn(column: string): Promise<void> {
      ui.rightPanel = 'stack';
      return stack.load(column);
    },
    async copy(text: string | null): Promise<void> {
      try {
        await navigator.clipboard.writeText(text ?? '');
      } catch {
        // clipboard can be denied (no focus / permissions); copying is best effort
      }
    },
  };
}

export type RowActions = ReturnType<typeof useRowActions>;
