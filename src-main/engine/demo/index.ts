// `loupe demo DIR`: writes the sample case (the seed scenario) and the facts an investigator must find.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { computeFacts, type DemoFacts, type DemoTable } from './facts';
import { generateKeyVault } from './keyvault';
import { KV_HEADERS, kvCells } from './keyvault-columns';
import { createRng } from './prng';
import { buildRoster } from './roster';
import { SIGNIN_HEADERS, signInCells } from './signin-columns';
import { generateSignIns } from './signins';
import { writeCsv } from './write-csv';
import { writeXlsx } from './write-xlsx';

export type { DemoFacts } from './facts';

export interface DemoOptions {
  /** PRNG seed; the default is fixed, so the output is byte-identical run to run. */
  seed?: number;
  format?: 'xlsx' | 'csv';
}

export const DEFAULT_DEMO_SEED = 20231026;
export const EXPECTED_FILE = 'expected.json';

/** Builds both tables in memory (deterministic for a given seed). */
export function buildDemoTables(seed: number, format: 'xlsx' | 'csv'): { signIns: DemoTable; keyVault: DemoTable } {
  const rng = createRng(seed);
  const roster = buildRoster(rng);
  const plan = generateSignIns(rng, roster);
  const kvRecords = generateKeyVault(rng, roster, plan.devCliSignIns);
  return {
    signIns: {
      file: `Sign_In_Logs.${format}`,
      headers: SIGNIN_HEADERS,
      rows: plan.records.map((r) => ({ utcMs: r.utcMs, cells: signInCells(r) })),
    },
    keyVault: {
      file: `Azure_KV_Logs.${format}`,
      headers: KV_HEADERS,
      rows: kvRecords.map((r) => ({ utcMs: r.utcMs, cells: kvCells(r) })),
    },
  };
}

export async function writeDemo(dir: string, opts: DemoOptions = {}): Promise<{ files: string[]; facts: DemoFacts }> {
  const format = opts.format ?? 'xlsx';
  const { signIns, keyVault } = buildDemoTables(opts.seed ?? DEFAULT_DEMO_SEED, format);
  const facts = computeFacts(signIns, keyVault);
  await mkdir(dir, { recursive: true });
  if (format === 'xlsx') {
    await writeXlsx(join(dir, signIns.file), 'InteractiveSignIns', signIns);
    await writeXlsx(join(dir, keyVault.file), 'KeyVaultLogs', keyVault);
  } else {
    await writeCsv(join(dir, signIns.file), signIns, 'portal');
    await writeCsv(join(dir, keyVault.file), keyVault, 'log-analytics');
  }
  await writeFile(join(dir, EXPECTED_FILE), `${JSON.stringify(facts, null, 2)}\n`, 'utf8');
  return { files: [signIns.file, keyVault.file, EXPECTED_FILE].map((f) => join(dir, f)), facts };
}
