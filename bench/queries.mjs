#!/usr/bin/env node
// Query benchmark on a generated case (default 10,000,000 rows): times the hot explore queries and scrollbar jumps. `node bench/queries.mjs [--rows N] [--keep CASE]`
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KV_FIELD_COLUMNS, KV_HEADERS, kvRow, makeIdentities, prng } from './gen-kv-csv.mjs';
import { argRows, bundleEngine, fmtS, loadBundle } from './lib/engine.mjs';

const keepAt = process.argv.indexOf('--keep');
const keep = keepAt >= 0 ? process.argv[keepAt + 1] : null;
if (keepAt >= 0 && (!keep || keep.startsWith('--'))) throw new Error('--keep needs a case path');
const wantRows = argRows(process.argv, 10_000_000);
const dir = keep ? null : mkdtempSync(join(tmpdir(), 'loupe-bench-q-'));
const casePath = keep ?? join(dir, 'q.loupe');
const { Engine, sourcePage, timelinePage, stackColumn, countRows, pivot, buildFullText, buildTimelineMarks, SeekCache, BatchInsert } = loadBundle(await bundleEngine());

/** Columns of the KV shape that feed @ fields other than @time (0-based). */
const FIELD_OF = Object.fromEntries(Object.entries(KV_FIELD_COLUMNS).filter(([, f]) => f !== 'time'));
/** Rows per transaction while loading: with wal_autocheckpoint on, the WAL stays around one commit's size. */
const COMMIT_EVERY = 250_000;
const ROWS_PER_INSERT = 500;
const SEED = 20231026;
const T0 = Date.UTC(2023, 9, 1);

const log = (msg) => process.stderr.write(`[queries] ${msg}\n`);
const rate = (n, ms) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')} rows/s`;

function createSchema(db, rows) {
  db.prepare(`INSERT INTO sources (id, name, path, size, sha256, kind, importer_version, profile, profile_version, mapping_json, options_json,
    meta_json, rows_read, rows_imported, rows_rejected, warnings_json, imported_at, fts_pending) VALUES (1, 'kv.csv', '/bench/kv.csv', 0, 'bench', 'csv',
    'bench', 'azure-keyvault', 1, '{}', '{}', '{"profileName":"Key Vault"}', ?, ?, 0, '[]', '2026-01-01T00:00:00Z', 1)`).run(rows, rows);
  const cols = KV_HEADERS.map((_, i) => `c${i + 1} TEXT COLLATE NOCASE`).join(', ');
  db.exec(`CREATE TABLE src_1 (_row INTEGER PRIMARY KEY, ${cols}, _extra TEXT, _raw TEXT)`);
  const sc = db.prepare('INSERT INTO source_columns (source_id, idx, col, header, name, norm, field) VALUES (1, ?, ?, ?, ?, ?, ?)');
  KV_HEADERS.forEach((h, i) => sc.run(i, `c${i + 1}`, h, h, h.toLowerCase(), i === 1 ? 'time' : (FIELD_OF[i] ?? null)));
}

/** Generates the rows straight into the schema: multi-row INSERTs, a commit every COMMIT_EVERY rows. */
function loadRows(db, rows, r, ids) {
  const fieldCols = Object.keys(FIELD_OF).map(Number);
  const head = ['_row', ...KV_HEADERS.map((_, i) => `c${i + 1}`)];
  const insSrc = new BatchInsert(db, `INSERT INTO src_1 (${head.join(', ')})`, head.length, ROWS_PER_INSERT);
  const evCols = ['source_id', 'row', 'time', ...Object.values(FIELD_OF)];
  const insEv = new BatchInsert(db, `INSERT INTO events (${evCols.join(', ')})`, evCols.length, ROWS_PER_INSERT);
  const t = performance.now();
  db.exec('BEGIN');
  for (let i = 0; i < rows; i++) {
    const cells = kvRow(r, ids, i, T0);
    insSrc.add([i + 2, ...cells]);
    const ev = [1, i + 2, (T0 + i * 1500) * 1000];
    for (const k of fieldCols) ev.push(cells[k] || null);
    insEv.add(ev);
    const n = i + 1;
    if (n % COMMIT_EVERY === 0 || n === rows) {
      insSrc.flush();
      insEv.flush();
      db.exec('COMMIT');
      if (n < rows) db.exec('BEGIN');
    }
    if (n % 1_000_000 === 0) log(`loaded ${n.toLocaleString('en-US')} rows, ${fmtS(performance.now() - t)}, ${rate(n, performance.now() - t)}`);
  }
}

