// Shared helpers for the backup and WAL tests: a generated sign-in CSV, a case with one imported source, the CLI captured.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../../src-main/cli/index';
import { Engine } from '../../../src-main/engine/engine';

export function writeCsv(dir: string, rows: number, name = 'signins.csv'): string {
  const lines = ['TimeGenerated [UTC],OperationName,IP address,User,Detail'];
  for (let i = 0; i < rows; i++) {
    lines.push(`2023-10-26T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z,Op${i % 13},10.1.${i % 250}.${i % 200},user${i % 997}@contoso.com,detail text ${i} ${'x'.repeat(i % 40)}`);
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** A case with one imported source of `rows` rows (full-text built, WAL checkpointed by close when asked). */
export async function caseWithRows(dir: string, rows: number, opts: { deferFullText?: boolean } = {}): Promise<Engine> {
  const engine = new Engine(join(dir, 'case.loupe'), { create: true });
  const [s] = await engine.importFiles([writeCsv(dir, rows)], { deferFullText: Boolean(opts.deferFullText) });
  if (!s?.ok) throw new Error(`import failed: ${s?.error}`);
  return engine;
}

/** Runs the CLI in-process with stdout and stderr captured. */
export async function captureCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    return { code: await main(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
