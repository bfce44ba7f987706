// Test helper: a fresh case holding the two seed-case workbooks, imported through the real engine.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Engine } from '../../../src-main/engine/engine';

export const SEED_DIR = resolve(__dirname, '../../../../shared/fixtures/seed-case');

export interface SeedExpected {
  rows: Record<string, number>;
  alert_ip: string;
  account: string;
  upn: string;
  cli_app_id: string;
  cli_operations: number;
  ps_correlation_id: string;
}

export function seedExpected(): SeedExpected {
  return JSON.parse(readFileSync(join(SEED_DIR, 'expected.json'), 'utf8')) as SeedExpected;
}

export interface SeedCase {
  engine: Engine;
  signins: number;
  keyvault: number;
  dispose(): void;
}

export async function openSeedCase(): Promise<SeedCase> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-explore-'));
  const engine = new Engine(join(dir, 'seed.loupe'), { create: true });
  const summaries = await engine.importFiles([join(SEED_DIR, 'Sign_In_Logs.xlsx'), join(SEED_DIR, 'Azure_KV_Logs.xlsx')]);
  const failed = summaries.filter((s) => !s.ok);
  if (failed.length) throw new Error(`seed import failed: ${JSON.stringify(failed)}`);
  const idOf = (prefix: string): number => {
    const s = summaries.flatMap((x) => x.sources).find((src) => src.name.startsWith(prefix));
    if (!s) throw new Error(`no source named ${prefix}`);
    return s.id;
  };
  return {
    engine,
    signins: idOf('Sign_In_Logs.xlsx'),
    keyvault: idOf('Azure_KV_Logs.xlsx'),
    dispose() {
      engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
