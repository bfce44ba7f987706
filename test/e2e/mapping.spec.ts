// Field mapping in the Evidence view: change @user of the sign-ins and see the timeline's @user column follow; remove a source.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_DIR } from './support/globalSetup';
import { guard } from './support/guards';
import { expect, test } from './support/server';

/** Read inside the test: E2E_DIR is set by globalSetup, after the runner has listed this file. */
const loadFacts = () => JSON.parse(readFileSync(join(E2E_DIR, 'exports/expected.json'), 'utf8')) as Record<string, string | number>;

test('remapping @user to the display-name column changes the timeline', async ({ page, served }) => {
  const facts = loadFacts();
  const g = await guard(page, served.url);
  await page.goto(served.url);
  const grid = page.getByTestId('grid');
  const query = page.getByRole('textbox', { name: 'Query' });

  await page.getByTestId('timeline-item').click();
  await query.fill(`@ip = '${facts['alert_ip']}'`);
  await query.press('Enter');
  await expect(grid.getByRole('gridcell', { name: String(facts['upn']) }).first()).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: String(facts['account']), exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: 'Evidence', exact: true }).click();
  await page.getByRole('button', { name: /^Field mapping of Sign_In_Logs/ }).click();
  const panel = page.getByTestId('mapping-panel');
  const userSelect = panel.getByRole('combobox', { name: 'Column for @user', exact: true });
  await expect(userSelect).toHaveValue('Username');
  await expect(panel.getByRole('button', { name: 'Save mapping' })).toBeDisabled();
  await userSelect.selectOption('User');
  await expect(panel.locator('tr[data-field="user"]')).toContainText('unsaved');
  await panel.getByRole('button', { name: 'Save mapping' }).click();
  await expect(panel.locator('tr[data-field="user"]')).toContainText('edited');
  await expect(userSelect).toHaveValue('User');

  await page.getByTestId('timeline-item').click();
  await expect(grid.getByRole('gridcell', { name: String(facts['account']), exact: true })).toHaveCount(Number(facts['attack_signin_rows']));

  await page.getByRole('button', { name: 'Audit log' }).click();
  await expect(page.getByText('source.remap').first()).toBeVisible();
  expect(g.dialogs).toEqual([]);
  expect(g.offOrigin).toEqual([]);
  expect(await g.cspViolations()).toEqual([]);
});

test('removing a source asks with its name, SHA-256 and bookmark count', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Evidence', exact: true }).click();
  await expect(page.getByTestId('evidence-item')).toHaveCount(2);
  await page.getByRole('button', { name: /^Remove Azure_KV_Logs/ }).click();
  const dialog = page.getByTestId('remove-source-dialog');
  await expect(dialog).toContainText('Azure_KV_Logs.xlsx');
  await expect(dialog).toContainText(/[0-9a-f]{64}/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('evidence-item')).toHaveCount(2);

  await page.getByRole('button', { name: /^Remove Azure_KV_Logs/ }).click();
  await dialog.getByRole('button', { name: 'Remove source' }).click();
  await expect(page.getByTestId('evidence-item')).toHaveCount(1);
  await expect(page.getByTestId('source-item')).toHaveCount(1);
});
