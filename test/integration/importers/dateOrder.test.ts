// Day-first and month-first exports: the date order is decided per file, recorded, and applied to @time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';

const dir = mkdtempSync(join(tmpdir(), 'loupe-dates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function importCsv(name: string, body: string): Promise<{ times: (string | null)[]; meta: Record<string, string> }> {
  const file = join(dir, name);
  writeFileSync(file, body);
  const e = new Engine(join(dir, `${name}.loupe`), { create: true });
  try {
    const [s] = await e.importFiles([file]);
    expect(s!.ok, s!.error).toBe(true);
    const page = e.page({ source: s!.sources[0]!.id, where: '', limit: 10 });
    return { times: page.rows.map((r) => r.time), meta: s!.sources[0]!.meta };
  } finally {
    e.close();
  }
}

describe('date order per file', () => {
  it('reads a fr-FR style export day-first and says so', async () => {
    const r = await importCsv('ual-fr.csv', 'CreationDate,UserIds,Operations,AuditData\n05/01/2024 10:11:12,a@x.com,FileAccessed,{}\n13/01/2024 09:00:00,b@x.com,FileAccessed,{}\n');
    expect(r.meta['dateOrder']).toBe('day-first');
    expect(r.times).toEqual(['2024-01-05T10:11:12.000000Z', '2024-01-13T09:00:00.000000Z']);
  });

  it('reads a US export month-first and says so', async () => {
    const r = await importCsv('ual-us.csv', 'CreationDate,UserIds,Operations,AuditData\n9/20/2023 4:05:03 AM,a@x.com,FileAccessed,{}\n05/01/2024 10:11:12 PM,b@x.com,FileAccessed,{}\n');
    expect(r.meta['dateOrder']).toBe('month-first');
    expect(r.times).toEqual(['2023-09-20T04:05:03.000000Z', '2024-05-01T22:11:12.000000Z']);
  });

  it('records when the order could not be decided', async () => {
    const r = await importCsv('ual-amb.csv', 'CreationDate,UserIds,Operations,AuditData\n05/01/2024 10:11:12,a@x.com,FileAccessed,{}\n');
    expect(r.meta['dateOrder']).toBe('month-first (ambiguous)');
  });
});
