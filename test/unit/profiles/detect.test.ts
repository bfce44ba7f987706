// Profile detection from real export headers, documented header vintages and LA table schemas (never file names).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectProfile, listProfiles } from '../../../src-main/engine/profiles';
import { FIXTURES, HEADERS_DIR, parseCsv, readCsvFixture, readXlsxFixture, tableFromRecords } from './fixtureFiles';

const headerFile = (name: string): string[] => parseCsv(readFileSync(resolve(HEADERS_DIR, name), 'utf8'), 1)[0] ?? [];

function laSchema(table: string): string[] {
  const rows = parseCsv(readFileSync(resolve(HEADERS_DIR, 'la_table_schemas.relevant.csv'), 'utf8'));
  return rows.filter((r) => r[0] === table).map((r) => r[1] ?? '');
}

describe('detectProfile: portal headers of every vintage', () => {
  it.each([
    'entra_portal_signins_header_2024-10.csv',
    'entra_portal_signins_header_2024-11.csv',
    'entra_portal_signins_header_2025-01_to_2026.csv',
  ])('%s → entra-signin-portal with seed mappings', (file) => {
    const d = detectProfile(headerFile(file));
    expect(d.profile.id).toBe('entra-signin-portal');
    expect(d.mapping.time?.[0]?.columns).toEqual(['date (utc)']);
    expect(d.mapping.app_id?.[0]?.columns).toEqual(['application id']);
    expect(d.profile.naturalKey).toEqual(['request id']);
  });
  it('older vintages (v2.8 49 columns, 2023 without User agent) still detect', () => {
    const h = headerFile('entra_portal_signins_header_2024-10.csv');
    const drop = new Set(['Token Protection - Sign In Session StatusCode', 'Through Global Secure Access', 'Global Secure Access IP address', 'Federated Token Id', 'Federated Token Issuer']);
    expect(detectProfile(h.filter((x) => !drop.has(x))).profile.id).toBe('entra-signin-portal');
    expect(detectProfile(h.filter((x) => x !== 'User agent')).profile.id).toBe('entra-signin-portal');
  });
  it('other portal downloads', () => {
    expect(detectProfile(headerFile('entra_portal_ApplicationSignIns_header_LOWCONFIDENCE.csv')).profile.id).toBe('entra-signin-portal-app');
    expect(detectProfile(headerFile('entra_portal_auditlogs_header.csv')).profile.id).toBe('entra-audit-portal');
    expect(detectProfile(headerFile('azure_portal_activitylog_header_MEDIUMCONFIDENCE.csv')).profile.id).toBe('azure-activity-portal');
  });
  it('header order does not matter; the file name is never consulted', () => {
    const h = headerFile('entra_portal_signins_header_2025-01_to_2026.csv');
    expect(detectProfile([...h].reverse()).profile.id).toBe('entra-signin-portal');
  });
});

