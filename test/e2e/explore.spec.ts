// Explore features in the browser UI: histogram brush, display time zone, column layout, copy, saved-filter library, highlights, stale answers.
import { readFileSync } from 'node:fs';

import type { Page } from '@playwright/test';
import { demoFacts } from './support/globalSetup';
import { guard } from './support/guards';
import { expect, test } from './support/server';

let facts: Record<string, string | number> = {};
test.beforeAll(() => {
  facts = demoFacts();
});

function rowCount(page: Page): Promise<number> {
  return page.getByTestId('row-count').innerText().then((t) => Number(t.replace(/[^\d]/g, '')));
}

async function openSource(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('button', { name }).first().click();
  await expect(page.getByTestId('grid')).toHaveAttribute('aria-busy', 'false');
}

function headers(page: Page): Promise<string[]> {
  return page.getByTestId('grid').getByRole('columnheader').evaluateAll((els) => els.map((e) => e.getAttribute('data-column') ?? ''));
}

test('histogram follows the filter; a brush adds an @time chip, double-click clears it; typed range works', async ({ page, served }) => {
  const g = await guard(page, served.url);
  await page.goto(served.url);
  const bars = page.getByTestId('histogram-bar');
  await expect(bars).toHaveCount(100);
  const all = await rowCount(page);
  const sum = async () => (await bars.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))))).reduce((a, b) => a + b, 0);
  expect(await sum()).toBe(all);

  // follows the filter
  const query = page.getByRole('textbox', { name: 'Query' });
  await query.fill(`@ip = '${facts['alert_ip']}'`);
  await query.press('Enter');
  await expect(page.getByTestId('filter-chip')).toHaveCount(1);
  await expect.poll(async () => (await rowCount(page)) < all && (await sum()) === (await rowCount(page))).toBe(true);
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect.poll(sum).toBe(all);

  // brush across the middle
  const box = (await page.getByTestId('histogram-svg').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const chip = page.getByTestId('filter-chip');
  await expect(chip).toHaveCount(1);
  await expect(chip).toContainText(/^@time between '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z' and '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z'/);
  const narrowed = await rowCount(page);
  expect(narrowed).toBeLessThan(all);
  await expect.poll(sum).toBe(narrowed);

  // double-click clears the range
  await page.getByTestId('histogram-svg').dblclick();
  await expect(chip).toHaveCount(0);
  await expect.poll(() => rowCount(page)).toBe(all);

  // keyboard path: the Time range inputs
  await page.getByRole('textbox', { name: 'Time range from (UTC)' }).fill(String(facts['first_attack_time']));
  const to = page.getByRole('textbox', { name: 'Time range to (UTC)' });
  await to.fill(String(facts['last_attack_time']));
  await to.press('Enter');
  await expect(chip).toHaveText(new RegExp(`^@time between '${String(facts['first_attack_time']).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`));
  expect(await rowCount(page)).toBeLessThan(all);
  expect(await rowCount(page)).toBeGreaterThan(0);
  expect(g.dialogs).toEqual([]);
  expect(await g.cspViolations()).toEqual([]);
});

