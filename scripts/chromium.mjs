// Finds a Chromium for the browser tests (Playwright's own, or the system's) and, if there is none, gets one.
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function playwrightChromium() {
  try {
    const { chromium } = require('playwright-core');
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function systemChromium() {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium']) {
    if (existsSync(p)) return p;
  }
  return null;
}

export function findChromium() {
  const env = process.env.CHROMIUM_PATH;
  if (env && existsSync(env)) return env;
  return playwrightChromium() ?? systemChromium();
}

/** Returns a Chromium path, installing one when needed: Playwright's download, else Debian's package as root. */
export function ensureChromium(log = console.log) {
  let found = findChromium();
  if (found) return found;
  log('No Chromium found; trying Playwright\'s download (needs internet)…');
  spawnSync('npx', ['--no-install', 'playwright', 'install', 'chromium'], { stdio: 'inherit', timeout: 600_000 });
  found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    log('Installing Debian\'s chromium package…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    found = findChromium();
    if (found) return found;
  }
  throw new Error('no Chromium for the browser tests: install one (apt-get install chromium) or set CHROMIUM_PATH');
}

if (process.argv[1] && process.argv[1].endsWith('chromium.mjs')) {
  console.log(ensureChromium());
}