/** Index builds with SQLite's external sorter (as importPragmas.ts does for an import); the connection is put back after. */
function buildIndexes(db, statements) {
  const before = ['temp_store', 'threads', 'cache_size'].map((p) => [p, db.pragma(p, { simple: true })]);
  db.pragma('temp_store = FILE');
  db.pragma('threads = 2');
  db.pragma('cache_size = -2048');
  try {
    for (const [name, sql] of statements) {
      const t = performance.now();
      db.exec(sql);
      log(`index ${name} built in ${fmtS(performance.now() - t)}`);
    }
  } finally {
    for (const [p, v] of before) db.pragma(`${p} = ${Number(v)}`);
  }
}

/** Builds the case at `path` (under a temporary name, renamed when complete, so --keep never reuses half a case). */
function buildCase(path, rows) {
  const partial = `${path}.building`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  const engine = new Engine(partial, { create: true });
  const db = engine.db;
  const r = prng(SEED);
  const ids = makeIdentities(r);
  db.transaction(() => createSchema(db, rows))();
  const idx = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type='index' AND tbl_name='events' AND sql IS NOT NULL").all();
  for (const ix of idx) db.exec(`DROP INDEX ${ix.name}`);
  const cacheBefore = db.pragma('cache_size', { simple: true });
  db.pragma('cache_size = -16384'); // importPragmas.ts: less CPU than a big cache for rowid-order appends
  loadRows(db, rows, r, ids);
  db.pragma(`cache_size = ${Number(cacheBefore)}`);
  const entity = [...Object.keys(FIELD_OF).map(Number), 1].map((i) => [`src_1_c${i + 1}`, `CREATE INDEX src_1_c${i + 1} ON src_1 (c${i + 1})`]);
  buildIndexes(db, [...entity, ...idx.map((ix) => [ix.name, ix.sql])]);
  engine.close();
  renameSync(partial, path);
  return ids;
}

function row(label, ms, budgetMs, detail) {
  console.log(`| ${label.padEnd(48)} | ${ms.toFixed(1).padStart(9)} ms | ${String(budgetMs).padStart(6)} ms | ${ms <= budgetMs ? 'ok  ' : 'OVER'} | ${detail}`);
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
  row(label, ms[2], budgetMs, detail);
}

/**
 * A scrollbar jump: the first call on a fresh SeekCache (it lays the checkpoints), then the median with that cache
 * shared by the later calls (as the app's per-connection cache is; reusing it spares a second cold walk).
 */
function timeJump(label, budgetMs, fn) {
  log(`timing ${label}`);
  const shared = new SeekCache();
  const t = performance.now();
  const detail = fn(shared);
  row(`${label}, cold`, performance.now() - t, budgetMs, detail);
  time(`${label}, warm`, budgetMs, () => fn(shared));
}

/** "100 rows from row R" and whether R is the row expected at that position (null: not checkable). */
function landed(page, expectRow) {
  const first = page.rows[0]?.row;
  const check = expectRow === null ? '' : first === expectRow ? ', position ok' : `, WRONG POSITION (expected row ${expectRow})`;
  return `${page.rows.length} rows from row ${first}${check}`;
}