test('display time zone: grid, details, bookmarks and histogram axis follow it, with offset and label; survives reload', async ({ page, served }) => {
  await page.goto(served.url);
  const grid = page.getByTestId('grid');
  const firstTime = grid.getByRole('row').nth(1).getByRole('gridcell').first();
  await expect(firstTime).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+00:00 \(UTC\)$/);
  const utcText = await firstTime.innerText();

  const tz = page.getByTestId('time-zone');
  await expect(tz).toHaveAttribute('title', /query language|queries.*UTC/i);
  await tz.click();
  const zoneInput = page.getByRole('combobox', { name: 'IANA time zone' });
  await zoneInput.fill('Mars/Olympus_Mons');
  await zoneInput.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Display time zone' }).getByRole('alert')).toContainText('Unknown time zone');
  await zoneInput.fill('asia/kolkata');
  await zoneInput.press('Enter');
  await expect(tz).toHaveText('Asia/Kolkata');

  // +05:30, no DST: the same instant, 5½ hours later on the wall clock
  await expect(firstTime).toHaveText(/ \+05:30 \(Asia\/Kolkata\)$/);
  const m = /^(\d{4}-\d\d-\d\d) (\d\d):(\d\d):(\d\d)/.exec(utcText)!;
  const k = /^(\d{4}-\d\d-\d\d) (\d\d):(\d\d):(\d\d)/.exec(await firstTime.innerText())!;
  const minutes = (x: RegExpExecArray) => Number(x[2]) * 60 + Number(x[3]);
  expect((minutes(k) - minutes(m) + 24 * 60) % (24 * 60)).toBe(330);
  expect(k[4]).toBe(m[4]);
  await expect(page.getByTestId('histogram-axis')).toContainText('+05:30');

  await grid.getByRole('gridcell').first().click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-time')).toContainText('+05:30 (Asia/Kolkata)');
  await page.keyboard.press('b');
  await page.getByRole('button', { name: 'Save bookmark' }).click();
  await page.getByTestId('bookmarks-item').click();
  await expect(page.getByTestId('bookmark-item').first()).toContainText('+05:30 (Asia/Kolkata)');

  await page.reload();
  await expect(page.getByTestId('time-zone')).toHaveText('Asia/Kolkata');
  await page.getByTestId('timeline-item').click();
  await expect(page.getByTestId('grid').getByRole('row').nth(1).getByRole('gridcell').first()).toHaveText(/\+05:30 \(Asia\/Kolkata\)$/);
  // stored data and the query language are untouched: a UTC query still selects the same rows
  await page.getByTestId('time-zone').click();
  await page.getByRole('button', { name: 'UTC', exact: true }).click();
  await expect(page.getByTestId('grid').getByRole('row').nth(1).getByRole('gridcell').first()).toHaveText(utcText);
});

test('columns: hide, pin, reorder, resize (mouse and keyboard) are saved in the case and restored after reload', async ({ page, served }) => {
  await page.goto(served.url);
  await openSource(page, /Azure_KV_Logs/);
  const before = await headers(page);
  expect(before.slice(0, 3)).toEqual(['TenantId', 'TimeGenerated [UTC]', 'ResourceId']);

  await page.getByTestId('columns-button').click();
  const chooser = page.getByTestId('column-chooser');
  await chooser.getByRole('searchbox', { name: 'Search columns' }).fill('tenant');
  await expect(chooser.getByTestId('column-item')).toHaveCount(1);
  await chooser.getByRole('checkbox', { name: 'Show TenantId' }).uncheck();
  await chooser.getByRole('searchbox', { name: 'Search columns' }).fill('');
  await chooser.getByRole('checkbox', { name: 'Pin OperationName' }).check();
  await chooser.getByRole('button', { name: 'Move ResourceId right' }).click();
  await chooser.getByRole('button', { name: 'Close columns' }).click();

  await expect.poll(() => headers(page)).toEqual(expect.arrayContaining(['OperationName']));
  let now = await headers(page);
  expect(now).not.toContain('TenantId');
  expect(now[0]).toBe('OperationName');
  expect(now.indexOf('ResourceId')).toBe(now.indexOf('Category') + 1);

  // pinned column stays put when the grid scrolls sideways
  const grid = page.getByTestId('grid');
  const opHeader = grid.locator('[role="columnheader"][data-column="OperationName"]');
  const x0 = (await opHeader.boundingBox())!.x;
  await grid.evaluate((el) => (el.scrollLeft = 600));
  await expect.poll(async () => Math.round((await opHeader.boundingBox())!.x)).toBe(Math.round(x0));

  // resize by keyboard (Alt+→ ×3 = +60px) and by dragging the header edge (+50px)
  const caller = grid.locator('[role="columnheader"][data-column="CallerIPAddress"]');
  await caller.scrollIntoViewIfNeeded();
  const w0 = (await caller.boundingBox())!.width;
  await caller.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Alt+ArrowRight');
  await expect.poll(async () => (await caller.boundingBox())!.width).toBeCloseTo(w0 + 60, 0);
  await grid.evaluate((el) => (el.scrollLeft = 0));
  const cat = grid.locator('[role="columnheader"][data-column="Category"]');
  const cw0 = (await cat.boundingBox())!.width;
  const edge = (await cat.getByTestId('col-resize').boundingBox())!;
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width / 2 + 50, edge.y + edge.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await cat.boundingBox())!.width).toBeCloseTo(cw0 + 50, 0);
  // keyboard move: Alt+Shift+← puts CallerIPAddress one place left
  now = await headers(page);
  const at = now.indexOf('CallerIPAddress');
  await caller.focus();
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expect.poll(async () => (await headers(page)).indexOf('CallerIPAddress')).toBe(at - 1);
  const saved = await headers(page);

  await page.waitForTimeout(300); // the last save is a fire-and-forget call
  await page.reload();
  await openSource(page, /Azure_KV_Logs/);
  await expect.poll(() => headers(page)).toEqual(saved);
  await expect.poll(async () => Math.round((await grid.locator('[role="columnheader"][data-column="CallerIPAddress"]').boundingBox())!.width)).toBe(Math.round(w0 + 60));
  await expect.poll(async () => Math.round((await grid.locator('[role="columnheader"][data-column="Category"]').boundingBox())!.width)).toBe(Math.round(cw0 + 50));
  // the timeline has its own layout, untouched
  await page.getByTestId('timeline-item').click();
  await expect.poll(async () => (await headers(page)).slice(0, 2)).toEqual(['@time', '@source']);
});

