// `loupe info` (case facts, storage and WAL health) and `loupe backup` (an online, checked backup now).
import { resolve } from 'node:path';
import { backupCase, defaultBackupDir } from '../../engine/case/backup';
import { caseInfo } from '../../engine/case/caseFile';
import { storageWarning } from '../../engine/db/pathRisk';
import { checkpointWal, type WalCheck } from '../../engine/db/walCheck';
import type { Engine } from '../../engine/engine';
import { str, type Parsed } from '../args';
import { printJson } from '../output';

/** The warning line every command prints on stderr when the case is not on local disk (SECURITY.md D-3). */
export function warnStorage(engine: Engine): void {
  const w = storageWarning(engine.case.path, engine.case.storage);
  if (w) process.stderr.write(`loupe: warning: ${w}\n`);
}

/** Checkpoints the WAL, remembers the result in the case info and prints a starvation warning on stderr (D-5). */
export function checkWal(engine: Engine): WalCheck {
  const wal = checkpointWal(engine.db, engine.case.path);
  engine.case.walWarning = wal.warning;
  if (wal.warning) process.stderr.write(`loupe: warning: ${wal.warning}\n`);
  return wal;
}

export function runInfo(engine: Engine, p: Parsed): void {
  const wal = checkWal(engine);
  const info = caseInfo(engine.case);
  if (p.values['json']) return printJson({ ...info, wal: { bytes: wal.walBytes, busy: wal.busy } });
  const rows = info.sources.reduce((n, s) => n + s.rows, 0);
  const lines = [
    `name\t${info.name}`,
    `id\t${info.id}`,
    `file\t${engine.case.path}`,
    `schema\t${info.schemaVersion}`,
    `sources\t${info.sources.length} (${rows} rows)`,
    `storage\t${info.storage ? `${info.storage.kind}: ${info.storage.reason}` : `local (${engine.case.storage.reason})`}`,
    `wal\t${wal.walBytes} bytes${info.walWarning ? ` WARNING: ${info.walWarning}` : ''}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

export async function runBackup(engine: Engine, p: Parsed): Promise<number> {
  const to = str(p, 'to');
  const r = await backupCase(engine.db, to ? resolve(to) : defaultBackupDir(engine.case.path));
  if (p.values['json']) printJson({ path: r.path, bytes: r.bytes, integrity: r.integrity, pruned: r.pruned });
  else process.stdout.write(`${r.path}\t${r.bytes} bytes\tintegrity ${r.integrity}\n`);
  if (r.integrity !== 'ok') process.stderr.write(`error: the backup failed integrity_check: ${r.integrity.slice(0, 500)}\n`);
  return r.integrity === 'ok' ? 0 : 2;
}
