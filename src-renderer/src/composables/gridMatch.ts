// F3 / Shift+F3: find the next or previous row whose cells contain a highlighted query term (pages fetched on the way).
import type { GridRow } from '../../../src-main/contract/model';

/** Rows F3 looks through before giving up (keeps a miss on a huge result from paging forever). */
export const MATCH_SCAN_LIMIT = 20_000;

export function textMatches(text: string | null, terms: readonly string[]): boolean {
  if (text === null || text === '') return false;
  const t = text.toLowerCase();
  return terms.some((term) => term !== '' && t.includes(term.toLowerCase()));
}

export interface MatchSource {
  total: number;
  rowAt(i: number): GridRow | undefined;
  /** Loads rows around i (the grid's query store pages). */
  ensure(i: number): Promise<void>;
  /** The texts of a row the search looks at, one per visible column. */
  texts(row: GridRow): readonly (string | null)[];
}

export interface MatchHit { index: number; column: number }

/** The cell index in `texts` after (dir 1) or before (dir -1) `from` holding a term; `from` -1 / length = from the edge. */
function cellInRow(texts: readonly (string | null)[], from: number, dir: 1 | -1, terms: readonly string[]): number {
  for (let c = from + dir; c >= 0 && c < texts.length; c += dir) if (textMatches(texts[c] ?? null, terms)) return c;
  return -1;
}

/** The next (dir 1) or previous (dir -1) cell holding a term, from the active cell on, row by row; no wrap-around. */
export async function findMatch(src: MatchSource, from: MatchHit, dir: 1 | -1, terms: readonly string[], limit = MATCH_SCAN_LIMIT): Promise<MatchHit | null> {
  if (terms.every((t) => t === '')) return null;
  for (let i = from.index, steps = 0; i >= 0 && i < src.total && steps < limit; i += dir, steps++) {
    let row = src.rowAt(i);
    if (!row) {
      await src.ensure(i);
      row = src.rowAt(i);
      if (!row) return null;
    }
    const texts = src.texts(row);
    const start = i === from.index ? from.column : dir === 1 ? -1 : texts.length;
    const column = cellInRow(texts, start, dir, terms);
    if (column >= 0) return { index: i, column };
  }
  return null;
}
