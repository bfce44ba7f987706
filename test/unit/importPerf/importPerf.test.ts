// Import performance changes keep behaviour: country-only lookup, cache-key copies, deferred WAL checkpoint, big INSERTs.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { countryOf, geoLookup } from '../../../src-main/engine/enrich/ip';
import { buildFullText } from '../../../src-main/engine/import/fullText';
import { compileMapping, detectProfile } from '../../../src-main/engine/profiles';

const dir = mkdtempSync(join(tmpdir(), 'loupe-importperf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const octet = fc.integer({ min: 0, max: 255 });
const v4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const v6 = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }).map((g) => g.map((x) => x.toString(16)).join(':'));
const hostile = fc.oneof(v4, v6, v4.map((ip) => `::ffff:${ip}`), v4.map((ip) => ` ${ip}:443`), fc.string({ maxLength: 40 }));

describe('countryOf (no ASN dataset)', () => {
  it('answers exactly geoLookup(ip).country for addresses and junk', () => {
    fc.assert(fc.property(hostile, (ip) => countryOf(ip) === geoLookup(ip).country), { seed: 42, numRuns: 300 });
  });
  it('knows a public address and refuses private ones', () => {
    expect(countryOf('8.8.8.8')).toBe(geoLookup('8.8.8.8').country);
    expect(countryOf('8.8.8.8')).not.toBeNull();
    expect(countryOf('10.1.2.3')).toBeNull();
    expect(countryOf('not an ip')).toBeNull();
  });
});

describe('compileMapping caches', () => {
  const headers = ['TimeGenerated [UTC]', 'OperationName', 'CallerIPAddress', 'identity_claim_upn_s', 'clientInfo_s'];
  it('gives the same answers with the caches cold, warm and cycled past their bounds', () => {
    const mapping = detectProfile(headers).mapping;
    const rows = Array.from({ length: 30_000 }, (_, i) => [
      `2023-10-26T14:${String(i % 60).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}Z`,
      'SecretGet',
      `8.${i % 200}.${(i * 7) % 256}.1`,
      `u${i % 97}@x.test`,
      `agent/${i % 5000} python-requests/2.31`,
    ]);
    const warm = compileMapping(headers, mapping);
    const first = rows.map((r) => warm(r));
    const second = rows.map((r) => warm(r));
    expect(second).toEqual(first);
    // A fresh compile per row is the uncached answer.
    for (let i = 0; i < rows.length; i += 997) expect(compileMapping(headers, mapping)(rows[i]!)).toEqual(first[i]);
    expect(first.filter((n) => n.time !== null)).toHaveLength(rows.length);
  });
  it('a value first cached from a slice of a larger string answers the same for an equal plain string', () => {
    const fn = compileMapping(headers, detectProfile(headers).mapping);
    const chunk = `${'x'.repeat(1000)}8.8.8.8${'y'.repeat(1000)}`;
    const ip = chunk.slice(1000, 1007);
    const a = fn(['2023-10-26T14:00:00Z', 'SecretGet', ip, 'u@x.test', 'curl/8.0']);
    const b = fn(['2023-10-26T14:00:00Z', 'SecretGet', '8.8.8.8', 'u@x.test', 'curl/8.0']);
    expect(b).toEqual(a);
    expect(a.country).toBe(geoLookup('8.8.8.8').country);
  });
});

describe('import transaction settings', () => {
  function writeCsv(path: string, rows: number): void {
    const lines = ['TimeGenerated [UTC],OperationName,CallerIPAddress,identity_claim_upn_s,CorrelationId'];
    for (let i = 0; i < rows; i++) lines.push(`2023-10-26T14:${String(i % 60).padStart(2, '0')}:00Z,SecretGet,10.0.${i % 250}.${i % 7},u${i % 97}@x.test,c-${i}`);
    writeFileSync(path, lines.join('\n') + '\n');
  }

  it('imports 1,234 rows through 500-row INSERTs (plus a tail), restores pragmas, and checkpoints later', async () => {
    const csv = join(dir, 'a.csv');
    writeCsv(csv, 1234);
    const casePath = join(dir, 'a.loupe');
    const engine = new Engine(casePath, { create: true });
    try {
      const db = engine.db;
      const autoBefore = db.pragma('wal_autocheckpoint', { simple: true });
      const cacheBefore = db.pragma('cache_size', { simple: true });
      const [summary] = await engine.importFiles([csv], { deferFullText: true });
      const id = summary!.sources[0]!.id;
      expect(summary!.sources[0]!.rows).toBe(1234);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(autoBefore);
      expect(db.pragma('cache_size', { simple: true })).toBe(cacheBefore);
      const rows = db.prepare(`SELECT _row AS row, c5 FROM src_${id} ORDER BY _row`).all() as { row: number; c5: string }[];
      expect(rows).toHaveLength(1234);
      expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 1234 }, (_, i) => i + 2));
      expect(rows.map((r) => r.c5)).toEqual(Array.from({ length: 1234 }, (_, i) => `c-${i}`));
      const events = db.prepare('SELECT count(*) AS n, count(time) AS d FROM events WHERE source_id = ?').get(id);
      expect(events).toEqual({ n: 1234, d: 1234 });
      // The import's pages wait in the WAL; the next write transaction (full text) copies them back.
      const walAfterImport = statSync(`${casePath}-wal`).size;
      expect(walAfterImport).toBeGreaterThan(0);
      await buildFullText(db);
      const busyLogFrames = db.pragma('wal_checkpoint(PASSIVE)', { simple: false }) as { busy: number; log: number; checkpointed: number }[];
      expect(busyLogFrames[0]!.checkpointed).toBe(busyLogFrames[0]!.log);
    } finally {
      engine.close();
    }
  });
});
