// compileMapping on real and seed rows: every normalized field, enrichment (app, tool, country) and hostile cells.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMapping, detectProfile } from '../../../src-main/engine/profiles';
import type { NormalizedRow } from '../../../src-main/engine/profiles';
import { FIXTURES, readCsvFixture, readXlsxFixture, tableFromRecords } from './fixtureFiles';

const us = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0): number => Date.UTC(y, mo - 1, d, h, mi, s, ms) * 1000;

function normalizeAll(headers: string[], rows: (string | null)[][], raws?: string[]): NormalizedRow[] {
  const fn = compileMapping(headers, detectProfile(headers, rows.slice(0, 20)).mapping);
  return rows.map((r, i) => fn(r, raws?.[i]));
}

describe('seed case', () => {
  it('Sign_In_Logs.xlsx: attack rows map to the expected fields', async () => {
    const { headers, rows } = await readXlsxFixture(resolve(FIXTURES, 'seed-case/Sign_In_Logs.xlsx'));
    expect(rows.length).toBe(872);
    const out = normalizeAll(headers, rows);
    const attack = out.filter((r) => r.ip === '201.231.8.199');
    expect(attack.length).toBe(2);
    const cli = attack.find((r) => r.app_id === '04b07795-8ddb-461a-bbee-02f9e1bf7b46');
    expect(cli).toEqual({
      time: us(2023, 10, 26, 14, 7, 56, 736),
      user: 'miriamg@bank.onmicrosoft.com',
      user_id: '21ab94a6-9c90-4266-8e59-3147507f46fe',
      ip: '201.231.8.199',
      app_id: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
      app: 'Microsoft Azure CLI',
      operation: 'Sign-in',
      result: 'Success',
      resource: 'Azure Key Vault',
      correlation_id: '8e0df450-6fb9-4a16-b7bf-3ab4c1428ed4',
      user_agent: 'python-requests/2.31.0',
      tool: 'Azure CLI (Python SDK)',
      country: 'AR',
    });
    expect(attack.find((r) => r.app_id === '1950a258-227b-4e31-a9cf-717495945fc2')?.tool).toBe('Azure PowerShell');
    expect(out.every((r) => r.time !== null && r.operation === 'Sign-in')).toBe(true);
    // hostile user agents stay text, and produce no tool
    const hostile = out.filter((r) => r.user_agent?.includes('<script>') || r.user_agent?.includes('onerror'));
    expect(hostile.length).toBe(2);
    expect(hostile.every((r) => r.tool === null)).toBe(true);
  });

  it('Azure_KV_Logs.xlsx: AzureDiagnostics rows map claims, clientInfo and resource', async () => {
    const { headers, rows } = await readXlsxFixture(resolve(FIXTURES, 'seed-case/Azure_KV_Logs.xlsx'));
    expect(rows.length).toBe(402);
    const out = normalizeAll(headers, rows);
    const attack = out.filter((r) => r.ip === '201.231.8.199');
    expect(attack.length).toBe(15);
    const cliOps = attack.filter((r) => r.tool === 'Azure CLI (Python SDK)');
    expect(cliOps.length).toBe(14);
    const ps = attack.find((r) => r.correlation_id === '9c059db6-eb2f-4085-9979-4c94a5b19b0d');
    expect(ps).toMatchObject({
      user: 'miriamg@bank.onmicrosoft.com', user_id: '21ab94a6-9c90-4266-8e59-3147507f46fe', app_id: '1950a258-227b-4e31-a9cf-717495945fc2',
      app: 'Microsoft Azure PowerShell', tool: 'Azure PowerShell', country: 'AR',
      resource: '/SUBSCRIPTIONS/ID12AZ1234-04BY-4E50-1E11-C00AE123D0BD/RESOURCEGROUPS/FINANCE/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/SALARY',
    });
    const first = attack.reduce((a, b) => ((a.time ?? Infinity) < (b.time ?? Infinity) ? a : b));
    expect(first.time).toBeGreaterThanOrEqual(us(2023, 10, 26, 14, 7, 56, 736));
    const denied = attack.find((r) => r.operation === 'Authentication');
    expect(denied).toMatchObject({ result: 'Unauthorized', time: us(2023, 10, 26, 14, 10, 1, 374), user_agent: 'azsdk-python-keyvault-secrets/4.7.0 Python/3.11.5 (Windows-10-10.0.19044-SP0)' });
    // workload identity without a UPN: user stays empty, id from oid claim
    const workload = out.find((r) => r.user_agent?.startsWith('azsdk-net-'));
    expect(workload).toMatchObject({ user: null, user_id: 'c81f4ed1-36de-44bb-b5d1-1c547ca79ca6', tool: 'Azure SDK for .NET (Security.KeyVault.Secrets)' });
  });
});

