// Fuzzy matching for the command palette: query letters must appear in order; tighter and earlier matches score higher.

/** null when `query` is not a subsequence of `text` (case-insensitive); otherwise a score, higher is better. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (q === '') return 0;
  const t = text.toLowerCase();
  let score = 0;
  let from = 0;
  let prev = -2;
  for (const ch of q) {
    if (ch === ' ') continue;
    const at = t.indexOf(ch, from);
    if (at < 0) return null;
    score += 1;
    if (at === prev + 1) score += 3; // consecutive letters
    if (at === 0 || /[\s_\-/.:@([]/.test(t[at - 1] ?? '')) score += 2; // start of a word
    prev = at;
    from = at + 1;
  }
  if (t.startsWith(q)) score += 10;
  else if (t.includes(q)) score += 5;
  return score - t.length / 1000; // shorter labels win ties
}

/** Items whose text matches, best first; equal scores keep their input order. */
export function fuzzyFilter<T>(query: string, items: readonly T[], text: (item: T) => string, limit = 50): T[] {
  const scored: { item: T; score: number; i: number }[] = [];
  items.forEach((item, i) => {
    const score = fuzzyScore(query, text(item));
    if (score !== null) scored.push({ item, score, i });
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.slice(0, limit).map((s) => s.item);
}
