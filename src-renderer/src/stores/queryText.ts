// Builds query-language text from UI gestures (filter to / exclude) and finds full-text terms to highlight.
import { isNormalizedField } from '../../../src-main/contract/fields';

/** `'it''s'` — single quotes doubled. */
export function quoteValue(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `@ip` for normalized fields, otherwise `[Header text]` with `]` doubled. */
export function columnRef(name: string): string {
  if (name.startsWith('@') && isNormalizedField(name.slice(1))) return name;
  return `[${name.replace(/]/g, ']]')}]`;
}

/** One comparison: `[Col] = 'v'`, `[Col] != 'v'`; a null/empty value becomes `is empty` / `is not empty`. */
export function valueClause(column: string, value: string | null, exclude: boolean): string {
  const ref = columnRef(column);
  if (value === null || value === '') return `${ref} ${exclude ? 'is not empty' : 'is empty'}`;
  return `${ref} ${exclude ? '!=' : '='} ${quoteValue(value)}`;
}

/** ANDs a clause onto the current query, wrapping the existing query in parentheses. */
export function andQuery(current: string, clause: string): string {
  const base = current.trim();
  return base === '' ? clause : `(${base}) and ${clause}`;
}

/** Folds chip terms back into one query, in order. */
export function combineTerms(terms: readonly string[]): string {
  return terms.reduce((acc, t) => andQuery(acc, t), '');
}

type Token = { kind: 'word' | 'string' | 'column' | 'op' | 'paren' | 'comma'; text: string };

const OPERATOR_WORDS = new Set(['contains', 'startswith', 'endswith', 'matches', 'in', 'between', 'is']);
const LOGIC_WORDS = new Set(['and', 'or', 'not', 'empty']);

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q.charAt(i);
    if (/\s/.test(c)) { i++; continue; }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < q.length) {
        if (q.charAt(j) === c) {
          if (q.charAt(j + 1) === c) { text += c; j += 2; continue; }
          break;
        }
        text += q.charAt(j++);
      }
      out.push({ kind: 'string', text });
      i = j + 1;
    } else if (c === '[') {
      let j = i + 1;
      while (j < q.length && !(q.charAt(j) === ']' && q.charAt(j + 1) !== ']')) j += q.charAt(j) === ']' ? 2 : 1;
      out.push({ kind: 'column', text: q.slice(i + 1, j) });
      i = j + 1;
    } else if (c === '(' || c === ')') { out.push({ kind: 'paren', text: c }); i++; }
    else if (c === ',') { out.push({ kind: 'comma', text: c }); i++; }
    else if (/[=!<>]/.test(c)) {
      let j = i;
      while (j < q.length && /[=!<>]/.test(q.charAt(j))) j++;
      out.push({ kind: 'op', text: q.slice(i, j) });
      i = j;
    } else {
      let j = i;
      while (j < q.length && !/[\s'"()[\],=!<>]/.test(q.charAt(j))) j++;
      out.push({ kind: 'word', text: q.slice(i, j) });
      i = j;
    }
  }
  return out;
}

function isOperator(t: Token | undefined): boolean {
  return !!t && (t.kind === 'op' || (t.kind === 'word' && OPERATOR_WORDS.has(t.text.toLowerCase())));
}

/** Bare words and phrases (full-text search) plus `contains` values: the text to highlight in cells. */
export function highlightTerms(query: string): string[] {
  const toks = tokenize(query);
  const terms = new Set<string>();
  let inList = 0;
  toks.forEach((t, i) => {
    const prev = toks[i - 1];
    const next = toks[i + 1];
    if (t.kind === 'paren') {
      if (t.text === '(' && prev?.kind === 'word' && prev.text.toLowerCase() === 'in') inList++;
      else if (t.text === ')' && inList > 0) inList--;
      return;
    }
    if (inList > 0 || (t.kind !== 'word' && t.kind !== 'string')) return;
    if (t.kind === 'word' && (LOGIC_WORDS.has(t.text.toLowerCase()) || OPERATOR_WORDS.has(t.text.toLowerCase()) || t.text.startsWith('@'))) return;
    if (isOperator(next)) return; // a column name
    if (isOperator(prev)) {
      if (prev?.text.toLowerCase() === 'contains' && t.text !== '') terms.add(t.text);
      return;
    }
    if (prev?.kind === 'word' && prev.text.toLowerCase() === 'and' && toks[i - 3]?.text.toLowerCase() === 'between') return;
    if (t.text.trim() !== '') terms.add(t.text);
  });
  return [...terms];
}

export interface TextPart { text: string; match: boolean }

/** Splits text into plain and matching parts (case-insensitive); rendered as text nodes and <mark>, never HTML. */
export function splitHighlight(text: string, terms: readonly string[]): TextPart[] {
  const needles = terms.map((t) => t.toLowerCase()).filter((t) => t.length > 0);
  if (needles.length === 0 || text === '') return [{ text, match: false }];
  const parts: TextPart[] = [];
  let pos = 0;
  let plainStart = 0;
  while (pos < text.length) {
    let best = 0;
    // compare slices of the original so indices stay valid when lower-casing changes length
    for (const n of needles) if (n.length > best && text.slice(pos, pos + n.length).toLowerCase() === n) best = n.length;
    if (best > 0) {
      if (pos > plainStart) parts.push({ text: text.slice(plainStart, pos), match: false });
      parts.push({ text: text.slice(pos, pos + best), match: true });
      pos += best;
      plainStart = pos;
    } else pos++;
  }
  if (plainStart < text.length) parts.push({ text: text.slice(plainStart), match: false });
  return parts;
}
