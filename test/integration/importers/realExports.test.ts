// Every real public export imports through the engine with its logical row count and the right source profile.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { SHARED } from '../../support/cli';

const REAL = join(SHARED, 'fixtures/real');
const expectedRows = JSON.parse(readFileSync(join(REAL, 'expected_rows.json'), 'utf8')) as Record<string, number>;
const CASES: [string, number, string][] = [
  ['sign-in_adelete.csv', 56, 'la-signinlogs'],
  ['disable_accounts.csv', expectedRows['disable_accounts.csv']!, 'la-signinlogs'],
  ['office_activity.csv', 266, 'la-officeactivity'],
  ['office_activity_inbox_rule.csv', expectedRows['office_activity_inbox_rule.csv']!, 'la-officeactivity'],
  ['AuditLogs_Hunting.csv', 5, 'la-auditlogs'],
  ['azure_activity.csv', expectedRows['azure_activity.csv']!, 'la-azureactivity'],
  ['azureActivity_adele.csv', expectedRows['azureActivity_adele.csv']!, 'la-azureactivity'],
  ['AADAuditEvents.json', expectedRows['AADAuditEvents.json']!, 'la-auditlogs'],
  ['OfficeActivityEvents.json', expectedRows['OfficeActivityEvents.json']!, 'la-officeactivity'],
  ['graph-signins-beta-example.json', 1, 'graph-signins'],
  ['keyvault-auditevent-example.json', 1, 'kv-raw-records'],
];

const dir = mkdtempSync(join(tmpdir(), 'loupe-real-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('real exports', () => {
  it.each(CASES)('%s: %i rows as %s', async (file, rows, profile) => {
    const e = new Engine(join(dir, `${file}.loupe`), { create: true });
    try {
      const [s] = await e.importFiles([join(REAL, file)]);
      expect(s!.ok, s!.error).toBe(true);
      expect(s!.sources[0]!.rows).toBe(rows);
      expect(s!.sources[0]!.profile).toBe(profile);
      // every row is in the unified timeline with its @ fields
      const page = e.page({ source: null, where: '', limit: 5000 });
      expect(page.rows).toHaveLength(rows);
    } finally {
      e.close();
    }
  });
});
