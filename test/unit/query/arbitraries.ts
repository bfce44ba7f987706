// fast-check generators of query ASTs, and the normal form the parser produces (and/or flattened).
import fc from 'fast-check';
import { RESERVED_WORDS, type CmpOp, type Expr, type FieldRef } from '../../../src-main/contract/query';

const notReserved = (s: string): boolean => !RESERVED_WORDS.includes(s.toLowerCase());

export const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.]{0,8}$/).filter(notReserved);

export const fieldRef: fc.Arbitrary<FieldRef> = fc.oneof(
  identifier.map((name) => ({ kind: 'column', name }) as const),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '').map((name) => ({ kind: 'column', name }) as const),
  fc.constantFrom('IP address', 'a]b', ']]', 'and', 'x y').map((name) => ({ kind: 'column', name }) as const),
  identifier.map((name) => ({ kind: 'normalized', name }) as const),
);

export const value = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.integer().map(String),
  fc.constantFrom("it's", 'a\\b', '\\', "\\'", '\\\\', '"', '""', '%_', '12.50', '-0', "'; DROP TABLE x; --"),
);

const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,10}$/).filter(notReserved);
const phrase = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '');

const cmpOp = fc.constantFrom<CmpOp>('=', '!=', '<', '<=', '>', '>=', 'contains', 'startswith', 'endswith', 'matches');

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.record({ type: fc.constant('cmp' as const), field: fieldRef, op: cmpOp, value }),
  fc.record({ type: fc.constant('in' as const), field: fieldRef, values: fc.array(value, { minLength: 1, maxLength: 3 }), negated: fc.boolean() }),
  fc.record({ type: fc.constant('between' as const), field: fieldRef, low: value, high: value }),
  fc.record({ type: fc.constant('empty' as const), field: fieldRef, negated: fc.boolean() }),
  fc.record({ type: fc.constant('text' as const), text: word, phrase: fc.constant(false) }),
  fc.record({ type: fc.constant('text' as const), text: phrase, phrase: fc.constant(true) }),
);

export const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ type: fc.constantFrom('and' as const, 'or' as const), items: fc.array(tie('e'), { minLength: 2, maxLength: 3 }) }),
    fc.record({ type: fc.constant('not' as const), expr: tie('e') }),
  ),
})).e;

/** The parser's normal form: nested and/or of the same kind flattened. */
export function normalize(e: Expr): Expr {
  if (e.type === 'and' || e.type === 'or') {
    const items: Expr[] = [];
    for (const item of e.items.map(normalize)) {
      if (item.type === e.type) items.push(...item.items);
      else items.push(item);
    }
    return { type: e.type, items };
  }
  if (e.type === 'not') return { type: 'not', expr: normalize(e.expr) };
  return e;
}
