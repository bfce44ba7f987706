// Self-contained printable HTML report: one template, every data value through escapeHtml, no scripts, strict CSP.
import type { ReportModel } from './model';
import { buildReportView, type ReportView } from './view';
import { escapeHtml as e } from './escapeHtml';
import { renderNoteHtml } from './noteMarkdown';
import { REPORT_CSS } from './reportCss';
import { formatBytes } from './format';

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function table(header: string[], rows: string[][], monoColumns: number[] = []): string {
  const head = `<thead><tr>${header.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map((r) => `<tr>${header.map((_, i) => `<td${monoColumns.includes(i) ? ' class="mono"' : ''}>${e(r[i] ?? '')}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>${head}<tbody>\n${body}\n</tbody></table>`;
}

function paragraphs(text: string, fallback: string): string {
  const blocks = text.split(/\r?\n\s*\r?\n/).filter((b) => b.trim() !== '');
  if (blocks.length === 0) return `<p>${e(fallback)}</p>`;
  return blocks.map((b) => `<p>${b.split(/\r\n|\r|\n/).map(e).join('<br>')}</p>`).join('\n');
}

function findings(view: ReportView): string {
  if (view.findings.length === 0) return '<p>No findings recorded.</p>';
  const summary = table(
    ['Phase', 'Finding', 'Severity', 'When', 'Techniques', 'Evidence'],
    view.findings.map((f) => [f.finding.phase, f.finding.title, f.finding.severity, f.when, f.finding.techniques.join(', '), `${f.evidence.length} cited row(s)`]),
  );
  const details = view.findings.map((f) => {
    const evidence = f.evidence.length > 0 ? f.evidence.map((x) => `<li class="mono">${e(x)}</li>`).join('') : '<li>none cited</li>';
    const filters =
      f.finding.filters.length > 0
        ? `<p><strong>Filters behind this finding:</strong> ${f.finding.filters.map((x) => e(x.name)).join(', ')} (query text in the appendix)</p>`
        : '';
    return [
      `<h3>Finding ${f.finding.id}: ${e(f.finding.title)}</h3>`,
      `<p><strong>Phase:</strong> ${e(f.finding.phase)}<br><strong>Severity:</strong> ${e(f.finding.severity)}<br><strong>When:</strong> ${e(f.when)}</p>`,
      f.finding.narrative.trim() !== '' ? paragraphs(f.finding.narrative, '') : '',
      `<p><strong>Evidence:</strong></p><ul>${evidence}</ul>`,
      filters,
    ].join('\n');
  });
  return [summary, ...details].join('\n');
}

function body(model: ReportModel, view: ReportView): string {
  const s = model.sections;
  const out: string[] = [`<header><h1>${e(view.title)}</h1>`];
  if (model.draft === true) out.push('<div class="draft">DRAFT — not a final report.</div>');
  out.push(table(['Field', 'Value'], view.meta), `<p>${e(view.zoneNote)}</p></header>`);
  if (s.summary) out.push('<h2>Summary</h2>', paragraphs(view.summary, 'No summary written.'));
  if (s.scope) {
    out.push(
      '<h2>Scope and evidence</h2>',
      table(
        ['Source', 'Size', 'SHA-256', 'Rows', 'Profile', 'Imported'],
        model.sources.map((x) => [x.name, formatBytes(x.size), x.sha256, String(x.rows), x.profile, x.importedAt]),
        [2],
      ),
    );
  }
  if (s.findings) out.push('<h2>Findings</h2>', findings(view));
  if (s.timeline) {
    out.push(
      '<h2>Timeline</h2>',
      `<p>${e(view.zoneNote)} SHA-256 is shortened to 12 hex digits here; full hashes are in Scope and evidence.</p>`,
      table(
        ['Time', 'Source', 'Row', 'SHA-256', 'Key fields', 'Severity', 'Techniques', 'Finding', 'Note'],
        view.timeline.map((t) => [t.time, t.source, String(t.row), t.shortSha, t.keyFields, t.severity, t.techniques, t.findings, t.note]),
        [3],
      ),
    );
  }
  if (s.iocs) {
    out.push(
      '<h2>Indicators of compromise</h2>',
      model.defang ? '<p>Indicators are defanged ([.], hxxp).</p>' : '<p class="warning">Indicators are NOT defanged.</p>',
      table(['Type', 'Value', 'First seen'], view.iocs.map((i) => [i.type, i.value, i.context]), [1]),
    );
  }
  if (s.attack) {
    out.push('<h2>MITRE ATT&amp;CK</h2>', table(['ID', 'Technique', 'Evidence'], view.attack.map((a) => [a.id, a.name, a.evidence.join('; ')])));
  }
  if (s.notes) {
    out.push('<h2>Analyst notes</h2>');
    for (const n of view.notes) out.push(`<h4>${e(n.heading)}</h4>`, `<div class="note">${renderNoteHtml(n.text)}</div>`);
    if (view.notes.length === 0) out.push('<p>No notes.</p>');
  }
  if (s.recommendations) out.push('<h2>Recommendations</h2>', paragraphs(view.recommendations, 'None written.'));
  if (s.appendix) {
    out.push('<h2>Appendix: filters behind the findings</h2>');
    for (const a of view.appendix) {
      out.push(`<h3>${e(a.owner)} — ${e(a.filter.name)}</h3>`);
      if (a.filter.description.trim() !== '') out.push(paragraphs(a.filter.description, ''));
      out.push(`<pre>${e(a.filter.query)}</pre>`);
    }
    if (view.appendix.length === 0) out.push('<p>No saved filters.</p>');
  }
  out.push(`<footer><dl>${view.footer.map(([k, v]) => `<dt>${e(k)}</dt><dd class="mono">${e(v)}</dd>`).join('')}</dl></footer>`);
  return out.join('\n');
}

export function renderHtml(model: ReportModel): string {
  const view = buildReportView(model);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<title>${e(view.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${body(model, view)}
</body>
</html>
`;
}
