// PDF report renderer (pdfkit + bundled DejaVu fonts): same sections as Markdown/HTML, "Page N of M" footers.
import PDFDocument from 'pdfkit';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ReportModel } from './model';
import { buildReportView, type ReportView } from './view';
import { drawTable } from './pdfTable';
import { pdfFontPaths, type PdfFontName } from './pdfFonts';
import { clip, formatBytes, revealControls, softWrap } from './format';
import { writeFileAtomic } from './atomic';

export interface PdfOptions {
  /** Directory holding DejaVuSans.ttf, DejaVuSans-Bold.ttf, DejaVuSansMono.ttf (default: the npm package). */
  fontDir?: string;
  /** Deflate page streams (default true); tests may turn it off. */
  compress?: boolean;
}

const TEXT_MAX = 20_000;

type Doc = PDFKit.PDFDocument;

function heading(doc: Doc, text: string, size: number): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
  doc.moveDown(0.6).font('Sans-Bold').fontSize(size).fillColor('#1b1f24').text(revealControls(text), doc.page.margins.left);
  doc.moveDown(0.3);
}

function para(doc: Doc, text: string, font: PdfFontName = 'Sans', size = 9): void {
  doc.font(font).fontSize(size).fillColor('#1b1f24').text(softWrap(revealControls(clip(text, TEXT_MAX))), doc.page.margins.left, doc.y, {
    width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
  });
  doc.moveDown(0.4);
}

function findings(doc: Doc, view: ReportView): void {
  heading(doc, 'Findings', 14);
  if (view.findings.length === 0) return para(doc, 'No findings recorded.');
  drawTable(
    doc,
    [
      { header: 'Phase', share: 0.16 },
      { header: 'Finding', share: 0.3 },
      { header: 'Severity', share: 0.1 },
      { header: 'When', share: 0.22 },
      { header: 'Techniques', share: 0.12 },
      { header: 'Evidence', share: 0.1 },
    ],
    view.findings.map((f) => [f.finding.phase, f.finding.title, f.finding.severity, f.when, f.finding.techniques.join(', '), `${f.evidence.length} row(s)`]),
  );
  for (const f of view.findings) {
    heading(doc, `Finding ${f.finding.id}: ${f.finding.title}`, 11);
    para(doc, `Phase: ${f.finding.phase}    Severity: ${f.finding.severity}    When: ${f.when}`);
    if (f.finding.narrative.trim() !== '') para(doc, f.finding.narrative);
    para(doc, f.evidence.length > 0 ? `Evidence:\n${f.evidence.map((x) => `• ${x}`).join('\n')}` : 'Evidence: none cited', 'Mono', 7.5);
    if (f.finding.filters.length > 0) para(doc, `Filters behind this finding: ${f.finding.filters.map((x) => x.name).join(', ')} (query text in the appendix)`);
  }
}

