// Pinia store for case findings: named groups of bookmarks with phase, narrative, severity and techniques.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { call } from '../api/client';
import { useBusyState } from './busyState';
import type { ApiRequest, Finding } from '../../../src-main/contract/api';

export type FindingDraft = ApiRequest<'findings/save'>;

export const useFindingsStore = defineStore('findings', () => {
  /** In the engine's order (by time of the first cited row). */
  const list = shallowRef<Finding[]>([]);
  const { busy, error, guarded } = useBusyState();

  async function load(): Promise<void> {
    const res = await guarded(() => call('findings/list', {}));
    if (res) list.value = res;
  }

  /** Creates (no id) or replaces a finding, then reloads so the engine's time order holds. */
  async function save(draft: FindingDraft): Promise<Finding | null> {
    const saved = await guarded(() => call('findings/save', draft));
    if (saved) await load();
    return saved;
  }

  async function remove(id: number): Promise<void> {
    const res = await guarded(() => call('findings/remove', { id }));
    if (res) list.value = list.value.filter((f) => f.id !== id);
  }

  function find(id: number): Finding | undefined {
    return list.value.find((f) => f.id === id);
  }

  return { list, busy, error, load, save, remove, find };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useFindingsStore, import.meta.hot));
