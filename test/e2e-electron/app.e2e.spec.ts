// Real Electron smoke test: window title, the exact window.loupe surface, no Node in the page, silent CSP.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { API_NAMES } from '../../src-main/contract/api';

const root = resolve(__dirname, '../..');

/** Path of the Electron binary, or null when the offline install has none (require('electron') throws then). */
function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(resolve(root, 'package.json'))('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
test.skip(binary === null, 'Electron e2e skipped: no Electron binary installed (node_modules/electron/dist missing; offline install)');

let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  // Launching the app folder runs package.json "main" = out/main/index.js (app.getAppPath() stays the repo root).
  app = await electron.launch({ executablePath: binary ?? undefined, args: [root], cwd: root });
  await app.context().addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page = await app.firstWindow();
  await page.reload();
  await page.waitForLoadState('load');
});

test.afterAll(async () => {
  await app?.close();
});

test('window shows Loupe from app://', async () => {
  await expect(page).toHaveTitle(/Loupe/);
  expect(page.url().startsWith('app://loupe/')).toBe(true);
});

test('window.loupe exposes exactly the contract calls plus on', async () => {
  const keys = await page.evaluate(() => Object.keys((window as unknown as { loupe: Record<string, unknown> }).loupe).sort());
  expect(keys).toEqual([...API_NAMES, 'on'].sort());
  const types = await page.evaluate(() => Object.values((window as unknown as { loupe: Record<string, unknown> }).loupe).map((v) => typeof v));
  expect(new Set(types)).toEqual(new Set(['function']));
});

test('no Node.js in the page', async () => {
  const globals = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return { require: typeof w.require, process: typeof w.process, module: typeof w.module, Buffer: typeof w.Buffer };
  });
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined' });
});

test('no CSP violations while the UI loads, and eval is blocked', async () => {
  await page.waitForTimeout(1000);
  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  expect(violations).toEqual([]);
  const evalBlocked = await page.evaluate(() => {
    try {
      return (0, eval)('1') !== 1;
    } catch {
      return true;
    }
  });
  expect(evalBlocked).toBe(true);
});

test('window.open and foreign navigation are refused', async () => {
  const opened = await page.evaluate(() => window.open('https://example.com') === null);
  expect(opened).toBe(true);
  expect(app.windows()).toHaveLength(1);
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url().startsWith('app://loupe/')).toBe(true);
});