describe('real Log Analytics exports', () => {
  it('sign-in_adelete.csv: `[UTC]` time, LocationDetails_dynamic country, ResultType → result', () => {
    const { headers, rows } = readCsvFixture(resolve(FIXTURES, 'real/sign-in_adelete.csv'), 60);
    expect(rows.length).toBe(56);
    const [r] = normalizeAll(headers, rows);
    expect(r).toEqual({
      time: us(2021, 4, 28, 14, 8, 45, 221), user: 'adelev@m365x816222.onmicrosoft.com', user_id: '9b117c67-170e-4aed-9702-658b3fddc889',
      ip: '175.45.176.99', app_id: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', app: 'Azure Portal', operation: 'Sign-in', result: 'Success',
      resource: 'Windows Azure Service Management API', correlation_id: 'f9ff9ee8-d565-478b-bc95-8b4f0d468fe1',
      user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/90.0.4430.85 Safari/537.36 Edg/90.0.818.49',
      tool: 'Edge 90', country: 'IL',
    });
  });
  it('disable_accounts.csv: no time column, failure code, Location text as country', () => {
    const { headers, rows } = readCsvFixture(resolve(FIXTURES, 'real/disable_accounts.csv'));
    expect(rows.length).toBe(4);
    const [r] = normalizeAll(headers, rows);
    expect(r).toMatchObject({ time: null, user: 'johns@m365x816222.onmicrosoft.com', result: 'Failure', country: 'KP' });
  });
  it('azureActivity_adele.csv: OperationNameValue when OperationName is empty, Claims_d JSON', () => {
    const { headers, rows } = readCsvFixture(resolve(FIXTURES, 'real/azureActivity_adele.csv'));
    expect(rows.length).toBe(23);
    const [r] = normalizeAll(headers, rows);
    expect(r).toMatchObject({
      time: us(2021, 4, 28, 14, 32, 14, 29), user: 'AdeleV@M365x816222.OnMicrosoft.com', ip: '37.142.150.162',
      operation: 'MICROSOFT.WEB/SITES/DELETE', result: 'Success', correlation_id: 'a2bba39a-d17f-404d-9919-e59039e73ad4',
    });
    expect(r?.app_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r?.resource).toMatch(/^\/subscriptions\/.+\/sites\/okta-new$/i);
  });
  it('azure_activity.csv', () => {
    const { headers, rows } = readCsvFixture(resolve(FIXTURES, 'real/azure_activity.csv'), 400);
    expect(rows.length).toBe(325);
    const out = normalizeAll(headers, rows);
    expect(out[0]).toMatchObject({ time: us(2021, 4, 26, 19, 17, 58, 447), user: 'yanivsh@buildseccxpninja.onmicrosoft.com', operation: 'Update Incidents', result: 'Succeeded' });
    expect(out.every((r) => r.time !== null && r.operation !== null)).toBe(true);
  });
  it('AuditLogs_Hunting.csv: initiator from InitiatedBy JSON, target from TargetResources', () => {
    const { headers, rows } = readCsvFixture(resolve(FIXTURES, 'real/AuditLogs_Hunting.csv'));
    const [r] = normalizeAll(headers, rows);
    expect(r).toMatchObject({
      user: 'victim@buildseccxpninja.onmicrosoft.com', user_id: '34070915-82ff-492a-801f-e90484e79248', ip: '45.153.160.2',
      operation: 'Update application – Certificates and secrets management', result: 'success', resource: 'purview-spn-user099', tool: 'Edge 92',
    });
  });
  it('office_activity_inbox_rule.csv: time from Start_Time [UTC], bracketed IPv6 with port cleaned', () => {
    const { headers, rows } = readCsvFixture(resolve(FIXTURES, 'real/office_activity_inbox_rule.csv'));
    const [r] = normalizeAll(headers, rows);
    expect(r).toMatchObject({
      time: us(2021, 4, 26, 7, 17, 10), user: 'adelev@contoso.onmicrosoft.com', ip: '2a01:110:8068:7:9bf8:aa87:e00a:5f1f',
      operation: 'New-InboxRule', app_id: '00000002-0000-0ff1-ce00-000000000000', app: 'Office 365 Exchange Online',
    });
  });
});

