// Query text → tokens with 0-based positions: [fields], @fields, quoted strings, symbols, bare words.

import { QueryParseError } from './errors';

export type ComparisonSymbol = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Token =
  | { kind: 'lparen' | 'rparen' | 'comma' | 'eof'; pos: number }
  | { kind: 'op'; op: ComparisonSymbol; text: string; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'column'; name: string; pos: number }
  | { kind: 'normalized'; name: string; pos: number }
  | { kind: 'word'; value: string; pos: number };

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.]*$/;
export const NUMBER = /^-?\d+(?:\.\d+)?$/;

const SYMBOLS: readonly [string, ComparisonSymbol][] = [
  ['<=', '<='],
  ['>=', '>='],
  ['!=', '!='],
  ['<>', '!='],
  ['==', '='],
  ['<', '<'],
  ['>', '>'],
  ['=', '='],
];

/** Characters that end a bare word (besides whitespace and `!=`). */
const WORD_BREAK = new Set(['(', ')', '[', ']', ',', "'", '"', '=', '<', '>']);

function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (isSpace(ch)) {
      i += 1;
      continue;
    }
    const start = i;
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', pos: start });
      i += 1;
      continue;
    }
    const symbol = SYMBOLS.find(([s]) => text.startsWith(s, i));
    if (symbol) {
      tokens.push({ kind: 'op', op: symbol[1], text: symbol[0], pos: start });
      i += symbol[0].length;
      continue;
    }
    if (ch === '[') {
      const { value, end } = readBracketed(text, i);
      if (value.trim() === '') throw new QueryParseError(`empty field name at column ${start}`, start);
      tokens.push({ kind: 'column', name: value, pos: start });
      i = end;
      continue;
    }
    if (ch === ']') throw new QueryParseError(`unexpected ']' at column ${start}`, start);
    if (ch === '"' || ch === "'") {
      const { value, end } = readQuoted(text, i);
      tokens.push({ kind: 'string', value, pos: start });
      i = end;
      continue;
    }
    while (i < text.length) {
      const c = text[i] ?? '';
      if (isSpace(c) || WORD_BREAK.has(c) || (c === '!' && text[i + 1] === '=')) break;
      i += 1;
    }
    const word = text.slice(start, i);
    if (word.startsWith('@') && IDENTIFIER.test(word.slice(1))) {
      tokens.push({ kind: 'normalized', name: word.slice(1), pos: start });
    } else {
      tokens.push({ kind: 'word', value: word, pos: start });
    }
  }
  tokens.push({ kind: 'eof', pos: text.length });
  return tokens;
}

/** `[header text]` where `]]` stands for one `]`. */
function readBracketed(text: string, open: number): { value: string; end: number } {
  let value = '';
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === ']') {
      if (text[i + 1] === ']') {
        value += ']';
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += c;
    i += 1;
  }
  throw new QueryParseError(`unclosed '[' opened at column ${open}`, open);
}

/**
 * A quoted string: the quote doubled stands for itself; a backslash escapes a quote or a
 * backslash and is kept literally before anything else (so regexes like '\d+' need no doubling).
 */
function readQuoted(text: string, open: number): { value: string; end: number } {
  const quote = text[open];
  let value = '';
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '\\' && (next === '\\' || next === "'" || next === '"')) {
      value += next;
      i += 2;
      continue;
    }
    if (c === quote) {
      if (next === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += c;
    i += 1;
  }
  throw new QueryParseError(`unclosed quote opened at column ${open}`, open);
}
