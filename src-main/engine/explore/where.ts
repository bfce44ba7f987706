// Parses and compiles the query bar's text for one source or the timeline.
import type { Expr } from '../../contract/query';
import { compileWhere, type FieldResolver } from '../query/compile';
import { describeQuery } from '../query/describe';
import { parseQuery } from '../query/parser';

export interface CompiledWhere {
  sql: string;
  params: (string | number)[];
  description: string;
  expr: Expr | null;
}

export function compileQueryText(text: string, resolver: FieldResolver): CompiledWhere {
  if (!text.trim()) return { sql: '1', params: [], description: 'all rows', expr: null };
  const expr = parseQuery(text);
  if (!expr) return { sql: '1', params: [], description: 'all rows', expr: null };
  const { sql, params } = compileWhere(expr, resolver);
  return { sql: `(${sql})`, params, description: describeQuery(expr), expr };
}
