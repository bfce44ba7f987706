// The seed investigation with the keyboard alone (no clicks), plus the light and dark screenshots for the README.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { E2E_DIR } from './support/globalSetup';
import { guard } from './support/guards';
import { expect, test } from './support/server';

const facts = JSON.parse(readFileSync(join(E2E_DIR, 'exports/expected.json'), 'utf8')) as Record<string, string | number>;
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

  // The README screenshots: the same view in the light theme and, after Ctrl+Shift+D, the dark one.
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

test('grid keys: F filters, X excludes, F3 finds the next match, Alt+1 goes to the timeline, Ctrl+Shift+] to the next source', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByTestId('source-item').first()).toBeVisible();
  const rows = page.getByTestId('row-count');
  const grid = page.getByTestId('grid');
  await page.keyboard.press('Alt+2'); // first source in the sidebar
  await expect(page.getByTestId('source-item').first()).toHaveAttribute('aria-current', 'true');
  await expect(grid).toBeFocused();
  await expect(rows).toHaveText(/\d rows?$/);

  // F on the first cell filters to its value: a chip appears.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('f');
  await expect(page.getByTestId('filter-chip')).toHaveCount(1);
  const filtered = await rows.textContent();
  await page.keyboard.press('Control+L');
  await page.keyboard.press('Escape'); // leaves the query bar unchanged
  // Shift+F3 / F3 move the active cell to rows holding a highlighted term.
  await page.keyboard.press('Control+G');
  await page.keyboard.press('F3');
  await expect(rows).toHaveText(filtered ?? '');

  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('timeline-item')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Control+Shift+BracketRight');
  await expect(page.getByTestId('source-item').first()).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Control+Shift+BracketLeft');
  await expect(page.getByTestId('timeline-item')).toHaveAttribute('aria-current', 'true');
});
