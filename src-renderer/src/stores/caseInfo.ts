// Pinia store for the open case: its name, details and evidence register (sources), plus source verification.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { call, toApiError, type ApiError } from '../api/client';
import type { ApiResponse } from '../../../src-main/contract/api';
import type { CaseInfo, SourceInfo } from '../../../src-main/contract/model';

export type VerifyResult = ApiResponse<'sources/verify'>;

export const SOURCE_COLOURS = 8;

export const useCaseStore = defineStore('case', () => {
  const info = shallowRef<CaseInfo | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const verifying = ref(false);
  const verifyResult = shallowRef<VerifyResult | null>(null);

  const sources = computed<SourceInfo[]>(() => info.value?.sources ?? []);
  const totalRows = computed(() => sources.value.reduce((n, s) => n + s.rows, 0));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      info.value = await call('case/info', {});
      error.value = null;
    } catch (err) {
      error.value = toApiError(err);
    } finally {
      loading.value = false;
    }
  }

  function source(id: number): SourceInfo | undefined {
    return sources.value.find((s) => s.id === id);
  }

  function sourceName(id: number): string {
    return source(id)?.name ?? `source ${id}`;
  }

  /** Stable colour slot per source (by position in the register) for the timeline swatches. */
  function colourIndex(id: number): number {
    const i = sources.value.findIndex((s) => s.id === id);
    return (i < 0 ? id : i) % SOURCE_COLOURS;
  }

  async function verify(): Promise<void> {
    verifying.value = true;
    try {
      verifyResult.value = await call('sources/verify', {});
      error.value = null;
    } catch (err) {
      error.value = toApiError(err);
    } finally {
      verifying.value = false;
    }
  }

  return { info, loading, error, verifying, verifyResult, sources, totalRows, load, source, sourceName, colourIndex, verify };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCaseStore, import.meta.hot));
