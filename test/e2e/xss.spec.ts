// The XSS corpus (CSV, XLSX, JSON with hostile cells, headers, keys, sheet and file names) through every view: shown as text, never run.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { sanitizeUploadName } from '../../src-main/server/apiRoutes';
import { FILE_NAMES, HOSTILE_HEADER, JSON_KEY, LONG_PAYLOAD, PAYLOADS, SHEET_NAME, userAgent, writeXssCorpus } from '../support/xss';
import { E2E_DIR, TEMPLATE_CASE } from './support/globalSetup';
import { guard, type Guards } from './support/guards';
import { expect, serveCase, test } from './support/server';

/** The source names the app shows for the three corpus files. */
interface Names {
  csv: string;
  xlsx: string;
  json: string;
}
const NOTE = `<img src=x onerror=alert('note')>{{7*7}} javascript:alert(1) \u202Eevil`;

/** Elements or attributes that could only have come from data: nothing the app renders itself. */
function foreignMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.getElementById('app');
    if (!root) return ['no #app'];
    const bad: string[] = [];
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'iframe', 'object', 'embed', 'img', 'math', 'base', 'link', 'meta', 'style', 'frame', 'video', 'audio'].includes(tag)) bad.push(tag);
      if (tag === 'svg' && el.getAttribute('data-testid') !== 'histogram-svg') bad.push('svg');
      for (const a of Array.from(el.attributes)) {
        if (/^on/i.test(a.name)) bad.push(`${tag}[${a.name}]`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name) && /^\s*(javascript|data|vbscript):/i.test(a.value)) bad.push(`${tag}[${a.name}=${a.value}]`);
      }
    }
    return bad;
  });
}

async function assertClean(page: Page, g: Guards, where: string): Promise<void> {
  expect(g.dialogs, `${where}: dialogs`).toEqual([]);
  expect(g.offOrigin, `${where}: requests off the origin`).toEqual([]);
  expect(await g.cspViolations(), `${where}: CSP violations`).toEqual([]);
  expect(await g.canaryFired(), `${where}: canary`).toBe(false);
  expect(await foreignMarkup(page), `${where}: markup from data`).toEqual([]);
}

async function runQuery(page: Page, text: string): Promise<void> {
  const query = page.getByRole('textbox', { name: 'Query' });
  await query.fill(text);
  await query.press('Enter');
}

