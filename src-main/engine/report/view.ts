// Renderer-independent view of a report: the same sorted, formatted (still unescaped) text for Markdown, HTML and PDF.
import type { CitedRow, Ioc, ReportBookmark, ReportFilter, ReportFinding, ReportModel } from './model';
import { buildIocs } from './iocs';
import { attackTable, type AttackRow } from './attack';
import { defang, defangText } from './defang';
import { clip, effectiveZone, formatTime, formatUtc, shortHash } from './format';

/** Longest value shown in a report table cell; longer values are clipped with a visible marker. */
export const CELL_MAX = 600;

export interface TimelineEntry {
  bookmarkId: number;
  time: string;
  source: string;
  row: number;
  sha256: string;
  shortSha: string;
  keyFields: string;
  note: string;
  severity: string;
  techniques: string;
  findings: string;
}

export interface FindingView {
  finding: ReportFinding;
  when: string;
  /** Cited rows with full SHA-256: 'Sign_In_Logs.xlsx row 14, SHA-256 …'. */
  evidence: string[];
}

export interface ReportView {
  title: string;
  zone: string;
  zoneNote: string;
  meta: [string, string][];
  timeline: TimelineEntry[];
  findings: FindingView[];
  iocs: Ioc[];
  attack: AttackRow[];
  notes: { heading: string; text: string }[];
  appendix: { owner: string; filter: ReportFilter }[];
  footer: [string, string][];
  summary: string;
  recommendations: string;
}

export function citation(row: CitedRow): string {
  return `${row.source} row ${row.row}`;
}

function byTime(a: ReportBookmark, b: ReportBookmark): number {
  const ta = a.row.time ?? Number.POSITIVE_INFINITY;
  const tb = b.row.time ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.row.source.localeCompare(b.row.source) || a.row.row - b.row.row || a.id - b.id;
}

function keyFields(row: CitedRow, shown: (t: string) => string): string {
  return clip(row.fields.map((f) => `${f.name}: ${shown(f.value)}`).join('; '), CELL_MAX);
}

function timeRange(rows: CitedRow[], zone: string): string {
  const times = rows.map((r) => r.time).filter((t): t is number => t !== null && Number.isFinite(t));
  if (times.length === 0) return 'no time';
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  return lo === hi ? formatTime(lo, zone) : `${formatTime(lo, zone)} – ${formatTime(hi, zone)}`;
}

export function buildReportView(model: ReportModel): ReportView {
  const zone = effectiveZone(model.displayZone);
  // With defang on, free text shows URLs/IPs defanged too; saved queries and hashes stay verbatim.
  const shown = model.defang ? defangText : (t: string): string => t;
  const bookmarks = [...model.bookmarks].sort(byTime);
  const byId = new Map(model.bookmarks.map((b) => [b.id, b]));
  const citedBy = new Map<number, string[]>();
  for (const f of model.findings) {
    for (const id of f.bookmarkIds) citedBy.set(id, [...(citedBy.get(id) ?? []), `${f.phase}: ${shown(f.title)}`]);
  }

  const timeline = bookmarks.map((b) => ({
    bookmarkId: b.id,
    time: formatTime(b.row.time, zone),
    source: b.row.source,
    row: b.row.row,
    sha256: b.row.sourceSha256,
    shortSha: shortHash(b.row.sourceSha256),
    keyFields: keyFields(b.row, shown),
    note: clip(shown(b.note), CELL_MAX),
    severity: b.severity,
    techniques: b.techniques.join(', '),
    findings: (citedBy.get(b.id) ?? []).join('; '),
  }));

  const findings = model.findings.map((finding) => {
    const rows = finding.bookmarkIds.map((id) => byId.get(id)).filter((b): b is ReportBookmark => b !== undefined);
    rows.sort(byTime);
    return {
      finding: { ...finding, title: shown(finding.title), narrative: shown(finding.narrative) },
      when: timeRange(rows.map((b) => b.row), zone),
      evidence: rows.map((b) => `${citation(b.row)} at ${formatUtc(b.row.time)}, SHA-256 ${b.row.sourceSha256}`),
    };
  });

  const iocs = buildIocs(model).map((ioc) => ({
    ...ioc,
    value: model.defang ? defang(ioc.value, ioc.type) : ioc.value,
  }));

  const info = model.caseInfo;
  const meta: [string, string][] = [['Case ID', info.id]];
  if (info.number !== undefined && info.number !== '') meta.push(['Case number', info.number]);
  if (info.analyst !== undefined && info.analyst !== '') meta.push(['Analyst', info.analyst]);
  if (info.organisation !== undefined && info.organisation !== '') meta.push(['Organisation', info.organisation]);
  meta.push(['Generated at', model.generatedAt], ['Display zone', zone]);

  return {
    title: model.draft === true ? `DRAFT — ${info.name}` : info.name,
    zone,
    zoneNote:
      zone === 'UTC'
        ? 'All times are UTC (ISO 8601, suffix Z).'
        : `All times are UTC (ISO 8601, suffix Z), followed by the wall clock in ${zone} in parentheses.`,
    meta,
    timeline,
    findings,
    iocs,
    attack: attackTable(model).map((a) => ({ ...a, evidence: a.evidence.map(shown) })),
    notes: bookmarks
      .filter((b) => b.note.trim() !== '')
      .map((b) => ({ heading: `Bookmark ${b.id} — ${citation(b.row)} (${formatUtc(b.row.time)})`, text: shown(b.note) })),
    appendix: [
      ...model.findings.flatMap((f) => f.filters.map((filter) => ({ owner: `Finding ${f.id}: ${shown(f.title)}`, filter }))),
      ...model.savedFilters.map((filter) => ({ owner: 'Saved filter', filter })),
    ],
    summary: shown(info.summary ?? ''),
    recommendations: shown(info.recommendations ?? ''),
    footer: [
      ['Case ID', info.id],
      ['Generated at', model.generatedAt],
      ['Display zone', zone],
      ['Loupe version', model.loupeVersion],
      ['Audit chain head', model.auditHead],
    ],
  };
}
