// After an import commits, the case answers every query; the source-column indexes follow (resumable), then the full-text index.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { sourcePage } from '../../../src-main/engine/explore/page';
import { buildColumnIndexes, buildDeferredIndexes, hasDeferredIndexes, pendingColumnIndexes } from '../../../src-main/engine/import/deferredIndexes';
import { SEED_DIR } from '../../support/cli';
import { seedExpected } from '../explore/seedCase';

const x = seedExpected();
const dir = mkdtempSync(join(tmpdir(), 'loupe-deferred-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = (e: Engine, sql: string) => (e.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');

describe('deferred indexes', () => {
  it('the same answers before and after the column indexes exist; they are built once, resumably, and then used', async () => {
    const engine = new Engine(join(dir, 'd.loupe'), { create: true });
    const [s] = await engine.importFiles([join(SEED_DIR, 'Azure_KV_Logs.xlsx')], { deferFullText: true });
    const id = s!.sources[0]!.id;
    const pending = pendingColumnIndexes(engine.db);
    // every column that feeds an @ field, and only those
    const fed = engine.db.prepare('SELECT col FROM source_columns WHERE source_id = ? AND field IS NOT NULL ORDER BY idx').all(id) as { col: string }[];
    expect(pending.map((p) => p.col)).toEqual(fed.map((f) => f.col));
    expect(hasDeferredIndexes(engine.db)).toBe(true);
    const ipCol = (engine.db.prepare("SELECT col FROM source_columns WHERE source_id = ? AND field = 'ip'").get(id) as { col: string }).col;
    const query = { source: id, where: `CallerIPAddress = '${x.alert_ip}'`, limit: 50 };
    const before = sourcePage(engine.db, query).rows.map((r) => r.row);
    expect(before.length).toBeGreaterThan(0);
    expect(plan(engine, `SELECT _row FROM src_${id} WHERE ${ipCol} = 'x'`)).not.toMatch(/USING INDEX/);

    // an interrupted build keeps what it made and finishes on the next call
    const ac = new AbortController();
    ac.abort();
    expect(await buildColumnIndexes(engine.db, { signal: ac.signal })).toBe(0);
    const first = await buildDeferredIndexes(engine.db);
    expect(first.columnIndexes).toBe(pending.length);
    expect(first.fullTextRows).toBeGreaterThan(0);
    expect(pendingColumnIndexes(engine.db)).toEqual([]);
    expect(hasDeferredIndexes(engine.db)).toBe(false);
    expect(await buildDeferredIndexes(engine.db)).toEqual({ columnIndexes: 0, timelineMarks: 0, fullTextRows: 0 });

    expect(sourcePage(engine.db, query).rows.map((r) => r.row)).toEqual(before);
    expect(plan(engine, `SELECT _row FROM src_${id} WHERE ${ipCol} = 'x'`)).toMatch(new RegExp(`USING (COVERING )?INDEX src_${id}_${ipCol}`));
    expect(engine.db.pragma('temp_store', { simple: true })).toBe(2);
    engine.close();
  });

  it('a plain import (not deferred) returns with every index built', async () => {
    const engine = new Engine(join(dir, 'p.loupe'), { create: true });
    await engine.importFiles([join(SEED_DIR, 'Sign_In_Logs.xlsx')]);
    expect(hasDeferredIndexes(engine.db)).toBe(false);
    engine.close();
  });
});
