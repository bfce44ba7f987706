#!/usr/bin/env node
// Import benchmark: Loupe's CSV/XLSX import against Debian's sqlite3 .import (and xlsx2csv | sqlite3) on the same file, in one run.
// `node bench/import.mjs [--rows N] [--xlsx-rows N] [--no-xlsx]`
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KV_FIELD_COLUMNS, KV_HEADERS, generateKvCsv } from './gen-kv-csv.mjs';
import { generateKvXlsx } from './lib/gen-xlsx.mjs';
import { argRows, bundleEngine, fmtMB, fmtS, root } from './lib/engine.mjs';

const rows = argRows(process.argv, 1_000_000);
const xlsxRows = argRows(process.argv, 1_048_576, '--xlsx-rows');
const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-import-'));

function timed(fn) {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function loupeImport(bundle, file) {
  const casePath = join(dir, `case-${Date.now()}.loupe`);
  const out = execFileSync(process.execPath, [join(root, 'bench/lib/import-child.mjs'), bundle, file, casePath], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  rmSync(casePath, { force: true });
  return JSON.parse(out.trim().split('\n').pop());
}

function sqliteImport(file) {
  const db = join(dir, `plain-${Date.now()}.db`);
  const ms = timed(() => execFileSync('/usr/bin/sqlite3', [db, `.import --csv ${file} t`]));
  rmSync(db, { force: true });
  return ms;
}

/**
 * The same .import, then an index on each of the 10 columns that feed @ fields, all in sqlite3 itself (C, 2 sorter
 * threads): a floor for any SQLite design whose "queryable" includes entity indexes, whatever its parser.
 */
function sqliteImportIndexed(file) {
  const db = join(dir, `indexed-${Date.now()}.db`);
  const indexes = Object.keys(KV_FIELD_COLUMNS).map((c, i) => `CREATE INDEX i${i} ON t("${KV_HEADERS[Number(c)]}" COLLATE NOCASE);`);
  const ms = timed(() => execFileSync('/usr/bin/sqlite3', [db], { input: `PRAGMA threads = 2;\n.import --csv ${file} t\n${indexes.join('\n')}\n` }));
  rmSync(db, { force: true });
  return ms;
}

/** Queryable = rows, @ fields and their indexes committed; the column and full-text indexes follow in the background. */
function report(r, baselineMs) {
  console.log(`  loupe import (queryable)        ${fmtS(r.queryableMs)}   ratio ${(r.queryableMs / baselineMs).toFixed(2)}x   peak RSS ${fmtMB(r.maxRssQueryableBytes)}`);
  console.log(`  + source-column indexes (after) ${fmtS(r.columnIndexMs)}   ratio with them ${((r.queryableMs + r.columnIndexMs) / baselineMs).toFixed(2)}x`);
  console.log(`  + full-text index (after)       ${fmtS(r.ftsMs)}   peak RSS incl. both ${fmtMB(r.maxRssBytes)}`);
  console.log(`  rows/s (queryable)              ${Math.round(r.rows / (r.queryableMs / 1000)).toLocaleString('en-US')}`);
}

try {
  const bundle = await bundleEngine();
  const csv = join(dir, 'kv.csv');
  await generateKvCsv(csv, rows);
  console.log(`CSV: ${rows.toLocaleString('en-US')} rows x 31 columns (${fmtMB(statSync(csv).size)})`);
  const plain = sqliteImport(csv);
  const indexed = sqliteImportIndexed(csv);
  const loupe = loupeImport(bundle, csv);
  console.log(`  sqlite3 .import --csv           ${fmtS(plain)}`);
  console.log(`  sqlite3 .import + 10 entity-column indexes (floor)  ${fmtS(indexed)}   ratio ${(indexed / plain).toFixed(2)}x`);
  report(loupe, plain);
  console.log(`  loupe against that floor        ${(loupe.queryableMs / indexed).toFixed(2)}x`);
  rmSync(csv, { force: true });

  if (!process.argv.includes('--no-xlsx')) {
    const xlsx = join(dir, 'kv.xlsx');
    await generateKvXlsx(xlsx, xlsxRows);
    console.log(`XLSX: ${xlsxRows.toLocaleString('en-US')} rows x 30 columns`);
    const viaCsv = join(dir, 'x.csv');
    const conv = existsSync('/usr/bin/xlsx2csv')
      ? timed(() => spawnSync('/bin/sh', ['-c', `/usr/bin/xlsx2csv "${xlsx}" > "${viaCsv}"`], { stdio: 'inherit' })) + sqliteImport(viaCsv)
      : NaN;
    const lx = loupeImport(bundle, xlsx);
    console.log(`  xlsx2csv | sqlite3 .import      ${fmtS(conv)}`);
    report(lx, conv);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