describe('detectProfile: real exports', () => {
  it.each([
    ['real/sign-in_adelete.csv', 'la-signinlogs'],
    ['real/disable_accounts.csv', 'la-signinlogs'],
    ['real/azure_activity.csv', 'la-azureactivity'],
    ['real/azureActivity_adele.csv', 'la-azureactivity'],
    ['real/AuditLogs_Hunting.csv', 'la-auditlogs'],
    ['real/office_activity.csv', 'la-officeactivity'],
    ['real/office_activity_inbox_rule.csv', 'la-officeactivity'],
  ])('%s → %s', (file, id) => {
    const { headers } = readCsvFixture(resolve(FIXTURES, file), 0);
    expect(detectProfile(headers).profile.id).toBe(id);
  });
  it('JSON exports flattened to dot paths', () => {
    const jsonl = (file: string): Record<string, unknown>[] =>
      readFileSync(resolve(FIXTURES, file), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(detectProfile(tableFromRecords(jsonl('real/AADAuditEvents.json')).headers).profile.id).toBe('la-auditlogs');
    expect(detectProfile(tableFromRecords(jsonl('real/OfficeActivityEvents.json')).headers).profile.id).toBe('la-officeactivity');
    const graph = JSON.parse(readFileSync(resolve(FIXTURES, 'real/graph-signins-beta-example.json'), 'utf8')) as { value: Record<string, unknown>[] };
    expect(detectProfile(tableFromRecords(graph.value).headers).profile.id).toBe('graph-signins');
    const kv = JSON.parse(readFileSync(resolve(FIXTURES, 'real/keyvault-auditevent-example.json'), 'utf8')) as { records: Record<string, unknown>[] };
    expect(detectProfile(tableFromRecords(kv.records).headers).profile.id).toBe('kv-raw-records');
  });
  it('seed XLSX files', async () => {
    const signin = await readXlsxFixture(resolve(FIXTURES, 'seed-case/Sign_In_Logs.xlsx'), 0);
    expect(detectProfile(signin.headers).profile.id).toBe('entra-signin-portal');
    const kv = await readXlsxFixture(resolve(FIXTURES, 'seed-case/Azure_KV_Logs.xlsx'), 0);
    expect(detectProfile(kv.headers).profile.id).toBe('kv-azurediagnostics');
  });
});

describe('detectProfile: Log Analytics table schemas', () => {
  it.each([
    ['SigninLogs', 'la-signinlogs'],
    ['AADNonInteractiveUserSignInLogs', 'la-noninteractive-signins'],
    ['AADServicePrincipalSignInLogs', 'la-serviceprincipal-signins'],
    ['AADManagedIdentitySignInLogs', 'la-serviceprincipal-signins'],
    ['AZKVAuditLogs', 'kv-azkvauditlogs'],
    ['AuditLogs', 'la-auditlogs'],
    ['AzureActivity', 'la-azureactivity'],
    ['OfficeActivity', 'la-officeactivity'],
  ])('%s → %s', (table, id) => {
    const cols = laSchema(table);
    expect(cols.length).toBeGreaterThan(20);
    expect(detectProfile(cols).profile.id).toBe(id);
  });
  it('AzureDiagnostics with the Key Vault columns → kv-azurediagnostics; with `[UTC]` suffix too', () => {
    const cols = parseCsv(readFileSync(resolve(HEADERS_DIR, 'azurediagnostics_keyvault_columns.csv'), 'utf8')).slice(1).map((r) => r[0] ?? '');
    expect(detectProfile(cols).profile.id).toBe('kv-azurediagnostics');
    expect(detectProfile(cols.map((c) => (c === 'TimeGenerated' ? 'TimeGenerated [UTC]' : c))).profile.id).toBe('kv-azurediagnostics');
  });
  it('M365 UAL Purview and classic PowerShell exports', () => {
    expect(detectProfile(['RecordId', 'CreationDate', 'RecordType', 'Operation', 'UserId', 'AuditData', 'AssociatedAdminUnits', 'AssociatedAdminUnitsNames']).profile.id).toBe('m365-ual');
    expect(detectProfile(['CreationDate', 'UserIds', 'Operations', 'AuditData']).profile.id).toBe('m365-ual');
  });
});

describe('detectProfile: unknown shapes', () => {
  it('falls back to generic and infers fields from names and sample values', () => {
    const headers = ['When', 'Who', 'From', 'What', 'Outcome', 'Agent', 'Tenant'];
    const sample = [
      ['2024-01-02T03:04:05Z', 'alice@contoso.com', '8.8.8.8', 'Login', 'ok', 'Mozilla/5.0 (X11) Firefox/120.0', 't1'],
      ['2024-01-02T03:05:05Z', 'bob@contoso.com', '2001:db8::1', 'Logout', 'ok', 'curl/8.0', 't1'],
    ];
    const d = detectProfile(headers, sample);
    expect(d.profile.id).toBe('generic');
    expect(d.score).toBe(0);
    expect(d.mapping.time?.[0]?.columns).toEqual(['when']);
    expect(d.mapping.user?.[0]?.columns).toEqual(['who']);
    expect(d.mapping.ip?.[0]?.columns).toEqual(['from']);
    expect(d.mapping.user_agent?.[0]?.columns).toEqual(['agent']);
    expect(d.mapping.result?.[0]?.columns).toEqual(['outcome']);
    expect(d.inferred).toEqual(expect.arrayContaining(['time', 'user', 'ip', 'user_agent', 'result']));
    expect(d.inferred).not.toContain('country');
  });
  it('name matches need value support when samples are given; no headers → empty mapping', () => {
    const d = detectProfile(['IP address', 'Date'], [['not-an-ip', 'yesterday']]);
    expect(d.mapping.ip).toBeUndefined();
    expect(d.mapping.time).toBeUndefined();
    expect(detectProfile([]).inferred).toEqual([]);
  });
  it('lists every profile once with a version', () => {
    const ids = listProfiles().map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('generic');
    expect(listProfiles().every((p) => p.version >= 1 && p.name.length > 0)).toBe(true);
  });
});
