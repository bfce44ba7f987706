// buildIocs() and the ATT&CK table on the seed-like model: every write-up IOC and technique is extracted.
import { describe, expect, it } from 'vitest';
import { buildIocs } from '../../../src-main/engine/report/iocs';
import { attackTable, isTechniqueId, techniqueName, ATTACK_TECHNIQUES } from '../../../src-main/engine/report/attack';
import { expected, seedModel } from './fixtures';

const has = (iocs: { type: string; value: string }[], type: string, value: string): boolean =>
  iocs.some((i) => i.type === type && i.value === value);

describe('buildIocs', () => {
  const iocs = buildIocs(seedModel());

  it('extracts the write-up IOC table from the bookmarked rows', () => {
    expect(has(iocs, 'IP', expected.alert_ip)).toBe(true);
    expect(has(iocs, 'Account', expected.account)).toBe(true);
    expect(has(iocs, 'UPN', expected.upn)).toBe(true);
    expect(has(iocs, 'Token type', expected.token_type)).toBe(true);
    expect(has(iocs, 'Subscription ID', expected.subscription_id)).toBe(true);
    expect(has(iocs, 'Resource group', expected.resource_group)).toBe(true);
    for (const v of expected.vaults) expect(has(iocs, 'Vault', v)).toBe(true);
    expect(has(iocs, 'Key', expected.key_accessed)).toBe(true);
    expect(has(iocs, 'Secret', expected.secret_accessed)).toBe(true);
    expect(has(iocs, 'App ID', expected.cli_app_id)).toBe(true);
    expect(has(iocs, 'App name', 'Microsoft Azure CLI')).toBe(true);
    expect(has(iocs, 'User agent', expected.cli_user_agent)).toBe(true);
    expect(has(iocs, 'User agent', expected.ps_user_agent)).toBe(true);
    expect(has(iocs, 'Correlation ID', expected.ps_correlation_id)).toBe(true);
    expect(has(iocs, 'URL', expected.ps_request_uri)).toBe(true);
  });

  it('deduplicates case-insensitively (SALARY from resource ids and salary from URIs is one vault)', () => {
    const vaults = iocs.filter((i) => i.type === 'Vault').map((i) => i.value.toLowerCase());
    expect(vaults.sort()).toEqual(['audits', 'salary']);
    expect(iocs.filter((i) => i.type === 'IP')).toHaveLength(1);
  });

  it('says where each indicator was first seen and ties app ids to app names', () => {
    const ip = iocs.find((i) => i.type === 'IP');
    expect(ip?.context).toMatch(/^Sign_In_Logs\.xlsx row 14 \(\+5 more\)$/);
    expect(iocs.find((i) => i.type === 'App ID' && i.value === expected.cli_app_id)?.context).toContain('app: Microsoft Azure CLI');
  });

  it('ignores empty and placeholder values and GUIDs as accounts', () => {
    const m = seedModel();
    const b = m.bookmarks[0];
    if (!b) throw new Error('fixture');
    b.row.cells = { User: '-', 'IP address': 'not an ip', 'Incoming token type': 'none', Username: expected.user_object_id };
    b.row.normalized = {};
    m.bookmarks = [b];
    expect(buildIocs(m)).toEqual([]);
  });
});

describe('ATT&CK', () => {
  it('names the seed techniques and cites their evidence', () => {
    const rows = attackTable(seedModel());
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('T1528')?.name).toBe('Steal Application Access Token');
    expect(byId.get('T1530')?.name).toBe('Data from Cloud Storage');
    expect(byId.get('T1552.001')?.name).toBe('Unsecured Credentials: Credentials In Files');
    expect(byId.get('T1552.001')?.evidence).toEqual([
      'Finding 2: Payroll key and Confidential secret retrieved from SALARY',
      'Bookmark 5 (Azure_KV_Logs.xlsx row 110)',
      'Bookmark 6 (Azure_KV_Logs.xlsx row 111)',
    ]);
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort());
  });

  it('accepts any well-formed id, drops malformed ones', () => {
    expect(isTechniqueId('T1234')).toBe(true);
    expect(isTechniqueId(' t1078.004 ')).toBe(true);
    expect(isTechniqueId('T12345')).toBe(false);
    expect(isTechniqueId('T1078.4')).toBe(false);
    expect(isTechniqueId('<script>')).toBe(false);
    expect(techniqueName('T9999')).toBe('unknown technique');
    const m = seedModel();
    m.findings = [];
    m.bookmarks = m.bookmarks.slice(0, 1).map((b) => ({ ...b, techniques: ['T9999', 'javascript:alert(1)', 'T1078'] }));
    expect(attackTable(m).map((r) => [r.id, r.name])).toEqual([
      ['T1078', 'Valid Accounts'],
      ['T9999', 'unknown technique'],
    ]);
  });

  it('lists every technique the brief requires', () => {
    for (const id of ['T1078', 'T1078.004', 'T1110.003', 'T1528', 'T1530', 'T1552.001', 'T1555.006', 'T1098.001', 'T1136.003', 'T1087.004', 'T1069.003', 'T1526', 'T1580', 'T1538', 'T1619', 'T1213', 'T1114.003', 'T1564.008', 'T1556', 'T1606.002', 'T1539', 'T1550.001', 'T1621', 'T1199', 'T1566.002', 'T1657', 'T1485', 'T1537']) {
      expect(ATTACK_TECHNIQUES[id], id).toBeTruthy();
    }
  });
});
