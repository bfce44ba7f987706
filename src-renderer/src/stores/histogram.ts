// Pinia store for the time histogram of the current source/timeline under the applied filter, and its time-range chip.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { call, toApiError, type ApiError } from '../api/client';
import { parseEngineIso } from '../composables/zonedTime';
import { quoteValue } from './queryText';
import { useQueryStore } from './query';

export const BUCKETS = 100;

export interface Histogram { start: string | null; bucketUs: number; counts: number[] }

/** µs since the epoch → engine-style ISO UTC with 6 fraction digits (no Date string parsing involved). */
export function isoFromMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  const micros = us - ms * 1000;
  const base = new Date(ms).toISOString(); // 2023-10-26T14:07:56.736Z from a number, not from text
  return `${base.slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
}

/** Engine ISO → µs since the epoch, or null. */
export function microsFromIso(iso: string): number | null {
  const t = parseEngineIso(iso);
  return t ? t.ms * 1000 + (Number(t.micros) % 1000) : null;
}

/** The chip a brush or the time-range inputs add: `@time between '<from>' and '<to>'` (UTC, inclusive). */
export function timeRangeClause(from: string, to: string): string {
  return `@time between ${quoteValue(from)} and ${quoteValue(to)}`;
}

const RANGE_CHIP = /^@time between '[^']*' and '[^']*'$/;
export function isTimeRangeChip(term: string): boolean {
  return RANGE_CHIP.test(term);
}

/** Time span [from, to] (µs, inclusive) covered by buckets i..j. */
export function bucketSpan(h: Histogram, i: number, j: number): { from: number; to: number } | null {
  const start = h.start === null ? null : microsFromIso(h.start);
  if (start === null || h.bucketUs <= 0) return null;
  const lo = Math.max(0, Math.min(i, j));
  const hi = Math.min(h.counts.length - 1, Math.max(i, j));
  return { from: start + lo * h.bucketUs, to: start + (hi + 1) * h.bucketUs - 1 };
}

export const useHistogramStore = defineStore('histogram', () => {
  const query = useQueryStore();
  const data = shallowRef<Histogram | null>(null);
  const error = shallowRef<ApiError | null>(null);
  let generation = 0;

  const max = computed(() => (data.value ? Math.max(0, ...data.value.counts) : 0));

  async function load(): Promise<void> {
    const gen = ++generation;
    if (!query.ran || query.error) {
      data.value = null;
      return;
    }
    try {
      const h = await call('query/histogram', { spec: { source: query.source, where: query.where, limit: 1 }, buckets: BUCKETS });
      if (gen !== generation) return;
      data.value = h;
      error.value = null;
    } catch (err) {
      if (gen !== generation) return;
      data.value = null;
      error.value = toApiError(err);
    }
  }

  /** Narrows the grid to [from, to] (µs): replaces an earlier time-range chip rather than stacking them. */
  function narrowTo(fromUs: number, toUs: number): Promise<void> {
    return applyRange(isoFromMicros(Math.min(fromUs, toUs)), isoFromMicros(Math.max(fromUs, toUs)));
  }

  function applyRange(from: string, to: string): Promise<void> {
    const kept = query.terms.filter((t) => !isTimeRangeChip(t));
    return query.run([...kept, timeRangeClause(from.trim(), to.trim())]);
  }

  /** Double-click on the histogram: drop the time-range chip. */
  function clearRange(): Promise<void> {
    if (!query.terms.some(isTimeRangeChip)) return Promise.resolve();
    return query.run(query.terms.filter((t) => !isTimeRangeChip(t)));
  }

  // follows the applied filter: reloads whenever a query run lands (not while typing)
  watch(() => [query.source, query.where, query.ran, query.error, query.elapsedMs] as const, () => void load(), { immediate: true });

  return { data, error, max, load, narrowTo, applyRange, clearRange };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useHistogramStore, import.meta.hot));
