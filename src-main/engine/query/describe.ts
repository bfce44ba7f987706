// Expr → human text for filter chips and reports, from the operator registry's human templates.

import { FULL_TEXT_HUMAN, operatorOf, operatorSpec, type Expr, type FieldRef } from '../../contract/query';

export interface DescribeOptions {
  /** Display name of a field; defaults to the header text, or `@name` for normalized fields. */
  fieldLabel?: (field: FieldRef) => string;
}

function defaultLabel(field: FieldRef): string {
  return field.kind === 'normalized' ? `@${field.name}` : field.name;
}

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => slots[key] ?? whole);
}

export function describeQuery(expr: Expr, opts: DescribeOptions = {}): string {
  const label = opts.fieldLabel ?? defaultLabel;
  const inner = (e: Expr): string => (e.type === 'and' || e.type === 'or' ? `(${describeQuery(e, opts)})` : describeQuery(e, opts));
  switch (expr.type) {
    case 'and':
      return expr.items.map((e) => (e.type === 'or' ? inner(e) : describeQuery(e, opts))).join(' and ');
    case 'or':
      return expr.items.map((e) => describeQuery(e, opts)).join(' or ');
    case 'not':
      return `not ${inner(expr.expr)}`;
    case 'text':
      return fill(expr.phrase ? FULL_TEXT_HUMAN.phrase : FULL_TEXT_HUMAN.word, { value: expr.text });
  }
  const op = operatorOf(expr);
  if (op === null) return '';
  const slots: Record<string, string> = { field: label(expr.field) };
  if (expr.type === 'cmp') slots.value = expr.value;
  if (expr.type === 'in') slots.values = expr.values.map((v) => `"${v}"`).join(', ');
  if (expr.type === 'between') {
    slots.low = expr.low;
    slots.high = expr.high;
  }
  return fill(operatorSpec(op).human, slots);
}