function content(doc: Doc, model: ReportModel, view: ReportView): void {
  const s = model.sections;
  doc.font('Sans-Bold').fontSize(18).text(revealControls(view.title));
  if (model.draft === true) para(doc, 'DRAFT — not a final report.', 'Sans-Bold', 11);
  drawTable(doc, [{ header: 'Field', share: 0.25 }, { header: 'Value', share: 0.75 }], view.meta);
  para(doc, view.zoneNote);
  if (s.summary) {
    heading(doc, 'Summary', 14);
    para(doc, view.summary.trim() || 'No summary written.');
  }
  if (s.scope) {
    heading(doc, 'Scope and evidence', 14);
    drawTable(
      doc,
      [
        { header: 'Source', share: 0.2 },
        { header: 'Size', share: 0.13 },
        { header: 'SHA-256', share: 0.3, font: 'Mono' },
        { header: 'Rows', share: 0.08 },
        { header: 'Profile', share: 0.13 },
        { header: 'Imported', share: 0.16 },
      ],
      model.sources.map((x) => [x.name, formatBytes(x.size), x.sha256, String(x.rows), x.profile, x.importedAt]),
    );
  }
  if (s.findings) findings(doc, view);
  if (s.timeline) {
    heading(doc, 'Timeline', 14);
    para(doc, `${view.zoneNote} SHA-256 shortened to 12 hex digits; full hashes in Scope and evidence.`);
    drawTable(
      doc,
      [
        { header: 'Time (UTC)', share: 0.19 },
        { header: 'Source / row / SHA-256', share: 0.15, font: 'Mono' },
        { header: 'Key fields', share: 0.28 },
        { header: 'Severity, techniques', share: 0.1 },
        { header: 'Finding', share: 0.12 },
        { header: 'Note', share: 0.16 },
      ],
      view.timeline.map((t) => [t.time, `${t.source} row ${t.row} ${t.shortSha}`, t.keyFields, `${t.severity} ${t.techniques}`, t.findings, t.note]),
    );
  }
  if (s.iocs) {
    heading(doc, 'Indicators of compromise', 14);
    para(doc, model.defang ? 'Indicators are defanged ([.], hxxp).' : 'Indicators are NOT defanged.');
    drawTable(
      doc,
      [
        { header: 'Type', share: 0.15 },
        { header: 'Value', share: 0.5, font: 'Mono' },
        { header: 'First seen', share: 0.35 },
      ],
      view.iocs.map((i) => [i.type, i.value, i.context]),
    );
  }
  if (s.attack) {
    heading(doc, 'MITRE ATT&CK', 14);
    drawTable(
      doc,
      [
        { header: 'ID', share: 0.12 },
        { header: 'Technique', share: 0.38 },
        { header: 'Evidence', share: 0.5 },
      ],
      view.attack.map((a) => [a.id, a.name, a.evidence.join('; ')]),
    );
  }
  if (s.notes) {
    heading(doc, 'Analyst notes', 14);
    for (const n of view.notes) {
      para(doc, n.heading, 'Sans-Bold', 9);
      para(doc, n.text);
    }
    if (view.notes.length === 0) para(doc, 'No notes.');
  }
  if (s.recommendations) {
    heading(doc, 'Recommendations', 14);
    para(doc, view.recommendations.trim() || 'None written.');
  }
  if (s.appendix) {
    heading(doc, 'Appendix: filters behind the findings', 14);
    for (const a of view.appendix) {
      para(doc, `${a.owner} — ${a.filter.name}`, 'Sans-Bold', 9);
      if (a.filter.description.trim() !== '') para(doc, a.filter.description);
      para(doc, a.filter.query, 'Mono', 8);
    }
    if (view.appendix.length === 0) para(doc, 'No saved filters.');
  }
  heading(doc, 'Report identity', 11);
  drawTable(doc, [{ header: 'Field', share: 0.25 }, { header: 'Value', share: 0.75, font: 'Mono' }], view.footer);
}

function pageFurniture(doc: Doc, model: ReportModel): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const { left, right, bottom } = doc.page.margins;
    const width = doc.page.width - left - right;
    // Writing inside the bottom margin would make pdfkit start a new page; lift the margin while drawing.
    doc.page.margins.bottom = 0;
    const opts = { width, height: 10, ellipsis: true, lineBreak: false };
    doc.font('Sans').fontSize(7).fillColor('#4b5563');
    doc.text(revealControls(`Case ${model.caseInfo.id} — ${model.caseInfo.name}${model.draft === true ? ' — DRAFT' : ''}`), left, 24, opts);
    doc.text(revealControls(`Audit chain head ${model.auditHead}`), left, doc.page.height - 34, { ...opts, width: width - 80 });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, left, doc.page.height - 34, { ...opts, align: 'right' });
    doc.page.margins.bottom = bottom;
  }
}

/** Renders the report to `outPath` atomically (temp file, fsync, rename). */
export async function renderPdf(model: ReportModel, outPath: string, options: PdfOptions = {}): Promise<void> {
  const fonts = pdfFontPaths(options.fontDir);
  const view = buildReportView(model);
  await writeFileAtomic(outPath, async (tmpPath) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 48, bottom: 48, left: 40, right: 40 },
      bufferPages: true,
      compress: options.compress ?? true,
      info: { Title: revealControls(view.title), Creator: `Loupe ${model.loupeVersion}`, Producer: 'Loupe (pdfkit)' },
    });
    const out = createWriteStream(tmpPath, { flags: 'wx' });
    doc.pipe(out);
    try {
      for (const [name, path] of Object.entries(fonts)) doc.registerFont(name, path);
      content(doc, model, view);
      pageFurniture(doc, model);
      doc.end();
      await once(out, 'finish');
    } catch (err) {
      out.destroy();
      await once(out, 'close').catch(() => undefined);
      throw err;
    }
  });
}
