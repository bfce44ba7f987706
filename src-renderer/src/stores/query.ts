// Pinia store for the grid's query: source, query terms (chips), sort, and pages (keyset, or by position after a jump) kept as a sliding window.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { call, toApiError, type ApiError } from '../api/client';
import type { ColumnInfo, CountResult, Cursor, GridRow, QuerySpec, SortSpec } from '../../../src-main/contract/model';
import { combineTerms, highlightTerms, valueClause } from './queryText';

export const PAGE_SIZE = 200;
/** Pages held in memory at once; the rest are dropped and re-fetched from their saved cursor. */
export const MAX_PAGES_KEPT = 10;

export const useQueryStore = defineStore('query', () => {
  const source = ref<number | null>(null);
  /** Text in the query bar (may differ from what ran until Enter). */
  const draft = ref('');
  /** The applied query as chips; the query text is their AND. */
  const terms = ref<string[]>([]);
  const sort = ref<SortSpec | null>(null);

  const columns = shallowRef<ColumnInfo[]>([]);
  const description = ref('');
  const elapsedMs = ref<number | null>(null);
  const count = shallowRef<CountResult | null>(null);
  const pages = shallowRef(new Map<number, GridRow[]>());
  /** cursors[k] = `after` for page k (null for page 0); undefined = not known yet. */
  let cursors: (Cursor | null | undefined)[] = [];
  /** Exact row total once the last page has been seen. */
  const endAt = ref<number | null>(null);
  const loading = ref(false);
  const ran = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let generation = 0;
  const inflight = new Map<number, Promise<void>>();

  const where = computed(() => combineTerms(terms.value));
  const highlights = computed(() => highlightTerms(where.value));
  const loadedRows = computed(() => {
    let max = 0;
    for (const [k, rows] of pages.value) max = Math.max(max, k * PAGE_SIZE + rows.length);
    return max;
  });
  /** Rows the grid should lay out: exact when known, else the count, never fewer than loaded. */
  const totalRows = computed(() => endAt.value ?? Math.max(count.value?.count ?? 0, loadedRows.value));

  function spec(extra: Partial<QuerySpec> = {}): QuerySpec {
    const s: QuerySpec = { source: source.value, where: where.value, limit: PAGE_SIZE, ...extra };
    if (sort.value) s.sort = { ...sort.value };
    return s;
  }

  function storePage(k: number, rows: GridRow[], next: Cursor | null): void {
    const map = new Map(pages.value);
    map.set(k, rows);
    cursors[k + 1] = next ?? undefined;
    if (next === null) endAt.value = k * PAGE_SIZE + rows.length;
    while (map.size > MAX_PAGES_KEPT) {
      let far = k;
      for (const key of map.keys()) if (Math.abs(key - k) > Math.abs(far - k)) far = key;
      map.delete(far);
    }
    pages.value = map;
  }

  function reset(): void {
    pages.value = new Map();
    cursors = [null];
    endAt.value = null;
    count.value = null;
    inflight.clear();
  }

  /** Runs the query formed by `nextTerms`; on failure the grid is emptied and the error shown. */
  async function run(nextTerms: string[] = terms.value): Promise<void> {
    const gen = ++generation;
    loading.value = true;
    error.value = null;
    const text = combineTerms(nextTerms);
    // What the analyst had typed when this query left; if they type on while it runs, their text is theirs to keep.
    const draftAtStart = draft.value;
    const s: QuerySpec = { source: source.value, where: text, limit: PAGE_SIZE };
    if (sort.value) s.sort = { ...sort.value };
    try {
      const page = await call('query/page', s);
      if (gen !== generation) return;
      terms.value = [...nextTerms];
      if (draft.value === draftAtStart) draft.value = text;
      reset();
      columns.value = page.columns;
      description.value = page.description;
      elapsedMs.value = page.elapsedMs;
      storePage(0, page.rows, page.next);
      ran.value = true;
      if (page.next !== null) {
        call('query/count', s).then(
          (c) => { if (gen === generation) count.value = c; },
          () => { /* the count is optional; the grid still pages */ },
        );
      } else {
        count.value = { count: page.rows.length, estimate: false, elapsedMs: 0 };
      }
    } catch (err) {
      // CANCELLED: a newer query superseded this one in the engine; its answer is not wanted.
      if (gen !== generation || toApiError(err).code === 'CANCELLED') return;
      error.value = toApiError(err);
      reset();
      cursors = [];
      columns.value = [];
      description.value = '';
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  async function fetchPage(k: number): Promise<void> {
    const existing = inflight.get(k);
    if (existing) return existing;
    const gen = generation;
    const job = (async () => {
      // Keyset from the end of page k-1 when known; else a jump (the scrollbar dragged far): the engine seeks the position.
      const after = cursors[k];
      const page = await call('query/page', after ? spec({ after }) : k === 0 ? spec() : spec({ offset: k * PAGE_SIZE }));
      if (gen !== generation) return;
      storePage(k, page.rows, page.next);
    })();
    inflight.set(k, job);
    try {
      await job;
    } catch (err) {
      if (gen === generation && !(toApiError(err).code === 'CANCELLED')) error.value = toApiError(err);
    } finally {
      if (inflight.get(k) === job) inflight.delete(k);
    }
  }

  /** Makes sure rows [first, last] are loaded (each page by keyset, or by position after a jump). */
  async function ensureRange(first: number, last: number): Promise<void> {
    if (!ran.value || error.value) return;
    const from = Math.max(0, Math.floor(first / PAGE_SIZE));
    const to = Math.max(from, Math.floor(last / PAGE_SIZE));
    for (let k = from; k <= to; k++) {
      if (endAt.value !== null && k * PAGE_SIZE >= endAt.value) break;
      if (!pages.value.has(k)) await fetchPage(k);
    }
  }

  function rowAt(i: number): GridRow | undefined {
    return pages.value.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE];
  }

  function setSource(id: number | null): Promise<void> {
    source.value = id;
    sort.value = null;
    return run();
  }

  /** Enter in the query bar: the typed text becomes the only chip. */
  function submit(text: string = draft.value): Promise<void> {
    const t = text.trim();
    if (t === where.value) return run();
    return run(t === '' ? [] : [t]);
  }

  function filterTo(column: string, value: string | null, exclude = false): Promise<void> {
    return run([...terms.value, valueClause(column, value, exclude)]);
  }

  function removeTerm(index: number): Promise<void> {
    return run(terms.value.filter((_, i) => i !== index));
  }

  /** Header click: ascending, then descending, then ascending again. */
  function toggleSort(column: string): Promise<void> {
    sort.value = sort.value?.column === column && !sort.value.desc ? { column, desc: true } : { column, desc: false };
    return run();
  }

  function open(sourceId: number | null, query: string): Promise<void> {
    source.value = sourceId;
    sort.value = null;
    return run(query.trim() === '' ? [] : [query.trim()]);
  }

  return {
    source, draft, terms, sort, columns, description, elapsedMs, count, pages, endAt, loading, ran, error,
    where, highlights, loadedRows, totalRows,
    spec, run, fetchPage, ensureRange, rowAt, setSource, submit, filterTo, removeTerm, toggleSort, open,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useQueryStore, import.meta.hot));
