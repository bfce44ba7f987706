// Pinia store for saved filters: list, save the current query under a name, apply one, remove.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { call, toApiError, type ApiError } from '../api/client';
import type { SavedFilter } from '../../../src-main/contract/model';
import { useCaseStore } from './caseInfo';
import { useQueryStore } from './query';

export const useFiltersStore = defineStore('filters', () => {
  const list = shallowRef<SavedFilter[]>([]);
  const busy = ref(false);
  const error = shallowRef<ApiError | null>(null);

  async function load(): Promise<void> {
    try {
      list.value = await call('filters/list', {});
      error.value = null;
    } catch (err) {
      error.value = toApiError(err);
    }
  }

  /** Saves the grid's current query (and source) under `name`; returns false with `error` set on failure. */
  async function saveCurrent(name: string, description: string): Promise<boolean> {
    const query = useQueryStore();
    const cases = useCaseStore();
    busy.value = true;
    error.value = null;
    try {
      const saved = await call('filters/save', {
        name: name.trim(),
        description,
        query: query.where,
        sourceName: query.source === null ? null : cases.sourceName(query.source),
      });
      list.value = [...list.value.filter((f) => f.id !== saved.id && f.name !== saved.name), saved];
      return true;
    } catch (err) {
      error.value = toApiError(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** Applies a saved filter on its source when that source is in the case, else on the current one. */
  function apply(filter: SavedFilter): Promise<void> {
    const query = useQueryStore();
    const cases = useCaseStore();
    const src = filter.sourceName === null ? null : cases.sources.find((s) => s.name === filter.sourceName);
    return query.open(src === undefined ? query.source : src === null ? null : src.id, filter.query);
  }

  async function remove(id: number): Promise<void> {
    try {
      const res = await call('filters/remove', { id });
      if (res.removed) list.value = list.value.filter((f) => f.id !== id);
    } catch (err) {
      error.value = toApiError(err);
    }
  }

  return { list, busy, error, load, saveCurrent, apply, remove };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useFiltersStore, import.meta.hot));
