// Pinia store for the grid's column layout of the current source: loaded from and saved in the case (layout/get, layout/save).
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { call, toApiError, type ApiError } from '../api/client';
import { gridColumns } from '../composables/gridColumns';
import * as rules from '../composables/columnLayout';
import type { LaidColumn, LayoutEntry } from '../composables/columnLayout';
import { useQueryStore } from './query';

export const useLayoutStore = defineStore('layout', () => {
  const query = useQueryStore();
  const entries = shallowRef<LayoutEntry[] | null>(null);
  /** The source `entries` belong to; undefined until the first load answers. */
  const loadedFor = ref<number | null | undefined>(undefined);
  const error = shallowRef<ApiError | null>(null);
  let generation = 0;

  const all = computed<LaidColumn[]>(() =>
    rules.applyLayout(gridColumns(query.columns, query.source === null), loadedFor.value === query.source ? entries.value : null),
  );
  const visible = computed(() => all.value.filter((c) => !c.hidden));

  async function load(source: number | null): Promise<void> {
    const gen = ++generation;
    try {
      const res = await call('layout/get', { sourceId: source });
      if (gen !== generation) return;
      entries.value = res.layout?.columns ?? null;
      loadedFor.value = source;
      error.value = null;
    } catch (err) {
      if (gen === generation) error.value = toApiError(err);
    }
  }

  /** Applies a change now; `persist` false only previews it (mid-drag), true saves it in the case. */
  async function commit(next: LaidColumn[], persist = true): Promise<void> {
    const source = query.source;
    generation++; // a load still in flight must not undo this change
    entries.value = rules.toLayout(next).columns;
    loadedFor.value = source;
    if (!persist) return;
    try {
      await call('layout/save', { sourceId: source, layout: { columns: entries.value } });
      error.value = null;
    } catch (err) {
      error.value = toApiError(err);
    }
  }

  const save = (): Promise<void> => commit(all.value);
  const setWidth = (key: string, width: number, persist = true): Promise<void> => commit(rules.setWidth(all.value, key, width), persist);
  const setHidden = (key: string, hidden: boolean): Promise<void> => commit(rules.setHidden(all.value, key, hidden));
  const setPinned = (key: string, pinned: boolean): Promise<void> => commit(rules.setPinned(all.value, key, pinned));
  const moveBy = (key: string, delta: number): Promise<void> => commit(rules.moveBy(all.value, key, delta));
  const moveBefore = (key: string, target: string): Promise<void> => commit(rules.moveBefore(all.value, key, target));
  /** Back to file order, default widths, nothing hidden or pinned. */
  const reset = (): Promise<void> => commit(rules.applyLayout(gridColumns(query.columns, query.source === null), null));

  /** Inline style for a header or body cell of a laid-out column (width; sticky offset when pinned). */
  function cellStyle(col: LaidColumn, header = false): Record<string, string> {
    const w = `${col.width}px`;
    const style: Record<string, string> = { width: w, minWidth: w, maxWidth: w };
    if (col.pinned) {
      style['position'] = 'sticky';
      style['left'] = `${col.left}px`;
      style['zIndex'] = header ? '3' : '1';
      style['background'] = header ? 'var(--bg-2)' : 'var(--bg)';
    }
    return style;
  }

  watch(() => query.source, (s) => void load(s), { immediate: true });

  return { entries, loadedFor, error, all, visible, load, save, setWidth, setHidden, setPinned, moveBy, moveBefore, reset, cellStyle };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useLayoutStore, import.meta.hot));
