// Pinia store for the selected row: which row is selected and its full detail (every column, @ fields, raw).
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { call, toApiError, type ApiError } from '../api/client';
import type { RowDetail } from '../../../src-main/contract/model';

export interface RowRef { sourceId: number; row: number }

export const useDetailsStore = defineStore('details', () => {
  const selected = shallowRef<RowRef | null>(null);
  const detail = shallowRef<RowDetail | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let generation = 0;

  async function open(ref: RowRef): Promise<void> {
    const gen = ++generation;
    selected.value = { ...ref };
    loading.value = true;
    error.value = null;
    try {
      const d = await call('row/get', { sourceId: ref.sourceId, row: ref.row });
      if (gen === generation) detail.value = d;
    } catch (err) {
      if (gen === generation && !(toApiError(err).code === 'CANCELLED')) {
        error.value = toApiError(err);
        detail.value = null;
      }
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  function select(ref: RowRef | null): void {
    selected.value = ref ? { ...ref } : null;
  }

  function close(): void {
    generation++;
    detail.value = null;
    loading.value = false;
  }

  return { selected, detail, loading, error, open, select, close };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDetailsStore, import.meta.hot));
