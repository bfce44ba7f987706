// Pinia store for the Evidence view's field-mapping panel: one source's mapping, saving changes, removing the source.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { call } from '../api/client';
import { useBusyState } from './busyState';
import type { MappingView } from '../../../src-main/contract/mapping';
import { useBookmarksStore } from './bookmarks';
import { useCaseStore } from './caseInfo';
import { useQueryStore } from './query';

export interface FieldChange {
  field: string;
  columns: string[];
}

/** Only the fields whose column list differs from the view (a re-sent field would lose its JSON path or transform). */
export function changedFields(view: MappingView, draft: Readonly<Record<string, string[]>>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of view.fields) {
    const next = draft[f.field];
    if (!next) continue;
    if (next.length !== f.columns.length || next.some((c, i) => c !== f.columns[i])) out.push({ field: f.field, columns: [...next] });
  }
  return out;
}

export const useMappingStore = defineStore('mapping', () => {
  const view = shallowRef<MappingView | null>(null);
  const { busy, error, guarded } = useBusyState();
  /** Bumped after every successful save, so an open panel can reset its draft. */
  const savedAt = ref(0);

  async function load(sourceId: number): Promise<void> {
    if (view.value?.sourceId !== sourceId) view.value = null;
    const res = await guarded(() => call('sources/mapping', { sourceId }));
    if (res) view.value = res;
  }

  /** A source's mapping view without replacing the one the panel shows (the removal dialog needs its bookmark count). */
  async function peek(sourceId: number): Promise<MappingView | null> {
    return guarded(() => call('sources/mapping', { sourceId }));
  }

  /** Grid, register and bookmarks show @ fields: re-read them after the engine recomputed or removed events. */
  async function refreshDependents(): Promise<void> {
    const query = useQueryStore();
    await Promise.all([useCaseStore().load(), useBookmarksStore().load(), query.ran ? query.run() : Promise.resolve()]);
  }

  async function save(changes: FieldChange[]): Promise<boolean> {
    const current = view.value;
    if (!current || changes.length === 0) return false;
    const res = await guarded(() => call('sources/remap', { sourceId: current.sourceId, fields: changes }));
    if (!res) return false;
    view.value = res;
    savedAt.value++;
    await refreshDependents();
    return true;
  }

  async function removeSource(sourceId: number, force: boolean): Promise<boolean> {
    const res = await guarded(() => call('sources/remove', { sourceId, force }));
    if (!res?.removed) return false;
    if (view.value?.sourceId === sourceId) view.value = null;
    const query = useQueryStore();
    if (query.source === sourceId) await query.setSource(null);
    await refreshDependents();
    return true;
  }

  function clear(): void {
    view.value = null;
    error.value = null;
  }

  return { view, busy, error, savedAt, load, peek, save, removeSource, clear };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useMappingStore, import.meta.hot));
