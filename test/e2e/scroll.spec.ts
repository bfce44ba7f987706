// Grid jumps (issue 4): Ctrl+End and a dragged scrollbar fetch the page at that position directly, not every page before it.
import type { Page } from '@playwright/test';
import { demoFacts } from './support/globalSetup';
import { expect, test } from './support/server';

/** Scrolls the grid so that row `index` (0-based) is at the top, as a scrollbar drag would. */
async function scrollGridTo(page: Page, index: number): Promise<void> {
  await page.getByTestId('grid').evaluate((el, to) => {
    const rowHeight = (el.querySelector('[role="row"][aria-rowindex]:not([aria-rowindex="1"])') as HTMLElement).getBoundingClientRect().height;
    el.scrollTop = to * rowHeight;
    el.dispatchEvent(new Event('scroll'));
  }, index);
}

function pageRequests(page: Page): { after?: unknown; offset?: number }[] {
  const seen: { after?: unknown; offset?: number }[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/call/query/page')) seen.push(JSON.parse(r.postData() ?? '{}') as { after?: unknown; offset?: number });
  });
  return seen;
}

test('Ctrl+End and a scrollbar drag load the far page by position; scrolling on pages by keyset', async ({ page, served }) => {
  const rows = Number((demoFacts()['rows'] as unknown as Record<string, number>)['Sign_In_Logs.xlsx']);
  expect(rows).toBeGreaterThan(600);
  await page.goto(served.url);
  await page.getByRole('button', { name: /Sign_In_Logs/ }).first().click();
  const grid = page.getByTestId('grid');
  await expect(grid).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('row-count')).toHaveText(`${rows} rows`);
  const requests = pageRequests(page);

  await grid.getByRole('gridcell').first().click();
  await page.keyboard.press('Control+End');
  const lastRow = grid.locator(`[role="row"][aria-rowindex="${rows + 1}"]`);
  await expect(lastRow).toBeVisible();
  await expect(lastRow).toHaveAttribute('data-row', /^\d+:\d+$/);
  const lastPage = Math.floor((rows - 1) / 200) * 200;
  expect(requests.map((r) => r.offset)).toContain(lastPage);
  expect(requests.filter((r) => r.after !== undefined)).toEqual([]); // no walk through the pages in between

  // back to the top, then drag the scrollbar to the middle: that page comes by position too
  await page.keyboard.press('Control+Home');
  await expect(grid.locator('[role="row"][aria-rowindex="2"]')).toBeVisible();
  requests.length = 0;
  const middle = Math.floor(rows / 2);
  await scrollGridTo(page, middle);
  await expect(grid.locator(`[role="row"][aria-rowindex="${middle + 2}"]`)).toHaveAttribute('data-row', /^\d+:\d+$/);
  expect(requests.some((r) => typeof r.offset === 'number' && r.offset > 0)).toBe(true);
  expect(requests.filter((r) => r.after === undefined && r.offset === undefined)).toEqual([]);

  // scrolling on from there: the next page follows by keyset from the jumped-to page
  requests.length = 0;
  const next = (Math.floor(middle / 200) + 1) * 200 + 5;
  await scrollGridTo(page, next);
  await expect(grid.locator(`[role="row"][aria-rowindex="${next + 2}"]`)).toHaveAttribute('data-row', /^\d+:\d+$/);
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.every((r) => r.after !== undefined && r.offset === undefined), JSON.stringify(requests)).toBe(true);
});
