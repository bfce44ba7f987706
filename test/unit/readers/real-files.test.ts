// The readers on real public exports and on the seed-case workbooks: logical row counts, headers, cell text.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInputs } from '../../../src-main/engine/importers/readers';
import { SHARED_FIXTURES, readAll, readOne } from './helpers';

const REAL = join(SHARED_FIXTURES, 'real');
const SEED = join(SHARED_FIXTURES, 'seed-case');
const expectedRows: Record<string, number> = {
  ...(JSON.parse(readFileSync(join(REAL, 'expected_rows.json'), 'utf8')) as Record<string, number>),
  'sign-in_adelete.csv': 56,
  'office_activity.csv': 266,
  'AuditLogs_Hunting.csv': 5,
  'keyvault-auditevent-example.json': 1,
  'graph-signins-beta-example.json': 1,
};

describe('real exports', () => {
  const files = readdirSync(REAL).filter((f) => /\.(csv|json)$/.test(f) && f !== 'expected_rows.json');
  it('covers every real data file', () => {
    expect(files.sort()).toEqual(Object.keys(expectedRows).sort());
  });
  for (const f of files) {
    it(`${f} has ${expectedRows[f]} logical rows`, async () => {
      const [input] = await expandInputs(join(REAL, f));
      const t = await readOne(input!);
      expect(t.rows.length).toBe(expectedRows[f]);
      expect(input!.kind).toBe(f.endsWith('.json') ? 'json' : 'csv');
      for (const r of t.rows) expect(r.cells.length).toBe(t.headers.length);
    });
  }

  it('sign-in_adelete.csv: BOM, CRLF, 71 columns, multi-line JSON cells, physical line numbers', async () => {
    const [input] = await expandInputs(join(REAL, 'sign-in_adelete.csv'));
    const t = await readOne(input!);
    expect(t.meta).toMatchObject({ encoding: 'utf-8', bom: 'utf-8', delimiter: ',' });
    expect(t.headers).toHaveLength(71);
    expect(t.headers[0]).toBe('TenantId');
    expect(t.headers).toContain('CreatedDateTime [UTC]');
    expect(t.rows[0]!.row).toBe(2);
    const authCol = t.headers.indexOf('AuthenticationDetails');
    const multi = t.rows.find((r) => (r.cells[authCol] ?? '').includes('\n'));
    expect(multi).toBeDefined();
    // Rows start on increasing physical lines, and multi-line cells push later rows further down.
    const lines = t.rows.map((r) => r.row);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    const text = readFileSync(join(REAL, 'sign-in_adelete.csv'), 'utf8');
    expect(lines[lines.length - 1]!).toBeGreaterThan(57);
    expect(lines[lines.length - 1]!).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length);
    expect(t.warnings).toEqual([]);
  });

  it('graph sign-ins JSON: {"value":[…]} envelope, dot paths, arrays as JSON text, duplicate keys warned', async () => {
    const [input] = await expandInputs(join(REAL, 'graph-signins-beta-example.json'));
    const t = await readOne(input!);
    expect(t.meta.jsonShape).toBe('value');
    expect(t.headers).not.toContain('@odata.context');
    expect(t.headers).toContain('status.errorCode');
    const row = t.rows[0]!;
    const cell = (h: string): string | null | undefined => row.cells[t.headers.indexOf(h)];
    expect(cell('location.city')).toBe('Redmond');
    expect(cell('location.geoCoordinates')).toBe('{}');
    expect(cell('appliedConditionalAccessPolicies')).toBe('[]');
    expect(cell('networkLocationDetails')).toBe('[{"networkType":"namedNetwork","networkNames":["North America"]}]');
    expect(cell('deviceDetail.isCompliant')).toBe('false');
    expect(t.warnings.map((w) => w.message).sort()).toEqual(
      ['homeTenantId', 'isTenantRestricted', 'uniqueTokenIdentifier'].map((k) => `duplicate key "${k}"; the last value is kept`),
    );
    expect(row.raw?.trimStart().startsWith('{')).toBe(true);
    expect(row.cells[t.headers.indexOf('createdDateTime')]).toBe('2021-06-30T16:34:32Z');
  });

  it('key vault JSON: {"records":[…]} with identity.claim paths', async () => {
    const [input] = await expandInputs(join(REAL, 'keyvault-auditevent-example.json'));
    const t = await readOne(input!);
    expect(t.meta.jsonShape).toBe('records');
    expect(t.headers.some((h) => h.startsWith('identity.claim.'))).toBe(true);
  });

  it('AADAuditEvents.json is JSON Lines', async () => {
    const [input] = await expandInputs(join(REAL, 'AADAuditEvents.json'));
    const t = await readOne(input!);
    expect(t.meta.jsonShape).toBe('lines');
    expect(t.rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
  });
});

describe('seed-case workbooks', () => {
  it('Sign_In_Logs.xlsx: 872 rows, 57 original headers, Date (UTC) as ISO UTC text', async () => {
    const [input] = await expandInputs(join(SEED, 'Sign_In_Logs.xlsx'));
    expect(input!.kind).toBe('xlsx');
    const tables = await readAll(input!);
    expect(tables).toHaveLength(1);
    const t = tables[0]!;
    expect(t.name.startsWith('Sign_In_Logs.xlsx#')).toBe(true);
    expect(t.rows).toHaveLength(872);
    expect(t.headers).toHaveLength(57);
    expect(t.headers.filter((h) => h === 'Incoming token type')).toHaveLength(2);
    expect(t.headers).toContain('Application ID ');
    expect(t.headers).toContain('Autonomous system  number');
    expect(t.meta.dateSystem).toBe('1900');
    const dateCol = t.headers.indexOf('Date (UTC)');
    for (const r of t.rows) expect(r.cells[dateCol]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const cells = t.rows.flatMap((r) => r.cells);
    expect(cells).toContain('2023-10-26T14:07:56.736Z');
    expect(t.rows[0]!.row).toBe(2);
  });

  it('Azure_KV_Logs.xlsx: 402 rows, TimeGenerated [UTC] kept as the original text', async () => {
    const [input] = await expandInputs(join(SEED, 'Azure_KV_Logs.xlsx'));
    const t = await readOne(input!);
    expect(t.rows).toHaveLength(402);
    const col = t.headers.indexOf('TimeGenerated [UTC]');
    expect(col).toBeGreaterThanOrEqual(0);
    expect(t.rows[0]!.cells[col]).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d\d:\d\d(\.\d+)? [AP]M$/);
  });
});
