// Markdown escaping for data: data is always text, never Markdown/HTML syntax (SECURITY.md X-3).
import { revealControls } from './format';

// Every ASCII punctuation that can open Markdown or HTML syntax in CommonMark/GFM. '?', '=', '.', '-', '/', ':'
// stay as they are so values like `keys?api-version=7.0` remain findable; '.' and '-' are handled at line start.
const INLINE_META = /[\\`*_[\]()#|<>!~{}&^$]/g;
const NEWLINES = /\r\n|[\r\n\u2028\u2029\u0085]/g;

// Defang brackets ('[.]', '[:]') stay literal so indicators read as analysts write them: inline text never starts a
// line, so they cannot become reference definitions, and '(' after them is escaped, so they cannot become links.
const DEFANG_BRACKET = /(\[[.:]\])/;

/** One-line inline text (table cells, headings, list items): newlines become a visible ' ↵ '. */
export function mdInline(text: string): string {
  return revealControls(text.replace(NEWLINES, ' ↵ '))
    .split(DEFANG_BRACKET)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(INLINE_META, (ch) => `\\${ch}`)))
    .join('');
}

export const mdCell = mdInline;

/** A line that could start a block (list, heading, setext, ordered list) gets its first marker escaped. */
function escapeLineStart(line: string): string {
  const trimmed = line.replace(/^[ \t]+/, '');
  if (/^[-+=]/.test(trimmed)) return `\\${trimmed}`;
  const ordered = /^(\d{1,9})([.)])/.exec(trimmed);
  if (ordered) return `${ordered[1]}\\${trimmed.slice(ordered[1]?.length ?? 0)}`;
  return trimmed;
}

/** Multi-line text as escaped paragraphs: single newlines become hard breaks, blank lines separate paragraphs. */
export function mdBlock(text: string): string {
  const lines = text.split(NEWLINES).map((l) => escapeLineStart(revealControls(l).replace(INLINE_META, (ch) => `\\${ch}`)));
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const next = lines[i + 1];
    if (line.trim() === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    out.push(next !== undefined && next.trim() !== '' ? `${line}\\` : line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** Escaped text as a blockquote (used for analyst notes). */
export function mdQuote(text: string): string {
  const body = mdBlock(text);
  return body === '' ? '> (no note)' : body.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)).join('\n');
}

/** A GFM table; every cell is escaped, so the column count is fixed by the header. */
export function mdTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map(mdCell).join(' | ')} |`;
  const sep = `|${header.map(() => '---').join('|')}|`;
  return [line(header), sep, ...rows.map((r) => line(header.map((_, i) => r[i] ?? '')))].join('\n');
}
