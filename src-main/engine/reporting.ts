// Assembles the report model from the case (bookmarks, findings, sources, filters, audit head) and renders it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiParsedRequest, ApiResponse } from '../contract/api';
import { LoupeError } from '../contract/errors';
import { verifyAuditChain, appendAudit } from './case/audit';
import { listBookmarks } from './case/bookmarks';
import { caseInfo, type OpenedCase } from './case/caseFile';
import { listColumns, listSourceRecords, type CatalogColumn } from './case/catalog';
import { listFilters } from './case/filters';
import { listFindings } from './case/findings';
import { ident, sourceTable } from './db/sql';
import type { ReadableDB, WritableDB } from './db/types';
import { ALL_SECTIONS, renderHtml, renderMarkdown, renderPdf, type CitedRow, type ReportFinding, type ReportModel, type ReportSections } from './report';
import { LOUPE_VERSION } from './version';

const KEY_COLUMN = /uri|token type|conditional access|status|location|result|operation|resource|client ?info|user ?agent|correlation/i;

function citedRow(db: ReadableDB, sourceId: number, row: number, columns: CatalogColumn[], name: string, sha: string): CitedRow {
  const r = db
    .prepare(`SELECT s.*, e.* FROM ${ident(sourceTable(sourceId))} s JOIN events e ON e.source_id = ? AND e.row = s._row WHERE s._row = ?`)
    .get(sourceId, row) as Record<string, unknown> | undefined;
  const cells: Record<string, string> = Object.create(null) as Record<string, string>;
  const fields: { name: string; value: string }[] = [];
  for (const c of columns) {
    const v = r?.[c.col];
    if (v === null || v === undefined || v === '') continue;
    cells[c.name] = String(v);
    if ((c.field && c.field !== 'time') || KEY_COLUMN.test(c.name)) fields.push({ name: c.name, value: String(v) });
  }
  const normalized: CitedRow['normalized'] = {};
  for (const k of ['user', 'user_id', 'ip', 'app_id', 'app', 'operation', 'result', 'resource', 'correlation_id', 'user_agent', 'tool', 'country'] as const) {
    const v = r?.[k];
    if (typeof v === 'string' && v) normalized[k] = v;
  }
  return { source: name, sourceId, sourceSha256: sha, row, time: typeof r?.['time'] === 'number' ? (r['time'] as number) : null, fields, normalized, cells };
}


export function buildReportModel(db: ReadableDB, c: OpenedCase, opts: { defang: boolean; draft: boolean; sections?: string[] }): ReportModel {
  const info = caseInfo(c);
  const sources = listSourceRecords(db);
  const colCache = new Map<number, CatalogColumn[]>();
  const srcById = new Map(sources.map((s) => [s.id, s]));
  const bookmarks = listBookmarks(db).map((b) => {
    if (!colCache.has(b.sourceId)) colCache.set(b.sourceId, listColumns(db, b.sourceId));
    const s = srcById.get(b.sourceId)!;
    return {
      id: b.id,
      row: citedRow(db, b.sourceId, b.row, colCache.get(b.sourceId)!, s.name, s.sha256),
      note: b.note,
      tags: b.tags,
      techniques: b.techniques,
      severity: b.severity,
      createdAt: b.createdAt,
    };
  });
  const filters = listFilters(db).map((f) => ({ name: f.name, query: f.query, description: f.description }));
  // Findings read as a story: listFindings orders them by their first event.
  const findings: ReportFinding[] = listFindings(db).map((f) => ({
    id: f.id,
    title: f.title,
    phase: f.phase,
    narrative: f.narrative,
    severity: f.severity,
    techniques: f.techniques,
    bookmarkIds: f.bookmarkIds,
    filters: filters.filter((x) => f.filterNames.includes(x.name)),
  }));
  let sections: ReportSections = { ...ALL_SECTIONS };
  if (opts.sections) {
    sections = Object.fromEntries(Object.keys(ALL_SECTIONS).map((k) => [k, opts.sections!.includes(k)])) as unknown as ReportSections;
  }
  const d = info.details;
  return {
    caseInfo: {
      id: info.id,
      name: info.name,
      ...(d['number'] ? { number: d['number'] } : {}),
      ...(d['analyst'] ? { analyst: d['analyst'] } : {}),
      ...(d['organisation'] ? { organisation: d['organisation'] } : {}),
      ...(d['summary'] ? { summary: d['summary'] } : {}),
      ...(d['recommendations'] ? { recommendations: d['recommendations'] } : {}),
    },
    generatedAt: new Date().toISOString(),
    displayZone: 'UTC',
    loupeVersion: LOUPE_VERSION,
    auditHead: verifyAuditChain(db).head,
    sources: sources.map((s) => ({
      id: s.id,
      name: s.name,
      size: s.size,
      sha256: s.sha256,
      rows: s.rows_imported,
      profile: (JSON.parse(s.meta_json) as Record<string, string>)['profileName'] ?? s.profile,
      importedAt: s.imported_at,
    })),
    findings,
    bookmarks,
    savedFilters: filters,
    sections,
    defang: opts.defang,
    draft: opts.draft,
  };
}

/** Renders the report in one format; the export itself is audit-logged with the output's hash. */
export async function renderReport(db: WritableDB, c: OpenedCase, format: 'md' | 'html' | 'pdf', opts: { defang: boolean; draft: boolean; sections?: string[] }): Promise<Buffer> {
  // A report is only as good as the case under it: check the whole file first, and record the result.
  const integrity = String(db.pragma('integrity_check', { simple: true }));
  if (integrity !== 'ok') {
    db.transaction(() => appendAudit(db, 'report.refused', `report:${format}`, { integrity }))();
    throw new LoupeError('CASE_INVALID', `the case fails its integrity check (${integrity}); no report was written — restore it from a copy`);
  }
  const model = buildReportModel(db, c, opts);
  let out: Buffer;
  if (format === 'md') out = Buffer.from(renderMarkdown(model), 'utf8');
  else if (format === 'html') out = Buffer.from(renderHtml(model), 'utf8');
  else {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-pdf-'));
    try {
      const file = join(dir, 'report.pdf');
      await renderPdf(model, file);
      out = readFileSync(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const { createHash } = await import('node:crypto');
  const sha = createHash('sha256').update(out).digest('hex');
  db.transaction(() => appendAudit(db, 'report.export', `report:${format}`, { sha256: sha, bookmarks: model.bookmarks.length, defang: opts.defang, integrity }))();
  return out;
}

const MIME = { md: 'text/markdown', html: 'text/html', pdf: 'application/pdf' } as const;

export async function exportReport(db: WritableDB, c: OpenedCase, r: ApiParsedRequest<'report/export'>): Promise<ApiResponse<'report/export'>> {
  const buf = await renderReport(db, c, r.format, { defang: r.defang, draft: r.draft, ...(r.sections ? { sections: r.sections } : {}) });
  const base = caseInfo(c).name.replace(/[^A-Za-z0-9._-]+/g, '_') || 'case';
  return { fileName: `${base}-report.${r.format}`, mime: MIME[r.format], base64: buf.toString('base64') };
}