test('copy: cell with Ctrl+C, row and shift-selected range as TSV with a header line', async ({ page, served, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(served.url).origin });
  await page.goto(served.url);
  await openSource(page, /Azure_KV_Logs/);
  const query = page.getByRole('textbox', { name: 'Query' });
  await query.fill(`[identity_claim_appid_g] = '${facts['cli_app_id']}' and [CallerIPAddress] = '${facts['alert_ip']}'`);
  await query.press('Enter');
  await expect(page.getByTestId('row-count')).toHaveText(`${facts['cli_operations']} rows`);
  const clip = () => page.evaluate(() => navigator.clipboard.readText());
  const grid = page.getByTestId('grid');
  const cols = await headers(page);
  const ipCol = cols.indexOf('CallerIPAddress');
  const rows = grid.locator('[role="row"][data-row]');

  await rows.nth(0).getByRole('gridcell').nth(ipCol).click();
  await page.keyboard.press('Control+c');
  await expect.poll(clip).toBe(String(facts['alert_ip']));

  // shift+click three rows down: four rows, header first
  await rows.nth(3).getByRole('gridcell').nth(ipCol).click({ modifiers: ['Shift'] });
  await expect(grid.locator('.range-selected')).toHaveCount(4);
  await page.keyboard.press('Control+c');
  await expect.poll(async () => (await clip()).split('\n').length).toBe(5);
  const lines = (await clip()).split('\n');
  expect(lines[0]!.split('\t')).toEqual(cols);
  for (const l of lines.slice(1)) expect(l.split('\t')[ipCol]).toBe(String(facts['alert_ip']));

  // shift+arrows grow the range from the keyboard
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(grid.locator('.range-selected')).toHaveCount(6);
  await page.keyboard.press('Control+c');
  await expect.poll(async () => (await clip()).split('\n').length).toBe(7);

  // context menu: copy one row as TSV (no header)
  await page.keyboard.press('ArrowDown'); // a plain move drops the range
  await expect(grid.locator('.range-selected')).toHaveCount(0);
  await rows.nth(1).getByRole('gridcell').nth(ipCol).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Copy row (TSV)' }).click();
  await expect.poll(async () => (await clip()).split('\t').length).toBe(cols.length);
  expect((await clip()).split('\t')[ipCol]).toBe(String(facts['alert_ip']));
  expect(await clip()).not.toContain('\n');
});

