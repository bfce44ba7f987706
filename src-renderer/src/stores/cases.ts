// Pinia store for case management: recent cases, the start screen, open/create/close/save-as, read-only state.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { call, toApiError, transportKind, uploadCase, type ApiError } from '../api/client';
import type { ApiResponse, RecentCase } from '../../../src-main/contract/api';

export type CurrentCase = ApiResponse<'cases/recent'>['current'];
type Opened = ApiResponse<'cases/open'>;

/** True for a file the analyst means as a case (opened), not as evidence (imported). */
export function isCaseFile(file: File): boolean {
  return /\.loupe$/i.test(file.name);
}

export const useCasesStore = defineStore('cases', () => {
  const recent = shallowRef<RecentCase[]>([]);
  const current = shallowRef<CurrentCase>(null);
  const startOpen = ref(false);
  const loading = ref(false);
  const busy = ref(false);
  const error = shallowRef<ApiError | null>(null);
  /** One line for the start screen after "save as" (file name and where it went). */
  const notice = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const r = await call('cases/recent', {});
      recent.value = r.cases;
      current.value = r.current;
      if (r.current === null) startOpen.value = true;
      error.value = null;
    } catch (err) {
      error.value = toApiError(err);
    } finally {
      loading.value = false;
    }
  }

  function showStart(): void {
    startOpen.value = true;
    notice.value = null;
    void load();
  }

  function hideStart(): void {
    if (current.value !== null) startOpen.value = false;
  }

  /** Browser mode swaps the server's case: the page reloads so every store starts from the new case. */
  function afterOpen(r: Opened): void {
    if (!r.ok) return;
    if (transportKind() === 'browser') {
      window.location.reload();
      return;
    }
    // Electron opened (or focused) the case in its own window; this window keeps its case.
    void load().then(hideStart);
  }

  async function run(job: () => Promise<Opened>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      afterOpen(await job());
    } catch (err) {
      error.value = toApiError(err);
    } finally {
      busy.value = false;
    }
  }

  const open = (id: string) => run(() => call('cases/open', { id }));
  const openSample = () => run(() => call('cases/open', { sample: true }));
  const create = (name: string) => run(() => call('cases/create', { name }));
  /** Electron: native open dialog; browser: the chosen file is uploaded as a case, then opened. */
  const pick = () => run(() => call('cases/open', { pick: true }));
  const openFile = (file: File) =>
    run(async () => {
      const id = await uploadCase(file);
      return call('cases/open', { id });
    });

  async function close(): Promise<void> {
    busy.value = true;
    try {
      await call('cases/close', {});
      if (transportKind() === 'browser') window.location.reload();
    } catch (err) {
      error.value = toApiError(err);
    } finally {
      busy.value = false;
    }
  }

  async function saveAs(): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      const r = await call('case/saveAs', {});
      notice.value = r.saved ? `Saved a checked copy as ${r.fileName ?? ''}${r.path ? ` (${r.path})` : ''}` : null;
      await load();
    } catch (err) {
      error.value = toApiError(err);
    } finally {
      busy.value = false;
    }
  }

  return { recent, current, startOpen, loading, busy, error, notice, load, showStart, hideStart, open, openSample, create, pick, openFile, close, saveAs };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCasesStore, import.meta.hot));
