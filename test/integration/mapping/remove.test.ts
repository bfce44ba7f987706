// removeSource: refused while bookmarked unless forced; then every trace of the source goes, audit-logged, integrity intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoupeError } from '../../../src-main/contract/errors';
import { listAudit, verifyAuditChain } from '../../../src-main/engine/case/audit';
import { removeSource } from '../../../src-main/engine/mapping/removeSource';
import { openSeedCase, seedExpected, type SeedCase } from '../explore/seedCase';
import { eventsOf, ftsHits } from './support';

let seed: SeedCase;
beforeAll(async () => {
  seed = await openSeedCase();
}, 120_000);
afterAll(() => seed.dispose());

const count = (sql: string, ...args: unknown[]): number => (seed.engine.db.prepare(sql).get(...args) as { n: number }).n;

describe('removeSource', () => {
  it('refuses a bookmarked source without force and changes nothing', () => {
    const h = seed.engine.handlers;
    const bm = h['bookmarks/add']({ sourceId: seed.signins, row: 2, note: 'keep me', tags: [], techniques: [], severity: 'high' });
    h['bookmarks/add']({ sourceId: seed.keyvault, row: 2, note: 'other source', tags: [], techniques: [], severity: 'low' });
    h['findings/save']({ title: 'Initial access', bookmarkIds: [(bm as { id: number }).id], phase: '', narrative: '', severity: 'high', techniques: [], filterNames: [] });
    const eventsBefore = count('SELECT count(*) AS n FROM events');
    let err: unknown;
    try {
      removeSource(seed.engine.db, seed.signins);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LoupeError);
    expect((err as LoupeError).code).toBe('CONFLICT');
    expect((err as LoupeError).message).toMatch(/1 bookmark/);
    expect(count('SELECT count(*) AS n FROM events')).toBe(eventsBefore);
    expect(count('SELECT count(*) AS n FROM sources WHERE id = ? AND removing = 0', seed.signins)).toBe(1);
    expect(listAudit(seed.engine.db).some((a) => a.action === 'source.remove')).toBe(false);
  });

  it('with force removes rows, events, full-text entries, columns, bookmarks and finding links', () => {
    const db = seed.engine.db;
    const sid = seed.signins;
    const truth = seedExpected();
    const kvEvents = eventsOf(db, seed.keyvault);
    const kvFts = ftsHits(db, 'SecretGet');
    expect(kvFts.length).toBeGreaterThan(0);
    const sha = (db.prepare('SELECT sha256 FROM sources WHERE id = ?').get(sid) as { sha256: string }).sha256;
    seed.engine.handlers['layout/save']({ sourceId: sid, layout: { columns: [{ name: 'User', width: 100 }] } });

    const r = removeSource(db, sid, { force: true });
    expect(r).toEqual({ removed: true, bookmarks: 1 });
    expect(count('SELECT count(*) AS n FROM events WHERE source_id = ?', sid)).toBe(0);
    expect(count("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE ?", `src_${sid}%`)).toBe(0);
    expect(count('SELECT count(*) AS n FROM source_columns WHERE source_id = ?', sid)).toBe(0);
    expect(count('SELECT count(*) AS n FROM sources WHERE id = ?', sid)).toBe(0);
    expect(count('SELECT count(*) AS n FROM bookmarks WHERE source_id = ?', sid)).toBe(0);
    expect(count('SELECT count(*) AS n FROM finding_bookmarks')).toBe(0);
    expect(count('SELECT count(*) AS n FROM meta WHERE key = ?', `layout.${sid}`)).toBe(0);
    // the alert IP only lived in the sign-ins' full text? then no hit may point at a vanished event
    for (const id of ftsHits(db, truth.alert_ip)) expect(count('SELECT count(*) AS n FROM events WHERE id = ?', id)).toBe(1);
    expect(count('SELECT count(*) AS n FROM fts')).toBe(count('SELECT count(*) AS n FROM events'));
    // the other source is untouched
    expect(eventsOf(db, seed.keyvault)).toEqual(kvEvents);
    expect(ftsHits(db, 'SecretGet')).toEqual(kvFts);
    expect(count('SELECT count(*) AS n FROM bookmarks')).toBe(1);
    expect((seed.engine.handlers['findings/list']({}) as { bookmarkIds: number[] }[])[0]?.bookmarkIds).toEqual([]);

    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(verifyAuditChain(db).valid).toBe(true);
    const entry = listAudit(db).find((a) => a.action === 'source.remove')!;
    expect(entry.target).toBe(`source:${sid}`);
    const params = JSON.parse(entry.params_json) as { source: string; sha256: string; bookmarks: number[]; forced: boolean; rows: number };
    expect(params.source).toBe('Sign_In_Logs.xlsx');
    expect(params.sha256).toBe(sha);
    expect(params.bookmarks).toHaveLength(1);
    expect(params.forced).toBe(true);
    expect(params.rows).toBe(truth.rows['Sign_In_Logs.xlsx']);
    expect(seed.engine.handlers['case/info']({})).toMatchObject({ sources: [{ id: seed.keyvault }] });
  });

  it('answers NOT_FOUND for a removed or unknown source', () => {
    expect(() => removeSource(seed.engine.db, seed.signins)).toThrow(LoupeError);
    expect(() => removeSource(seed.engine.db, 999)).toThrow(/no source with id 999/);
  });

  it('re-importing the removed file works (it is no longer a duplicate)', async () => {
    const { SEED_DIR } = await import('../explore/seedCase');
    const [summary] = await seed.engine.importFiles([`${SEED_DIR}/Sign_In_Logs.xlsx`]);
    expect(summary?.ok).toBe(true);
    expect(summary?.duplicateOf).toBeUndefined();
    expect(summary?.sources).toHaveLength(1);
    expect(seed.engine.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 60_000);
});
