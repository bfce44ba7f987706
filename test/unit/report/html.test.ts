// HTML report: strict CSP, no scripts, only template tags, every data '<' escaped, notes as link-free Markdown.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderHtml, REPORT_CSP } from '../../../src-main/engine/report/html';
import { PS_NOTE, seedModel, writeUpIocValues } from './fixtures';
import { HOSTILE } from './hostile';
import { decode } from './mdHelpers';
import type { ReportModel } from '../../../src-main/engine/report/model';

// Template tags plus what markdown-it (html:false, links/images disabled) may emit for a note.
const ALLOWED = new Set(
  'html head meta title style body header h1 h2 h3 h4 h5 h6 table thead tbody tr th td p br div strong em ul ol li pre code footer dl dt dd blockquote hr s'.split(' '),
);

function withData(s: string): ReportModel {
  const m = seedModel();
  const b = m.bookmarks[0];
  const f = m.findings[0];
  if (!b || !f) throw new Error('fixture');
  b.note = s;
  b.row.normalized.user_agent = s;
  b.row.cells.User = s;
  b.row.fields.push({ name: s, value: s });
  f.title = s;
  f.narrative = s;
  f.filters[0] = { name: s, query: s, description: s };
  m.caseInfo = { ...m.caseInfo, name: s, summary: s, recommendations: s };
  return m;
}

function checkHtml(s: string): void {
  const html = renderHtml(withData(s));
  const tags = html.match(/<\/?([a-zA-Z][a-zA-Z0-9-]*)[^>]*>/g) ?? [];
  for (const tag of tags) {
    const name = /^<\/?([a-zA-Z0-9-]+)/.exec(tag)?.[1]?.toLowerCase() ?? '';
    expect(ALLOWED.has(name), tag).toBe(true);
    expect(tag).not.toMatch(/\son\w+\s*=|javascript:|\b(src|href)\s*=/i);
  }
  expect(html.match(/<style>/g)).toHaveLength(1);
  expect(html).not.toMatch(/<script|<a\s|<img|<iframe|<svg|<embed|<object|<link/i);
}

describe('renderHtml', () => {
  const html = renderHtml(seedModel());

  it('is self-contained with a strict CSP and no scripts', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    expect(html).toContain('<thead><tr><th scope="col">Type</th>');
  });

  it('carries the seed IOC values defanged, the note and the ATT&CK names', () => {
    const text = decode(html);
    for (const v of writeUpIocValues()) expect(text, v).toContain(v);
    expect(text).toContain(PS_NOTE);
    expect(text).toContain('Unsecured Credentials: Credentials In Files');
  });

  it('renders note Markdown without links or images, link syntax stays visible as text', () => {
    const m = seedModel({ defang: false });
    const b = m.bookmarks[0];
    if (!b) throw new Error('fixture');
    b.note = '**bold** [x](javascript:alert(1)) ![](http://x/t.png) <b>raw</b> <http://evil.example>';
    const out = renderHtml(m);
    expect(out).toContain('<strong>bold</strong> [x](javascript:alert(1)) ![](http://x/t.png) &lt;b&gt;raw&lt;/b&gt; &lt;http://evil.example&gt;');
  });

  it('escapes data "<" as &lt; and shows bidi overrides visibly', () => {
    const out = renderHtml(withData('<script>alert(1)</script> user\u202Egnp.exe'));
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt; user[U+202E]gnp.exe');
    expect(out).not.toContain('\u202E');
  });

  it.each(HOSTILE.map((h) => [h.slice(0, 40), h]))('corpus: %s', (_l, s) => checkHtml(s));

  it('property: only template tags appear whatever the data', () => {
    const meta = fc.string({ unit: fc.constantFrom(...'<>"\'&=/ \nabcijmnoprstv:;[]()!`*'.split('')), maxLength: 60 });
    fc.assert(fc.property(fc.oneof(meta, fc.string({ unit: 'binary', maxLength: 60 })), (s) => checkHtml(s)), { seed: 42, numRuns: 300 });
  });
});