describe('JSON exports', () => {
  it('Graph signIns: nested status/location flattened', () => {
    const graph = JSON.parse(readFileSync(resolve(FIXTURES, 'real/graph-signins-beta-example.json'), 'utf8')) as { value: Record<string, unknown>[] };
    const t = tableFromRecords(graph.value);
    const [r] = normalizeAll(t.headers, t.rows, t.raws);
    expect(r).toMatchObject({
      time: us(2021, 6, 30, 16, 34, 32), user: 'testaccount1@contoso.com', ip: '131.107.159.37', result: 'Failure', country: 'US',
      app: 'Azure Portal', resource: 'Windows Azure Service Management API', tool: 'Edge 91',
    });
  });
  it('Key Vault raw records: URI claim keys, properties.clientInfo', () => {
    const kv = JSON.parse(readFileSync(resolve(FIXTURES, 'real/keyvault-auditevent-example.json'), 'utf8')) as { records: Record<string, unknown>[] };
    const t = tableFromRecords(kv.records);
    const [r] = normalizeAll(t.headers, t.rows, t.raws);
    expect(r).toMatchObject({
      time: Date.UTC(2016, 0, 5, 1, 32, 1) * 1000 + 269122, user: 'live.com#username@outlook.com', user_id: 'd9da5048-2737-4770-bd64-XXXXXXXXXXXX',
      ip: '104.40.82.76', app_id: '1950a258-227b-4e31-a9cf-XXXXXXXXXXXX', operation: 'VaultGet', result: 'OK', user_agent: 'azure-resource-manager/2.0',
      correlation_id: null, country: 'US',
    });
  });
  it('raw-record specs read the record text when the claims were not flattened', () => {
    const kv = JSON.parse(readFileSync(resolve(FIXTURES, 'real/keyvault-auditevent-example.json'), 'utf8')) as { records: Record<string, unknown>[] };
    const rec = kv.records[0] ?? {};
    const headers = ['time', 'resourceId', 'operationName', 'callerIpAddress', 'category', 'properties'];
    const cells = [String(rec.time), String(rec.resourceId), 'VaultGet', '104.40.82.76', 'AuditEvent', JSON.stringify(rec.properties)];
    const d = detectProfile(headers);
    expect(d.profile.id).toBe('kv-raw-records');
    const r = compileMapping(headers, d.mapping)(cells, JSON.stringify(rec));
    expect(r).toMatchObject({ user: 'live.com#username@outlook.com', app_id: '1950a258-227b-4e31-a9cf-XXXXXXXXXXXX', user_agent: 'azure-resource-manager/2.0' });
  });
  it('AADAuditEvents JSON lines: InitiatedBy is JSON text inside JSON', () => {
    const recs = readFileSync(resolve(FIXTURES, 'real/AADAuditEvents.json'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
    const t = tableFromRecords(recs);
    const out = normalizeAll(t.headers, t.rows, t.raws);
    expect(out.length).toBe(4);
    expect(out[0]).toMatchObject({
      time: us(2021, 8, 2, 13, 29, 25, 983), user: 'pgustavo@simulandlabs.com', user_id: 'aead923d-498b-4f64-a66c-2af91447a8b6',
      resource: 'SimuLandApp', tool: 'Windows PowerShell 5.1', result: 'success',
    });
  });
  it('OfficeActivityEvents JSON', () => {
    const recs = [JSON.parse(readFileSync(resolve(FIXTURES, 'real/OfficeActivityEvents.json'), 'utf8')) as Record<string, unknown>];
    const t = tableFromRecords(recs);
    const [r] = normalizeAll(t.headers, t.rows, t.raws);
    expect(r).toMatchObject({ time: us(2021, 8, 2, 13, 32, 7), user: 'pgustavo@simulandlabs.com', ip: '1.2.3.4', operation: 'MailItemsAccessed', result: 'Succeeded', app: 'Microsoft Graph' });
  });
  it('M365 UAL Purview CSV: fields from the AuditData JSON', () => {
    const headers = ['RecordId', 'CreationDate', 'RecordType', 'Operation', 'UserId', 'AuditData', 'AssociatedAdminUnits', 'AssociatedAdminUnitsNames'];
    const audit = { CreationTime: '2023-09-20T04:05:03', Id: 'x', Operation: 'MailItemsAccessed', ResultStatus: 'Succeeded', UserId: 'Eve@Contoso.com', ClientIPAddress: '[2001:4860:4860::8888]:443', AppId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', ObjectId: 'mbx' };
    const r = compileMapping(headers, detectProfile(headers).mapping)(['r1', '9/20/2023 4:05:03 AM', '50', 'MailItemsAccessed', 'Eve@Contoso.com', JSON.stringify(audit), null, null]);
    expect(r).toMatchObject({ time: us(2023, 9, 20, 4, 5, 3), user: 'eve@contoso.com', ip: '2001:4860:4860::8888', app: 'Microsoft Office', result: 'Succeeded', resource: 'mbx', country: 'US' });
  });
});

describe('hostile and broken cells', () => {
  const headers = ['Date (UTC)', 'Request ID', 'Username', 'Application ID ', 'IP address', 'Status', 'Location', 'User agent'];
  const fn = compileMapping(headers, detectProfile(headers).mapping);
  it('keeps untrusted text as text, drops unparsable times, never throws', () => {
    const r = fn(['=cmd|"/c calc"!A1', 'x', '<img src=x onerror=alert(1)>', '__proto__', 'not an ip', '{"a":', 'Nowhere', '{{7*7}}']);
    expect(r).toMatchObject({ time: null, user: '<img src=x onerror=alert(1)>', app_id: '__proto__', app: null, ip: 'not an ip', result: '{"a":', country: null, tool: null });
    expect(fn([]).operation).toBe('Sign-in');
    expect(fn([null, null, '  ', null, null, null, null, null])).toMatchObject({ user: null, time: null });
  });
  it('JSON specs tolerate invalid JSON and non-object JSON', () => {
    const h = ['UserPrincipalName', 'AppId', 'IPAddress', 'ResultType', 'LocationDetails_dynamic', 'Status_string'];
    const g = compileMapping(h, detectProfile(h).mapping);
    expect(g(['u@x.com', 'a', '10.0.0.1', '', '{broken', '"text"'])).toMatchObject({ country: null, result: null });
    expect(g(['u@x.com', 'a', '10.0.0.1', '', '[1,2]', '{"errorCode":50126}'])).toMatchObject({ country: null, result: 'Failure' });
  });
});
