// Imports one path (file, folder, .zip, .gz) into the case: hash, parse, detect profile, insert atomically.
import { basename, resolve } from 'node:path';
import { ENTITY_FIELDS } from '../../contract/fields';
import { LoupeError } from '../../contract/errors';
import type { ImportSummary, SourceInfo } from '../../contract/model';
import { appendAudit } from '../case/audit';
import { withEvidenceCopy, type EvidenceCopyOptions } from '../case/evidenceStore';
import { getSourceRecord, toSourceInfo } from '../case/catalog';
import type { WritableDB } from '../db/types';
import { disambiguateHeaders } from '../importers/headers';
import { expandInputs, ImportError, type InputSource } from '../importers/readers';
import { duplicateCheck } from './dedupe';
import { BatchInsert } from './batchInsert';
import { buildDeferredIndexes } from './deferredIndexes';
import type { FullTextProgress } from './fullText';
import { suspendEventIndexes } from './eventIndexes';
import { tuneForImport } from './importPragmas';
import { digestFile, digestStream } from './hash';
import { parseInput, type ParseOptions } from './parseClient';
import type { ParsedTable } from './prepareTable';
import { createSourceTable, insertRowHead } from './sourceTable';

export const IMPORTER_VERSION = '1.0.0';
/** Rows per multi-row INSERT (BatchInsert caps it by SQLite's parameter limit for wide tables). */
const ROWS_PER_INSERT = 500;

export interface ImportProgressInfo {
  file: string;
  phase: 'hashing' | 'parsing' | 'indexing' | 'done';
  rows: number;
  /** Bytes of the input read so far. */
  bytes: number;
  totalBytes: number;
}

export interface ImportOptions extends ParseOptions, EvidenceCopyOptions {
  onProgress?: (p: ImportProgressInfo) => void;
  /** Import a file again even when a source with the same hash exists. */
  allowDuplicate?: boolean;
  /**
   * The source-column and full-text indexes are built after each input commits (the case is queryable before them:
   * every @ field is indexed in the import's transaction). By default importPath waits for them; with deferFullText
   * the caller runs buildDeferredIndexes() later (the app does, in the background).
   */
  deferFullText?: boolean;
  onFullTextProgress?: (p: FullTextProgress) => void;
}

/** Imports every input under `path`; each input is one transaction. Throws on the first bad input. */
export async function importPath(db: WritableDB, path: string, opts: ImportOptions = {}): Promise<ImportSummary[]> {
  if (opts.copyEvidence && !opts.evidenceOf) return withEvidenceCopy(db.name, resolve(path), opts, (copy, o) => importPath(db, copy, o));
  const abs = resolve(path);
  let inputs: InputSource[];
  try {
    inputs = await expandInputs(abs, opts.limits);
  } catch (err) {
    throw asInputError(err, basename(abs));
  }
  const containerDigests = new Map<string, { sha256: string; size: number }>();
  const summaries: ImportSummary[] = [];
  for (const input of inputs) {
    if (input.container && !containerDigests.has(input.container.path)) {
      containerDigests.set(input.container.path, await digestFile(input.container.path));
    }
    summaries.push(await importInput(db, input, opts, input.container ? containerDigests.get(input.container.path) : undefined));
  }
  return summaries;
}

