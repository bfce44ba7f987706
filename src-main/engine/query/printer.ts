// Expr → canonical query text that parses back to the same (flattened) Expr.

import { RESERVED_WORDS, type Expr, type FieldRef } from '../../contract/query';
import { IDENTIFIER, NUMBER } from './lexer';

/** A text term that can be written bare: no quote, bracket, paren, comma, comparison or space. */
const BARE_WORD = /^[^\s()[\],'"=<>@][^\s()[\],'"=<>]*$/;

function isReserved(word: string): boolean {
  return RESERVED_WORDS.includes(word.toLowerCase());
}

export function printField(field: FieldRef): string {
  if (field.kind === 'normalized' && IDENTIFIER.test(field.name)) return `@${field.name}`;
  if (field.kind === 'column' && IDENTIFIER.test(field.name) && !isReserved(field.name)) return field.name;
  // A normalized name that is not an identifier cannot be typed; bracket it as the nearest spelling.
  return `[${field.name.replaceAll(']', ']]')}]`;
}

/** Single-quoted; `'` doubles, and a backslash doubles only where it would otherwise escape. */
export function quote(value: string, q: "'" | '"' = "'"): string {
  let out = q;
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i] ?? '';
    const next = value[i + 1];
    if (c === q) out += q + q;
    else if (c === '\\' && (next === undefined || next === '\\' || next === "'" || next === '"')) out += '\\\\';
    else out += c;
  }
  return out + q;
}

export function printValue(value: string): string {
  return NUMBER.test(value) ? value : quote(value);
}

export function printQuery(expr: Expr): string {
  switch (expr.type) {
    case 'and':
      return expr.items.map((e) => (e.type === 'or' || e.type === 'and' ? `(${printQuery(e)})` : printQuery(e))).join(' and ');
    case 'or':
      return expr.items.map((e) => (e.type === 'or' ? `(${printQuery(e)})` : printQuery(e))).join(' or ');
    case 'not':
      return expr.expr.type === 'and' || expr.expr.type === 'or' ? `not (${printQuery(expr.expr)})` : `not ${printQuery(expr.expr)}`;
    case 'cmp':
      return `${printField(expr.field)} ${expr.op} ${printValue(expr.value)}`;
    case 'in':
      return `${printField(expr.field)} ${expr.negated ? 'not in' : 'in'} (${expr.values.map(printValue).join(', ')})`;
    case 'between':
      return `${printField(expr.field)} between ${printValue(expr.low)} and ${printValue(expr.high)}`;
    case 'empty':
      return `${printField(expr.field)} ${expr.negated ? 'is not empty' : 'is empty'}`;
    case 'text':
      // A word that cannot be written bare is printed as a phrase (the one lossy case).
      return !expr.phrase && BARE_WORD.test(expr.text) && !isReserved(expr.text) ? expr.text : quote(expr.text, '"');
  }
}
