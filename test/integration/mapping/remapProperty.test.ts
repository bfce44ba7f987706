// Property: on a hostile CSV, any choice of columns for a plain @ field yields events equal to the first non-empty cell.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { remapSource } from '../../../src-main/engine/mapping/remap';
import { verifyAuditChain } from '../../../src-main/engine/case/audit';
import { evidenceHash, eventsOf } from './support';

const HEADERS = ['__proto__', 'constructor', '=cmd|calc', '<img src=x onerror=alert(1)>', 'Ünïcode ☃', 'a"b,c', 'toString', 'when'];
const CELLS = ['', ' ', '  padded  ', 'alice@x.test', "'; DROP TABLE events;--", '<b>bold</b>', '{"a":1}', '\tTab', 'ü', '=1+1', '42'];
const FIELDS = ['user', 'user_id', 'operation', 'result', 'resource', 'correlation_id'] as const;
const ROWS = 60;

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

let dir: string;
let engine: Engine;
let sid: number;
let cells: string[][];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-remap-prop-'));
  const rnd = fc.sample(fc.array(fc.constantFrom(...CELLS), { minLength: HEADERS.length - 1, maxLength: HEADERS.length - 1 }), { seed: 42, numRuns: ROWS });
  cells = rnd.map((r, i) => [...r, `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`]);
  const csv = [HEADERS.map(quote).join(','), ...cells.map((r) => r.map(quote).join(','))].join('\r\n') + '\r\n';
  writeFileSync(join(dir, 'hostile.csv'), csv);
  engine = new Engine(join(dir, 'p.loupe'), { create: true });
  const [s] = await engine.importFiles([join(dir, 'hostile.csv')]);
  if (!s?.ok || !s.sources[0]) throw new Error(`import failed: ${JSON.stringify(s)}`);
  sid = s.sources[0].id;
}, 60_000);
afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('remap property', () => {
  it('events[field] = first non-empty trimmed cell of the chosen columns; evidence never changes', () => {
    const db = engine.db;
    const evidence = evidenceHash(db, sid);
    const ids = eventsOf(db, sid).map((e) => e['id']);
    const names = (engine.handlers['sources/mapping']({ sourceId: sid }) as { availableColumns: string[] }).availableColumns;
    expect(names).toHaveLength(HEADERS.length);
    const prop = fc.property(
      fc.constantFrom(...FIELDS),
      fc.uniqueArray(fc.integer({ min: 0, max: HEADERS.length - 2 }), { minLength: 0, maxLength: 3 }),
      (field, picks) => {
        remapSource(db, sid, [{ field, columns: picks.map((i) => names[i]!) }]);
        const events = eventsOf(db, sid);
        expect(events.map((e) => e['id'])).toEqual(ids);
        events.forEach((e, i) => {
          const want = picks.map((p) => (cells[i]![p] ?? '').trim()).find((v) => v !== '') ?? null;
          expect(e[field]).toBe(want);
        });
        const view = engine.handlers['sources/mapping']({ sourceId: sid }) as { fields: { field: string; columns: string[] }[] };
        expect(view.fields.find((f) => f.field === field)?.columns).toEqual(picks.map((i) => names[i]));
      },
    );
    fc.assert(prop, { seed: 42, numRuns: 60 });
    expect(evidenceHash(db, sid)).toBe(evidence);
    expect(verifyAuditChain(db).valid).toBe(true);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 60_000);
});
