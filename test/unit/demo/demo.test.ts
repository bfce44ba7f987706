// Tests for `loupe demo`: the generated sample case reads back with the seed scenario's shape, facts and traps.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoTables, writeDemo, type DemoFacts } from '../../../src-main/engine/demo/index';
import { computeFacts } from '../../../src-main/engine/demo/facts';

const SHARED = resolve(__dirname, '../../../../shared');
const SEED_CASE = join(SHARED, 'fixtures/seed-case');
const ATTACKER = '201.231.8.199';
const CLI_APP = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
const PS_APP = '1950a258-227b-4e31-a9cf-717495945fc2';
const PS_CORRELATION = '9c059db6-eb2f-4085-9979-4c94a5b19b0d';
const PYTHON_SDK = 'azsdk-python-keyvault-secrets/4.7.0 Python/3.11.5 (Windows-10-10.0.19044-SP0)';
const LA_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{1,2}):(\d{2}):(\d{2})\.(\d{3}) (AM|PM)$/;

type Value = string | number | Date | null;
interface Sheet { headers: string[]; rows: Value[][]; numFmts: (string | undefined)[] }

async function readSheet(path: string): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error(`no sheet in ${path}`);
  const width = ws.getRow(1).cellCount;
  const read = (r: number): Value[] => {
    const row = ws.getRow(r);
    return Array.from({ length: width }, (_, i) => {
      const v: unknown = row.getCell(i + 1).value;
      if (v === null || v === undefined) return null;
      if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
      throw new Error(`unexpected cell value at row ${r} col ${i + 1}`);
    });
  };
  const rows: Value[][] = [];
  const numFmts: (string | undefined)[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    rows.push(read(r));
    numFmts.push(ws.getRow(r).getCell(1).numFmt);
  }
  return { headers: read(1).map(String), rows, numFmts };
}

/** Test-side parser for Log Analytics time text (no `new Date(string)`). */
function laToMs(text: string): number {
  const m = LA_TIME.exec(text);
  if (!m) throw new Error(`not LA time text: ${text}`);
  const n = m.slice(1, 8).map(Number) as [number, number, number, number, number, number, number];
  const hour = (n[3] % 12) + (m[8] === 'PM' ? 12 : 0);
  return Date.UTC(n[2], n[0] - 1, n[1], hour, n[4], n[5], n[6]);
}

const col = (sheet: Sheet, name: string): number => {
  const i = sheet.headers.indexOf(name);
  if (i < 0) throw new Error(`missing column ${name}`);
  return i;
};
const text = (row: Value[], i: number): string => (row[i] === null || row[i] === undefined ? '' : String(row[i]));
const sha = async (path: string): Promise<string> => createHash('sha256').update(await readFile(path)).digest('hex');

let dirA = '';
let dirB = '';
let dirCsv = '';
let facts: DemoFacts;
let si: Sheet;
let kv: Sheet;

beforeAll(async () => {
  dirA = await mkdtemp(join(tmpdir(), 'loupe-demo-a-'));
  dirB = await mkdtemp(join(tmpdir(), 'loupe-demo-b-'));
  dirCsv = await mkdtemp(join(tmpdir(), 'loupe-demo-csv-'));
  facts = (await writeDemo(dirA)).facts;
  // A later second run: archiver would otherwise stamp zip entries with a different time.
  await new Promise((done) => setTimeout(done, 2100));
  await writeDemo(dirB);
  await writeDemo(dirCsv, { format: 'csv' });
  si = await readSheet(join(dirA, 'Sign_In_Logs.xlsx'));
  kv = await readSheet(join(dirA, 'Azure_KV_Logs.xlsx'));
});

