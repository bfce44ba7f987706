// Case management in browser mode: start screen, recent cases, open a second case by upload, switch back, read-only lock.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { serveCase } from './support/server';

const CLI = resolve(__dirname, '../../out/cli/loupe.cjs');
// A private folder outside test-results (which any other Playwright run clears when it starts).
const E2E_DIR = join(tmpdir(), `loupe-cases-e2e-${process.pid}`);
const TEMPLATE_CASE = join(E2E_DIR, 'template.loupe');

test.beforeAll(() => {
  rmSync(E2E_DIR, { recursive: true, force: true });
  mkdirSync(E2E_DIR, { recursive: true });
  execFileSync('node', [CLI, 'demo', join(E2E_DIR, 'exports')], { stdio: 'pipe' });
  const files = readdirSync(join(E2E_DIR, 'exports')).filter((f) => f.endsWith('.xlsx')).map((f) => join(E2E_DIR, 'exports', f));
  execFileSync('node', [CLI, 'import', TEMPLATE_CASE, ...files], { stdio: 'pipe' });
});
test.afterAll(() => rmSync(E2E_DIR, { recursive: true, force: true }));

const children: ChildProcess[] = [];
test.afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGTERM');
});

function workspace(): { dir: string; home: string; first: string } {
  const dir = mkdtempSync(join(E2E_DIR, 'cases-'));
  const home = join(dir, 'home');
  mkdirSync(home);
  const first = join(dir, 'first.loupe');
  copyFileSync(TEMPLATE_CASE, first);
  return { dir, home, first };
}

test('start screen lists the open case; a second case (made with the CLI) opens by upload; switch back', async ({ page }) => {
  const { dir, home, first } = workspace();
  // The second case is built beforehand through the CLI from one of the demo exports.
  const second = join(dir, 'second.loupe');
  const xlsx = readdirSync(join(E2E_DIR, 'exports')).filter((f) => f.endsWith('.xlsx'))[0]!;
  execFileSync('node', [CLI, 'import', second, join(E2E_DIR, 'exports', xlsx)], { stdio: 'pipe' });

  const s = await serveCase(first, home);
  children.push(s.child);
  await page.goto(s.url);
  await expect(page.getByTestId('case-name')).toHaveText('template');

  await page.getByRole('button', { name: 'Cases', exact: true }).click();
  const start = page.getByRole('dialog', { name: 'Cases' });
  const table = start.getByRole('table', { name: 'Recent cases' });
  await expect(table.getByRole('row')).toHaveCount(2); // header + the case being served
  const row = table.getByRole('row', { name: /template/ });
  await expect(row).toContainText('open');
  await expect(row).toContainText(first);
  await expect(row.getByRole('button', { name: 'Open template' })).toBeDisabled();

  // Open the second case: the .loupe file is uploaded, staged under LOUPE_HOME/cases and opened (the page reloads).
  await start.getByTestId('case-file-input').setInputFiles(second);
  await expect(page.getByTestId('case-name')).toHaveText('second', { timeout: 20_000 });

  await page.getByRole('button', { name: 'Cases', exact: true }).click();
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row', { name: /second/ })).toContainText(join(home, 'cases'));
  await expect(table.getByRole('row', { name: /second/ })).toContainText('open');

  // Switch back to the first case by its recent entry.
  await table.getByRole('button', { name: 'Open template' }).click();
  await expect(page.getByTestId('case-name')).toHaveText('template', { timeout: 20_000 });
  await expect(page.getByRole('dialog', { name: 'Cases' })).toHaveCount(0);
  await expect(page.getByTestId('readonly-banner')).toHaveCount(0);
});

test('a case whose lock is held by another process opens read-only with a banner', async ({ page }) => {
  const { home, first } = workspace();
  const script = `require('fs').writeFileSync(${JSON.stringify(`${first}.lock`)}, JSON.stringify({ pid: process.pid, hostname: require('os').hostname(), startedAt: '2024-05-06T07:08:09.000Z' })); console.log('held'); setInterval(() => {}, 1000);`;
  const holder = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(holder);
  await new Promise<void>((res) => holder.stdout!.once('data', () => res()));

  const s = await serveCase(first, home);
  children.push(s.child);
  await page.goto(s.url);
  const banner = page.getByTestId('readonly-banner');
  await expect(banner).toContainText(`locked by pid ${holder.pid}`);
  await expect(banner).toContainText('since 2024-05-06T07:08:09.000Z');
  // Reading still works; a write through the API is refused with the lock holder named.
  await expect(page.getByTestId('case-name')).toHaveText('template');
  const refused = await page.evaluate(async () => {
    const r = await fetch('/api/call/case/update', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'x' }), credentials: 'same-origin' });
    return (await r.json()) as { ok: boolean; error?: { message: string } };
  });
  expect(refused.ok).toBe(false);
  expect(refused.error?.message).toMatch(/^case is open read-only \(locked by pid \d+ on /);
});
