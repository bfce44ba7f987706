// Decides whether a column's NN/NN/YYYY dates are day-first, from the values themselves.

const SLASH_OR_DOT_DATE = /^\s*["']?\s*(\d{1,2})[/.](\d{1,2})[/.]\d{4}(?:\D|$)/;

/**
 * true: some first component exceeds 12 (must be a day); false: some second component exceeds
 * 12 (month-first); null: no evidence, or evidence both ways (the column is inconsistent).
 */
export function decideDayFirst(samples: readonly string[]): boolean | null {
  let dayFirstSeen = false;
  let monthFirstSeen = false;
  for (const sample of samples) {
    if (typeof sample !== 'string') continue;
    const m = SLASH_OR_DOT_DATE.exec(sample.slice(0, 64));
    if (!m) continue;
    if (Number(m[1]) > 12) dayFirstSeen = true;
    if (Number(m[2]) > 12) monthFirstSeen = true;
  }
  if (dayFirstSeen === monthFirstSeen) return null;
  return dayFirstSeen;
}
