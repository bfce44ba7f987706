// Curated MITRE ATT&CK cloud/identity technique names and the report's ATT&CK table (technique → evidence).
import type { ReportModel } from './model';

export { ATTACK_TECHNIQUES } from '../../contract/attack';
import { ATTACK_TECHNIQUES } from '../../contract/attack';

const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;

/** Canonical form of a technique id (trimmed, upper case), or null when it is not well formed. */
export function normalizeTechniqueId(raw: string): string | null {
  const id = raw.trim().toUpperCase();
  return TECHNIQUE_ID.test(id) ? id : null;
}

export function isTechniqueId(raw: string): boolean {
  return normalizeTechniqueId(raw) !== null;
}

/** Name from the curated table; 'unknown technique' for a well-formed id we do not list. */
export function techniqueName(raw: string): string {
  const id = normalizeTechniqueId(raw);
  if (id === null) return 'invalid technique id';
  return Object.prototype.hasOwnProperty.call(ATTACK_TECHNIQUES, id) ? (ATTACK_TECHNIQUES[id] ?? '') : 'unknown technique';
}

export interface AttackRow {
  id: string;
  name: string;
  known: boolean;
  /** Human references to the findings and bookmarks citing the technique. */
  evidence: string[];
}

/** One row per well-formed technique id cited by a finding or bookmark, sorted by id; malformed ids are dropped. */
export function attackTable(model: ReportModel): AttackRow[] {
  const rows = new Map<string, AttackRow>();
  const cite = (raw: string, evidence: string): void => {
    const id = normalizeTechniqueId(raw);
    if (id === null) return;
    let row = rows.get(id);
    if (!row) {
      const name = techniqueName(id);
      row = { id, name, known: name !== 'unknown technique', evidence: [] };
      rows.set(id, row);
    }
    if (!row.evidence.includes(evidence)) row.evidence.push(evidence);
  };
  for (const f of model.findings) {
    for (const t of f.techniques) cite(t, `Finding ${f.id}: ${f.title}`);
  }
  for (const b of model.bookmarks) {
    for (const t of b.techniques) cite(t, `Bookmark ${b.id} (${b.row.source} row ${b.row.row})`);
  }
  return [...rows.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
