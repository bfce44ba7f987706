// Builds the sample case once for the browser tests: `loupe demo` output imported through the CLI.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const E2E_DIR = resolve(__dirname, '../../../test-results/e2e-cases');
export const TEMPLATE_CASE = join(E2E_DIR, 'template.loupe');

export default function globalSetup(): void {
  rmSync(E2E_DIR, { recursive: true, force: true });
  mkdirSync(E2E_DIR, { recursive: true });
  const cli = resolve(__dirname, '../../../out/cli/loupe.cjs');
  const exportsDir = join(E2E_DIR, 'exports');
  execFileSync('node', [cli, 'demo', exportsDir], { stdio: 'pipe' });
  const files = readdirSync(exportsDir).filter((f) => f.endsWith('.xlsx')).map((f) => join(exportsDir, f));
  execFileSync('node', [cli, 'import', TEMPLATE_CASE, ...files], { stdio: 'pipe' });
}