/** Markdown escapes a metacharacter with a backslash; the analyst's literal text is what is left without them. */
function unescapeMarkdown(s: string): string {
  return s.replace(/\\([\\`*_{}[\]()#+\-.!|<>&~=])/g, '$1');
}

/** Visits the sources list, grid, details, bookmarks, stack, pivot, report preview and evidence view. */
async function walk(page: Page, g: Guards, names: Names): Promise<void> {
  const sources = page.getByRole('navigation', { name: 'Case' });
  for (const name of [names.csv, names.xlsx, names.json]) {
    await expect(sources.getByText(name, { exact: true })).toBeVisible({ timeout: 60_000 });
  }
  await assertClean(page, g, 'import and sources list');

  // Grid: cells (CSV), hostile headers.
  await sources.getByText(names.csv, { exact: true }).click();
  const grid = page.getByTestId('grid');
  await expect(page.getByTestId('row-count')).toHaveText(`${PAYLOADS.length} rows`);
  await expect(grid.getByText(HOSTILE_HEADER, { exact: true }).first()).toBeVisible();
  for (const p of PAYLOADS) await expect(grid.getByText(userAgent(p), { exact: true }).first()).toBeVisible();
  await assertClean(page, g, 'grid (csv)');

  // Grid: XLSX cells and headers under the hostile sheet name; JSON values and keys.
  await sources.getByText(names.xlsx, { exact: true }).click();
  await expect(page.getByTestId('row-count')).toHaveText(`${PAYLOADS.length} rows`);
  await expect(grid.getByText(HOSTILE_HEADER, { exact: true }).first()).toBeVisible();
  for (const p of PAYLOADS.slice(0, 8)) await expect(grid.getByText(p, { exact: true }).first()).toBeAttached();
  await sources.getByText(names.json, { exact: true }).click();
  await expect(page.getByTestId('row-count')).toHaveText(`${PAYLOADS.length} rows`);
  await expect(grid.getByText(JSON_KEY, { exact: true }).first()).toBeVisible();
  await expect(grid.getByText(userAgent(PAYLOADS[2]), { exact: true }).first()).toBeVisible();
  await assertClean(page, g, 'grid (xlsx, json)');

  // Details pane of one hostile row (CSV), with the very long string in another.
  await sources.getByText(names.csv, { exact: true }).click();
  await runQuery(page, "[IP address] = '203.0.113.3'");
  await expect(page.getByTestId('row-count')).toHaveText('1 row');
  await grid.getByRole('gridcell').first().click();
  await page.keyboard.press('Enter');
  const details = page.getByTestId('details-pane');
  await expect(details.getByText(PAYLOADS[2], { exact: true }).first()).toBeVisible();
  await expect(details.getByText(HOSTILE_HEADER, { exact: true }).first()).toBeVisible();
  await expect(details.getByText(userAgent(PAYLOADS[2]), { exact: true }).first()).toBeVisible();
  await assertClean(page, g, 'details pane');

  // Bookmark that row with a hostile note; the bookmarks view shows the note as text.
  await details.getByRole('button', { name: 'Bookmark…' }).click();
  await page.getByTestId('bookmark-note').fill(NOTE);
  await page.getByRole('button', { name: 'Save bookmark' }).click();
  await expect(page.getByTestId('bookmark-count')).toHaveText('1');
  await page.getByTestId('bookmarks-item').click();
  const bookmarksView = page.getByTestId('bookmarks-view');
  await expect(bookmarksView.getByText(NOTE, { exact: true }).first()).toBeVisible();
  await expect(bookmarksView.getByText(names.csv).first()).toBeVisible();
  await assertClean(page, g, 'bookmarks');

  // Stack panel on the hostile column, over every CSV row.
  await sources.getByText(names.csv, { exact: true }).click();
  await runQuery(page, '');
  await expect(page.getByTestId('row-count')).toHaveText(`${PAYLOADS.length} rows`);
  await page.getByRole('button', { name: 'Stack', exact: true }).click();
  const stack = page.getByTestId('stack-panel');
  await stack.getByRole('combobox', { name: 'Stack column' }).selectOption(HOSTILE_HEADER);
  await expect(stack.getByTestId('stack-value')).toHaveCount(PAYLOADS.length);
  for (const p of PAYLOADS.filter((x) => x !== LONG_PAYLOAD)) await expect(stack.getByText(p, { exact: true })).toBeVisible();
  await expect(stack.getByText(LONG_PAYLOAD, { exact: true })).toBeAttached();
  await assertClean(page, g, 'stack panel');

  // Pivot on a hostile @user_agent value: it appears in all three imported sources.
  await runQuery(page, "[IP address] = '203.0.113.2'");
  await expect(page.getByTestId('row-count')).toHaveText('1 row');
  await grid.getByRole('gridcell').first().click();
  await page.keyboard.press('Enter');
  await expect(details.getByText(userAgent(PAYLOADS[1]), { exact: true }).first()).toBeVisible();
  // The value actions show on hover of their row.
  const uaRow = details.getByTestId('detail-field').filter({ has: page.getByRole('rowheader', { name: 'User agent', exact: true }) });
  await uaRow.hover();
  await uaRow.getByRole('button', { name: 'Pivot on User agent', exact: true }).click();
  const pivot = page.getByTestId('pivot-view');
  await expect(pivot.getByTestId('pivot-group')).toHaveCount(3);
  await expect(pivot.getByText(userAgent(PAYLOADS[1]), { exact: true }).first()).toBeVisible();
  for (const name of [names.csv, names.xlsx, names.json]) await expect(pivot.getByText(name).first()).toBeVisible();
  await assertClean(page, g, 'pivot');

  // Report preview (Markdown): the hostile note and row text as text, nothing rendered.
  await page.getByRole('button', { name: 'Report', exact: true }).click();
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const preview = page.getByTestId('report-preview');
  await expect(preview).toBeVisible();
  const md = unescapeMarkdown((await preview.textContent()) ?? '');
  expect(md).toContain("<img src=x onerror=alert('note')>{{7*7}}");
  expect(md).toContain(names.csv);
  await assertClean(page, g, 'report preview');

  // Evidence register: hostile file and sheet names.
  await page.getByRole('button', { name: 'Evidence', exact: true }).click();
  const evidence = page.getByTestId('evidence-view');
  for (const name of [names.csv, names.xlsx, names.json]) await expect(evidence.getByText(name, { exact: true })).toBeVisible();
  await assertClean(page, g, 'evidence');
}

test('the XSS corpus uploaded in browser mode shows literally in every view and runs nothing', async ({ page, served }) => {
  test.setTimeout(180_000);
  const files = await writeXssCorpus(mkdtempSync(join(E2E_DIR, 'xss-')));
  const g = await guard(page, served.url);
  await page.goto(served.url);
  await page.setInputFiles('[data-testid="file-input"]', [files.csv, files.xlsx, files.json]);
  // The upload route drops characters Windows forbids in file names; what is left is still hostile text.
  const shown = (n: string) => sanitizeUploadName(n) ?? '';
  await walk(page, g, { csv: shown(FILE_NAMES.csv), xlsx: `${shown(FILE_NAMES.xlsx)}#${SHEET_NAME}`, json: shown(FILE_NAMES.json) });
});

test('file names imported verbatim (CLI or native dialog) show literally and run nothing', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(E2E_DIR, 'xss-cli-'));
  const files = await writeXssCorpus(join(dir, 'corpus'));
  const casePath = join(dir, 'case.loupe');
  copyFileSync(TEMPLATE_CASE, casePath);
  execFileSync('node', [resolve(__dirname, '../../out/cli/loupe.cjs'), 'import', casePath, files.csv, files.xlsx, files.json], { stdio: 'pipe' });
  const served = await serveCase(casePath);
  try {
    const g = await guard(page, served.url);
    await page.goto(served.url);
    await walk(page, g, { csv: FILE_NAMES.csv, xlsx: `${FILE_NAMES.xlsx}#${SHEET_NAME}`, json: FILE_NAMES.json });
  } finally {
    served.child.kill('SIGTERM');
  }
});
