// Query language AST types and the operator registry (keywords, arity, human templates): pure data.

/** A column by its original header text, or a normalized `@` field (name without the `@`). */
export type FieldRef = { kind: 'column'; name: string } | { kind: 'normalized'; name: string };

export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'startswith' | 'endswith' | 'matches';

/**
 * A parsed query. Values are the literal text typed (numbers as their text). The parser
 * flattens nested and/or of the same kind, so `and` never directly contains `and`.
 */
export type Expr =
  | { type: 'and' | 'or'; items: Expr[] }
  | { type: 'not'; expr: Expr }
  | { type: 'cmp'; field: FieldRef; op: CmpOp; value: string }
  | { type: 'in'; field: FieldRef; values: string[]; negated: boolean }
  | { type: 'between'; field: FieldRef; low: string; high: string }
  | { type: 'empty'; field: FieldRef; negated: boolean }
  | { type: 'text'; text: string; phrase: boolean };

/** Every operator a filter can use; `not in` and `is not empty` are the negated forms. */
export type OperatorId = CmpOp | 'in' | 'not in' | 'between' | 'is empty' | 'is not empty';

/** What kind of stored value an operator works on: text columns or @time-like µs columns. */
export type ValueKind = 'text' | 'time';

export interface OperatorSpec {
  id: OperatorId;
  /** Words as typed in the query bar (case-insensitive); the first is the canonical spelling. */
  keywords: readonly string[];
  /** 0: no value; 1: one value; 2: low and high; 'list': a parenthesized list. */
  arity: 0 | 1 | 2 | 'list';
  /** Label for the filter menu. */
  label: string;
  /** Human template for chips and reports: {field}, {value}, {values}, {low}, {high}. */
  human: string;
  appliesTo: readonly ValueKind[];
}

const TEXT_AND_TIME: readonly ValueKind[] = ['text', 'time'];
const TEXT_ONLY: readonly ValueKind[] = ['text'];

export const OPERATORS: readonly OperatorSpec[] = [
  { id: '=', keywords: ['=', '=='], arity: 1, label: 'equals', human: '{field} = "{value}"', appliesTo: TEXT_AND_TIME },
  { id: '!=', keywords: ['!=', '<>'], arity: 1, label: 'does not equal', human: '{field} != "{value}"', appliesTo: TEXT_AND_TIME },
  { id: '<', keywords: ['<'], arity: 1, label: 'less than / before', human: '{field} < "{value}"', appliesTo: TEXT_AND_TIME },
  { id: '<=', keywords: ['<='], arity: 1, label: 'at most / up to', human: '{field} <= "{value}"', appliesTo: TEXT_AND_TIME },
  { id: '>', keywords: ['>'], arity: 1, label: 'greater than / after', human: '{field} > "{value}"', appliesTo: TEXT_AND_TIME },
  { id: '>=', keywords: ['>='], arity: 1, label: 'at least / from', human: '{field} >= "{value}"', appliesTo: TEXT_AND_TIME },
  { id: 'contains', keywords: ['contains'], arity: 1, label: 'contains', human: '{field} contains "{value}"', appliesTo: TEXT_ONLY },
  { id: 'startswith', keywords: ['startswith'], arity: 1, label: 'starts with', human: '{field} starts with "{value}"', appliesTo: TEXT_ONLY },
  { id: 'endswith', keywords: ['endswith'], arity: 1, label: 'ends with', human: '{field} ends with "{value}"', appliesTo: TEXT_ONLY },
  { id: 'matches', keywords: ['matches'], arity: 1, label: 'matches regex', human: '{field} matches /{value}/', appliesTo: TEXT_ONLY },
  { id: 'in', keywords: ['in'], arity: 'list', label: 'is one of', human: '{field} is one of ({values})', appliesTo: TEXT_AND_TIME },
  { id: 'not in', keywords: ['not in'], arity: 'list', label: 'is none of', human: '{field} is none of ({values})', appliesTo: TEXT_AND_TIME },
  { id: 'between', keywords: ['between'], arity: 2, label: 'between', human: '{field} between "{low}" and "{high}"', appliesTo: TEXT_AND_TIME },
  { id: 'is empty', keywords: ['is empty'], arity: 0, label: 'is empty', human: '{field} is empty', appliesTo: TEXT_AND_TIME },
  { id: 'is not empty', keywords: ['is not empty'], arity: 0, label: 'is not empty', human: '{field} is not empty', appliesTo: TEXT_AND_TIME },
];

/** Human templates for full-text terms (bare word, quoted phrase). */
export const FULL_TEXT_HUMAN = { word: 'text {value}', phrase: 'text "{value}"' } as const;

/** Words with grammatical meaning; a column with one of these names must be written in brackets. */
export const RESERVED_WORDS: readonly string[] = [
  'and', 'or', 'not', 'in', 'is', 'empty', 'between', 'contains', 'startswith', 'endswith', 'matches',
];

export function operatorSpec(id: OperatorId): OperatorSpec {
  const spec = OPERATORS.find((o) => o.id === id);
  if (!spec) throw new Error(`unknown operator ${id}`);
  return spec;
}

/** The registry id of the operator an expression uses (null for and/or/not/text). */
export function operatorOf(expr: Expr): OperatorId | null {
  switch (expr.type) {
    case 'cmp':
      return expr.op;
    case 'in':
      return expr.negated ? 'not in' : 'in';
    case 'between':
      return 'between';
    case 'empty':
      return expr.negated ? 'is not empty' : 'is empty';
    default:
      return null;
  }
}
