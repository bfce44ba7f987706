// `loupe mapping` (show or change which columns feed a source's @ fields) and `loupe remove-source`.
import { findSource } from '../../engine/case/catalog';
import type { Engine } from '../../engine/engine';
import { RemapRequest, type MappingView } from '../../contract/mapping';
import { list, str, type Parsed } from '../args';
import { printJson, printTable, UsageError } from '../output';

/** `--set ip=IP address --set ip=Client IP` → ip fed by both, in that order; `--set ip=` unmaps @ip. */
export function parseSets(sets: readonly string[]): { field: string; columns: string[] }[] {
  const byField = new Map<string, string[]>();
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set takes field=Column Name, not ${JSON.stringify(s)}`);
    const field = s.slice(0, eq).trim().replace(/^@/, '');
    const column = s.slice(eq + 1);
    const cols = byField.get(field) ?? [];
    if (column.trim() !== '') cols.push(column);
    byField.set(field, cols);
  }
  return [...byField].map(([field, columns]) => ({ field, columns }));
}

function printMapping(v: MappingView): void {
  process.stdout.write(`${v.sourceName} (source ${v.sourceId}), profile ${v.profile.name}\n`);
  printTable(
    ['field', 'columns', 'json path', 'transform', 'notes'],
    v.fields.map((f) => [
      `@${f.field}`,
      f.columns.length ? f.columns.join(' | ') : f.constant !== null ? `(constant ${f.constant})` : '(none)',
      f.jsonPath,
      f.transform,
      [f.inferred ? 'inferred' : '', f.edited ? 'edited' : ''].filter(Boolean).join(', '),
    ]),
  );
}

export function runMapping(engine: Engine, p: Parsed): void {
  const ref = str(p, 'source');
  if (!ref) throw new UsageError('mapping needs --source S');
  const src = findSource(engine.db, ref);
  const sets = list(p, 'set');
  let view: MappingView;
  if (sets.length === 0) view = engine.handlers['sources/mapping']({ sourceId: src.id }) as MappingView;
  else {
    const req = RemapRequest.safeParse({ sourceId: src.id, fields: parseSets(sets) });
    if (!req.success) throw new UsageError(`--set: ${req.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    view = engine.handlers['sources/remap'](req.data) as MappingView;
  }
  if (p.values['json']) return printJson(view);
  printMapping(view);
}

export function runRemoveSource(engine: Engine, p: Parsed): void {
  const ref = str(p, 'source');
  if (!ref) throw new UsageError('remove-source needs --source S');
  const src = findSource(engine.db, ref);
  const r = engine.handlers['sources/remove']({ sourceId: src.id, force: Boolean(p.values['force']) }) as { removed: boolean; bookmarks: number };
  if (p.values['json']) return printJson({ ...r, sourceId: src.id, name: src.name, sha256: src.sha256 });
  process.stdout.write(`removed ${src.name} (sha256 ${src.sha256})${r.bookmarks ? ` with ${r.bookmarks} bookmarks` : ''}\n`);
}
