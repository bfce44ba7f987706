// Markdown report: seed content, citations, and escaping of hostile data checked by rendering with markdown-it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderMarkdown } from '../../../src-main/engine/report/markdown';
import { defang } from '../../../src-main/engine/report/defang';
import { revealControls } from '../../../src-main/engine/report/format';
import type { ReportModel } from '../../../src-main/engine/report/model';
import { expected, KV_SHA, PS_NOTE, SIGNIN_SHA, seedModel, writeUpIocValues } from './fixtures';
import { HOSTILE } from './hostile';
import { decode, mdToHtml, tableAfter } from './mdHelpers';

const DANGEROUS = /<(a|img|script|iframe|svg|embed|object|style|body|input|form|link|meta)\b/i;

/** The seed model with `s` injected into every data slot the renderer shows. */
function withData(s: string): ReportModel {
  const m = seedModel();
  const b = m.bookmarks[0];
  const f = m.findings[0];
  if (!b || !f) throw new Error('fixture');
  b.note = s;
  b.row.normalized.user_agent = s;
  b.row.cells.User = s;
  b.row.fields.push({ name: s, value: s });
  b.row.source = `${s}.xlsx`;
  f.title = s;
  f.narrative = s;
  f.phase = s;
  f.filters[0] = { name: s, query: s, description: s };
  m.caseInfo = { ...m.caseInfo, name: s, summary: s, recommendations: s, analyst: s };
  return m;
}

