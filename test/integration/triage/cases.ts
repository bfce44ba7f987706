// Builds triage test cases: the seed fixtures, the built-in demo, and an "unseen" CSV variant with every scenario value changed.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Engine } from '../../../src-main/engine/engine';
import { writeDemo } from '../../../src-main/engine/demo';
import type { TriageFinding } from '../../../src-main/contract/api';
import { compileQueryText } from '../../../src-main/engine/explore/where';
import { timelineResolver } from '../../../src-main/engine/explore/resolver';

export const FIXTURES = resolve(__dirname, '../../../../shared/fixtures');

export async function openCase(files: string[]): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-triage-'));
  const e = new Engine(join(dir, 'case.loupe'), { create: true });
  const res = await e.importFiles(files);
  for (const r of res) if (!r.ok) throw new Error(`import failed: ${r.file}: ${r.error ?? ''}`);
  return e;
}

export function seedFiles(): string[] {
  return ['Sign_In_Logs.xlsx', 'Azure_KV_Logs.xlsx'].map((f) => join(FIXTURES, 'seed-case', f));
}

/** The scenario values the variant replaces, and what it replaces them with (order matters: longer first). */
export const VARIANT: readonly (readonly [string, string])[] = [
  ['Miriam Graham', 'Olaf Kowalski'],
  ['miriamg@', 'olaf.kowalski@'],
  ['21ab94a6-9c90-4266-8e59-3147507f46fe', '7f3c2b10-5e4d-4a9b-8c1e-2d6f0a9b3c44'],
  ['bank.onmicrosoft.com', 'northwind-treasury.com'],
  ['039f1e32-ae79-4127-ae22-38a2f4baa932', 'b2d7c1a0-1111-4c2e-9f00-0a1b2c3d4e5f'],
  ['201.231.8.199', '91.243.44.17'],
  ['Buenos Aires, Buenos Aires, AR', 'Sofia, Sofia-Capital, BG'],
  ['salary.vault', 'treasury-prod.vault'],
  ['audits.vault', 'ledger-archive.vault'],
  ['SALARY', 'TREASURY-PROD'],
  ['AUDITS', 'LEDGER-ARCHIVE'],
  ['Payroll', 'SwiftSigningKey'],
  ['Confidential', 'SqlAdminPassword'],
  ['azsdk-python-keyvault-secrets/4.7.0 Python/3.11.5', 'azsdk-python-keyvault-secrets/4.8.0 Python/3.12.1'],
  ['Az.KeyVault/5.0.1', 'Az.KeyVault/6.1.0'],
];

export const VARIANT_TRUTH = {
  upn: 'olaf.kowalski@northwind-treasury.com',
  ip: '91.243.44.17',
  vaults: ['TREASURY-PROD', 'LEDGER-ARCHIVE'],
  key: 'SwiftSigningKey',
  secret: 'SqlAdminPassword',
};

export function rewrite(text: string): string {
  for (const [from, to] of VARIANT) text = text.split(from).join(to);
  return text;
}

/** Writes the demo as CSV, then rewrites every scenario value; `dropAttack` also removes the attacker's rows. */
export async function writeVariant(opts: { dropAttack?: boolean } = {}): Promise<{ files: string[]; cliUser: string; traveller: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-variant-'));
  const { facts } = await writeDemo(dir, { format: 'csv', seed: 77 });
  const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => join(dir, f));
  for (const f of files) {
    let text = readFileSync(f, 'utf8');
    text = rewrite(text);
    if (opts.dropAttack) text = text.split('\r\n').filter((line) => !line.includes(VARIANT_TRUTH.ip)).join('\r\n');
    writeFileSync(f, text, 'utf8');
  }
  return { files, cliUser: rewrite(facts.benign_traps.cli_user), traveller: rewrite(facts.benign_traps.traveller) };
}

export async function demoFiles(): Promise<{ files: string[]; facts: Awaited<ReturnType<typeof writeDemo>>['facts'] }> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-demo-'));
  const { files, facts } = await writeDemo(dir);
  return { files: files.filter((f) => !f.endsWith('.json')), facts };
}

const RANK = ['info', 'low', 'medium', 'high', 'critical'];
export const atLeast = (f: TriageFinding, s: string): boolean => RANK.indexOf(f.severity) >= RANK.indexOf(s);

/** Users a finding accuses (entities.user), lower-cased; spray targets are listed as targeted_user instead. */
export function accused(findings: TriageFinding[], floor = 'medium'): Set<string> {
  return new Set(findings.filter((f) => atLeast(f, floor)).flatMap((f) => f.entities['user'] ?? []).map((u) => u.toLowerCase()));
}

/** The (source, row) set a finding's query selects on the timeline, to compare with its rows. */
export function rowsOfQuery(e: Engine, query: string): Set<string> {
  const w = compileQueryText(query, timelineResolver());
  const rows = e.db.prepare(`SELECT e.source_id AS s, e.row AS r FROM events e WHERE ${w.sql}`).all(...w.params) as { s: number; r: number }[];
  return new Set(rows.map((x) => `${x.s}:${x.r}`));
}

export function byRule(findings: TriageFinding[], rule: string): TriageFinding[] {
  return findings.filter((f) => f.rule === rule);
}
