// Pure helpers for accepting a triage finding: which bookmarks it produced, and the ATT&CK tactic to file it under.
import type { Bookmark } from '../../../src-main/contract/model';
import type { TriageFinding } from '../../../src-main/contract/api';

/** Main tactic of the techniques triage rules emit (parent id → tactic); the first known technique decides. */
const TACTIC_OF: Readonly<Record<string, string>> = {
  T1078: 'Initial Access', T1133: 'Initial Access', T1199: 'Initial Access', T1566: 'Initial Access',
  T1059: 'Execution', T1648: 'Execution', T1651: 'Execution',
  T1098: 'Persistence', T1136: 'Persistence',
  T1070: 'Defense Evasion', T1562: 'Defense Evasion', T1564: 'Defense Evasion', T1578: 'Defense Evasion',
  T1110: 'Credential Access', T1528: 'Credential Access', T1539: 'Credential Access', T1552: 'Credential Access',
  T1555: 'Credential Access', T1556: 'Credential Access', T1606: 'Credential Access', T1621: 'Credential Access',
  T1069: 'Discovery', T1087: 'Discovery', T1526: 'Discovery', T1538: 'Discovery', T1580: 'Discovery', T1619: 'Discovery',
  T1534: 'Lateral Movement', T1550: 'Lateral Movement',
  T1114: 'Collection', T1213: 'Collection', T1530: 'Collection',
  T1090: 'Command and Control',
  T1537: 'Exfiltration', T1567: 'Exfiltration',
  T1485: 'Impact', T1496: 'Impact', T1657: 'Impact',
};

export function phaseFor(techniques: readonly string[]): string {
  for (const t of techniques) {
    const tactic = TACTIC_OF[t.split('.')[0] ?? t];
    if (tactic !== undefined) return tactic;
  }
  return '';
}

/** Bookmarks an accepted finding produced: its cited rows plus every row its query bulk-bookmarked (tagged with the rule, noted with the title). */
export function triageBookmarkIds(list: readonly Bookmark[], f: TriageFinding): number[] {
  const cited = new Set(f.rows.map((r) => `${r.sourceId}:${r.row}`));
  return list.filter((b) => cited.has(`${b.sourceId}:${b.row}`) || (b.tags.includes(f.rule) && b.note === f.title)).map((b) => b.id);
}
