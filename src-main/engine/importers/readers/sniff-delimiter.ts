// Guesses the CSV delimiter (`,` `;` tab `|`) from the first records, ignoring text inside quotes.

export const DELIMITERS = [',', '\t', ';', '|'] as const;
const SAMPLE_RECORDS = 20;

/** Counts each candidate per record (outside quotes) and picks the most consistent, most frequent one. */
export function sniffDelimiter(sample: string, complete: boolean): string {
  const counts: number[][] = [];
  let cur = [0, 0, 0, 0];
  let inQuotes = false;
  for (let i = 0; i < sample.length && counts.length < SAMPLE_RECORDS; i++) {
    const ch = sample[i];
    if (ch === '"') { inQuotes = !inQuotes; continue; }
    if (inQuotes) continue;
    if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && sample[i + 1] === '\n') i++;
      if (cur.some((c) => c > 0) || counts.length === 0) counts.push(cur);
      cur = [0, 0, 0, 0];
      continue;
    }
    const k = DELIMITERS.indexOf(ch as (typeof DELIMITERS)[number]);
    if (k >= 0) cur[k]!++;
  }
  if ((complete || counts.length === 0) && cur.some((c) => c > 0)) counts.push(cur);
  let best: string = ',';
  let bestScore = 0;
  DELIMITERS.forEach((d, k) => {
    const header = counts[0]?.[k] ?? 0;
    if (header === 0) return;
    const consistent = counts.filter((row) => row[k] === header).length;
    // Consistency with the header dominates; frequency breaks ties.
    const score = consistent * 1_000_000 + header;
    if (score > bestScore) { bestScore = score; best = d; }
  });
  return best;
}
