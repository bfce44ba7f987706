// Pinia store for pivots: every row holding a value, grouped by source, with a back/forward breadcrumb trail.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { call, toApiError, type ApiError } from '../api/client';
import type { PivotResult } from '../../../src-main/contract/model';

export const PIVOT_LIMIT = 500;

export const usePivotStore = defineStore('pivot', () => {
  const trail = ref<string[]>([]);
  const index = ref(-1);
  const result = shallowRef<PivotResult | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let generation = 0;

  const current = computed(() => trail.value[index.value] ?? null);
  const canBack = computed(() => index.value > 0);
  const canForward = computed(() => index.value < trail.value.length - 1);

  async function fetch(value: string): Promise<void> {
    const gen = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const r = await call('query/pivot', { value, limit: PIVOT_LIMIT });
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

  /** Pivots to a new value; forward history is dropped as in a browser. */
  function go(value: string): Promise<void> {
    if (value === '') return Promise.resolve();
    trail.value = [...trail.value.slice(0, index.value + 1), value];
    index.value = trail.value.length - 1;
    return fetch(value);
  }

  function jump(i: number): Promise<void> {
    const v = trail.value[i];
    if (v === undefined) return Promise.resolve();
    index.value = i;
    return fetch(v);
  }

  return { trail, index, result, loading, error, current, canBack, canForward, go, jump, back: () => jump(index.value - 1), forward: () => jump(index.value + 1) };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePivotStore, import.meta.hot));
