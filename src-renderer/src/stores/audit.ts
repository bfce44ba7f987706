// Pinia store for the audit view: the hash-chained log of analyst actions and whether the chain holds.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { call, toApiError, type ApiError } from '../api/client';
import type { ApiResponse } from '../../../src-main/contract/api';

export const useAuditStore = defineStore('audit', () => {
  const log = shallowRef<ApiResponse<'audit/list'> | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      log.value = await call('audit/list', {});
    } catch (err) {
      error.value = toApiError(err);
    } finally {
      loading.value = false;
    }
  }

  return { log, loading, error, load };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAuditStore, import.meta.hot));
