// Recursive-descent parser: tokens → Expr (or < and < not < comparison; adjacent terms are ANDed).

import type { CmpOp, Expr, FieldRef } from '../../contract/query';
import { QueryParseError } from './errors';
import { IDENTIFIER, NUMBER, tokenize, type Token } from './lexer';

const WORD_OPERATORS: ReadonlySet<string> = new Set(['contains', 'startswith', 'endswith', 'matches']);
/** Words that can never begin a term (they only continue one). */
const NON_STARTERS: ReadonlySet<string> = new Set([
  'and', 'or', 'in', 'is', 'empty', 'between', 'contains', 'startswith', 'endswith', 'matches',
]);

/** Parses query text; null for a blank query (no filter). Throws QueryParseError with a 0-based position. */
export function parseQuery(text: string): Expr | null {
  const parser = new Parser(tokenize(text));
  if (parser.peek().kind === 'eof') return null;
  const expr = parser.parseOr();
  const rest = parser.peek();
  if (rest.kind !== 'eof') {
    if (rest.kind === 'rparen') throw new QueryParseError(`unmatched ')' at column ${rest.pos}`, rest.pos);
    throw new QueryParseError(`unexpected ${describe(rest)} at column ${rest.pos}`, rest.pos);
  }
  return expr;
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of query';
    case 'lparen':
      return "'('";
    case 'rparen':
      return "')'";
    case 'comma':
      return "','";
    case 'op':
      return `'${t.text}'`;
    case 'string':
      return 'quoted text';
    case 'column':
      return `field [${t.name}]`;
    case 'normalized':
      return `field @${t.name}`;
    case 'word':
      return `'${t.value}'`;
  }
}

function fieldLabel(f: FieldRef): string {
  return f.kind === 'normalized' ? `@${f.name}` : f.name;
}

