// Pinia store for the case report: export as Markdown/HTML/PDF, keep a text preview, hand the file to a download.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { call, toApiError, type ApiError } from '../api/client';
import type { ReportFormat } from '../../../src-main/contract/api';

export interface ExportedReport { fileName: string; mime: string; bytes: Uint8Array; format: ReportFormat }

export function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export const useReportStore = defineStore('report', () => {
  const defang = ref(true);
  const draft = ref(false);
  const busy = ref<ReportFormat | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const last = shallowRef<ExportedReport | null>(null);
  /** Text of the last Markdown/HTML export (shown as text, never rendered). */
  const preview = ref('');

  async function exportReport(format: ReportFormat): Promise<ExportedReport | null> {
    busy.value = format;
    error.value = null;
    try {
      const file = await call('report/export', { format, defang: defang.value, draft: draft.value });
      const report: ExportedReport = { fileName: file.fileName, mime: file.mime, bytes: decodeBase64(file.base64), format };
      last.value = report;
      preview.value = format === 'pdf' ? '' : new TextDecoder('utf-8').decode(report.bytes);
      return report;
    } catch (err) {
      error.value = toApiError(err);
      return null;
    } finally {
      busy.value = null;
    }
  }

  return { defang, draft, busy, error, last, preview, exportReport };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReportStore, import.meta.hot));
