// Pinia store for triage: run the built-in detections, open a finding's query, accept it (bookmarks + case finding) or dismiss it.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { call, toApiError, type ApiError } from '../api/client';
import type { TriageFinding } from '../../../src-main/contract/api';
import { SEVERITIES } from '../../../src-main/contract/model';
import { useBookmarksStore, invalidTechniques } from './bookmarks';
import { useQueryStore } from './query';
import { useFindingsStore } from './findings';
import { triageBookmarkIds, phaseFor } from '../composables/triageAccept';

const BULK_MAX = 10_000;

type Severity = (typeof SEVERITIES)[number];

export function findingKey(f: TriageFinding): string {
  return `${f.rule}\u0000${f.title}\u0000${f.query}`;
}

function asSeverity(s: string): Severity {
  const lower = s.toLowerCase();
  return (SEVERITIES as readonly string[]).includes(lower) ? (lower as Severity) : 'medium';
}

export const useTriageStore = defineStore('triage', () => {
  const findings = shallowRef<TriageFinding[]>([]);
  const dismissed = ref<string[]>([]);
  const accepted = ref<string[]>([]);
  const ran = ref(false);
  const busy = ref(false);
  const error = shallowRef<ApiError | null>(null);

  const visible = computed(() => findings.value.filter((f) => !dismissed.value.includes(findingKey(f))));

  async function run(): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      findings.value = (await call('triage/run', {})).findings;
      ran.value = true;
    } catch (err) {
      error.value = toApiError(err);
    } finally {
      busy.value = false;
    }
  }

  function open(f: TriageFinding): Promise<void> {
    return useQueryStore().open(null, f.query);
  }

  /** Bookmarks every row of the finding's query (with its techniques), then groups them in a case finding (title, phase). */
  async function accept(f: TriageFinding): Promise<void> {
    const bookmarks = useBookmarksStore();
    const findings = useFindingsStore();
    const techniques = f.techniques.filter((t) => invalidTechniques([t]).length === 0);
    const severity = asSeverity(f.severity);
    busy.value = true;
    error.value = null;
    try {
      const bulk = await call('bookmarks/bulk', { spec: { source: null, where: f.query }, max: BULK_MAX, note: f.title, tags: ['triage', f.rule], techniques, severity });
      await bookmarks.load();
      const ids = triageBookmarkIds(bookmarks.list, f);
      await call('findings/save', { title: f.title, phase: phaseFor(techniques), narrative: f.description, severity, techniques, bookmarkIds: ids });
      await findings.load();
      accepted.value = [...accepted.value, findingKey(f)];
      if (bulk.truncated) error.value = toApiError({ code: 'BAD_REQUEST', message: `Only the first ${BULK_MAX} rows of “${f.title}” were bookmarked.` });
    } catch (err) {
      error.value = toApiError(err);
    } finally {
      busy.value = false;
    }
  }

  function dismiss(f: TriageFinding): void {
    dismissed.value = [...dismissed.value, findingKey(f)];
  }

  return { findings, dismissed, accepted, ran, busy, error, visible, run, open, accept, dismiss };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useTriageStore, import.meta.hot));
