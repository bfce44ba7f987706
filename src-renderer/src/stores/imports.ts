// Pinia store for imports: pick or upload files, start the job, follow progress events, keep the summaries.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { call, canPickNatively, dropFiles, on, toApiError, upload, type ApiError } from '../api/client';
import type { ImportProgress, ImportSummary } from '../../../src-main/contract/model';
import { useCaseStore } from './caseInfo';
import { useQueryStore } from './query';
import type { RateStart } from './importRate';

export const useImportsStore = defineStore('imports', () => {
  const progress = shallowRef<ImportProgress[]>([]);
  /** Per `jobId:file`, when parsing was first seen (rates and ETAs are measured from there). */
  const rateStarts = new Map<string, RateStart>();
  /** Time of the latest progress event: rate and ETA are figured at it. */
  const now = ref(Date.now());
  const summaries = shallowRef<ImportSummary[]>([]);
  const jobId = ref<string | null>(null);
  const busy = ref(false);
  const uploading = ref<string | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const panelOpen = ref(false);
  /** Keep a read-only copy of each imported file in the case's evidence folder (and parse that copy). */
  const copyEvidence = ref(true);
  /** The background full-text index build after an import (null when idle). */
  const fullText = shallowRef<{ sourceId: number; done: number; total: number } | null>(null);
  let unsubscribe: (() => void)[] = [];
  /** Jobs whose `import/done` arrived (possibly before `import/start` answered). */
  const finished = new Set<string>();

  /** Subscribes to import events once (call at start-up). */
  function listen(): void {
    if (unsubscribe.length) return;
    unsubscribe = [
      on('import/progress', (p) => {
        const key = `${p.jobId}:${p.file}`;
        if (p.phase === 'parsing' && !rateStarts.has(key)) rateStarts.set(key, { at: Date.now(), bytes: p.bytes, rows: p.rows });
        now.value = Date.now();
        const rest = progress.value.filter((x) => !(x.jobId === p.jobId && x.file === p.file));
        progress.value = [...rest, p];
      }),
      on('import/done', (d) => {
        summaries.value = [...summaries.value, ...d.summaries];
        finished.add(d.jobId);
        if (d.jobId === jobId.value) {
          jobId.value = null;
          busy.value = false;
        }
        void afterImport();
      }),
      on('fulltext/progress', (p) => {
        fullText.value = p.done >= p.total ? null : p;
      }),
      on('case/changed', () => {
        void useCaseStore().load();
      }),
    ];
  }

  async function afterImport(): Promise<void> {
    await useCaseStore().load();
    const q = useQueryStore();
    if (q.ran) await q.run();
  }

  async function start(ids: string[]): Promise<void> {
    if (ids.length === 0) {
      busy.value = false;
      return;
    }
    // The contract defaults copyEvidence to on: only the analyst's opt-out travels.
    const res = await call('import/start', copyEvidence.value ? { ids } : { ids, copyEvidence: false });
    if (!finished.has(res.jobId)) jobId.value = res.jobId;
  }

  async function guarded(job: () => Promise<void>): Promise<void> {
    busy.value = true;
    panelOpen.value = true;
    error.value = null;
    try {
      await job();
    } catch (err) {
      error.value = toApiError(err);
      busy.value = false;
    } finally {
      uploading.value = null;
      if (jobId.value === null) busy.value = false;
    }
  }

  /** Electron: native picker, then import. */
  function pickAndImport(): Promise<void> {
    return guarded(async () => {
      const picked = await call('import/pick', {});
      await start(picked.ids);
    });
  }

  /** Browser mode and drag-and-drop: upload each file, then import them as one job. */
  function importFiles(files: readonly File[]): Promise<void> {
    return guarded(async () => {
      const ids: string[] = [];
      for (const f of files) {
        uploading.value = f.name;
        ids.push(await upload(f));
      }
      await start(ids);
    });
  }

  /** Drag-and-drop: the desktop app takes the files by path (a case opens in its own window); browser mode uploads. */
  function importDropped(files: readonly File[]): Promise<void> {
    return guarded(async () => {
      const r = await dropFiles(files);
      if (r === null) {
        const ids: string[] = [];
        for (const f of files) {
          uploading.value = f.name;
          ids.push(await upload(f));
        }
        await start(ids);
      } else if (r.kind === 'import') await start(r.ids);
    });
  }

  async function cancel(): Promise<void> {
    if (jobId.value === null) return;
    try {
      await call('import/cancel', { jobId: jobId.value });
    } catch (err) {
      error.value = toApiError(err);
    }
  }

  function rateStart(p: ImportProgress): RateStart | undefined {
    return rateStarts.get(`${p.jobId}:${p.file}`);
  }

  return { progress, rateStart, now, summaries, jobId, busy, fullText, uploading, error, panelOpen, copyEvidence, listen, pickAndImport, importFiles, importDropped, cancel, native: canPickNatively };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useImportsStore, import.meta.hot));
