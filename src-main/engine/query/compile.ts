// Expr → parameterized SQL WHERE fragment; identifiers come only from the resolver, values only as `?` params.

import { operatorOf, operatorSpec, type Expr, type FieldRef, type ValueKind } from '../../contract/query';
import { parseTimestamp } from '../time/parse';
import { US_PER_DAY } from '../time/civil';
import { QueryCompileError } from './errors';
import { printField } from './printer';
import { compileUserRegex } from './regex';

export type SqlParam = string | number;

export interface CompiledWhere {
  sql: string;
  params: SqlParam[];
}

export interface ResolvedField {
  /** A trusted, already-quoted SQL expression chosen from the case catalogue (never user text). */
  sql: string;
  /** 'text': TEXT COLLATE NOCASE; 'time': INTEGER UTC microseconds. */
  type: ValueKind;
}

export interface FieldResolver {
  /** null when the field does not exist (compileWhere then throws QueryCompileError). */
  resolveField(ref: FieldRef): ResolvedField | null;
  /** A full-text condition (e.g. `rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)`). */
  fullText(text: string, phrase: boolean): CompiledWhere;
}

/**
 * Semantics:
 * - text comparisons rely on the column's NOCASE collation (`col = ?` keeps indexes usable);
 *   contains/startswith/endswith use LIKE with %, _ and \ escaped; matches uses REGEXP.
 * - `!=`, `not in` and `not …` also match rows where the field is empty/NULL: a row matches an
 *   expression only when it evaluates to 1, and `not` is the exact complement (`(e) IS NOT 1`).
 * - time values are parsed as UTC unless they carry an offset, and bound as integer µs. A date-only
 *   value names the whole UTC day: `= '2023-10-26'` is that day, `<= day` and the high bound of
 *   `between` include the whole day, `> day` starts after it, `< day` / `>= day` use its start.
 */
export function compileWhere(expr: Expr, resolver: FieldResolver): CompiledWhere {
  const params: SqlParam[] = [];
  const sql = new Compiler(resolver, params).compile(expr);
  return { sql, params };
}

interface TimeValue {
  start: number;
  /** Exclusive end for a date-only value; null for an instant. */
  end: number | null;
}

class Compiler {
  constructor(
    private readonly resolver: FieldResolver,
    private readonly params: SqlParam[],
  ) {}

  private bind(value: SqlParam): string {
    this.params.push(value);
    return '?';
  }

  compile(expr: Expr): string {
    switch (expr.type) {
      case 'and':
      case 'or': {
        if (expr.items.length === 0) return expr.type === 'and' ? '1' : '0';
        const parts = expr.items.map((e) => this.compile(e));
        return parts.length === 1 ? (parts[0] ?? '1') : `(${parts.join(expr.type === 'and' ? ' AND ' : ' OR ')})`;
      }
      case 'not':
        return `(${this.compile(expr.expr)}) IS NOT 1`;
      case 'text': {
        const ft = this.resolver.fullText(expr.text, expr.phrase);
        this.params.push(...ft.params);
        return `(${ft.sql})`;
      }
      default:
        return this.compileFieldExpr(expr);
    }
  }

  private resolve(field: FieldRef, expr: Expr): { col: string; type: ValueKind } {
    const resolved = this.resolver.resolveField(field);
    const label = printField(field);
    if (!resolved) throw new QueryCompileError(`unknown field ${label}`, label);
    const op = operatorOf(expr);
    if (op !== null && !operatorSpec(op).appliesTo.includes(resolved.type)) {
      throw new QueryCompileError(`'${op}' does not apply to the ${resolved.type} field ${label}`, label);
    }
    return { col: resolved.sql, type: resolved.type };
  }

