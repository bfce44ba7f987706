// Pinia store for editing the saved-filter library: edit (rename, description, query), export and import as JSON.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { call, toApiError } from '../api/client';
import { useBusyState } from './busyState';
import type { SavedFilter } from '../../../src-main/contract/model';
import { downloadBytes } from '../composables/download';
import { useFiltersStore } from './filters';

export interface FilterEdit { name: string; description: string; query: string }

export const LIBRARY_FILE = 'loupe-filters.json';

export const useFilterLibraryStore = defineStore('filterLibrary', () => {
  const { busy, error, guarded } = useBusyState();
  /** The filter the edit dialog is open for. */
  const editing = shallowRef<SavedFilter | null>(null);
  const lastImported = ref<number | null>(null);

  /**
   * Saves the edited filter (the engine checks the query first). A rename saves under the new name and then
   * removes the old entry, so a failed save never loses the original. Refuses to overwrite another filter.
   */
  async function update(original: SavedFilter, edit: FilterEdit): Promise<boolean> {
    const filters = useFiltersStore();
    const name = edit.name.trim();
    if (name === '') {
      error.value = toApiError({ code: 'BAD_INPUT', message: 'A saved filter needs a name.' });
      return false;
    }
    if (name !== original.name && filters.list.some((f) => f.name === name)) {
      error.value = toApiError({ code: 'BAD_INPUT', message: `A saved filter named “${name}” already exists.` });
      return false;
    }
    const ok = await guarded(async () => {
      await call('filters/save', { name, description: edit.description, query: edit.query.trim(), sourceName: original.sourceName });
      if (name !== original.name) await call('filters/remove', { id: original.id });
      return true;
    });
    await filters.load();
    return ok === true;
  }

  async function exportLibrary(): Promise<boolean> {
    const res = await guarded(() => call('filters/exportLibrary', {}));
    if (!res) return false;
    downloadBytes(new TextEncoder().encode(res.json), LIBRARY_FILE, 'application/json');
    return true;
  }

  /** Imports a library file's text; same names are replaced. Returns how many were imported (null on error). */
  async function importLibrary(json: string): Promise<number | null> {
    const res = await guarded(() => call('filters/importLibrary', { json }));
    await useFiltersStore().load();
    lastImported.value = res ? res.imported : null;
    return lastImported.value;
  }

  return { busy, error, editing, lastImported, update, exportLibrary, importLibrary };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useFilterLibraryStore, import.meta.hot));
