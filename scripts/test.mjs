// `npm test`: everything that can run on this machine, in order, stopping at the first failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './chromium.mjs';

// Test counts from the runners' JSON reports, for one closing line over every stage.
const reports = mkdtempSync(join(tmpdir(), 'loupe-test-reports-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let reportNo = 0;
const nextReport = () => join(reports, `r${++reportNo}.json`);

function countVitest(file) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
}

function closingLine() {
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
}

const TZ_MATRIX = ['America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'];

function step(title, cmd, args, env = {}, after = () => {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  after();
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (${secs} s)`);
    closingLine();
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${title} (${secs} s)`);
}

const only = process.argv[2];
const want = (name) => !only || only === name;

if (want('static')) {
  step('type check (engine, CLI, app shell, tests)', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']);
  step('type check (renderer)', 'npx', ['vue-tsc', '-p', 'tsconfig.web.json', '--noEmit']);
  step('lint', 'npx', ['eslint', '.']);
}
if (want('build') || want('e2e')) {
  step('build (engine bundle + electron-vite)', 'npm', ['run', '-s', 'build']);
}
if (want('unit')) {
  const vitest = (title, args, env) => {
    const out = nextReport();
    step(title, 'npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env, () => countVitest(out));
  };
  vitest('unit and integration tests (TZ=UTC)', [], { TZ: 'UTC' });
  for (const tz of TZ_MATRIX) {
    vitest(`time-sensitive tests under TZ=${tz}`, ['test/unit/time', 'test/unit/readers', 'test/unit/profiles', 'test/unit/demo'], { TZ: tz });
  }
}
if (want('e2e')) {
  const chromium = ensureChromium();
  const out = nextReport();
  step('browser end-to-end tests (Playwright, browser mode)', 'npx', ['playwright', 'test', '--reporter=list,json'], { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: out }, () => countPlaywright(out));
  step('Electron end-to-end tests', 'node', ['scripts/test-electron.mjs']);
}
if (want('static')) {
  step('electronegativity (Electron security scan)', 'node', ['scripts/electronegativity.mjs', '--sarif', 'test-results/electronegativity.sarif']);
  step('dependency audit (npm audit, production dependencies)', 'node', ['scripts/audit.mjs']);
}
console.log('\nAll test stages passed.');
closingLine();
