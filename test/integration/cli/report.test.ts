// Issue 6 via the CLI: bookmark the seed's attack rows, group them in findings, export Markdown and PDF, render the PDF.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loupe, loupeJson, SEED_DIR, type Row } from '../../support/cli';
import { expectedReportValues, EXPECTED_TECHNIQUES, sectionOf, unescapeMarkdown } from '../../support/reportExpectations';

const truth = JSON.parse(readFileSync(join(SEED_DIR, 'expected.json'), 'utf8')) as Record<string, unknown> & { files: string[] };
let dir: string;
let casePath: string;
let md: string;
let pdfPath: string;

function bookmark(source: string, row: unknown, techniques: string[], note: string): number {
  const args = ['bookmark', casePath, '--source', source, '--row', String(row), '--note', note, '--tag', 'attacker', '--severity', 'high'];
  for (const t of techniques) args.push('--technique', t);
  return loupeJson<{ id: number }>(...args).id;
}

function finding(title: string, phase: string, ids: number[], techniques: string[]): void {
  const args = ['finding', casePath, '--title', title, '--phase', phase];
  for (const id of ids) args.push('--bookmark', String(id));
  for (const t of techniques) args.push('--technique', t);
  const r = loupe(...args);
  expect(r.code, r.stderr).toBe(0);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-report-'));
  casePath = join(dir, 'seed.loupe');
  loupeJson('import', casePath, ...truth.files.map((f) => join(SEED_DIR, f)));
  const ip = String(truth['alert_ip']);
  const signIns = loupeJson<{ rows: Row[] }>('query', casePath, '--source', 'Sign_In_Logs', '--where', `[IP address] = '${ip}'`).rows;
  const vault = loupeJson<{ rows: Row[] }>('query', casePath, '--source', 'Azure_KV_Logs', '--where', `[CallerIPAddress] = '${ip}'`, '--limit', '1000').rows;
  expect(signIns).toHaveLength(truth['attack_signin_rows'] as number);
  expect(vault).toHaveLength(truth['attack_kv_rows'] as number);

  const signInIds = signIns.map((r) => bookmark('Sign_In_Logs', r['_row'], ['T1528'], 'Sign-in with a stolen primary refresh token'));
  const vaultIds = vault.map((r) => bookmark('Azure_KV_Logs', r['_row'], ['T1530', 'T1552.001'], 'Key Vault access from the attacker IP'));
  finding('Sign-in from the suspicious IP with a PRT', 'Initial Access', signInIds, ['T1528']);
  finding('Key and secret enumeration in SALARY and AUDITS', 'Secret Enumeration', vaultIds, ['T1530']);
  finding('Payroll key and Confidential secret retrieved', 'Data Access', vaultIds, ['T1552.001']);

  const details = loupe('details', casePath, '--name', 'Unusual Key Vault access', '--analyst', 'A. Analyst', '--summary', 'Attacker used a stolen PRT.');
  expect(details.code, details.stderr).toBe(0);

  const mdPath = join(dir, 'report.md');
  pdfPath = join(dir, 'report.pdf');
  for (const [format, out] of [['md', mdPath], ['pdf', pdfPath]] as const) {
    const r = loupe('report', casePath, '--format', format, '--out', out);
    expect(r.code, r.stderr).toBe(0);
  }
  md = readFileSync(mdPath, 'utf8');
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report via the CLI on the seed case', () => {
  it('lists every value of the write-up IOC table, defanged, in the IOC section', () => {
    const iocs = unescapeMarkdown(sectionOf(md, 'Indicators of compromise'));
    for (const value of expectedReportValues(truth)) expect(iocs, value).toContain(value);
    expect(iocs).not.toContain('201.231.8.199');
    expect(iocs).not.toContain('bank.onmicrosoft.com');
  });

  it('lists T1528, T1530 and T1552.001 with their names in the ATT&CK section', () => {
    const attack = sectionOf(md, 'MITRE ATT&CK');
    for (const [id, name] of EXPECTED_TECHNIQUES) expect(attack).toMatch(new RegExp(`\\| ${id.replace('.', '\\.')} \\| ${name} \\|`));
  });

  it('shows the case details and the findings with their phases', () => {
    expect(md.startsWith('# Unusual Key Vault access')).toBe(true);
    expect(md).toContain('Attacker used a stolen PRT.');
    const findings = sectionOf(md, 'Findings');
    for (const phase of ['Initial Access', 'Secret Enumeration', 'Data Access']) expect(findings).toContain(`| ${phase} |`);
  });

  it('writes a PDF that pdftoppm renders page by page', () => {
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = Number(/\/Type\s*\/Pages[^>]*\/Count\s+(\d+)/.exec(pdf.toString('latin1'))?.[1] ?? '0');
    expect(pages).toBeGreaterThan(1);
    const png = join(dir, 'png');
    execFileSync('mkdir', ['-p', png]);
    execFileSync('pdftoppm', ['-png', '-r', '50', pdfPath, join(png, 'page')]);
    const files = readdirSync(png).filter((f) => f.endsWith('.png'));
    expect(files).toHaveLength(pages);
    for (const f of files) expect(statSync(join(png, f)).size).toBeGreaterThan(5_000);
  });
});
