// The seed investigation with the keyboard alone (no clicks), plus the light and dark screenshots for the README.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { demoFacts } from './support/globalSetup';
import { guard } from './support/guards';
import { expect, test } from './support/server';

let facts: Record<string, string | number> = {};
test.beforeAll(() => {
  facts = demoFacts();
});
const SHOTS = join(__dirname, '../../docs/screenshots');

/** Ctrl/Cmd+K, type, Enter: the palette's first match runs. */
async function palette(page: Page, text: string, expectFirst: RegExp): Promise<void> {
  await page.keyboard.press('Control+K');
  const input = page.getByRole('combobox', { name: /Search actions/ });
  await expect(input).toBeFocused();
  await page.keyboard.type(text);
  await expect(page.getByRole('option').first()).toHaveText(expectFirst);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('command-palette')).toHaveCount(0);
}

/** Ctrl+L focuses (and selects) the query bar; the typed query replaces it. */
async function runQuery(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('textbox', { name: 'Query' })).toBeFocused();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('keyboard-only seed walk: sign-in → Key Vault CLI ops → correlation id → bookmark with note → Markdown report', async ({ page, served }) => {
  const g = await guard(page, served.url);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(served.url);
  await expect(page.getByTestId('source-item').first()).toBeVisible();
  const grid = page.getByTestId('grid');
  const rows = page.getByTestId('row-count');
  const details = page.getByTestId('details-pane');

  // The shortcuts sheet: `?` opens it, Esc closes it.
  await page.keyboard.press('Shift+?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expect(page.getByTestId('shortcut-row').filter({ hasText: 'Filter to value' })).toContainText('F');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);

  // 1. Who is behind the alert IP?
  await palette(page, 'Sign_In', /Sign_In_Logs/);
  await expect(page.getByRole('heading', { name: /Sign_In_Logs/ })).toBeAttached();
  await runQuery(page, `[IP address] = '${facts['alert_ip']}'`);
  await expect(rows).toHaveText(`${facts['attack_signin_rows']} rows`);
  await expect(grid.getByRole('gridcell', { name: String(facts['account']) }).first()).toBeVisible();
  await page.keyboard.press('Control+G');
  await expect(grid).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(details).toContainText(String(facts['token_type']));
  await expect(details).toContainText(String(facts['account']));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');

  // The README screenshots: the same view in the light theme and, after Ctrl+Shift+D, the dark one
  // (once the details pane has the selected row again, not its loading line).
  await expect(details).toContainText(String(facts['account']));
  await expect(details).not.toContainText('Loading row');
  await page.screenshot({ path: join(SHOTS, 'light.png') });
  await page.keyboard.press('Control+Shift+D');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: join(SHOTS, 'dark.png') });
  // Esc closes the details pane and gives the grid the focus back.
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(grid).toBeFocused();

  // 2. The Key Vault operations of the Azure CLI from that IP (Alt+digit or the palette switch sources).
  await palette(page, 'Azure_KV', /Azure_KV_Logs/);
  await runQuery(page, `[identity_claim_appid_g] = '${facts['cli_app_id']}' and [CallerIPAddress] = '${facts['alert_ip']}'`);
  await expect(rows).toHaveText(`${facts['cli_operations']} rows`);
  await expect(grid.getByRole('gridcell', { name: String(facts['cli_user_agent']) })).toHaveCount(Number(facts['cli_operations']));

  // 3. The one PowerShell row by correlation id; B bookmarks it, the note is typed, Ctrl+Enter saves.
  await runQuery(page, `[CorrelationId] = '${facts['ps_correlation_id']}'`);
  await expect(rows).toHaveText('1 row');
  await expect(grid.getByRole('gridcell', { name: String(facts['ps_request_uri']) })).toBeVisible();
  await page.keyboard.press('Control+G');
  await page.keyboard.press('b');
  const note = 'PowerShell key listing from the attacker IP';
  await expect(page.getByTestId('bookmark-note')).toBeFocused();
  await page.keyboard.type(note);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('bookmark-dialog')).toHaveCount(0);
  await expect(page.getByTestId('bookmark-count')).toHaveText('1');

  // The bookmark is searchable in the palette.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('attacker IP');
  await expect(page.getByRole('option').first()).toContainText(note);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('command-palette')).toHaveCount(0);

  // 4. The Markdown report, from the palette, holds the row and the note.
  await palette(page, 'export markdown', /Export report as Markdown/);
  const preview = page.getByTestId('report-preview');
  await expect(preview).toContainText(note);
  await expect(preview).toContainText('keys?api-version=7.0');

  expect(g.dialogs).toEqual([]);
  expect(g.offOrigin).toEqual([]);
  expect(await g.cspViolations()).toEqual([]);
  expect(await g.canaryFired()).toBe(false);
});

