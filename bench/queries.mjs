#!/usr/bin/env node
// Query benchmark on a generated case (default 10,000,000 rows): times the hot explore queries. `node bench/queries.mjs [--rows N]`
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KV_HEADERS, kvRow, makeIdentities, prng } from './gen-kv-csv.mjs';
import { argRows, bundleEngine, fmtS, loadBundle } from './lib/engine.mjs';

const rows = argRows(process.argv, 10_000_000);
const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-q-'));
const { Engine, sourcePage, timelinePage, stackColumn, pivot, buildFullText } = loadBundle(await bundleEngine());

/** Columns of the KV shape that feed @ fields (0-based), as the KV profile maps them. */
const FIELD_OF = { 9: 'operation', 11: 'correlation_id', 12: 'result', 14: 'ip', 16: 'user_id', 17: 'app_id', 19: 'user', 24: 'user_agent', 2: 'resource' };

function buildCase(path) {
  const engine = new Engine(path, { create: true });
  const db = engine.db;
  const r = prng(20231026);
  const ids = makeIdentities(r);
  const t0 = Date.UTC(2023, 9, 1);
  db.exec('BEGIN');
  db.prepare(`INSERT INTO sources (id, name, path, size, sha256, kind, importer_version, profile, profile_version, mapping_json, options_json,
    meta_json, rows_read, rows_imported, rows_rejected, warnings_json, imported_at, fts_pending) VALUES (1, 'kv.csv', '/bench/kv.csv', 0, 'bench', 'csv',
    'bench', 'azure-keyvault', 1, '{}', '{}', '{"profileName":"Key Vault"}', ?, ?, 0, '[]', '2026-01-01T00:00:00Z', 1)`).run(rows, rows);
  const cols = KV_HEADERS.map((_, i) => `c${i + 1} TEXT COLLATE NOCASE`).join(', ');
  db.exec(`CREATE TABLE src_1 (_row INTEGER PRIMARY KEY, ${cols}, _extra TEXT, _raw TEXT)`);
  const sc = db.prepare('INSERT INTO source_columns (source_id, idx, col, header, name, norm, field) VALUES (1, ?, ?, ?, ?, ?, ?)');
  KV_HEADERS.forEach((h, i) => sc.run(i, `c${i + 1}`, h, h, h.toLowerCase(), i === 1 ? 'time' : (FIELD_OF[i] ?? null)));
  const fields = Object.values(FIELD_OF);
  const insSrc = db.prepare(`INSERT INTO src_1 VALUES (?, ${KV_HEADERS.map(() => '?').join(', ')}, NULL, NULL)`);
  const insEv = db.prepare(`INSERT INTO events (source_id, row, time, ${fields.join(', ')}) VALUES (1, ?, ?, ${fields.map(() => '?').join(', ')})`);
  const idx = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type='index' AND tbl_name='events' AND sql IS NOT NULL").all();
  for (const ix of idx) db.exec(`DROP INDEX ${ix.name}`);
  for (let i = 0; i < rows; i++) {
    const cells = kvRow(r, ids, i, t0);
    insSrc.run(i + 2, ...cells);
    insEv.run(i + 2, (t0 + i * 1500) * 1000, ...Object.keys(FIELD_OF).map((k) => cells[Number(k)] || null));
  }
  for (const ix of idx) db.exec(ix.sql);
  for (const i of [...Object.keys(FIELD_OF).map(Number), 1]) db.exec(`CREATE INDEX src_1_c${i + 1} ON src_1 (c${i + 1})`);
  db.exec('COMMIT');
  return { engine, ids };
}

function time(label, budgetMs, fn) {
  fn(); // warm the statement cache; figures are the median of 5
  const ms = [];
  let detail = '';
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    detail = fn() ?? '';
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const med = ms[2];
  console.log(`| ${label.padEnd(48)} | ${med.toFixed(1).padStart(9)} ms | ${String(budgetMs).padStart(6)} ms | ${med <= budgetMs ? 'ok  ' : 'OVER'} | ${detail}`);
}

try {
  const tb = performance.now();
  const { engine, ids } = buildCase(join(dir, 'q.loupe'));
  const built = performance.now() - tb;
  const tf = performance.now();
  await buildFullText(engine.db, { chunk: 100_000 });
  console.log(`case: ${rows.toLocaleString('en-US')} rows built in ${fmtS(built)}, full-text index ${fmtS(performance.now() - tf)}`);
  const db = engine.db;
  const ip = ids.ips[0]; // the most frequent IP (the generator skews towards the start of the list)
  const rare = ids.ips[ids.ips.length - 1];
  const user = ids.users[7].upn;
  console.log('| query | median | budget | | rows |');
  console.log('|---|---|---|---|---|');
  time('timeline first page, @ip = (frequent IP)', 100, () => `${timelinePage(db, { source: null, where: `@ip = '${ip}'`, limit: 100 }).rows.length} rows`);
  time('source first page, [CallerIPAddress] = (indexed column)', 100, () => `${sourcePage(db, { source: 1, where: `CallerIPAddress = '${ip}'`, limit: 100 }).rows.length} rows`);
  time('timeline first page, @user =', 100, () => `${timelinePage(db, { source: null, where: `@user = '${user}'`, limit: 100 }).rows.length} rows`);
  time('full-text first page, rare word', 300, () => `${timelinePage(db, { source: null, where: `"${rare}"`, limit: 100 }).rows.length} rows`);
  time('full-text first page, common word (KeySign)', 300, () => `${timelinePage(db, { source: null, where: 'KeySign', limit: 100 }).rows.length} rows`);
  time('stack @operation, whole case', 2000, () => `${stackColumn(db, null, '', '@operation', 'most', 50).total} rows`);
  time('stack [OperationName], whole source', 2000, () => `${stackColumn(db, 1, '', 'OperationName', 'most', 50).total} rows`);
  time('stack @user under @ip = (selective)', 200, () => `${stackColumn(db, null, `@ip = '${ip}'`, '@user', 'most', 50).total} rows`);
  time('pivot on an IP', 300, () => `${pivot(db, rare, 200).groups.reduce((n, g) => n + g.rows.length, 0)} rows`);
  let after = null;
  time('grid keyset page deep in the source (row n/2)', 100, () => {
    after = { value: null, key: Math.floor(rows / 2) };
    return `${sourcePage(db, { source: 1, where: '', limit: 100, after }).rows.length} rows`;
  });
  time('timeline keyset page deep by @time (n/2)', 100, () => {
    const t = (Date.UTC(2023, 9, 1) + Math.floor(rows / 2) * 1500) * 1000;
    return `${timelinePage(db, { source: null, where: '', limit: 100, after: { value: t, key: Math.floor(rows / 2) } }).rows.length} rows`;
  });
  engine.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