try {
  let ids;
  const reuse = keep !== null && existsSync(casePath);
  if (reuse) {
    ids = makeIdentities(prng(SEED)); // the identities buildCase drew first from the same seed
    log(`reusing ${casePath} (no build)`);
  } else {
    const tb = performance.now();
    ids = buildCase(casePath, wantRows);
    log(`case built in ${fmtS(performance.now() - tb)}`);
    console.log(`case: ${wantRows.toLocaleString('en-US')} rows built in ${fmtS(performance.now() - tb)}`);
  }
  const to = performance.now();
  const engine = new Engine(casePath);
  const db = engine.db;
  log(`opened in ${fmtS(performance.now() - to)} (the open checks included)`);
  const rows = db.prepare('SELECT rows_imported AS n FROM sources WHERE id = 1').get().n;
  if (reuse && rows !== wantRows && process.argv.includes('--rows')) log(`note: the kept case has ${rows} rows; --rows ignored`);
  const pending = db.prepare('SELECT fts_pending AS p FROM sources WHERE id = 1').get().p;
  if (pending) {
    const tf = performance.now();
    let shown = 0;
    await buildFullText(db, {
      chunk: 100_000,
      onProgress: ({ done }) => {
        if (done - shown >= 1_000_000) log(`full text ${(shown = done).toLocaleString('en-US')} rows, ${fmtS(performance.now() - tf)}`);
      },
    });
    console.log(`full-text index ${fmtS(performance.now() - tf)}${reuse ? ' (resumed)' : ''}`);
  }
  // The app builds the timeline marks in the background after an import (with the column and full-text indexes).
  const tm = performance.now();
  const marks = await buildTimelineMarks(db);
  if (marks) console.log(`timeline marks: ${marks} in ${fmtS(performance.now() - tm)}`);
  console.log(`case: ${rows.toLocaleString('en-US')} rows at ${casePath}${reuse ? ' (reused)' : ''}`);
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
  // The issue's budgets: a stack under 2 s over the whole case, under 200 ms when the filter selects under 100k rows.
  time('stack @user under @ip = (frequent IP)', 2000, () => `${stackColumn(db, null, `@ip = '${ip}'`, '@user', 'most', 50).total} rows`);
  const ipRows = (v) => db.prepare('SELECT count(*) AS n FROM events WHERE ip = ?').get(v).n;
  const selective = ids.ips.find((v) => ipRows(v) < 100_000 && ipRows(v) > 10_000) ?? rare;
  time('stack @user under @ip = (under 100k rows)', 200, () => `${stackColumn(db, null, `@ip = '${selective}'`, '@user', 'most', 50).total} rows`);
  time('pivot on an IP', 300, () => `${pivot(db, rare, 200).groups.reduce((n, g) => n + g.rows.length, 0)} rows`);
  time('grid keyset page deep in the source (row n/2)', 100, () => {
    const after = { value: null, key: Math.floor(rows / 2) };
    return `${sourcePage(db, { source: 1, where: '', limit: 100, after }).rows.length} rows`;
  });
  time('timeline keyset page deep by @time (n/2)', 100, () => {
    const t = (T0 + Math.floor(rows / 2) * 1500) * 1000;
    return `${timelinePage(db, { source: null, where: '', limit: 100, after: { value: t, key: Math.floor(rows / 2) } }).rows.length} rows`;
  });
  // Scrollbar jumps (position seeks). Row numbers start at 2 (row 1 is the header) and @time grows with the row.
  const half = Math.floor(rows / 2);
  const tail = Math.max(0, rows - 100);
  const source = (c, offset, sort) => sourcePage(db, { source: 1, where: '', limit: 100, offset, sort }, c);
  const timeline = (c, offset, where = '') => timelinePage(db, { source: null, where, limit: 100, offset }, c);
  timeJump('jump source file order to n/2', 100, (c) => landed(source(c, half), half + 2));
  timeJump('jump source file order to n-100', 100, (c) => landed(source(c, tail), tail + 2));
  timeJump('jump timeline by @time to n/2', 100, (c) => landed(timeline(c, half), half + 2));
  timeJump('jump timeline by @time to n-100', 100, (c) => landed(timeline(c, tail), tail + 2));
  const ipCount = countRows(db, null, `@ip = '${ip}'`).count;
  const ipHalf = Math.floor(ipCount / 2);
  timeJump(`jump timeline @ip = (frequent) to ${ipHalf} of ${ipCount}`, 100, (c) => landed(timeline(c, ipHalf, `@ip = '${ip}'`), null));
  const byOp = { column: 'OperationName', desc: true };
  timeJump('jump source by [OperationName] desc to n/2', 100, (c) => landed(source(c, half, byOp), null));
  engine.close();
} finally {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