function expectedCell(value: string): string {
  return revealControls(value.replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ↵ ')).trim();
}

function checkStructure(s: string): void {
  const html = mdToHtml(renderMarkdown(withData(s)));
  expect(html).not.toMatch(DANGEROUS);
  for (const tag of html.match(/<[^>]*>/g) ?? []) expect(tag).not.toMatch(/href|src|\son\w+=|javascript:/i);
  const iocs = tableAfter(html, 'Indicators of compromise');
  expect(iocs[0]).toEqual(['Type', 'Value', 'First seen']);
  for (const row of iocs) expect(row).toHaveLength(3);
  const ua = s.trim();
  if (ua !== '' && !['-', 'n/a', 'null', 'none', 'undefined', '{}', '[]'].includes(ua.toLowerCase())) {
    const want = expectedCell(defang(ua, 'User agent'));
    expect(iocs.some((r) => r[0] === 'User agent' && r[1] === want)).toBe(true);
  }
  const timeline = tableAfter(html, 'Timeline');
  for (const row of timeline) expect(row).toHaveLength(9);
}

describe('renderMarkdown on the seed case', () => {
  const model = seedModel();
  const md = renderMarkdown(model);
  const text = decode(mdToHtml(md));

  it('keeps the analyst note and the PowerShell request findable verbatim in the .md', () => {
    expect(md).toContain(PS_NOTE);
    expect(md).toContain('keys?api-version=7.0');
    expect(md).toContain('201[.]231[.]8[.]199');
    expect(md).toContain('miriamg@bank[.]onmicrosoft[.]com');
  });

  it('contains every value of the write-up IOC table, defanged, and never the live IP or URL in the IOC table', () => {
    for (const v of writeUpIocValues()) expect(text, v).toContain(v);
    const iocs = tableAfter(mdToHtml(md), 'Indicators of compromise');
    expect(iocs.flat().join(' ')).not.toContain(expected.alert_ip);
    expect(iocs.flat().join(' ')).not.toContain('https://');
  });

  it('has the ATT&CK table with ids and names', () => {
    const attack = tableAfter(mdToHtml(md), 'MITRE ATT&amp;CK');
    const names = new Map(attack.map((r) => [r[0], r[1]]));
    expect(names.get('T1528')).toBe('Steal Application Access Token');
    expect(names.get('T1530')).toBe('Data from Cloud Storage');
    expect(names.get('T1552.001')).toBe('Unsecured Credentials: Credentials In Files');
  });

  it('cites every row with source, row number and hash (short in the timeline, full under findings and in scope)', () => {
    const timeline = tableAfter(mdToHtml(md), 'Timeline');
    expect(timeline.slice(1).map((r) => [r[1], r[2], r[3]])).toEqual([
      ['Sign_In_Logs.xlsx', '14', SIGNIN_SHA.slice(0, 12)],
      ['Sign_In_Logs.xlsx', '15', SIGNIN_SHA.slice(0, 12)],
      ['Azure_KV_Logs.xlsx', '101', KV_SHA.slice(0, 12)],
      ['Azure_KV_Logs.xlsx', '102', KV_SHA.slice(0, 12)],
      ['Azure_KV_Logs.xlsx', '110', KV_SHA.slice(0, 12)],
      ['Azure_KV_Logs.xlsx', '111', KV_SHA.slice(0, 12)],
    ]);
    expect(timeline[1]?.[0]).toBe(expected.first_attack_time);
    expect(text).toContain(`Azure_KV_Logs.xlsx row 111 at ${expected.last_attack_time}, SHA-256 ${KV_SHA}`);
    const scope = tableAfter(mdToHtml(md), 'Scope and evidence');
    expect(scope[1]).toEqual(['Sign_In_Logs.xlsx', '176.0 KiB (180224 bytes)', SIGNIN_SHA, '872', 'entra-signin-xlsx', '2024-05-01T09:00:00Z']);
  });

  it('has the footer and the saved queries behind findings, verbatim in fences', () => {
    for (const k of ['Case ID:** case-seed-0001', 'Display zone:** UTC', 'Loupe version:** 0.1.0', `Audit chain head:** ${'c3'.repeat(32)}`]) {
      expect(md).toContain(k);
    }
    expect(md).toContain('```\n@operation in ("KeyGet", "SecretGet") and @ip = "201.231.8.199"\n```');
  });

  it('states the display zone and shows zoned wall-clock next to UTC', () => {
    const zoned = renderMarkdown(seedModel({ displayZone: 'Europe/Paris' }));
    expect(zoned).toContain('2023-10-26T14:07:56.736Z \\(2023-10-26 16:07:56 GMT+2\\)');
    expect(zoned).toContain('wall clock in Europe/Paris');
    expect(renderMarkdown(seedModel({ displayZone: 'Not/AZone' }))).toContain('Display zone | UTC');
  });

  it('writes live indicators only when defang is off, and omits unselected sections', () => {
    const live = renderMarkdown(seedModel({ defang: false }));
    expect(live).toContain('**Indicators are NOT defanged.**');
    expect(live).toContain('| IP | 201.231.8.199 |');
    const few = renderMarkdown(seedModel({ sections: { ...seedModel().sections, iocs: false, appendix: false } }));
    expect(few).not.toContain('## Indicators of compromise');
    expect(few).not.toContain('## Appendix');
    expect(few).toContain('## Timeline');
  });
});

describe('Markdown escaping of hostile data', () => {
  it.each(HOSTILE.map((h) => [h.slice(0, 40), h]))('corpus: %s', (_label, s) => {
    checkStructure(s);
  });

  it('a fence in a query cannot be closed by the data', () => {
    const s = 'x\n````\n<script>alert(1)</script>\n````';
    const html = mdToHtml(renderMarkdown(withData(s)));
    expect(html).not.toMatch(DANGEROUS);
    expect(html).toContain('<pre><code>x\n````\n&lt;script&gt;');
  });

  it('property: arbitrary and metacharacter-heavy strings never become links, images, raw HTML or extra columns', () => {
    const meta = fc.string({
      unit: fc.constantFrom(...'<>[]()!`*_|#&\\\n\r~:/=?.-+ ahjsvcript'.split(''), '\u202E', 'javascript:', 'http://', '<a href=', '<img src=', '[.]'),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.oneof(meta, fc.string({ unit: 'binary', maxLength: 60 })), (s) => checkStructure(s)),
      { seed: 42, numRuns: 300 },
    );
  });
});
