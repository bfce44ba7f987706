// exceljs cell value → text: strings as-is, numbers as shortest JS text, dates as ISO 8601 UTC, formulas by cached value.

export type CellText = { text: string | null; problem?: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function richText(v: unknown): string | undefined {
  if (!isRecord(v) || !Array.isArray(v.richText)) return undefined;
  let out = '';
  for (const run of v.richText as unknown[]) {
    if (isRecord(run) && typeof run.text === 'string') out += run.text;
  }
  return out;
}

/** Excel date cells hold wall-clock values; exceljs builds the Date as if that wall clock were UTC, so UTC fields are the wall clock. */
export function dateText(d: Date): CellText {
  if (Number.isNaN(d.getTime())) return { text: null, problem: 'date cell holds an out-of-range value; left empty' };
  return { text: d.toISOString() };
}

export function cellText(value: unknown, depth = 0): CellText {
  if (value === null || value === undefined) return { text: null };
  switch (typeof value) {
    case 'string':
      return { text: value };
    case 'number':
      return Number.isFinite(value) ? { text: String(value) } : { text: null, problem: 'number cell is not a finite number; left empty' };
    case 'boolean':
      return { text: value ? 'TRUE' : 'FALSE' };
    default:
      break;
  }
  if (value instanceof Date) return dateText(value);
  if (!isRecord(value) || depth > 3) return { text: null, problem: 'cell value of an unknown kind; left empty' };
  const rich = richText(value);
  if (rich !== undefined) return { text: rich };
  if ('formula' in value || 'sharedFormula' in value) {
    // Formulas are never evaluated: the cached result is the data.
    return 'result' in value ? cellText(value.result, depth + 1) : { text: null };
  }
  if (typeof value.error === 'string') return { text: value.error };
  if ('hyperlink' in value || 'text' in value) return cellText(value.text, depth + 1);
  if ('sharedString' in value) return { text: null, problem: 'shared string missing from the workbook; left empty' };
  return { text: null, problem: 'cell value of an unknown kind; left empty' };
}
