// Pinia store for triage: run the built-in detections, open a finding's query, accept (bookmark) or dismiss it.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { call, toApiError, type ApiError } from '../api/client';
import type { TriageFinding } from '../../../src-main/contract/api';
import { SEVERITIES } from '../../../src-main/contract/model';
import { useBookmarksStore, invalidTechniques } from './bookmarks';
import { useQueryStore } from './query';

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

  /** Bookmarks every row of the finding with its techniques; the note is the finding's title. */
  async function accept(f: TriageFinding): Promise<void> {
    const bookmarks = useBookmarksStore();
    const techniques = f.techniques.filter((t) => invalidTechniques([t]).length === 0);
    busy.value = true;
    error.value = null;
    try {
      for (const r of f.rows) {
        const saved = await bookmarks.add({ sourceId: r.sourceId, row: r.row, note: f.title, tags: ['triage', f.rule], techniques, severity: asSeverity(f.severity) });
        if (!saved) throw bookmarks.error ?? new Error('bookmark failed');
      }
      accepted.value = [...accepted.value, findingKey(f)];
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
