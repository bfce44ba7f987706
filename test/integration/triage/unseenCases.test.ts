// Triage generalizes: the built-in demo (other numbers), an unseen CSV variant (other tenant, user, IP, vaults, secrets, tool
// versions), and the same variant with the attack removed (no high or critical findings).
import { describe, expect, it } from 'vitest';
import { runTriage } from '../../../src-main/engine/triage';
import { accused, atLeast, byRule, demoFiles, openCase, rowsOfQuery, VARIANT_TRUTH, writeVariant } from './cases';

describe('triage on the built-in demo', () => {
  it('finds the chain and accuses only the victim', async () => {
    const { files, facts } = await demoFiles();
    const e = await openCase(files);
    try {
      const findings = runTriage(e.db);
      const chain = byRule(findings, 'signin-to-resource-access');
      expect(chain).toHaveLength(1);
      expect(chain[0]!.entities['user']).toEqual([facts.upn]);
      expect(chain[0]!.entities['ip']).toEqual([facts.alert_ip]);
      expect(chain[0]!.rows).toHaveLength(facts.attack_kv_rows);
      expect(chain[0]!.entities['vault']!.sort()).toEqual([...facts.vaults].sort());
      expect(byRule(findings, 'signin-new-origin')[0]!.entities['token_type']).toEqual([facts.token_type]);
      expect([...accused(findings)]).toEqual([facts.upn]);
      expect(byRule(findings, 'password-spray')).toHaveLength(1);
    } finally {
      e.close();
    }
  });
});

describe('triage on an unseen variant (CSV, other tenant and names)', () => {
  it('names the right account, IP, token type, vaults, objects and tools, and no benign user', async () => {
    const v = await writeVariant();
    const e = await openCase(v.files);
    try {
      const findings = runTriage(e.db);
      const origin = byRule(findings, 'signin-new-origin').filter((f) => atLeast(f, 'high'));
      expect(origin).toHaveLength(1);
      expect(origin[0]!.entities['user']).toEqual([VARIANT_TRUTH.upn]);
      expect(origin[0]!.entities['ip']).toEqual([VARIANT_TRUTH.ip]);
      expect(origin[0]!.entities['token_type']).toEqual(['primaryRefreshToken']);
      const [chain] = byRule(findings, 'signin-to-resource-access');
      expect(chain!.severity).toBe('critical');
      expect(chain!.entities['vault']!.sort()).toEqual([...VARIANT_TRUTH.vaults].sort());
      expect(chain!.entities['key']).toEqual([VARIANT_TRUTH.key]);
      expect(chain!.entities['secret']).toEqual([VARIANT_TRUTH.secret]);
      expect(chain!.entities['user_agent']!.join(' ')).toContain('azsdk-python-keyvault-secrets/4.8.0');
      expect(chain!.entities['tool']!.sort()).toEqual(['Azure CLI (Python SDK)', 'Azure PowerShell']);
      for (const t of ['T1528', 'T1530', 'T1552.001']) expect(chain!.techniques).toContain(t);
      const bad = accused(findings);
      expect([...bad]).toEqual([VARIANT_TRUTH.upn]);
      expect(bad.has(v.cliUser.toLowerCase())).toBe(false);
      expect(bad.has(v.traveller.toLowerCase())).toBe(false);
      for (const f of findings) expect(rowsOfQuery(e, f.query).size, f.title).toBe(f.rows.length);
    } finally {
      e.close();
    }
  });

  it('with the attack rows removed, reports nothing high or critical and accuses nobody', async () => {
    const v = await writeVariant({ dropAttack: true });
    const e = await openCase(v.files);
    try {
      const findings = runTriage(e.db);
      expect(findings.filter((f) => atLeast(f, 'high'))).toEqual([]);
      expect([...accused(findings)]).toEqual([]);
      expect(byRule(findings, 'password-spray')).toHaveLength(1);
      expect(JSON.stringify(findings)).not.toContain(VARIANT_TRUTH.ip);
    } finally {
      e.close();
    }
  });
});
