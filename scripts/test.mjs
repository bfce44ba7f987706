// `npm test`: everything that can run on this machine, in order, stopping at the first failure.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './chromium.mjs';

const TZ_MATRIX = ['America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'];

function step(title, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (${secs} s)`);
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
  step('unit and integration tests (TZ=UTC)', 'npx', ['vitest', 'run'], { TZ: 'UTC' });
  for (const tz of TZ_MATRIX) {
    step(`time-sensitive tests under TZ=${tz}`, 'npx', ['vitest', 'run', 'test/unit/time', 'test/unit/readers', 'test/unit/profiles', 'test/unit/demo'], { TZ: tz });
  }
}
if (want('e2e')) {
  const chromium = ensureChromium();
  step('browser end-to-end tests (Playwright, browser mode)', 'npx', ['playwright', 'test'], { CHROMIUM_PATH: chromium });
  step('Electron end-to-end tests', 'node', ['scripts/test-electron.mjs']);
}
if (want('static')) {
  step('electronegativity (Electron security scan)', 'node', ['scripts/electronegativity.mjs']);
}
console.log('\nAll test stages passed.');
