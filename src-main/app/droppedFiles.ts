// Files dropped on the window (paths from the preload's webUtils): a .loupe opens as a case, anything else is staged for import.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { Result } from '../contract/errors';
import { APPLICATION_ID } from '../engine/db/connection';
import type { EngineHost } from '../host/types';
import { lockedByOf, type CaseRegistry } from './cases';
import type { IpcEventLike } from './ipc';

export interface DropDeps {
  registry: Pick<CaseRegistry, 'open'>;
  hostFor: (sender: IpcEventLike['sender']) => EngineHost | undefined;
}

const bad = (message: string): Result<never> => ({ ok: false, error: { code: 'BAD_REQUEST', message } });

/** True when the file starts like a Loupe case: SQLite's magic and Loupe's application_id. */
export function looksLikeCase(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(100);
    if (readSync(fd, head, 0, 100, 0) < 100) return false;
    return head.subarray(0, 16).toString('latin1') === 'SQLite format 3\0' && head.readUInt32BE(68) === APPLICATION_ID;
  } finally {
    closeSync(fd);
  }
}

export async function answerDrop(event: IpcEventLike, payload: unknown, deps: DropDeps): Promise<Result<unknown>> {
  const paths = (payload as { paths?: unknown } | null)?.paths;
  if (!Array.isArray(paths) || paths.length === 0 || paths.length > 500) return bad('drop: expected 1 to 500 files');
  for (const p of paths) {
    // An empty path is a File the page made itself, not one the user dropped.
    if (typeof p !== 'string' || p.length > 4096 || !isAbsolute(p) || p.includes('\0')) return bad('drop: only files dropped from the desktop can be opened');
    let isFile = false;
    try {
      isFile = statSync(p).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) return bad(`drop: ${p} is not a readable file`);
  }
  const files = paths as string[];
  const cases = files.filter((p) => /\.loupe$/i.test(p));
  if (cases.length > 0) {
    if (files.length > 1) return bad('drop: drop a case file on its own (it opens in its own window), or evidence files to import');
    if (!looksLikeCase(cases[0]!)) return bad(`drop: ${cases[0]} is not a Loupe case`);
    const opened = deps.registry.open(cases[0]!);
    const lockedBy = lockedByOf(opened.host);
    return { ok: true, value: { kind: 'case', readOnly: lockedBy !== null, lockedBy } };
  }
  const host = deps.hostFor(event.sender);
  if (!host) return { ok: false, error: { code: 'FORBIDDEN', message: 'No case is open in this window' } };
  return { ok: true, value: { kind: 'import', ids: files.map((p) => host.stagePath(p)) } };
}
