// The seed investigation through the CLI contract on the reconstructed exports (issue 2's "done when").
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { field, loupe, loupeJson, SEED_DIR, type Row } from '../../support/cli';

const truth = JSON.parse(readFileSync(join(SEED_DIR, 'expected.json'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  rows: Record<string, number>;
};
let dir: string;
let casePath: string;
let si: string;
let kv: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-seed-'));
  casePath = join(dir, 'seed.loupe');
  const imported = loupeJson<{ imported: { id: number; name: string; rows: number; sha256: string }[] }>(
    'import', casePath, ...truth.files.map((f) => join(SEED_DIR, f)),
  );
  expect(imported.imported).toHaveLength(2);
  const sources = loupeJson<{ id: number; name: string }[]>('sources', casePath);
  si = String(sources.find((s) => s.name.startsWith('Sign_In_Logs'))!.id);
  kv = String(sources.find((s) => s.name.startsWith('Azure_KV_Logs'))!.id);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = (doc: { rows: Row[] }) => doc.rows;

describe('seed walk via the CLI', () => {
  it('imports every row of both exports, with hashes', () => {
    const sources = loupeJson<{ name: string; rows: number; sha256: string; size: number }[]>('sources', casePath);
    for (const f of truth.files) {
      const s = sources.find((x) => x.name.startsWith(f))!;
      expect(s.rows).toBe(truth.rows[f]);
      expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(s.size).toBe(statSync(join(SEED_DIR, f)).size);
    }
    // --source takes the id or the file name with or without extension
    expect(rows(loupeJson('query', casePath, '--source', 'Sign_In_Logs', '--limit', '100000'))).toHaveLength(truth.rows['Sign_In_Logs.xlsx']!);
    expect(rows(loupeJson('query', casePath, '--source', 'Azure_KV_Logs.xlsx', '--limit', '100000'))).toHaveLength(truth.rows['Azure_KV_Logs.xlsx']!);
  });

  it('attributes the alert IP to the compromised account and its token type', () => {
    const r = rows(loupeJson('query', casePath, '--source', si, '--where', `[IP address] = '${truth['alert_ip']}'`));
    expect(r.length).toBe(truth['attack_signin_rows']);
    for (const row of r) {
      expect(field(row, 'User')).toBe(truth['account']);
      expect(field(row, 'Incoming token type')).toBe(truth['token_type']);
    }
  });

  it('finds the 14 Azure CLI operations with the python SDK agent', () => {
    const q = `[identity_claim_appid_g] = '${truth['cli_app_id']}' and [CallerIPAddress] = '${truth['alert_ip']}'`;
    const r = rows(loupeJson('query', casePath, '--source', kv, '--where', q));
    expect(r).toHaveLength(truth['cli_operations'] as number);
    for (const row of r) expect(field(row, 'clientInfo_s')).toBe(truth['cli_user_agent']);
  });

  it('bookmarks the PowerShell row found by correlation id and reports it', () => {
    const r = rows(loupeJson('query', casePath, '--source', kv, '--where', `[CorrelationId] = '${truth['ps_correlation_id']}'`));
    expect(r).toHaveLength(1);
    expect(field(r[0]!, 'requestUri_s')).toBe(truth['ps_request_uri']);
    const note = 'PowerShell key listing from the attacker IP';
    const b = loupe('bookmark', casePath, '--source', kv, '--row', String(r[0]!['_row']), '--note', note, '--technique', 'T1552.001');
    expect(b.code, b.stderr).toBe(0);
    const out = join(dir, 'report.md');
    const rep = loupe('report', casePath, '--format', 'md', '--out', out);
    expect(rep.code, rep.stderr).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain(note);
    expect(md).toContain('keys?api-version=7.0');
    expect(md).toContain('T1552.001');
  });

  it('follows the IP across both sources with pivot, in time order', () => {
    const doc = loupeJson<{ groups: { source: string; rows: Row[] }[] }>('pivot', casePath, truth['alert_ip'] as string);
    expect(doc.groups.map((g) => g.source.split('#')[0]).sort()).toEqual(['Azure_KV_Logs.xlsx', 'Sign_In_Logs.xlsx']);
    for (const g of doc.groups) {
      const times = g.rows.map((r) => String(r['@time']));
      expect([...times].sort()).toEqual(times);
    }
  });

  it('stacks a column most-frequent first', () => {
    const s = loupeJson<{ value: string; count: number }[]>('stack', casePath, '--source', kv, '--column', 'OperationName');
    expect(s.length).toBeGreaterThan(2);
    for (let i = 1; i < s.length; i++) expect(s[i - 1]!.count).toBeGreaterThanOrEqual(s[i]!.count);
  });

  it('gives usage and input errors exit code 2 with one line on stderr', () => {
    const bad = loupe('query', casePath, '--source', kv, '--where', "[CorrelationId] = ");
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(loupe('query', casePath, '--bogus').code).toBe(2);
    expect(loupe('nonsense').code).toBe(2);
    expect(loupe('query', join(dir, 'missing.loupe')).code).toBe(2);
  });
});