test('saved filters: edit (rename, description tooltip, query), delete, export and import the library', async ({ page, served }) => {
  await page.goto(served.url);
  const query = page.getByRole('textbox', { name: 'Query' });
  await query.fill(`@ip = '${facts['alert_ip']}'`);
  await query.press('Enter');
  await page.getByRole('button', { name: 'Save filter' }).click();
  await page.getByRole('textbox', { name: 'Filter name' }).fill('Alert IP');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const item = page.getByTestId('saved-filter');
  await expect(item).toHaveText('Alert IP');

  await page.getByRole('button', { name: 'Edit saved filter Alert IP' }).click();
  const dlg = page.getByTestId('filter-edit-dialog');
  await dlg.getByRole('textbox', { name: 'Filter name' }).fill('Attacker sign-ins');
  await dlg.getByRole('textbox', { name: 'Filter description' }).fill('Everything from the alert IP <b>x</b>');
  await dlg.getByRole('textbox', { name: 'Filter query' }).fill("@ip = 'not closed");
  await dlg.getByRole('button', { name: 'Save changes' }).click();
  await expect(dlg.getByRole('alert')).toBeVisible(); // the engine refuses a broken query; nothing lost
  await expect(item).toHaveText('Alert IP');
  await dlg.getByRole('textbox', { name: 'Filter query' }).fill(`@ip = '${facts['alert_ip']}' and @user is not empty`);
  await dlg.getByRole('button', { name: 'Save changes' }).click();
  await expect(dlg).toHaveCount(0);
  await expect(item).toHaveCount(1);
  await expect(item).toHaveText('Attacker sign-ins');
  await expect(item).toHaveAttribute('title', /^Everything from the alert IP <b>x<\/b>\n\n@ip = /);

  const downloadP = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export library…' }).click();
  const file = await (await downloadP).path();
  const library = readFileSync(file, 'utf8');
  expect(library).toContain('Attacker sign-ins');

  await page.getByRole('button', { name: 'Delete saved filter Attacker sign-ins' }).click();
  await page.getByRole('button', { name: 'Confirm delete Attacker sign-ins' }).click();
  await expect(item).toHaveCount(0);

  await page.getByTestId('filter-library-input').setInputFiles({ name: 'lib.json', mimeType: 'application/json', buffer: Buffer.from(library) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 filter' })).toBeVisible();
  await expect(item).toHaveText('Attacker sign-ins');
  await item.click();
  await expect(page.getByTestId('filter-chip')).toContainText('@user is not empty');

  await page.getByTestId('filter-library-input').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"not": "a library"') });
  await expect(page.locator('.saved-filters [role="alert"]')).toBeVisible();
  await expect(item).toHaveCount(1);
});

test('full-text words highlight in grid cells and in the details pane', async ({ page, served }) => {
  const g = await guard(page, served.url);
  await page.goto(served.url);
  await openSource(page, /Azure_KV_Logs/);
  const query = page.getByRole('textbox', { name: 'Query' });
  await query.fill('secretget');
  await query.press('Enter');
  const marks = page.getByTestId('grid').locator('mark');
  await expect(marks.first()).toBeVisible();
  for (const t of await marks.allInnerTexts()) expect(t.toLowerCase()).toBe('secretget');
  await page.getByTestId('grid').getByRole('gridcell').first().click();
  await page.keyboard.press('Enter');
  const dmarks = page.getByTestId('details-pane').locator('mark');
  await expect(dmarks.first()).toHaveText('SecretGet');
  expect(g.dialogs).toEqual([]);
});

test('a slow old answer never replaces the newer query', async ({ page, served }) => {
  await page.goto(served.url);
  await openSource(page, /Azure_KV_Logs/);
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/call/query/page', async (route) => {
    const body = route.request().postData() ?? '';
    if (body.includes('SlowOldQuery')) {
      await held;
      await route.continue().catch(() => undefined);
    } else await route.continue();
  });
  const query = page.getByRole('textbox', { name: 'Query' });
  await query.fill("[OperationName] = 'KeyGet' or [OperationName] = 'SlowOldQuery' or [OperationName] = 'SecretGet'");
  await query.press('Enter');
  await expect(page.getByTestId('grid')).toHaveAttribute('aria-busy', 'true');
  await query.fill(`[CorrelationId] = '${facts['ps_correlation_id']}'`);
  await query.press('Enter');
  await expect(page.getByTestId('row-count')).toHaveText('1 row');
  release();
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('row-count')).toHaveText('1 row');
  await expect(page.getByTestId('filter-chip')).toContainText(String(facts['ps_correlation_id']));
  await expect(page.getByTestId('grid').locator('[role="row"][data-row]')).toHaveCount(1);
});
