// Test helpers: render report Markdown with markdown-it (html:false) and read tables/text back out of the HTML.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false });

export function mdToHtml(markdown: string): string {
  return md.render(markdown);
}

export function decode(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The rows (cells as decoded text) of the first table after the <h2> with this title. */
export function tableAfter(html: string, h2: string): string[][] {
  const start = html.indexOf(`<h2>${h2}</h2>`);
  if (start < 0) throw new Error(`no section ${h2}`);
  const tStart = html.indexOf('<table', start);
  const tEnd = html.indexOf('</table>', tStart);
  const table = html.slice(tStart, tEnd);
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...(r[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => decode(c[1] ?? '')),
  );
}
