// Pinia store for the stack panel: value counts of one column under the grid's current filter.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { call, toApiError, type ApiError } from '../api/client';
import type { StackResult } from '../../../src-main/contract/model';
import { useQueryStore } from './query';

export const STACK_LIMIT = 100;

export const useStackStore = defineStore('stack', () => {
  const column = ref<string | null>(null);
  const order = ref<'most' | 'least'>('most');
  const result = shallowRef<StackResult | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let generation = 0;

  async function load(col: string | null = column.value): Promise<void> {
    if (col === null) return;
    const query = useQueryStore();
    const gen = ++generation;
    column.value = col;
    loading.value = true;
    error.value = null;
    try {
      const spec = query.spec();
      delete spec.after;
      const r = await call('query/stack', { spec, column: col, order: order.value, limit: STACK_LIMIT });
      if (gen === generation) result.value = r;
    } catch (err) {
      if (gen === generation && !(toApiError(err).code === 'CANCELLED')) {
        error.value = toApiError(err);
        result.value = null;
      }
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  function setOrder(o: 'most' | 'least'): Promise<void> {
    order.value = o;
    return load();
  }

  return { column, order, result, loading, error, load, setOrder };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStackStore, import.meta.hot));