afterAll(async () => {
  for (const dir of [dirA, dirB, dirCsv]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Sign_In_Logs.xlsx', () => {
  it('has the exact 57-column portal header, quirks included', async () => {
    const reference = Papa.parse<string[]>(
      await readFile(join(SHARED, 'docs/azure-headers/entra_portal_signins_header_2025-01_to_2026.csv'), 'utf8'),
      { skipEmptyLines: true },
    ).data[0];
    expect(si.headers).toHaveLength(57);
    expect(si.headers).toEqual(reference);
    expect(si.headers[17]).toBe('Application ID ');
    expect(si.headers[20]).toBe('Resource ID ');
    expect(si.headers[46]).toBe('Autonomous system  number');
    expect(si.headers[9]).toBe('Incoming token type');
    expect(si.headers[49]).toBe('Incoming token type');
    expect(si.headers).toEqual((await readSheet(join(SEED_CASE, 'Sign_In_Logs.xlsx'))).headers);
  });

  it('stores Date (UTC) as real date cells, newest row first', () => {
    const dates = si.rows.map((r) => r[0]);
    expect(dates.every((d) => d instanceof Date)).toBe(true);
    expect(si.numFmts.every((f) => f === 'yyyy-mm-dd hh:mm:ss')).toBe(true);
    const ms = dates.map((d) => (d instanceof Date ? d.getTime() : NaN));
    for (let i = 1; i < ms.length; i++) expect(ms[i]).toBeLessThanOrEqual(ms[i - 1] ?? Infinity);
    expect(si.rows.length).toBeGreaterThan(780);
    expect(si.rows.length).toBeLessThan(960);
  });

  it('filtering the alert IP yields only Miriam Graham with a primaryRefreshToken and no Conditional Access', () => {
    const ip = col(si, 'IP address');
    const hits = si.rows.filter((r) => r[ip] === ATTACKER);
    expect(hits).toHaveLength(2);
    for (const r of hits) {
      expect(r[col(si, 'User')]).toBe('Miriam Graham');
      expect(r[col(si, 'Username')]).toBe('miriamg@bank.onmicrosoft.com');
      expect(r[9]).toBe('primaryRefreshToken');
      expect(r[49]).toBe('primaryRefreshToken');
      expect(r[col(si, 'Conditional Access')]).toBe('Not Applied');
      expect(r[col(si, 'Status')]).toBe('Success');
    }
    expect(hits.map((r) => r[col(si, 'Application')]).sort()).toEqual(['Microsoft Azure CLI', 'Microsoft Azure PowerShell']);
    // Nobody else ever carries a primaryRefreshToken or skips Conditional Access.
    expect(si.rows.filter((r) => r[9] === 'primaryRefreshToken' || r[col(si, 'Conditional Access')] !== 'Success')).toHaveLength(2);
  });

  it('keeps the scanner\'s hostile user agents verbatim, as text, on failed sign-ins', () => {
    const ua = col(si, 'User agent');
    for (const hostile of ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>{{7*7}}']) {
      const rows = si.rows.filter((r) => r[ua] === hostile);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.[col(si, 'Status')]).toBe('Failure');
      expect(rows[0]?.[col(si, 'Sign-in error code')]).toBe(50126);
    }
  });

  it('contains the traps: a password spray, a traveller with MFA, a daily CLI developer', () => {
    const ip = col(si, 'IP address');
    const spray = si.rows.filter((r) => text(r, ip).startsWith('45.155.205.'));
    expect(new Set(spray.map((r) => r[ip]))).toEqual(new Set(['45.155.205.30', '45.155.205.31', '45.155.205.32']));
    expect(spray.every((r) => r[col(si, 'Sign-in error code')] === 50126 && r[col(si, 'Status')] === 'Failure')).toBe(true);
    expect(new Set(spray.map((r) => r[col(si, 'Username')])).size).toBeGreaterThanOrEqual(10);

    const abroad = si.rows.filter((r) => r[col(si, 'Location')] === 'London, England, GB');
    expect(new Set(abroad.map((r) => r[col(si, 'Username')]))).toEqual(new Set(['isabellah@bank.onmicrosoft.com']));
    expect(abroad.every((r) => r[col(si, 'Status')] === 'Success' && r[col(si, 'Conditional Access')] === 'Success')).toBe(true);
    expect(abroad.some((r) => r[col(si, 'Multifactor authentication result')] === 'MFA successfully completed')).toBe(true);

    const cli = si.rows.filter((r) => r[col(si, 'Application ID ')] === CLI_APP && r[ip] !== ATTACKER);
    expect(new Set(cli.map((r) => r[col(si, 'Username')]))).toEqual(new Set(['gracec@bank.onmicrosoft.com']));
    expect(new Set(cli.map((r) => (r[0] instanceof Date ? r[0].toISOString().slice(0, 10) : ''))).size).toBe(7);
  });
});

