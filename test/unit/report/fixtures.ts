// Seed-like report model built from /work/shared/fixtures/seed-case/expected.json (the Key Vault PRT investigation).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ALL_SECTIONS, type CitedRow, type ReportBookmark, type ReportModel } from '../../../src-main/engine/report/model';

export const FIXTURES = resolve(__dirname, '../../../../shared/fixtures');

export interface SeedExpected {
  alert_ip: string;
  account: string;
  upn: string;
  user_object_id: string;
  token_type: string;
  subscription_id: string;
  resource_group: string;
  vaults: string[];
  key_accessed: string;
  secret_accessed: string;
  key_uri: string;
  secret_uri: string;
  cli_app_id: string;
  cli_user_agent: string;
  ps_app_id: string;
  ps_correlation_id: string;
  ps_request_uri: string;
  ps_user_agent: string;
  first_attack_time: string;
  last_attack_time: string;
  mitre: string[];
}

export const expected: SeedExpected = JSON.parse(
  readFileSync(resolve(FIXTURES, 'seed-case/expected.json'), 'utf8'),
) as SeedExpected;

export const SIGNIN_SHA = 'a1'.repeat(32);
export const KV_SHA = 'b2'.repeat(32);
export const PS_NOTE = 'PowerShell key listing from the attacker IP';

/** '2023-10-26T14:07:56.736Z' → µs, with a strict pattern (test constants only). */
export function isoToMicros(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$/.exec(iso);
  if (!m) throw new Error(`bad test time ${iso}`);
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as [number, number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) * 1000;
}

function kvRow(row: number, time: number, op: string, vault: string, uri: string, appId: string, ua: string, corr: string): CitedRow {
  const resourceId = `/SUBSCRIPTIONS/${expected.subscription_id}/RESOURCEGROUPS/${expected.resource_group}/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/${vault}`;
  return {
    source: 'Azure_KV_Logs.xlsx',
    sourceId: 2,
    sourceSha256: KV_SHA,
    row,
    time,
    fields: [
      { name: 'OperationName', value: op },
      { name: 'requestUri_s', value: uri },
      { name: 'CallerIPAddress', value: expected.alert_ip },
    ],
    normalized: { ip: expected.alert_ip, app_id: appId, operation: op, resource: resourceId, correlation_id: corr, user_agent: ua },
    cells: {
      TimeGenerated: String(time),
      ResourceId: resourceId,
      OperationName: op,
      CallerIPAddress: expected.alert_ip,
      identity_claim_appid_g: appId,
      clientInfo_s: ua,
      requestUri_s: uri,
      CorrelationId: corr,
      identity_claim_http_schemas_xmlsoap_org_ws_2005_05_identity_claims_upn_s: expected.upn,
    },
  };
}

function signIn(row: number, time: number, app: string, appId: string): CitedRow {
  return {
    source: 'Sign_In_Logs.xlsx',
    sourceId: 1,
    sourceSha256: SIGNIN_SHA,
    row,
    time,
    fields: [
      { name: 'User', value: expected.account },
      { name: 'IP address', value: expected.alert_ip },
      { name: 'Application', value: app },
    ],
    normalized: { user: expected.upn, user_id: expected.user_object_id, ip: expected.alert_ip, app_id: appId, app, result: 'Success' },
    cells: {
      'Date (UTC)': String(time),
      User: expected.account,
      Username: expected.upn,
      'User ID': expected.user_object_id,
      'IP address': expected.alert_ip,
      Application: app,
      'Application ID': appId,
      'Incoming token type': expected.token_type,
      'Conditional Access': 'notApplied',
    },
  };
}

