// axe-core over the main views in the light and dark themes: no serious or critical WCAG 2.1 A/AA violations.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/server';

type Step = { name: string; open: (page: Page) => Promise<void> };

/** Sign-in source with the third cell of the first row active (no details pane: axe over it is slow). */
async function exploreSignIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Sign_In_Logs/ }).click();
  await expect(page.getByTestId('row-count')).toHaveText(/rows?$/);
  await page.getByTestId('grid').getByRole('gridcell').nth(2).click();
}

async function exploreWithDetails(page: Page): Promise<void> {
  await exploreSignIn(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-pane')).toContainText('SHA-256');
}

const STEPS: Step[] = [
  { name: 'explore with a selected row and details open', open: exploreWithDetails },
  {
    name: 'stack panel',
    open: async (page) => {
      await exploreSignIn(page);
      await page.keyboard.press('s');
      await expect(page.getByRole('complementary', { name: 'Side panel' })).toBeVisible();
    },
  },
  {
    name: 'pivot view',
    open: async (page) => {
      await exploreSignIn(page);
      await page.keyboard.press('ArrowLeft'); // the request id: a pivot of a few rows (a user agent gives hundreds)
      await page.keyboard.press('p');
      await expect(page.getByRole('button', { name: 'Pivot' }).first()).toBeVisible();
    },
  },
  { name: 'bookmarks', open: async (page) => void (await page.getByTestId('bookmarks-item').click()) },
  {
    name: 'report',
    open: async (page) => {
      await page.getByRole('button', { name: 'Report', exact: true }).click();
      await page.getByRole('button', { name: 'Export Markdown' }).click();
      await expect(page.getByTestId('report-preview')).toBeVisible();
    },
  },
  { name: 'evidence', open: async (page) => void (await page.getByRole('button', { name: 'Evidence', exact: true }).click()) },
  { name: 'audit log', open: async (page) => void (await page.getByRole('button', { name: 'Audit log', exact: true }).click()) },
  {
    name: 'command palette',
    open: async (page) => {
      await page.keyboard.press('Control+K');
      await page.keyboard.type('logs');
      await expect(page.getByRole('option').first()).toBeVisible();
    },
  },
  {
    name: 'shortcuts sheet',
    open: async (page) => {
      await page.keyboard.press('Shift+?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    },
  },
  {
    name: 'about dialog',
    open: async (page) => {
      await page.getByRole('button', { name: 'About' }).click();
      await expect(page.getByTestId('about-versions')).toBeVisible();
    },
  },
  {
    name: 'cell context menu',
    open: async (page) => {
      await exploreSignIn(page);
      await page.getByTestId('grid').getByRole('gridcell').nth(1).click({ button: 'right' });
      await expect(page.getByRole('menu', { name: 'Cell actions' })).toBeVisible();
    },
  },
];

for (const theme of ['light', 'dark'] as const) {
  for (const step of STEPS) {
    test(`axe: ${step.name} (${theme})`, async ({ page, served }) => {
      test.setTimeout(150_000); // axe over a full page is slow on a loaded machine
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(served.url);
      await expect(page.getByTestId('source-item').first()).toBeVisible();
      await step.open(page);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const serious = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      expect(serious).toEqual([]);
    });
  }
}

const VIEWPORTS = [
  { width: 1366, height: 768, deviceScaleFactor: 1 },
  { width: 3840, height: 2160, deviceScaleFactor: 1 },
  { width: 3840, height: 2160, deviceScaleFactor: 2 },
];
for (const vp of VIEWPORTS) {
  test(`layout fits ${vp.width}x${vp.height} @${vp.deviceScaleFactor}x: no page overflow, toolbar and status bar on screen`, async ({ browser, served }) => {
    test.setTimeout(150_000);
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, deviceScaleFactor: vp.deviceScaleFactor });
    const page = await context.newPage();
    try {
      await page.goto(served.url);
      await expect(page.getByTestId('source-item').first()).toBeVisible();
      await exploreWithDetails(page);
      const overflow = await page.evaluate(() => ({
        x: document.documentElement.scrollWidth - window.innerWidth,
        y: document.documentElement.scrollHeight - window.innerHeight,
      }));
      expect(overflow.x).toBeLessThanOrEqual(0);
      expect(overflow.y).toBeLessThanOrEqual(0);
      for (const el of [page.getByRole('button', { name: 'Commands' }), page.getByTestId('row-count'), page.getByRole('textbox', { name: 'Query' })]) {
        const box = await el.boundingBox();
        expect(box).not.toBeNull();
        expect((box?.x ?? -1) + (box?.width ?? 0)).toBeLessThanOrEqual(vp.width);
        expect((box?.y ?? -1) + (box?.height ?? 0)).toBeLessThanOrEqual(vp.height);
      }
      await page.screenshot({ path: test.info().outputPath(`explore-${vp.width}x${vp.height}@${vp.deviceScaleFactor}x.png`) });
    } finally {
      await context.close();
    }
  });
}
