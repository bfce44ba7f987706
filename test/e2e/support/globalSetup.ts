// Builds the sample case once per Playwright run (`loupe demo` output imported through the CLI), in a folder of its own.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Outside test-results/: Playwright empties its output folder at the start of every run.
const RESULTS = join(tmpdir(), 'loupe-e2e');

// Set by globalSetup and inherited by the test workers, so concurrent runs never share (or delete) each other's cases.
export const E2E_DIR = process.env['LOUPE_E2E_DIR'] ?? join(RESULTS, 'e2e-cases');
// The case's name comes from its file name; it shows in the app and in the README's screenshots.
export const TEMPLATE_CASE = join(E2E_DIR, 'Unusual Key Vault access.loupe');

export default function globalSetup(): void {
  mkdirSync(RESULTS, { recursive: true });
  const dir = mkdtempSync(join(RESULTS, 'e2e-cases-'));
  process.env['LOUPE_E2E_DIR'] = dir;
  const cli = resolve(__dirname, '../../../out/cli/loupe.cjs');
  const exportsDir = join(dir, 'exports');
  execFileSync('node', [cli, 'demo', exportsDir], { stdio: 'pipe' });
  const files = readdirSync(exportsDir).filter((f) => f.endsWith('.xlsx')).map((f) => join(exportsDir, f));
  execFileSync('node', [cli, 'import', join(dir, 'Unusual Key Vault access.loupe'), ...files], { stdio: 'pipe' });
}

/** The facts `loupe demo` wrote for this run's sample case (read inside tests, after globalSetup ran). */
export function demoFacts(): Record<string, string | number> {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  return JSON.parse(readFileSync(join(process.env['LOUPE_E2E_DIR'] ?? E2E_DIR, 'exports/expected.json'), 'utf8')) as Record<string, string | number>;
}
