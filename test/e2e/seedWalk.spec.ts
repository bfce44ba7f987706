// The seed investigation in the UI (browser mode), on a case made from `loupe demo` output — issue 2's done-when.
import { join } from 'node:path';
import { demoFacts } from './support/globalSetup';
import { guard } from './support/guards';
import { expect, test } from './support/server';

let facts: Record<string, string | number> = {};
test.beforeAll(() => {
  facts = demoFacts();
});
const SHOTS = join(__dirname, '../../docs/screenshots');

test('seed walk: sign-in → Key Vault CLI ops → PowerShell row → bookmark → Markdown report', async ({ page, served }) => {
  const g = await guard(page, served.url);
  await page.goto(served.url);
  const query = page.getByRole('textbox', { name: 'Query' });
  const grid = page.getByTestId('grid');

  // 1. Who is behind the alert IP?
  await page.getByRole('button', { name: /Sign_In_Logs/ }).click();
  await query.fill(`[IP address] = '${facts['alert_ip']}'`);
  await query.press('Enter');
  await expect(page.getByTestId('row-count')).toHaveText(`${facts['attack_signin_rows']} rows`);
  await expect(grid.getByRole('gridcell', { name: String(facts['account']) }).first()).toBeVisible();
  await grid.getByRole('gridcell').first().click();
  await page.keyboard.press('Enter');
  const details = page.getByTestId('details-pane');
  await expect(details).toContainText(String(facts['token_type']));
  await expect(details).toContainText(String(facts['account']));
  await page.screenshot({ path: join(SHOTS, 'signin-ip.png') });

  // 2. The Key Vault operations of the Azure CLI from that IP.
  await page.getByRole('button', { name: /Azure_KV_Logs/ }).click();
  await query.fill(`[identity_claim_appid_g] = '${facts['cli_app_id']}' and [CallerIPAddress] = '${facts['alert_ip']}'`);
  await query.press('Enter');
  await expect(page.getByTestId('row-count')).toHaveText(`${facts['cli_operations']} rows`);
  await expect(grid.getByRole('gridcell', { name: String(facts['cli_user_agent']) })).toHaveCount(Number(facts['cli_operations']));

  // 3. The one PowerShell row, by correlation id; bookmark it with a note.
  await query.fill(`[CorrelationId] = '${facts['ps_correlation_id']}'`);
  await query.press('Enter');
  await expect(page.getByTestId('row-count')).toHaveText('1 row');
  await expect(grid.getByRole('gridcell', { name: String(facts['ps_request_uri']) })).toBeVisible();
  await grid.getByRole('gridcell').first().click();
  await page.keyboard.press('Enter');
  await details.getByRole('button', { name: 'Bookmark…' }).click();
  const note = 'PowerShell key listing from the attacker IP';
  await page.getByTestId('bookmark-note').fill(note);
  await page.getByRole('button', { name: 'Save bookmark' }).click();
  await expect(page.getByTestId('bookmark-count')).toHaveText('1');
  await page.screenshot({ path: join(SHOTS, 'keyvault-powershell.png') });

  // 4. The Markdown report holds the row and the note.
  await page.getByRole('button', { name: 'Report' }).click();
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const preview = page.getByTestId('report-preview');
  await expect(preview).toContainText(note);
  await expect(preview).toContainText('keys?api-version=7.0');

  expect(g.dialogs).toEqual([]);
  expect(g.offOrigin).toEqual([]);
  expect(await g.cspViolations()).toEqual([]);
  expect(await g.canaryFired()).toBe(false);
});

test('hostile cell text shows literally and runs nothing', async ({ page, served }) => {
  const g = await guard(page, served.url);
  await page.goto(served.url);
  await page.getByRole('button', { name: /Sign_In_Logs/ }).click();
  const query = page.getByRole('textbox', { name: 'Query' });
  await query.fill("[User agent] contains 'onerror'");
  await query.press('Enter');
  const cell = page.getByTestId('grid').getByRole('gridcell', { name: /<img src=x onerror=alert\(1\)>/ });
  await expect(cell.first()).toBeVisible();
  await expect(cell.first()).toContainText('"><img src=x onerror=alert(1)>{{7*7}}');
  await expect(page.locator('[data-testid="grid"] img')).toHaveCount(0);
  await cell.first().click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-pane')).toContainText('{{7*7}}');
  expect(g.dialogs).toEqual([]);
  expect(g.offOrigin).toEqual([]);
  expect(await g.cspViolations()).toEqual([]);
  expect(await g.canaryFired()).toBe(false);
});
