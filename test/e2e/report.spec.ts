// Issue 6 in the UI (browser mode): bulk-bookmark the seed's attack rows, tag them, group them in findings, export Markdown and PDF.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { E2E_DIR } from './support/globalSetup';
import { guard } from './support/guards';
import { expect, test } from './support/server';
import { expectedReportValues, EXPECTED_TECHNIQUES, sectionOf, unescapeMarkdown } from '../support/reportExpectations';

// Read inside the tests: the demo's expected.json exists only once globalSetup has made this run's case folder.
function loadFacts(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(E2E_DIR, 'exports/expected.json'), 'utf8')) as Record<string, unknown>;
}

async function bulkBookmark(page: Page, source: RegExp, where: string, rows: number, tag: string, techniques: string[]): Promise<void> {
  await page.getByRole('button', { name: source }).click();
  const query = page.getByRole('textbox', { name: 'Query' });
  await query.fill(where);
  await query.press('Enter');
  await expect(page.getByTestId('row-count')).toHaveText(`${rows} rows`);
  await page.getByRole('button', { name: 'Bookmark all rows of this query…' }).click();
  const dialog = page.getByTestId('bulk-bookmark');
  await expect(dialog.getByTestId('bulk-count')).toHaveText(`${rows} row(s)`);
  await dialog.getByRole('textbox', { name: 'Tags' }).fill(tag);
  for (const t of techniques) {
    await dialog.getByRole('combobox', { name: 'Add technique' }).fill(t);
    await dialog.getByRole('button', { name: 'Add technique' }).click();
  }
  await expect(dialog.getByTestId('technique-chip')).toHaveCount(techniques.length);
  await page.screenshot({ path: join(E2E_DIR, `bulk-${rows}.png`) });
  await dialog.getByRole('button', { name: `Bookmark ${rows} row(s)` }).click();
  await expect(dialog.getByTestId('bulk-result')).toHaveText(`Bookmarked ${rows} row(s).`);
  await dialog.getByRole('button', { name: 'Close' }).click();
}

async function groupIntoFinding(page: Page, technique: string, rows: number, title: string, phase: string, techniques: string[]): Promise<void> {
  await page.getByTestId('bookmarks-item').click();
  const view = page.getByTestId('bookmarks-view');
  await view.getByRole('textbox', { name: 'Filter by technique' }).fill(technique);
  await expect(view.getByTestId('bookmark-item')).toHaveCount(rows);
  await view.getByRole('checkbox', { name: 'Select all shown bookmarks' }).check();
  await page.screenshot({ path: join(E2E_DIR, `bookmarks-${technique}.png`) });
  await view.getByRole('button', { name: `Add to finding… (${rows})` }).click();
  await page.getByTestId('add-to-finding').getByRole('combobox', { name: 'Finding' }).selectOption('new');
  await page.getByTestId('add-to-finding').getByRole('button', { name: 'Continue' }).click();
  const editor = page.getByTestId('finding-editor');
  await editor.getByRole('textbox', { name: 'Finding title' }).fill(title);
  await editor.getByRole('combobox', { name: 'Phase' }).fill(phase);
  await editor.getByRole('combobox', { name: 'Finding severity' }).selectOption('high');
  await expect(editor.getByRole('group', { name: `Bookmarks in this finding (${rows})` })).toBeVisible();
  for (const t of techniques) await editor.getByRole('button', { name: `Use technique ${t}` }).click();
  await editor.getByRole('button', { name: 'Save finding' }).click();
  await expect(editor).toHaveCount(0);
  await view.getByRole('textbox', { name: 'Filter by technique' }).fill('');
}