describe('Azure_KV_Logs.xlsx', () => {
  it('has the AzureDiagnostics columns of the seed export and Log Analytics time text', async () => {
    expect(kv.headers).toEqual((await readSheet(join(SEED_CASE, 'Azure_KV_Logs.xlsx'))).headers);
    const t = col(kv, 'TimeGenerated [UTC]');
    expect(kv.rows.every((r) => typeof r[t] === 'string' && LA_TIME.test(text(r, t)))).toBe(true);
    const ms = kv.rows.map((r) => laToMs(text(r, t)));
    for (let i = 1; i < ms.length; i++) expect(ms[i]).toBeGreaterThanOrEqual(ms[i - 1] ?? -Infinity);
    expect(kv.rows.length).toBeGreaterThan(360);
    expect(kv.rows.length).toBeLessThan(450);
    const resourceIds = new Set(kv.rows.map((r) => r[col(kv, 'ResourceId')]));
    expect(resourceIds).toContain('/SUBSCRIPTIONS/ID12AZ1234-04BY-4E50-1E11-C00AE123D0BD/RESOURCEGROUPS/FINANCE/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/SALARY');
  });

  it('has exactly 14 Azure CLI rows from the attacker, all with the python SDK agent, in the enumeration order', () => {
    const rows = kv.rows.filter((r) => r[col(kv, 'CallerIPAddress')] === ATTACKER && r[col(kv, 'identity_claim_appid_g')] === CLI_APP);
    expect(rows).toHaveLength(14);
    expect(rows.every((r) => r[col(kv, 'clientInfo_s')] === PYTHON_SDK)).toBe(true);
    expect(rows.every((r) => r[col(kv, 'identity_claim_upn_s')] === 'miriamg@bank.onmicrosoft.com')).toBe(true);
    const ops = rows.map((r) => text(r, col(kv, 'OperationName')));
    const first = (op: string): number => ops.indexOf(op);
    const order = ['Authentication', 'KeyList', 'SecretList', 'KeyGet', 'SecretGet'].map(first);
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const uris = rows.map((r) => text(r, col(kv, 'requestUri_s')));
    expect(uris.some((u) => u.startsWith('https://salary.vault.azure.net/keys/Payroll'))).toBe(true);
    expect(uris.some((u) => u.startsWith('https://salary.vault.azure.net/secrets/Confidential'))).toBe(true);
  });

  it('has exactly one row with the PowerShell correlation id', () => {
    const rows = kv.rows.filter((r) => r[col(kv, 'CorrelationId')] === PS_CORRELATION);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row?.[col(kv, 'identity_claim_appid_g')]).toBe(PS_APP);
    expect(row?.[col(kv, 'requestUri_s')]).toBe('https://salary.vault.azure.net/keys?api-version=7.0');
    expect(row?.[col(kv, 'clientInfo_s')]).toBe(facts.ps_user_agent);
    expect(kv.rows.filter((r) => r[col(kv, 'identity_claim_appid_g')] === PS_APP)).toHaveLength(1);
  });

  it('contains a developer CLI trap on a DEV vault and a workload identity reading secrets all day', () => {
    const app = col(kv, 'identity_claim_appid_g');
    const dev = kv.rows.filter((r) => r[app] === CLI_APP && r[col(kv, 'CallerIPAddress')] !== ATTACKER);
    expect(new Set(dev.map((r) => r[col(kv, 'identity_claim_upn_s')]))).toEqual(new Set(['gracec@bank.onmicrosoft.com']));
    expect(dev.every((r) => r[col(kv, 'ResourceGroup')] !== 'FINANCE' && r[col(kv, 'CallerIPAddress')] === '198.51.100.11')).toBe(true);
    expect(new Set(dev.map((r) => text(r, 1).split(',')[0])).size).toBe(7);
    const known = new Set([CLI_APP, PS_APP, 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c']);
    const workload = kv.rows.filter((r) => !known.has(text(r, app)));
    expect(new Set(workload.map((r) => r[app])).size).toBe(1);
    expect(workload.length).toBeGreaterThan(300);
    expect(workload.every((r) => r[col(kv, 'identity_claim_upn_s')] === null && text(r, col(kv, 'CallerIPAddress')).startsWith('20.'))).toBe(true);
    expect(workload.every((r) => r[col(kv, 'OperationName')] === 'SecretGet')).toBe(true);
  });
});

describe('facts', () => {
  it('match the seed expected.json except for row counts and the sign-in instant', async () => {
    const seed: unknown = JSON.parse(await readFile(join(SEED_CASE, 'expected.json'), 'utf8'));
    if (typeof seed !== 'object' || seed === null) throw new Error('bad seed expected.json');
    expect(Object.keys(facts).sort()).toEqual(Object.keys(seed).sort());
    const strip = (o: object): Record<string, unknown> => {
      const { rows: _r, first_attack_time: _f, ...rest } = o as Record<string, unknown>;
      return rest;
    };
    expect(strip(facts)).toEqual(strip(seed));
  });

  it('are what the written files contain', async () => {
    expect(JSON.parse(await readFile(join(dirA, 'expected.json'), 'utf8'))).toEqual(facts);
    expect(facts.rows).toEqual({ 'Sign_In_Logs.xlsx': si.rows.length, 'Azure_KV_Logs.xlsx': kv.rows.length });
    const kvAttack = kv.rows.filter((r) => r[col(kv, 'CallerIPAddress')] === facts.alert_ip);
    const siAttack = si.rows.filter((r) => r[col(si, 'IP address')] === facts.alert_ip);
    expect(facts.attack_kv_rows).toBe(kvAttack.length);
    expect(facts.attack_signin_rows).toBe(siAttack.length);
    expect(facts.cli_operations).toBe(kvAttack.filter((r) => r[col(kv, 'identity_claim_appid_g')] === facts.cli_app_id).length);
    expect(new Set(kvAttack.map((r) => r[col(kv, 'Resource')]))).toEqual(new Set(facts.vaults));
    const times = [
      ...kvAttack.map((r) => laToMs(text(r, col(kv, 'TimeGenerated [UTC]')))),
      ...siAttack.map((r) => (r[0] instanceof Date ? r[0].getTime() : NaN)),
    ];
    expect(facts.first_attack_time).toBe(new Date(Math.min(...times)).toISOString());
    expect(facts.last_attack_time).toBe(new Date(Math.max(...times)).toISOString());
    expect(si.rows.find((r) => r[col(si, 'IP address')] === facts.alert_ip)?.[col(si, 'User ID')]).toBe(facts.user_object_id);
  });

  it('hold for any seed (the scenario is structural, not luck of one seed)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const { signIns, keyVault } = buildDemoTables(seed, 'xlsx');
        const f = computeFacts(signIns, keyVault);
        expect(f.cli_operations).toBe(14);
        expect(f.attack_kv_rows).toBe(15);
        expect(f.attack_signin_rows).toBe(2);
        expect(f.account).toBe('Miriam Graham');
        expect(f.benign_traps).toEqual({
          cli_user: 'gracec@bank.onmicrosoft.com',
          traveller: 'isabellah@bank.onmicrosoft.com',
          spray_ips: '45.155.205.30-32',
        });
        expect(signIns.rows.length).toBeGreaterThan(780);
        expect(signIns.rows.length).toBeLessThan(960);
        expect(keyVault.rows.length).toBeGreaterThan(340);
        expect(keyVault.rows.length).toBeLessThan(470);
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

describe('determinism and CSV', () => {
  it('writes byte-identical files on two runs, and different bytes for another seed', async () => {
    const names = (await readdir(dirA)).sort();
    expect(names).toEqual(['Azure_KV_Logs.xlsx', 'Sign_In_Logs.xlsx', 'expected.json']);
    for (const name of names) expect(await sha(join(dirB, name))).toBe(await sha(join(dirA, name)));
    expect(await readSheet(join(dirB, 'Sign_In_Logs.xlsx'))).toEqual(si);
    const other = await mkdtemp(join(tmpdir(), 'loupe-demo-seed-'));
    try {
      await writeDemo(other, { seed: 7 });
      expect(await sha(join(other, 'Sign_In_Logs.xlsx'))).not.toBe(await sha(join(dirA, 'Sign_In_Logs.xlsx')));
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('writes the portal CSV fully quoted and the Log Analytics CSV with BOM and CRLF, same content as xlsx', async () => {
    const portal = await readFile(join(dirCsv, 'Sign_In_Logs.csv'), 'utf8');
    const reference = await readFile(join(SHARED, 'docs/azure-headers/entra_portal_signins_header_2025-01_to_2026.csv'), 'utf8');
    expect(portal.startsWith(reference)).toBe(true);
    const portalRows = Papa.parse<string[]>(portal, { skipEmptyLines: true }).data;
    expect(portalRows).toHaveLength(si.rows.length + 1);
    for (const line of portal.split('\r\n').filter(Boolean)) expect(line).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/);
    expect(portalRows[1]?.[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const asText = (v: Value): string => (v instanceof Date ? `${v.toISOString().slice(0, 19)}Z` : v === null ? '' : String(v));
    expect(portalRows.slice(1)).toEqual(si.rows.map((r) => r.map(asText)));

    const la = await readFile(join(dirCsv, 'Azure_KV_Logs.csv'), 'utf8');
    expect(la.charCodeAt(0)).toBe(0xfeff);
    expect(la.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const laRows = Papa.parse<string[]>(la.slice(1), { skipEmptyLines: true }).data;
    expect(laRows[0]).toEqual(kv.headers);
    expect(laRows.slice(1)).toEqual(kv.rows.map((r) => r.map(asText)));
    expect(JSON.parse(await readFile(join(dirCsv, 'expected.json'), 'utf8')).files).toEqual(['Sign_In_Logs.csv', 'Azure_KV_Logs.csv']);
  });
});