test('grid keys: F3 / Shift+F3 jump to the matching cell, F filters, X excludes, Alt+digit and Ctrl+Shift+[ ] switch sources', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByTestId('source-item').first()).toBeVisible();
  const rows = page.getByTestId('row-count');
  const grid = page.getByTestId('grid');
  const ip = String(facts['alert_ip']);
  /** The active cell (aria-activedescendant): its text, column and the aria-rowindex of its row. */
  const activeCell = () =>
    grid.evaluate((g) => {
      const cell = document.getElementById(g.getAttribute('aria-activedescendant') ?? '');
      return { text: cell?.textContent ?? null, row: cell?.closest('[role="row"]')?.getAttribute('aria-rowindex') ?? null, col: cell?.getAttribute('aria-colindex') ?? null };
    });

  await page.keyboard.press('Alt+3'); // the second source in the sidebar (1 = timeline)
  await expect(page.getByTestId('source-item').nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(grid).toBeFocused();
  // A full-text search for the IP: F3 walks the cells holding it, Shift+F3 walks back.
  await runQuery(page, `'${ip}'`);
  await expect(rows).toHaveText(`${facts['attack_signin_rows']} rows`);
  await page.keyboard.press('Control+G');
  const start = await activeCell();
  expect(start.row).toBe('2');
  expect(start.text).not.toBe(ip);
  await page.keyboard.press('F3');
  await expect.poll(activeCell).toMatchObject({ text: ip, row: '2' });
  // the row may hold the IP in more than one column: every F3 lands on one, until the second row
  const seen: string[] = [];
  for (let i = 0; i < 10 && seen[seen.length - 1] !== '3'; i++) {
    const before = await activeCell();
    await page.keyboard.press('F3');
    await expect.poll(activeCell).not.toEqual(before);
    const now = await activeCell();
    expect(now.text).toContain(ip);
    seen.push(now.row ?? '');
  }
  expect(seen[seen.length - 1]).toBe('3');
  await page.keyboard.press('Shift+F3');
  await expect.poll(async () => (await activeCell()).row).toBe('2');
  expect((await activeCell()).text).toContain(ip);

  // F on the IP cell adds the same clause as a chip (same rows); the grid goes back to the first cell (the time),
  // and X excludes that time: one row fewer.
  await page.keyboard.press('f');
  await expect(page.getByTestId('filter-chip')).toHaveCount(2);
  await expect(page.getByTestId('filter-chip').nth(1)).toContainText(ip);
  await expect(rows).toHaveText(`${facts['attack_signin_rows']} rows`);
  await page.keyboard.press('x');
  await expect(page.getByTestId('filter-chip')).toHaveCount(3);
  const left = Number(facts['attack_signin_rows']) - 1;
  await expect(rows).toHaveText(`${left} ${left === 1 ? 'row' : 'rows'}`);

  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('timeline-item')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Control+Shift+BracketRight');
  await expect(page.getByTestId('source-item').first()).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Control+Shift+BracketLeft');
  await expect(page.getByTestId('timeline-item')).toHaveAttribute('aria-current', 'true');
});
