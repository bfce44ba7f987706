// Triage on the seed case: names the account, IP, token, vaults, objects and tools; spares the benign traps; draft is idempotent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../../src-main/engine/engine';
import type { TriageFinding } from '../../../src-main/contract/api';
import { runTriage } from '../../../src-main/engine/triage';
import { seedDraftFromTriage } from '../../../src-main/engine/triage/draft';
import { verifyAuditChain } from '../../../src-main/engine/case/audit';
import { FIXTURES, accused, atLeast, byRule, openCase, rowsOfQuery, seedFiles } from './cases';

interface Expected {
  upn: string; alert_ip: string; token_type: string; vaults: string[]; key_accessed: string; secret_accessed: string;
  cli_operations: number; attack_kv_rows: number; attack_signin_rows: number; mitre: string[];
  benign_traps: { cli_user: string; traveller: string };
}
const expected = JSON.parse(readFileSync(join(FIXTURES, 'seed-case/expected.json'), 'utf8')) as Expected;
const WORKLOAD_APP = 'c81f4ed1-36de-44bb-b5d1-1c547ca79ca6';

let engine: Engine;
let findings: TriageFinding[];

beforeAll(async () => {
  engine = await openCase(seedFiles());
  findings = runTriage(engine.db);
});
afterAll(() => engine.close());

describe('triage on the seed case', () => {
  it('names the compromised account, IP and token type at the top', () => {
    const top = findings[0]!;
    expect(atLeast(top, 'high')).toBe(true);
    expect(top.entities['user']).toEqual([expected.upn]);
    expect(top.entities['ip']).toContain(expected.alert_ip);
    const origin = byRule(findings, 'signin-new-origin').find((f) => f.entities['ip']?.includes(expected.alert_ip))!;
    expect(origin.entities['token_type']).toEqual([expected.token_type]);
    expect(origin.entities['conditional_access']).toEqual(['notApplied']);
    expect(origin.rows).toHaveLength(expected.attack_signin_rows);
    expect(origin.techniques).toEqual(expect.arrayContaining(['T1078.004', 'T1528']));
  });

  it('links the sign-in to the Key Vault access: vaults, key, secret, both tools, the write-up techniques', () => {
    const [chain, ...rest] = byRule(findings, 'signin-to-resource-access');
    expect(rest).toHaveLength(0);
    expect(chain!.severity).toBe('critical');
    expect(chain!.rows).toHaveLength(expected.attack_kv_rows);
    expect(chain!.entities['vault']!.sort()).toEqual([...expected.vaults].sort());
    expect(chain!.entities['key']).toEqual([expected.key_accessed]);
    expect(chain!.entities['secret']).toEqual([expected.secret_accessed]);
    expect(chain!.entities['tool']!.sort()).toEqual(['Azure CLI (Python SDK)', 'Azure PowerShell']);
    for (const t of expected.mitre) expect(chain!.techniques).toContain(t);
    expect(chain!.rows.every((r) => r.source.startsWith('Azure_KV_Logs'))).toBe(true);
  });

  it('reports enumeration then retrieval and the two-tool session for the attacker only', () => {
    for (const rule of ['vault-enumerate-then-retrieve', 'multi-tool-session', 'programmatic-client-new-for-user', 'vault-many-vaults']) {
      const hits = byRule(findings, rule).filter((f) => atLeast(f, 'medium'));
      expect(hits.length, rule).toBe(1);
      expect(hits[0]!.entities['user'], rule).toEqual([expected.upn]);
    }
    const tools = byRule(findings, 'multi-tool-session')[0]!;
    expect(tools.rows.length).toBe(expected.attack_kv_rows + expected.attack_signin_rows);
  });

  it('reports the spray without accusing the sprayed users', () => {
    const [spray, ...more] = byRule(findings, 'password-spray');
    expect(more).toHaveLength(0);
    expect(spray!.severity).toBe('medium');
    expect(spray!.entities['ip']!.sort()).toEqual(['45.155.205.30', '45.155.205.31', '45.155.205.32']);
    expect(spray!.entities['targeted_user']!.length).toBeGreaterThanOrEqual(5);
    expect(spray!.entities['user']).toBeUndefined();
    expect(spray!.techniques).toEqual(['T1110.003']);
  });

  it('accuses nobody but the victim at medium or above (CLI developer, traveller, workload, spray targets)', () => {
    expect([...accused(findings)]).toEqual([expected.upn]);
    const named = JSON.stringify(findings.filter((f) => atLeast(f, 'medium')).map((f) => [f.entities['user'], f.entities['user_id']]));
    expect(named).not.toContain(expected.benign_traps.cli_user);
    expect(named).not.toContain(expected.benign_traps.traveller);
    expect(named).not.toContain(WORKLOAD_APP);
    const traveller = findings.filter((f) => f.entities['user']?.includes(expected.benign_traps.traveller));
    expect(traveller.every((f) => f.severity === 'low')).toBe(true);
  });

  it("every finding's query reproduces exactly its rows; findings are sorted by score", () => {
    for (const f of findings) {
      const got = rowsOfQuery(engine, f.query);
      expect([...got].sort(), f.title).toEqual(f.rows.map((r) => `${r.sourceId}:${r.row}`).sort());
    }
    const scores = findings.map((f) => f.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('seeds the draft once: findings, bookmarks, filters, audit; running twice adds nothing', () => {
    seedDraftFromTriage(engine.db);
    const count = () => ({
      findings: (engine.db.prepare('SELECT COUNT(*) AS n FROM findings').get() as { n: number }).n,
      links: (engine.db.prepare('SELECT COUNT(*) AS n FROM finding_bookmarks').get() as { n: number }).n,
      bookmarks: (engine.db.prepare('SELECT COUNT(*) AS n FROM bookmarks').get() as { n: number }).n,
      filters: (engine.db.prepare('SELECT COUNT(*) AS n FROM saved_filters').get() as { n: number }).n,
    });
    const first = count();
    const medium = findings.filter((f) => atLeast(f, 'medium'));
    expect(first.findings).toBe(medium.length);
    expect(first.filters).toBe(medium.length);
    expect(first.bookmarks).toBe(new Set(medium.flatMap((f) => f.rows.map((r) => `${r.sourceId}:${r.row}`))).size);
    seedDraftFromTriage(engine.db);
    expect(count()).toEqual(first);
    const chain = engine.db.prepare("SELECT * FROM findings WHERE title LIKE 'Resource access after%'").get() as { phase: string; techniques_json: string; filter_names_json: string };
    expect(chain.phase).toBe('Collection');
    expect(JSON.parse(chain.techniques_json)).toEqual(expect.arrayContaining(expected.mitre));
    const filterName = (JSON.parse(chain.filter_names_json) as string[])[0]!;
    const q = (engine.db.prepare('SELECT query FROM saved_filters WHERE name = ?').get(filterName) as { query: string }).query;
    expect(rowsOfQuery(engine, q).size).toBe(expected.attack_kv_rows);
    const audit = engine.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'finding.add'").get() as { n: number };
    expect(audit.n).toBe(medium.length);
    expect(verifyAuditChain(engine.db).valid).toBe(true);
  });
});
