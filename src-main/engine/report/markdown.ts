// Markdown report renderer: every data value goes through mdInline/mdBlock/mdTable/fence (never raw).
// Analyst notes are rendered as escaped text in a blockquote, not as Markdown: a note may quote attacker data, and
// the .md is opened in viewers (GitHub, Obsidian, editors) that would render raw HTML and links from it.
import type { ReportModel } from './model';
import { buildReportView, type ReportView } from './view';
import { mdBlock, mdInline, mdQuote, mdTable } from './escapeMarkdown';
import { formatBytes, revealControls } from './format';

/** A fenced block longer than any backtick run inside, so data cannot close it. */
export function mdFence(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}\n${revealControls(text)}\n${fence}`;
}

function findingsSection(view: ReportView): string[] {
  const out = ['## Findings', ''];
  if (view.findings.length === 0) return [...out, 'No findings recorded.', ''];
  out.push(
    mdTable(
      ['Phase', 'Finding', 'Severity', 'When', 'Techniques', 'Evidence'],
      view.findings.map((f) => [
        f.finding.phase,
        f.finding.title,
        f.finding.severity,
        f.when,
        f.finding.techniques.join(', '),
        `${f.evidence.length} cited row(s)`,
      ]),
    ),
    '',
  );
  for (const f of view.findings) {
    out.push(`### Finding ${f.finding.id}: ${mdInline(f.finding.title)}`, '');
    out.push(`**Phase:** ${mdInline(f.finding.phase)}  \n**Severity:** ${mdInline(f.finding.severity)}  \n**When:** ${mdInline(f.when)}`, '');
    if (f.finding.narrative.trim() !== '') out.push(mdBlock(f.finding.narrative), '');
    out.push('**Evidence:**', '');
    out.push(...(f.evidence.length > 0 ? f.evidence.map((e) => `- ${mdInline(e)}`) : ['- none cited']), '');
    if (f.finding.filters.length > 0) {
      out.push(`**Filters behind this finding:** ${f.finding.filters.map((x) => mdInline(x.name)).join(', ')} (query text in the appendix)`, '');
    }
  }
  return out;
}

function sections(model: ReportModel, view: ReportView): string[] {
  const s = model.sections;
  const out: string[] = [`# ${mdInline(view.title)}`, ''];
  if (model.draft === true) out.push('**DRAFT — not a final report.**', '');
  out.push(mdTable(['Field', 'Value'], view.meta), '', mdInline(view.zoneNote), '');

  if (s.summary) {
    out.push('## Summary', '', mdBlock(view.summary) || 'No summary written.', '');
  }
  if (s.scope) {
    out.push('## Scope and evidence', '');
    out.push(
      mdTable(
        ['Source', 'Size', 'SHA-256', 'Rows', 'Profile', 'Imported'],
        model.sources.map((x) => [x.name, formatBytes(x.size), x.sha256, String(x.rows), x.profile, x.importedAt]),
      ),
      '',
    );
  }
  if (s.findings) out.push(...findingsSection(view));
  if (s.timeline) {
    out.push('## Timeline', '', mdInline(view.zoneNote), '');
    out.push(
      mdTable(
        ['Time', 'Source', 'Row', 'SHA-256', 'Key fields', 'Severity', 'Techniques', 'Finding', 'Note'],
        view.timeline.map((t) => [t.time, t.source, String(t.row), t.shortSha, t.keyFields, t.severity, t.techniques, t.findings, t.note]),
      ),
      '',
      'SHA-256 is shortened to 12 hex digits here; the full hashes are in Scope and evidence and under each finding.',
      '',
    );
  }
  if (s.iocs) {
    out.push('## Indicators of compromise', '');
    out.push(model.defang ? 'Indicators are defanged (`[.]`, `hxxp`).' : '**Indicators are NOT defanged.**', '');
    out.push(mdTable(['Type', 'Value', 'First seen'], view.iocs.map((i) => [i.type, i.value, i.context])), '');
  }
  if (s.attack) {
    out.push('## MITRE ATT&CK', '');
    out.push(mdTable(['ID', 'Technique', 'Evidence'], view.attack.map((a) => [a.id, a.name, a.evidence.join('; ')])), '');
  }
  if (s.notes) {
    out.push('## Analyst notes', '', 'Notes are reproduced as plain text.', '');
    for (const n of view.notes) out.push(`#### ${mdInline(n.heading)}`, '', mdQuote(n.text), '');
    if (view.notes.length === 0) out.push('No notes.', '');
  }
  if (s.recommendations) {
    out.push('## Recommendations', '', mdBlock(view.recommendations) || 'None written.', '');
  }
  if (s.appendix) {
    out.push('## Appendix: filters behind the findings', '');
    for (const a of view.appendix) {
      out.push(`### ${mdInline(a.owner)} — ${mdInline(a.filter.name)}`, '');
      if (a.filter.description.trim() !== '') out.push(mdBlock(a.filter.description), '');
      out.push(mdFence(a.filter.query), '');
    }
    if (view.appendix.length === 0) out.push('No saved filters.', '');
  }
  out.push('---', '', ...view.footer.map(([k, v]) => `- **${k}:** ${mdInline(v)}`), '');
  return out;
}

export function renderMarkdown(model: ReportModel): string {
  return sections(model, buildReportView(model)).join('\n');
}