export function seedModel(overrides: Partial<ReportModel> = {}): ReportModel {
  const t0 = isoToMicros(expected.first_attack_time);
  const t1 = isoToMicros(expected.last_attack_time);
  const [salary, audits] = expected.vaults as [string, string];
  const bm = (id: number, row: CitedRow, note: string, techniques: string[]): ReportBookmark => ({
    id,
    row,
    note,
    tags: ['attack'],
    techniques,
    severity: 'high',
    createdAt: '2024-05-01T10:00:00Z',
  });
  const corr = (n: number): string => `0000000${n}-aaaa-4bbb-8ccc-dddddddddddd`;
  const bookmarks = [
    bm(1, signIn(14, t0, 'Microsoft Azure CLI', expected.cli_app_id), 'Sign-in with a **primaryRefreshToken**, no Conditional Access.', ['T1528']),
    bm(2, signIn(15, t0 + 30_000_000, 'Microsoft Azure PowerShell', expected.ps_app_id), '', ['T1078.004']),
    bm(3, kvRow(101, t0 + 60_000_000, 'KeyList', salary, expected.ps_request_uri, expected.ps_app_id, expected.ps_user_agent, expected.ps_correlation_id), PS_NOTE, ['T1580']),
    bm(4, kvRow(102, t0 + 90_000_000, 'KeyList', audits, `https://${audits.toLowerCase()}.vault.azure.net/keys?api-version=7.4`, expected.cli_app_id, expected.cli_user_agent, corr(1)), 'Second vault enumerated.', []),
    bm(5, kvRow(110, t1 - 60_000_000, 'KeyGet', salary, `${expected.key_uri}/0123456789abcdef?api-version=7.4`, expected.cli_app_id, expected.cli_user_agent, corr(2)), 'Payroll key read.', ['T1530', 'T1552.001']),
    bm(6, kvRow(111, t1, 'SecretGet', salary, `${expected.secret_uri}?api-version=7.4`, expected.cli_app_id, expected.cli_user_agent, corr(3)), 'Confidential secret read.', ['T1552.001']),
  ];
  return {
    caseInfo: {
      id: 'case-seed-0001',
      name: 'Key Vault access from a suspicious IP',
      number: 'IR-2023-117',
      analyst: 'A. Analyst',
      organisation: 'Bank',
      summary: `Defender for Cloud flagged Key Vault access from ${expected.alert_ip}.\nThe account of ${expected.account} was used with a ${expected.token_type}.`,
      recommendations: '- Enforce Conditional Access for non-corporate IPs\n- Scope Key Vault access to least privilege',
    },
    generatedAt: '2024-05-01T12:00:00Z',
    displayZone: 'UTC',
    loupeVersion: '0.1.0',
    auditHead: 'c3'.repeat(32),
    sources: [
      { id: 1, name: 'Sign_In_Logs.xlsx', size: 180_224, sha256: SIGNIN_SHA, rows: 872, profile: 'entra-signin-xlsx', importedAt: '2024-05-01T09:00:00Z' },
      { id: 2, name: 'Azure_KV_Logs.xlsx', size: 120_000, sha256: KV_SHA, rows: 402, profile: 'keyvault-xlsx', importedAt: '2024-05-01T09:01:00Z' },
    ],
    findings: [
      {
        id: 1,
        title: `${expected.account}'s account used from ${expected.alert_ip} with a ${expected.token_type}`,
        phase: 'Initial Access',
        narrative: 'Sign-in succeeded without a Conditional Access challenge.',
        severity: 'high',
        techniques: ['T1528'],
        bookmarkIds: [1, 2],
        filters: [{ name: 'Attacker IP', query: `@ip = "${expected.alert_ip}"`, description: 'Every row from the alert IP.' }],
      },
      {
        id: 2,
        title: 'Payroll key and Confidential secret retrieved from SALARY',
        phase: 'Collection',
        narrative: 'KeyList → SecretList → KeyGet → SecretGet, scripted.',
        severity: 'critical',
        techniques: ['T1530', 'T1552.001'],
        bookmarkIds: [3, 4, 5, 6],
        filters: [{ name: 'Vault reads', query: '@operation in ("KeyGet", "SecretGet") and @ip = "201.231.8.199"', description: '' }],
      },
    ],
    bookmarks,
    savedFilters: [{ name: 'PowerShell correlation', query: `@correlation_id = "${expected.ps_correlation_id}"`, description: 'The single PS row.' }],
    sections: { ...ALL_SECTIONS },
    defang: true,
    ...overrides,
  };
}

/** The write-up's IOC table values, as they must appear (defanged) in every report format. */
export function writeUpIocValues(): string[] {
  return [
    '201[.]231[.]8[.]199',
    expected.account,
    'miriamg@bank[.]onmicrosoft[.]com',
    expected.token_type,
    expected.subscription_id,
    expected.resource_group,
    ...expected.vaults,
    expected.key_accessed,
    expected.secret_accessed,
    expected.cli_app_id,
    'Microsoft Azure CLI',
    expected.cli_user_agent,
    expected.ps_user_agent,
  ];
}
