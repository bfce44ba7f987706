// remapSource on the seed sign-ins: events follow the new mapping, evidence and bookmarks do not move, audit holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../../src-main/contract/api';
import { LoupeError } from '../../../src-main/contract/errors';
import { verifyAuditChain, listAudit } from '../../../src-main/engine/case/audit';
import { addBookmark, listBookmarks } from '../../../src-main/engine/case/bookmarks';
import { getMapping } from '../../../src-main/engine/mapping/view';
import { remapSource } from '../../../src-main/engine/mapping/remap';
import { openSeedCase, seedExpected, type SeedCase } from '../explore/seedCase';
import { evidenceHash, eventsOf, ftsHits } from './support';

let seed: SeedCase;
beforeAll(async () => {
  seed = await openSeedCase();
}, 120_000);
afterAll(() => seed.dispose());

const cellOf = (sourceId: number, column: string, row: number): string | null => {
  const col = seed.engine.db.prepare('SELECT col FROM source_columns WHERE source_id = ? AND name = ?').get(sourceId, column) as { col: string };
  const r = seed.engine.db.prepare(`SELECT "${col.col}" AS v FROM "src_${sourceId}" WHERE _row = ?`).get(row) as { v: string | null };
  return r.v;
};

describe('remapSource', () => {
  it('moves @ip to another column and back without touching evidence, bookmarks or the full-text index', () => {
    const db = seed.engine.db;
    const sid = seed.signins;
    const truth = seedExpected();
    const beforeEvidence = evidenceHash(db, sid);
    const beforeEvents = eventsOf(db, sid);
    const otherEvents = eventsOf(db, seed.keyvault);
    const ftsBefore = ftsHits(db, truth.alert_ip);
    expect(ftsBefore.length).toBeGreaterThan(0);
    const attackRow = db.prepare('SELECT row FROM events WHERE source_id = ? AND ip = ? ORDER BY row LIMIT 1').get(sid, truth.alert_ip) as { row: number };
    const bm = addBookmark(db, sid, attackRow.row, { note: 'alert', tags: [], techniques: [], severity: 'high' });
    expect(getMapping(db, sid).fields.find((f) => f.field === 'ip')?.columns).toEqual(['IP address']);

    const view = remapSource(db, sid, [{ field: 'ip', columns: ['Request ID'] }]);
    const ip = view.fields.find((f) => f.field === 'ip')!;
    expect(ip.columns).toEqual(['Request ID']);
    expect(ip.edited).toBe(true);
    const during = eventsOf(db, sid);
    expect(during).toHaveLength(beforeEvents.length);
    for (const e of during.slice(0, 200)) expect(e['ip']).toBe(cellOf(sid, 'Request ID', Number(e['row']))?.trim() || null);
    // event ids are kept (the full-text index is keyed by them); fields other than @ip and its derived @country are unchanged
    expect(during.map((e) => e['id'])).toEqual(beforeEvents.map((e) => e['id']));
    expect(during.map((e) => e['user'])).toEqual(beforeEvents.map((e) => e['user']));
    expect(during.filter((e) => e['ip'] === truth.alert_ip)).toHaveLength(0);
    expect(db.prepare('SELECT field FROM source_columns WHERE source_id = ? AND name = ?').get(sid, 'Request ID')).toEqual({ field: 'ip' });
    expect(db.prepare('SELECT field FROM source_columns WHERE source_id = ? AND name = ?').get(sid, 'IP address')).toEqual({ field: null });
    // a newly mapped column is indexed like an imported one
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?").all(`src_${sid}`).length).toBeGreaterThan(0);
    expect(ftsHits(db, truth.alert_ip)).toEqual(ftsBefore);
    expect(listBookmarks(db).find((b) => b.id === bm.id)?.summary).not.toContain(truth.alert_ip);

    remapSource(db, sid, [{ field: 'ip', columns: ['IP address'] }]);
    expect(eventsOf(db, sid)).toEqual(beforeEvents);
    expect(eventsOf(db, seed.keyvault)).toEqual(otherEvents);
    expect(evidenceHash(db, sid)).toBe(beforeEvidence);
    expect(ftsHits(db, truth.alert_ip)).toEqual(ftsBefore);
    const back = listBookmarks(db).find((b) => b.id === bm.id)!;
    expect(back.row).toBe(attackRow.row);
    expect(back.summary).toContain(truth.alert_ip);
    const page = seed.engine.handlers['query/count']({ source: null, where: `@ip = '${truth.alert_ip}'`, limit: 200 });
    expect((page as { count: number }).count).toBeGreaterThan(0);

    const chain = verifyAuditChain(db);
    expect(chain.valid).toBe(true);
    const remaps = listAudit(db).filter((a) => a.action === 'source.remap');
    expect(remaps).toHaveLength(2);
    const last = JSON.parse(remaps[0]!.params_json) as { fields: string[]; old: Record<string, unknown>; new: Record<string, unknown>; sha256: string };
    expect(last.fields).toEqual(['ip']);
    expect(last.old['ip']).toEqual([{ columns: ['request id'] }]);
    expect(last.new['ip']).toEqual([{ columns: ['ip address'] }]);
    expect(last.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((db.prepare('SELECT remapping FROM sources WHERE id = ?').get(sid) as { remapping: number }).remapping).toBe(0);
  });

  it('keeps a field re-sent unchanged (its transform survives) and writes nothing when nothing changed', () => {
    const db = seed.engine.db;
    const audits = listAudit(db).length;
    const user = getMapping(db, seed.signins).fields.find((f) => f.field === 'user')!;
    expect(user.transform).toBe('upn-lower');
    const view = remapSource(db, seed.signins, [{ field: 'user', columns: user.columns }]);
    expect(view.fields.find((f) => f.field === 'user')).toEqual(user);
    expect(listAudit(db).length).toBe(audits);
  });

  it('unmaps a field with an empty column list', () => {
    const db = seed.engine.db;
    const before = eventsOf(db, seed.signins);
    remapSource(db, seed.signins, [{ field: 'correlation_id', columns: [] }]);
    expect(eventsOf(db, seed.signins).every((e) => e['correlation_id'] === null)).toBe(true);
    remapSource(db, seed.signins, [{ field: 'correlation_id', columns: ['Correlation ID'] }]);
    expect(eventsOf(db, seed.signins)).toEqual(before);
  });

  it('refuses unknown fields and columns, and changes nothing', () => {
    const db = seed.engine.db;
    const before = db.prepare('SELECT mapping_json FROM sources WHERE id = ?').get(seed.signins);
    const bad = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        expect(err).toBeInstanceOf(LoupeError);
        expect((err as LoupeError).code).toBe('BAD_REQUEST');
        return;
      }
      throw new Error('expected BAD_REQUEST');
    };
    bad(() => remapSource(db, seed.signins, [{ field: 'source', columns: ['User'] }]));
    bad(() => remapSource(db, seed.signins, [{ field: '__proto__', columns: ['User'] }]));
    bad(() => remapSource(db, seed.signins, [{ field: 'user', columns: ['No such column'] }]));
    bad(() => remapSource(db, seed.signins, [{ field: 'user', columns: ['User'] }, { field: 'user', columns: ['Username'] }]));
    // a column of the other source does not count
    bad(() => remapSource(db, seed.signins, [{ field: 'user', columns: ['CallerIPAddress'] }]));
    expect(db.prepare('SELECT mapping_json FROM sources WHERE id = ?').get(seed.signins)).toEqual(before);
    // the contract schema refuses them at the boundary too
    expect(API['sources/remap'].req.safeParse({ sourceId: 1, fields: [{ field: 'source', columns: [] }] }).success).toBe(false);
    expect(API['sources/remap'].req.safeParse({ sourceId: 1, fields: [{ field: 'ip', columns: ['x'] }] }).success).toBe(true);
  });

  it('still refuses direct writes to events outside the controlled path', () => {
    const db = seed.engine.db;
    expect(() => db.prepare('DELETE FROM events WHERE source_id = ?').run(seed.signins)).toThrow(/deleted only by removing/);
    expect(() => db.prepare('UPDATE events SET ip = ? WHERE source_id = ?').run('1.1.1.1', seed.signins)).toThrow(/immutable/);
    expect(() => db.prepare(`DELETE FROM "src_${seed.signins}"`).run()).toThrow(/deleted only by removing/);
    expect(() => db.prepare(`UPDATE "src_${seed.signins}" SET c1 = 'x'`).run()).toThrow(/immutable/);
    // the flag is only honoured for its own source
    db.prepare('UPDATE sources SET remapping = 1 WHERE id = ?').run(seed.keyvault);
    try {
      expect(() => db.prepare('DELETE FROM events WHERE source_id = ?').run(seed.signins)).toThrow(/deleted only by removing/);
    } finally {
      db.prepare('UPDATE sources SET remapping = 0 WHERE id = ?').run(seed.keyvault);
    }
  });
});
