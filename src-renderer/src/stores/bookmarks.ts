// Pinia store for bookmarks: list, add (or update) with note/tags/techniques/severity, bulk-add a query's rows, remove.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { call, toApiError } from '../api/client';
import { useBusyState } from './busyState';
import type { ApiRequest, ApiResponse } from '../../../src-main/contract/api';
import type { Bookmark, BookmarkInput } from '../../../src-main/contract/model';

export type BookmarkPatch = ApiRequest<'bookmarks/update'>;
export type BulkRequest = ApiRequest<'bookmarks/bulk'>;
export type BulkResult = ApiResponse<'bookmarks/bulk'>;

const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;

/** Splits a comma-separated field into trimmed, non-empty, unique items. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
}

/** ATT&CK ids that do not look like T1234 or T1234.001 (upper-cased first). */
export function invalidTechniques(ids: readonly string[]): string[] {
  return ids.filter((t) => !TECHNIQUE.test(t));
}

export const useBookmarksStore = defineStore('bookmarks', () => {
  const list = shallowRef<Bookmark[]>([]);
  const loaded = ref(false);
  const { busy, error, guarded } = useBusyState();

  const keys = computed(() => new Set(list.value.map((b) => `${b.sourceId}:${b.row}`)));

  function isBookmarked(sourceId: number, row: number, fallback: boolean): boolean {
    return loaded.value ? keys.value.has(`${sourceId}:${row}`) : fallback;
  }

  function find(sourceId: number, row: number): Bookmark | undefined {
    return list.value.find((b) => b.sourceId === sourceId && b.row === row);
  }

  async function load(): Promise<void> {
    try {
      list.value = await call('bookmarks/list', {});
      loaded.value = true;
      error.value = null;
    } catch (err) {
      error.value = toApiError(err);
    }
  }

  /** Adds (or updates the bookmark of that row); returns it, or null with `error` set. */
  async function add(input: BookmarkInput): Promise<Bookmark | null> {
    const saved = await guarded(() => call('bookmarks/add', input));
    if (saved) list.value = [...list.value.filter((b) => b.id !== saved.id), saved];
    return saved;
  }

  async function remove(id: number): Promise<void> {
    const res = await guarded(() => call('bookmarks/remove', { id }));
    if (res) list.value = list.value.filter((b) => b.id !== id);
  }

  /** Changes note, tags, techniques or severity of one bookmark. */
  async function update(patch: BookmarkPatch): Promise<Bookmark | null> {
    const saved = await guarded(() => call('bookmarks/update', patch));
    if (saved) list.value = list.value.map((b) => (b.id === saved.id ? saved : b));
    return saved;
  }

  /** Bookmarks every row of a query (up to `max`), then reloads the list. */
  async function bulk(req: BulkRequest): Promise<BulkResult | null> {
    const res = await guarded(() => call('bookmarks/bulk', req));
    if (res) await load();
    return res;
  }

  return { list, loaded, busy, error, keys, isBookmarked, find, load, add, update, bulk, remove };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useBookmarksStore, import.meta.hot));