test('report walk: bulk bookmarks → techniques → findings → Markdown and PDF with every IOC', async ({ page, served }) => {
  test.setTimeout(180_000);
  const facts = loadFacts();
  const ip = String(facts['alert_ip']);
  const g = await guard(page, served.url);
  await page.goto(served.url);

  await bulkBookmark(page, /Sign_In_Logs/, `[IP address] = '${ip}'`, Number(facts['attack_signin_rows']), 'attacker, sign-in', ['T1528']);
  await bulkBookmark(page, /Azure_KV_Logs/, `[CallerIPAddress] = '${ip}'`, Number(facts['attack_kv_rows']), 'attacker, key-vault', ['T1530', 'T1552.001']);
  const total = Number(facts['attack_signin_rows']) + Number(facts['attack_kv_rows']);
  await expect(page.getByTestId('bookmark-count')).toHaveText(String(total));

  await groupIntoFinding(page, 'T1528', Number(facts['attack_signin_rows']), 'Sign-in with a stolen primary refresh token', 'Initial Access', ['T1528']);
  await groupIntoFinding(page, 'T1530', Number(facts['attack_kv_rows']), 'Payroll key and Confidential secret read from SALARY', 'Data Access', ['T1530', 'T1552.001']);

  await page.getByRole('button', { name: 'Findings', exact: true }).click();
  const rows = page.getByTestId('finding-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Initial Access');
  await expect(rows.nth(0)).toContainText('T1528 Steal Application Access Token');
  await expect(rows.nth(1)).toContainText('Data Access');
  await expect(rows.nth(1)).toContainText('T1552.001 Unsecured Credentials: Credentials In Files');
  await page.screenshot({ path: join(E2E_DIR, 'findings-view.png') });

  await page.getByRole('button', { name: 'Report', exact: true }).click();
  const details = page.getByTestId('case-details');
  await details.getByRole('textbox', { name: 'Case name' }).fill('Unusual Key Vault access');
  await details.getByRole('textbox', { name: 'Analyst' }).fill('A. Analyst');
  await details.getByRole('textbox', { name: 'Summary' }).fill('Stolen PRT used against the FINANCE vaults.');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details.getByRole('status')).toHaveText('Saved.');
  await expect(page.getByRole('switch', { name: 'Defang IOCs' })).toBeChecked();

  const [mdDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  const md = readFileSync(await mdDownload.path(), 'utf8');
  await expect(page.getByTestId('report-preview')).toContainText('# Unusual Key Vault access');
  expect(md).toContain('Stolen PRT used against the FINANCE vaults.');
  const iocs = unescapeMarkdown(sectionOf(md, 'Indicators of compromise'));
  for (const value of expectedReportValues(facts)) expect(iocs, value).toContain(value);
  expect(iocs).not.toContain(ip);
  const attack = sectionOf(md, 'MITRE ATT&CK');
  for (const [id, name] of EXPECTED_TECHNIQUES) expect(attack).toContain(`| ${id} | ${name} |`);
  const findings = sectionOf(md, 'Findings');
  expect(findings).toContain('| Initial Access |');
  expect(findings).toContain('| Data Access |');

  await page.screenshot({ path: join(E2E_DIR, 'report-view.png'), fullPage: true });
  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PDF' }).click()]);
  const pdfPath = await pdfDownload.path();
  const pdf = readFileSync(pdfPath);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pages = Number(/\/Type\s*\/Pages[^>]*\/Count\s+(\d+)/.exec(pdf.toString('latin1'))?.[1] ?? '0');
  expect(pages).toBeGreaterThan(1);
  const pngDir = mkdtempSync(join(E2E_DIR, 'report-png-'));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(pngDir, 'page')]);
  const pngs = readdirSync(pngDir).filter((f) => f.endsWith('.png'));
  expect(pngs).toHaveLength(pages);
  for (const f of pngs) expect(statSync(join(pngDir, f)).size).toBeGreaterThan(5_000);

  expect(g.dialogs).toEqual([]);
  expect(g.offOrigin).toEqual([]);
  expect(await g.cspViolations()).toEqual([]);
  expect(await g.canaryFired()).toBe(false);
});

test('row export keeps spreadsheet-safe on by default and warns when it is turned off', async ({ page, served }) => {
  const facts = loadFacts();
  const ip = String(facts['alert_ip']);
  await page.goto(served.url);
  await page.getByRole('button', { name: /Sign_In_Logs/ }).click();
  const query = page.getByRole('textbox', { name: 'Query' });
  await query.fill(`[IP address] = '${ip}'`);
  await query.press('Enter');
  await expect(page.getByTestId('row-count')).toHaveText(`${facts['attack_signin_rows']} rows`);
  await page.getByRole('button', { name: 'Export rows…' }).click();
  const dialog = page.getByTestId('export-rows');
  await expect(dialog.getByTestId('export-safe')).toBeChecked();
  await expect(dialog.getByTestId('export-raw-warning')).toHaveCount(0);
  const [csv] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export' }).click()]);
  const text = readFileSync(await csv.path(), 'utf8');
  expect(text).toContain(String(facts['upn']));
  expect(text.trim().split('\n').length).toBe(Number(facts['attack_signin_rows']) + 1);
  await dialog.getByTestId('export-safe').uncheck();
  await expect(dialog.getByTestId('export-raw-warning')).toBeVisible();
  await dialog.getByRole('radio', { name: 'Timesketch JSONL' }).check();
  const [jsonl] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export' }).click()]);
  const lines = readFileSync(await jsonl.path(), 'utf8').trim().split('\n');
  expect(lines).toHaveLength(Number(facts['attack_signin_rows']));
  for (const l of lines) expect(JSON.parse(l)).toHaveProperty('datetime');
});

test('the HTML report previews in a sandboxed frame that runs nothing', async ({ page, served }) => {
  const g = await guard(page, served.url);
  await page.goto(served.url);
  await page.getByRole('button', { name: /Azure_KV_Logs/ }).click();
  const query = page.getByRole('textbox', { name: 'Query' });
  await query.fill("[CorrelationId] = '9c059db6-eb2f-4085-9979-4c94a5b19b0d'");
  await query.press('Enter');
  await page.getByTestId('grid').getByRole('gridcell').first().click();
  await page.keyboard.press('b');
  await page.getByTestId('bookmark-note').fill('<img src=x onerror=alert(1)> PowerShell key listing');
  await page.getByRole('button', { name: 'Save bookmark' }).click();
  await page.getByRole('button', { name: 'Report', exact: true }).click();
  await page.getByRole('button', { name: 'Export HTML' }).click();
  const frameEl = page.getByTestId('report-preview-html');
  await expect(frameEl).toHaveAttribute('sandbox', '');
  const frame = page.frameLocator('[data-testid="report-preview-html"]');
  await expect(frame.getByText('PowerShell key listing', { exact: false }).first()).toBeVisible();
  await expect(frame.locator('img')).toHaveCount(0);
  await expect(frame.locator('script')).toHaveCount(0);
  expect(g.dialogs).toEqual([]);
  expect(g.offOrigin).toEqual([]);
  expect(await g.canaryFired()).toBe(false);
});
