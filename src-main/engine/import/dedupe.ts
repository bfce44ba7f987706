// Overlapping exports (yesterday's and today's download of the same log): rows already in the case are skipped by the profile's natural key.
import { ident, sourceTable } from '../db/sql';
import type { WritableDB } from '../db/types';
import { createColumnIndex } from './sourceTable';

export interface DuplicateCheck {
  /** The prior source id holding the same event, or null. */
  (cells: readonly (string | null)[], time: number | null): number | null;
}

/**
 * A row is a duplicate when an earlier source of the same profile has a row with the same natural key (e.g. the
 * sign-in's Request ID) AND the same @time — the key alone is not trusted, since some exports repeat it across steps.
 * Returns null when there is nothing to compare with, so ordinary imports pay nothing.
 */
export function duplicateCheck(db: WritableDB, profileId: string, naturalKey: readonly string[] | undefined, norms: readonly string[]): DuplicateCheck | null {
  if (!naturalKey?.length) return null;
  const keyIdx = norms.indexOf(naturalKey[0]!);
  if (keyIdx < 0) return null;
  const priors = (db.prepare("SELECT s.id, c.col FROM sources s JOIN source_columns c ON c.source_id = s.id AND c.norm = ? WHERE s.profile = ? AND s.removing = 0").all(naturalKey[0], profileId) as { id: number; col: string }[]);
  if (!priors.length) return null;
  const lookups = priors.map((p) => {
    const table = sourceTable(p.id);
    // An index on the key column makes each check one lookup (an index is not a change to the evidence rows).
    createColumnIndex(db, p.id, p.col);
    const stmt = db.prepare(`SELECT 1 FROM ${ident(table)} s JOIN events e ON e.source_id = ${Number(p.id)} AND e.row = s._row WHERE s.${ident(p.col)} = ? AND e.time IS ? LIMIT 1`);
    return { id: p.id, stmt };
  });
  return (cells, time) => {
    const key = cells[keyIdx];
    if (!key) return null;
    for (const l of lookups) if (l.stmt.get(key, time) !== undefined) return l.id;
    return null;
  };
}
