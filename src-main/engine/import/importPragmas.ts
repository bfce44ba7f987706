// Connection settings while an import runs: page cache for loading, SQLite's external sorter for the index builds.
import type { WritableDB } from '../db/types';

/**
 * Page cache while rows load (appends in rowid order). 16 MiB measured ~30% less CPU than 128 MiB and keeps RSS low.
 */
const LOAD_CACHE_KIB = 16_384;
/**
 * Page cache while indexes build. With temp_store=FILE the sorter sorts runs of this size (in helper threads) and
 * merges them, instead of one in-memory linked list of scattered records: at 200k rows x 21 NOCASE indexes a 2 MiB
 * cache with 2 sorter threads built the indexes ~2x faster than 16 MiB in memory (bench/RESULTS.md, Import).
 */
const INDEX_CACHE_KIB = 2_048;
const SORTER_THREADS = 2;

/** Sets pragmas (names are constants of this file, never input) and returns how to put back what was there. */
function setPragmas(db: WritableDB, settings: Record<string, number | string>): () => void {
  const before = Object.keys(settings).map((name) => [name, Number(db.pragma(name, { simple: true }))] as const);
  for (const [name, value] of Object.entries(settings)) db.pragma(`${name} = ${value}`);
  return () => {
    for (const [name, value] of before.reverse()) db.pragma(`${name} = ${value}`);
  };
}

const INDEX_BUILD = { threads: SORTER_THREADS, cache_size: -INDEX_CACHE_KIB };

/** Index-build settings for a connection outside an import (the deferred column indexes); restore() puts it back. */
export function tuneForIndexBuild(db: WritableDB): { restore(): void } {
  return { restore: setPragmas(db, { temp_store: 'FILE', ...INDEX_BUILD }) };
}

export interface ImportTuning {
  /** Switches to the index-build settings (call after the rows are loaded). */
  forIndexBuild(): void;
  /** Puts the connection back as it was. */
  restore(): void;
}

/**
 * Also stops auto-checkpoints: the COMMIT would otherwise copy the whole import (GBs) from the WAL into the case
 * file before returning. Durability and atomicity come from the WAL commit record (synchronous=FULL fsyncs it);
 * the next write transaction checkpoints instead. Sorter spill files are SQLite's own temp files, deleted on close.
 * SQLite refuses to change temp_store inside a transaction, so it is set here, before BEGIN, and restored after.
 */
export function tuneForImport(db: WritableDB): ImportTuning {
  const restoreLoad = setPragmas(db, { cache_size: -LOAD_CACHE_KIB, wal_autocheckpoint: 0, temp_store: 'FILE' });
  let restoreIndexBuild: (() => void) | null = null;
  return {
    forIndexBuild() {
      restoreIndexBuild ??= setPragmas(db, INDEX_BUILD);
    },
    restore() {
      restoreIndexBuild?.();
      restoreLoad();
    },
  };
}