  private compileFieldExpr(expr: Exclude<Expr, { type: 'and' | 'or' | 'not' | 'text' }>): string {
    const { col, type } = this.resolve(expr.field, expr);
    const label = printField(expr.field);
    if (expr.type === 'empty') return expr.negated ? `(${col} IS NOT NULL AND ${col} != '')` : `(${col} IS NULL OR ${col} = '')`;
    if (type === 'time') return this.compileTime(expr, col, label);

    switch (expr.type) {
      case 'in': {
        const list = expr.values.map((v) => this.bind(v)).join(', ');
        return expr.negated ? `(${col} IS NULL OR ${col} NOT IN (${list}))` : `${col} IN (${list})`;
      }
      case 'between':
        return `${col} BETWEEN ${this.bind(expr.low)} AND ${this.bind(expr.high)}`;
      case 'cmp':
        switch (expr.op) {
          case '!=':
            return `(${col} IS NULL OR ${col} != ${this.bind(expr.value)})`;
          case 'contains':
            return `${col} LIKE ${this.bind(`%${escapeLike(expr.value)}%`)} ESCAPE '\\'`;
          case 'startswith':
            return `${col} LIKE ${this.bind(`${escapeLike(expr.value)}%`)} ESCAPE '\\'`;
          case 'endswith':
            return `${col} LIKE ${this.bind(`%${escapeLike(expr.value)}`)} ESCAPE '\\'`;
          case 'matches':
            try {
              compileUserRegex(expr.value);
            } catch (err) {
              const reason = err instanceof Error ? err.message : String(err);
              throw new QueryCompileError(`invalid regular expression for ${label}: ${reason}`, label);
            }
            return `${col} REGEXP ${this.bind(expr.value)}`;
          default:
            return `${col} ${expr.op} ${this.bind(expr.value)}`;
        }
    }
  }

  private timeValue(text: string, label: string): TimeValue {
    const parsed = parseTimestamp(text);
    if (!parsed) {
      throw new QueryCompileError(
        `${label} needs a time like '2023-10-26', '2023-10-26T14:10:50Z' or an epoch; '${text}' is not one`,
        label,
      );
    }
    return { start: parsed.us, end: parsed.dateOnly ? parsed.us + US_PER_DAY : null };
  }

  private timeEquals(col: string, v: TimeValue): string {
    if (v.end === null) return `${col} = ${this.bind(v.start)}`;
    return `(${col} >= ${this.bind(v.start)} AND ${col} < ${this.bind(v.end)})`;
  }

  private compileTime(expr: Exclude<Expr, { type: 'and' | 'or' | 'not' | 'text' | 'empty' }>, col: string, label: string): string {
    if (expr.type === 'in') {
      const values = expr.values.map((v) => this.timeValue(v, label));
      const positive = values.every((v) => v.end === null)
        ? `${col} IN (${values.map((v) => this.bind(v.start)).join(', ')})`
        : `(${values.map((v) => this.timeEquals(col, v)).join(' OR ')})`;
      return expr.negated ? `(${col} IS NULL OR (${positive}) IS NOT 1)` : positive;
    }
    if (expr.type === 'between') {
      const low = this.timeValue(expr.low, label);
      const high = this.timeValue(expr.high, label);
      return high.end === null
        ? `(${col} >= ${this.bind(low.start)} AND ${col} <= ${this.bind(high.start)})`
        : `(${col} >= ${this.bind(low.start)} AND ${col} < ${this.bind(high.end)})`;
    }
    const v = this.timeValue(expr.value, label);
    const end = v.end ?? v.start;
    const inclusiveEnd = v.end === null ? '<=' : '<';
    const afterEnd = v.end === null ? '>' : '>=';
    switch (expr.op) {
      case '=':
        return this.timeEquals(col, v);
      case '!=':
        return v.end === null
          ? `(${col} IS NULL OR ${col} != ${this.bind(v.start)})`
          : `(${col} IS NULL OR ${col} < ${this.bind(v.start)} OR ${col} >= ${this.bind(v.end)})`;
      case '<':
        return `${col} < ${this.bind(v.start)}`;
      case '>=':
        return `${col} >= ${this.bind(v.start)}`;
      case '<=':
        return `${col} ${inclusiveEnd} ${this.bind(end)}`;
      case '>':
        return `${col} ${afterEnd} ${this.bind(end)}`;
      default:
        // contains/startswith/endswith/matches are rejected by the registry check in resolve().
        throw new QueryCompileError(`'${expr.op}' does not apply to the time field ${label}`, label);
    }
  }
}

/** Escapes LIKE wildcards and the escape character itself (used with ESCAPE '\'). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
