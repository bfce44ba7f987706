// Streams the rows of a query (a source or the timeline) into the CSV / XLSX / Timesketch / OpenSearch exporters.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadableDB, WritableDB } from './db/types';
import { appendAudit } from './case/audit';
import { getSourceRecord, listSourceRecords } from './case/catalog';
import { sourcePage, timelinePage } from './explore/page';
import { exportCsv, exportOpenSearchBulk, exportTimesketch, exportXlsx, type ExportResult, type ExportRow } from './export';

export type RowExportFormat = 'csv' | 'xlsx' | 'timesketch' | 'opensearch';

export interface RowExportRequest {
  source: number | null;
  where: string;
  format: RowExportFormat;
  raw: boolean;
  max: number;
}

const PAGE = 2000;

/** Header list and an async row stream; the timeline formats get @time as integer µs, the spreadsheets as ISO text. */
function rowStream(db: ReadableDB, req: RowExportRequest): { headers: string[]; rows: AsyncIterable<ExportRow> } {
  const timelineFormat = req.format === 'timesketch' || req.format === 'opensearch';
  const first = req.source === null
    ? timelinePage(db, { source: null, where: req.where, limit: 1 })
    : sourcePage(db, { source: req.source, where: req.where, limit: 1 });
  const colNames = first.columns.map((c) => c.name).filter((n) => n !== '@time');
  const fields = ['@time', '@source', '@user', '@ip', '@app', '@operation', '@result', '@tool'];
  const headers = req.source === null ? ['@time', ...colNames] : ['_row', ...colNames, ...fields.filter((f) => !colNames.includes(f))];
  async function* rows(): AsyncIterable<ExportRow> {
    let after = undefined as Parameters<typeof timelinePage>[1]['after'];
    let n = 0;
    for (;;) {
      const page = req.source === null
        ? timelinePage(db, { source: null, where: req.where, limit: PAGE, after })
        : sourcePage(db, { source: req.source, where: req.where, limit: PAGE, after });
      for (const r of page.rows) {
        if (n++ >= req.max) return;
        const o = Object.create(null) as ExportRow;
        page.columns.forEach((c, i) => (o[c.name] = r.cells[i] ?? null));
        for (const f of fields) if (!(f in o)) o[f] = r.normalized[f.slice(1)] ?? null;
        o['_row'] = String(r.row);
        o['@time'] = timelineFormat ? (r.time === null ? null : String(isoToUs(r.time))) : r.time;
        yield o;
      }
      if (!page.next) return;
      after = page.next;
    }
  }
  return { headers, rows: rows() };
}

/** Parses our own ISO output (`2023-10-26T14:10:50.123000Z`) back to µs; only ever fed formatUs text. */
function isoToUs(iso: string): number {
  const m = /^(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{6})Z$/.exec(iso);
  if (!m) return NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return ms * 1000 + Number(m[7]);
}

export async function exportRowsToFile(db: WritableDB, req: RowExportRequest, path: string): Promise<ExportResult> {
  const { headers, rows } = rowStream(db, req);
  const mode = req.raw ? 'raw' : 'safe';
  const name = req.source === null ? 'timeline' : getSourceRecord(db, req.source).name;
  let result: ExportResult;
  if (req.format === 'csv') result = await exportCsv(path, { headers, rows, mode, bom: true });
  else if (req.format === 'xlsx') result = await exportXlsx(path, { headers, rows, mode, sheetName: name.replace(/\.[^.]+$/, '') });
  else if (req.format === 'timesketch') result = await exportTimesketch(path, { headers, rows });
  else result = await exportOpenSearchBulk(path, { headers, rows, index: 'loupe-' + (listSourceRecords(db).length ? 'case' : 'empty') });
  db.transaction(() =>
    appendAudit(db, 'export.rows', `export:${req.format}`, { source: name, where: req.where, rows: result.rows, sha256: result.sha256, spreadsheetMode: result.mode ?? null }),
  )();
  return result;
}

const MIME: Record<RowExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  timesketch: 'application/x-ndjson',
  opensearch: 'application/x-ndjson',
};
const EXT: Record<RowExportFormat, string> = { csv: 'csv', xlsx: 'xlsx', timesketch: 'timesketch.jsonl', opensearch: 'bulk.ndjson' };

export async function exportRowsAsFile(db: WritableDB, req: RowExportRequest): Promise<{ fileName: string; mime: string; base64: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-export-'));
  try {
    const fileName = `${req.source === null ? 'timeline' : `source-${req.source}`}.${EXT[req.format]}`;
    const path = join(dir, fileName);
    await exportRowsToFile(db, req, path);
    return { fileName, mime: MIME[req.format], base64: readFileSync(path).toString('base64') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
