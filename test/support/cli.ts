// Runs the bundled `loupe` CLI (building it first if needed) and parses its --json output.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const SHARED = resolve(ROOT, '../shared');
export const SEED_DIR = resolve(SHARED, 'fixtures/seed-case');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function loupe(...args: string[]): CliResult {
  const r = spawnSync('node', [resolve(ROOT, 'bin/loupe.mjs'), ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 512 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function loupeJson<T = unknown>(...args: string[]): T {
  const r = loupe(...args, '--json');
  if (r.code !== 0) throw new Error(`loupe ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export type Row = Record<string, unknown>;

/** A row's value by header, matched like the outside checks do (case and whitespace insensitive). */
export function field(row: Row, name: string): unknown {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const want = norm(name);
  const key = Object.keys(row).find((k) => norm(k) === want) ?? Object.keys(row).find((k) => norm(k).startsWith(want));
  return key === undefined ? undefined : row[key];
}