async function importInput(
  db: WritableDB,
  input: InputSource,
  opts: ImportOptions,
  container?: { sha256: string; size: number },
): Promise<ImportSummary> {
  opts.onProgress?.({ file: input.name, phase: 'hashing', rows: 0, bytes: 0, totalBytes: input.size });
  const digest = input.locator?.type === 'file' ? await digestFile(input.locator.path) : await digestStream(input.open());
  const dup = db.prepare('SELECT id FROM sources WHERE sha256 = ? AND removing = 0 ORDER BY id LIMIT 1').get(digest.sha256) as
    | { id: number }
    | undefined;
  if (dup && !opts.allowDuplicate) {
    return { file: input.name, ok: true, sources: [], duplicateOf: dup.id };
  }
  const created: LoadedTable[] = [];
  const tuning = tuneForImport(db);
  db.exec('BEGIN IMMEDIATE');
  try {
    const suspended = suspendEventIndexes(db, input.size);
    for await (const table of parseInput(input, opts)) {
      created.push(await importTable(db, input, table, digest, opts, container));
    }
    if (created.length === 0) throw new ImportError('no table with a header row was found', input.name);
    opts.onProgress?.({ file: input.name, phase: 'indexing', rows: created.reduce((n, t) => n + t.rows, 0), bytes: input.size, totalBytes: input.size });
    tuning.forIndexBuild();
    suspended?.restore();
    for (const { id } of created) {
      appendAudit(db, 'import', `source:${id}`, { file: input.name, sha256: digest.sha256, size: digest.size });
    }
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw asInputError(err, input.name);
  } finally {
    tuning.restore();
  }
  const sources: SourceInfo[] = created.map(({ id }) => toSourceInfo(getSourceRecord(db, id)));
  if (!opts.deferFullText) {
    await buildDeferredIndexes(db, { ...(opts.onFullTextProgress ? { onProgress: opts.onFullTextProgress } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
  }
  opts.onProgress?.({ file: input.name, phase: 'done', rows: sources.reduce((n, s) => n + s.rows, 0), bytes: input.size, totalBytes: input.size });
  return { file: input.name, ok: true, sources };
}

/** A source table loaded inside the import transaction. */
interface LoadedTable {
  id: number;
  rows: number;
}

async function importTable(
  db: WritableDB,
  input: InputSource,
  table: ParsedTable,
  digest: { sha256: string; size: number },
  opts: ImportOptions,
  container?: { sha256: string; size: number },
): Promise<LoadedTable> {
  const { plan } = table;
  const { detected } = plan;
  // parseTable has refused more than MAX_SOURCE_COLUMNS columns before reading a row.
  const columns = disambiguateHeaders(plan.headers);
  const fields = new Map(plan.fields);
  const meta: Record<string, string> = { ...plan.meta, profileName: detected.profile.name, ...(plan.dateOrder ? { dateOrder: plan.dateOrder } : {}) };
  const evidence = opts.evidenceOf?.(input.path);
  const options = { encoding: opts.encoding ?? null, sheet: opts.sheet ?? null, ...(evidence ? { copy: evidence.copy } : {}) };
  const info = db
    .prepare(
      `INSERT INTO sources (name, path, size, sha256, container_name, container_sha256, kind, importer_version, profile,
        profile_version, mapping_json, options_json, meta_json, rows_read, rows_imported, rows_rejected, warnings_json, imported_at,
        fts_pending)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, '[]', ?, 1)`,
    )
    .run(
      plan.meta['sheetCount'] === '1' ? input.name : plan.name,
      evidence?.originalPath ?? input.path,
      digest.size,
      digest.sha256,
      input.container?.name ?? null,
      container?.sha256 ?? null,
      input.kind,
      IMPORTER_VERSION,
      detected.profile.id,
      detected.profile.version,
      JSON.stringify({ mapping: detected.mapping, inferred: detected.inferred, score: detected.score }),
      JSON.stringify(options),
      JSON.stringify(meta),
      new Date().toISOString(),
    );
  const sourceId = Number(info.lastInsertRowid);
  createSourceTable(db, sourceId, columns, fields);

  const insertRow = new BatchInsert(db, insertRowHead(sourceId, columns.length), columns.length + 3, ROWS_PER_INSERT);
  const insertEvent = new BatchInsert(db, `INSERT INTO events (source_id, row, time, ${ENTITY_FIELDS.join(', ')})`, ENTITY_FIELDS.length + 3, ROWS_PER_INSERT);
  let rows = 0;
  let imported = 0;
  const isDuplicate = duplicateCheck(db, detected.profile.id, detected.profile.naturalKey, columns.map((c) => c.norm));
  const duplicates = new Map<number, number>();
  let lastProgress = -Infinity;
  for await (const batch of table.batches) {
    if (opts.signal?.aborted) throw new LoupeError('CANCELLED', `import of ${input.name} cancelled`);
    for (const r of batch) {
      const { n } = r;
      const dupOf = isDuplicate ? isDuplicate(r.cells, n.time) : null;
      if (dupOf !== null) {
        duplicates.set(dupOf, (duplicates.get(dupOf) ?? 0) + 1);
        continue;
      }
      insertRow.add([r.row, ...r.cells, r.extra, r.raw]);
      insertEvent.add([sourceId, r.row, n.time, ...ENTITY_FIELDS.map((f) => n[f])]);
      imported++;
    }
    rows += batch.length;
    // batches are small (BATCH_ROWS): progress goes out at most every 100 ms
    const now = performance.now();
    if (now - lastProgress >= 100) {
      lastProgress = now;
      opts.onProgress?.({ file: plan.name, phase: 'parsing', rows, bytes: Math.min(table.bytesRead(), input.size), totalBytes: input.size });
    }
  }
  insertRow.flush();
  insertEvent.flush();
  const end = table.finish();
  const warnings = end.warnings.slice(0, 1000);
  if (end.warnings.length > 1000) warnings.push({ message: `${end.warnings.length - 1000} more warnings not stored` });
  for (const [prior, count] of duplicates) {
    warnings.push({ message: `${count} row(s) already in source ${prior} (same ${detected.profile.naturalKey![0]} and time): not imported again` });
  }
  db.prepare('UPDATE sources SET rows_read = ?, rows_imported = ?, rows_rejected = ?, warnings_json = ?, meta_json = ? WHERE id = ?').run(
    rows,
    imported,
    rows - imported,
    JSON.stringify(warnings),
    JSON.stringify({ ...meta, ...end.meta, profileName: detected.profile.name }),
    sourceId,
  );
  return { id: sourceId, rows };
}

function asInputError(err: unknown, file: string): LoupeError {
  if (err instanceof LoupeError) return err;
  if (err instanceof ImportError) {
    const where = err.row !== undefined ? ` row ${err.row}` : '';
    const msg = err.message.includes(err.file) ? err.message : `${err.file}${where}: ${err.message}`;
    return new LoupeError('BAD_INPUT', msg);
  }
  const e = err as { code?: string; message?: string };
  if (e?.code === 'SQLITE_FULL') return new LoupeError('BAD_INPUT', `${file}: the disk (or the case's size limit) is full; nothing was imported`);
  return new LoupeError('INTERNAL', `${file}: ${e?.message ?? String(err)}`);
}
