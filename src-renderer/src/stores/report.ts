// Pinia store for the case report: sections, defang and draft options; export as Markdown/HTML/PDF with a text preview.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { call, toApiError, type ApiError } from '../api/client';
import type { ReportFormat } from '../../../src-main/contract/api';

/** Report sections in print order, as `report/export` names them. */
export const REPORT_SECTIONS = [
  { name: 'summary', label: 'Summary' },
  { name: 'scope', label: 'Scope and evidence' },
  { name: 'findings', label: 'Findings' },
  { name: 'timeline', label: 'Timeline' },
  { name: 'iocs', label: 'Indicators of compromise' },
  { name: 'attack', label: 'MITRE ATT&CK' },
  { name: 'notes', label: 'Notes' },
  { name: 'recommendations', label: 'Recommendations' },
  { name: 'appendix', label: 'Appendix' },
] as const;

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
  const sections = ref<string[]>(REPORT_SECTIONS.map((s) => s.name));
  const busy = ref<ReportFormat | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const last = shallowRef<ExportedReport | null>(null);
  /** Text of the last Markdown/HTML export (shown as text, never rendered). */
  const preview = ref('');
  /** What the preview holds: Markdown source, or HTML shown in a sandboxed frame. */
  const previewFormat = ref<'md' | 'html' | null>(null);

  /** Every section is the engine's default, so the request names sections only when some are left out. */
  function chosenSections(): { sections?: string[] } {
    const chosen = REPORT_SECTIONS.map((s) => s.name).filter((n) => sections.value.includes(n));
    return chosen.length === REPORT_SECTIONS.length ? {} : { sections: chosen };
  }

  async function exportReport(format: ReportFormat): Promise<ExportedReport | null> {
    busy.value = format;
    error.value = null;
    try {
      const file = await call('report/export', { format, defang: defang.value, draft: draft.value, ...chosenSections() });
      const report: ExportedReport = { fileName: file.fileName, mime: file.mime, bytes: decodeBase64(file.base64), format };
      last.value = report;
      preview.value = format === 'pdf' ? '' : new TextDecoder('utf-8').decode(report.bytes);
      previewFormat.value = format === 'pdf' ? null : format;
      return report;
    } catch (err) {
      error.value = toApiError(err);
      return null;
    } finally {
      busy.value = null;
    }
  }

  return { defang, draft, sections, busy, error, last, preview, previewFormat, exportReport };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReportStore, import.meta.hot));
