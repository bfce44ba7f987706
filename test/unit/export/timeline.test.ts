// Timesketch JSONL and OpenSearch bulk NDJSON: mandatory fields, µs precision, safe field names, skipped rows counted.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportTimesketch } from '../../../src-main/engine/export/timesketch';
import { exportOpenSearchBulk, isValidIndexName } from '../../../src-main/engine/export/opensearch';

const dir = mkdtempSync(join(tmpdir(), 'loupe-ts-'));
const peer = JSON.parse(readFileSync(resolve(__dirname, '../../../../shared/fixtures/peer/timesketch/expected.json'), 'utf8')) as Record<string, string[]>;

const headers = ['@time', '@operation', '@user', '@ip', '_id', 'message', 'properties.requestUri', ''];
const rows = [
  { '@time': '1698329276736000', '@operation': 'SecretGet', '@user': 'miriamg@bank.onmicrosoft.com', '@ip': '201.231.8.199', _id: 'x', message: 'orig', 'properties.requestUri': 'https://salary.vault.azure.net/secrets/Confidential', '': 'blank' },
  { '@time': '1600466287470323', '@operation': null, '@user': null, '@ip': null, _id: null, message: null, 'properties.requestUri': null, '': null },
  { '@time': 'not a time', '@operation': 'X', '@user': null, '@ip': null, _id: null, message: null, 'properties.requestUri': null, '': null },
  { '@time': '-11644473600000000', '@operation': 'old', '@user': null, '@ip': null, _id: null, message: null, 'properties.requestUri': null, '': null },
];

describe('exportTimesketch', () => {
  it('writes one JSON object per line with message, datetime, timestamp, timestamp_desc and safe field names', async () => {
    const path = join(dir, 'out.jsonl');
    const res = await exportTimesketch(path, { headers, rows, timestampDesc: 'Key Vault operation' });
    expect(res.rows).toBe(3);
    expect(res.skipped?.count).toBe(1);
    const docs = readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(docs[0]).toEqual({
      message: 'SecretGet | miriamg@bank.onmicrosoft.com | 201.231.8.199',
      datetime: '2023-10-26T14:07:56.736000+00:00',
      timestamp: 1698329276736000,
      timestamp_desc: 'Key Vault operation',
      loupe_time: '1698329276736000',
      loupe_operation: 'SecretGet',
      loupe_user: 'miriamg@bank.onmicrosoft.com',
      loupe_ip: '201.231.8.199',
      src_id: 'x',
      src_message: 'orig',
      properties_requestUri: 'https://salary.vault.azure.net/secrets/Confidential',
      column_8: 'blank',
    });
    // Timesketch's own test event (incorrect.csv) at microsecond precision, and the year-1601 edge.
    expect(`${String(docs[1]?.datetime).slice(0, 26)}Z`).toBe(peer['incorrect.csv']?.[0]);
    expect(`${String(docs[2]?.datetime).slice(0, 26)}Z`).toBe(peer['validate_time_out_of_range.csv']?.[0]);
    for (const d of docs) for (const k of Object.keys(d)) expect(k.startsWith('_') || k.includes('.')).toBe(false);
  });
});

describe('exportOpenSearchBulk', () => {
  it('alternates index actions and documents', async () => {
    const path = join(dir, 'bulk.ndjson');
    const res = await exportOpenSearchBulk(path, { headers, rows, index: 'loupe-case-1' });
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(res.rows * 2);
    lines.forEach((l, i) => {
      const o = JSON.parse(l) as Record<string, unknown>;
      if (i % 2 === 0) expect(o).toEqual({ index: { _index: 'loupe-case-1' } });
      else expect(typeof o['@timestamp']).toBe('string');
    });
  });

  it('rejects invalid index names before writing anything', async () => {
    for (const bad of ['Upper', '_x', 'a b', 'a/b', '..', 'a#b', '']) expect(isValidIndexName(bad), bad).toBe(false);
    const path = join(dir, 'bad.ndjson');
    await expect(exportOpenSearchBulk(path, { headers, rows, index: 'Bad' })).rejects.toThrow();
    expect(existsSync(path)).toBe(false);
  });
});