function combine(type: 'and' | 'or', items: Expr[]): Expr {
  const flat: Expr[] = [];
  for (const item of items) {
    if (item.type === type) flat.push(...item.items);
    else flat.push(item);
  }
  return flat.length === 1 && flat[0] !== undefined ? flat[0] : { type, items: flat };
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token {
    const t = this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
    if (!t) throw new Error('token stream is empty');
    return t;
  }

  private next(): Token {
    const t = this.peek();
    if (this.index < this.tokens.length - 1) this.index += 1;
    return t;
  }

  private isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'word' && t.value.toLowerCase() === word;
  }

  parseOr(): Expr {
    const items = [this.parseAnd()];
    while (this.isWord('or')) {
      this.next();
      items.push(this.parseAnd());
    }
    return combine('or', items);
  }

  private parseAnd(): Expr {
    const items = [this.parseNot()];
    for (;;) {
      if (this.isWord('and')) {
        this.next();
        items.push(this.parseNot());
      } else if (this.startsTerm()) {
        items.push(this.parseNot()); // adjacency means AND: `payroll "api-version=7.0"`
      } else {
        break;
      }
    }
    return combine('and', items);
  }

  private startsTerm(): boolean {
    const t = this.peek();
    if (t.kind === 'word') return !NON_STARTERS.has(t.value.toLowerCase());
    return t.kind === 'lparen' || t.kind === 'string' || t.kind === 'column' || t.kind === 'normalized';
  }

  private parseNot(): Expr {
    if (this.isWord('not')) {
      this.next();
      return { type: 'not', expr: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'lparen': {
        this.next();
        if (this.peek().kind === 'rparen') throw new QueryParseError(`empty parentheses at column ${t.pos}`, t.pos);
        const inner = this.parseOr();
        const close = this.peek();
        if (close.kind !== 'rparen') {
          throw new QueryParseError(
            `expected ')' to close the '(' at column ${t.pos}, found ${describe(close)} at column ${close.pos}`,
            close.pos,
          );
        }
        this.next();
        return inner;
      }
      case 'column':
      case 'normalized': {
        this.next();
        const field: FieldRef = { kind: t.kind, name: t.name };
        if (!this.atOperator()) {
          const at = this.peek();
          throw new QueryParseError(
            `expected an operator after ${fieldLabel(field)}, found ${describe(at)} at column ${at.pos}`,
            at.pos,
          );
        }
        return this.parseComparison(field);
      }
      case 'word': {
        if (NON_STARTERS.has(t.value.toLowerCase())) {
          throw new QueryParseError(`unexpected '${t.value}' at column ${t.pos}`, t.pos);
        }
        this.next();
        if (IDENTIFIER.test(t.value) && this.atOperator()) {
          return this.parseComparison({ kind: 'column', name: t.value });
        }
        return { type: 'text', text: t.value, phrase: false };
      }
      case 'string': {
        this.next();
        if (t.value.trim() === '') throw new QueryParseError(`empty search phrase at column ${t.pos}`, t.pos);
        return { type: 'text', text: t.value, phrase: true };
      }
      default:
        throw new QueryParseError(
          t.kind === 'eof'
            ? `unexpected end of query at column ${t.pos}`
            : `expected a field or search term, found ${describe(t)} at column ${t.pos}`,
          t.pos,
        );
    }
  }

  private atOperator(): boolean {
    const t = this.peek();
    if (t.kind === 'op') return true;
    if (t.kind !== 'word') return false;
    const w = t.value.toLowerCase();
    if (WORD_OPERATORS.has(w) || w === 'in' || w === 'between' || w === 'is') return true;
    return w === 'not' && this.isWord('in', 1);
  }

  private parseComparison(field: FieldRef): Expr {
    const t = this.next();
    if (t.kind === 'op') {
      return { type: 'cmp', field, op: t.op, value: this.parseValue(`'${t.text}'`) };
    }
    const w = t.kind === 'word' ? t.value.toLowerCase() : '';
    if (WORD_OPERATORS.has(w)) {
      return { type: 'cmp', field, op: w as CmpOp, value: this.parseValue(`'${w}'`) };
    }
    if (w === 'in') return { type: 'in', field, values: this.parseList('in'), negated: false };
    if (w === 'not') {
      this.next(); // 'in', guaranteed by atOperator
      return { type: 'in', field, values: this.parseList('not in'), negated: true };
    }
    if (w === 'between') {
      const low = this.parseValue("'between'");
      const and = this.peek();
      if (!this.isWord('and')) {
        throw new QueryParseError(`expected 'and' after the low bound of between, found ${describe(and)} at column ${and.pos}`, and.pos);
      }
      this.next();
      return { type: 'between', field, low, high: this.parseValue("'between … and'") };
    }
    // 'is' [not] empty
    const negated = this.isWord('not');
    if (negated) this.next();
    const e = this.peek();
    if (!this.isWord('empty')) {
      throw new QueryParseError(`expected 'empty' after '${negated ? 'is not' : 'is'}' at column ${e.pos}`, e.pos);
    }
    this.next();
    return { type: 'empty', field, negated };
  }

  private parseValue(after: string): string {
    const t = this.peek();
    if (t.kind === 'string' || (t.kind === 'word' && NUMBER.test(t.value))) {
      this.next();
      return t.value;
    }
    const hint = t.kind === 'word' ? ` (quote text values: '${t.value}')` : '';
    throw new QueryParseError(`expected a value after ${after} at column ${t.pos}${hint}`, t.pos);
  }

  private parseList(keyword: string): string[] {
    const open = this.peek();
    if (open.kind !== 'lparen') {
      throw new QueryParseError(`expected '(' after '${keyword}' at column ${open.pos}`, open.pos);
    }
    this.next();
    const values = [this.parseValue(`'${keyword} ('`)];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'rparen') {
        this.next();
        return values;
      }
      if (t.kind !== 'comma') {
        throw new QueryParseError(`expected ',' or ')' in the '${keyword}' list at column ${t.pos}`, t.pos);
      }
      this.next();
      values.push(this.parseValue("','"));
    }
  }
}
