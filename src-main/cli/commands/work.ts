// `loupe export`, `loupe filters`, `loupe finding`, `loupe details`: exports and the analyst's case work.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findSource } from '../../engine/case/catalog';
import { findFilter } from '../../engine/case/filters';
import type { Engine } from '../../engine/engine';
import { exportRowsToFile, type RowExportFormat } from '../../engine/exportRows';
import { writeFileAtomic } from '../../engine/report';
import { int, list, str, type Parsed } from '../args';
import { printJson, printTable, UsageError } from '../output';

const FORMATS: RowExportFormat[] = ['csv', 'xlsx', 'timesketch', 'opensearch'];

export async function runExport(engine: Engine, p: Parsed): Promise<void> {
  const format = (str(p, 'format') ?? 'csv') as RowExportFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format takes ${FORMATS.join(', ')}`);
  const out = str(p, 'out');
  if (!out) throw new UsageError('export needs --out FILE');
  const ref = str(p, 'source');
  const source = ref ? findSource(engine.db, ref).id : null;
  const parts = list(p, 'filter').map((n) => findFilter(engine.db, n).query);
  if (str(p, 'where')) parts.push(str(p, 'where')!);
  const where = parts.map((q) => `(${q})`).join(' and ');
  engine.checkQuery(source, where);
  const r = await exportRowsToFile(engine.db, { source, where, format, raw: Boolean(p.values['raw']), max: int(p, 'limit', Number.MAX_SAFE_INTEGER) }, resolve(out));
  if (p.values['json']) return printJson(r);
  process.stdout.write(`wrote ${r.path}: ${r.rows} rows, sha256 ${r.sha256}${r.mode ? `, spreadsheet mode ${r.mode}` : ''}\n`);
}

export async function runFilters(engine: Engine, p: Parsed): Promise<void> {
  const h = engine.handlers;
  const save = str(p, 'save');
  if (save) {
    const query = str(p, 'query');
    if (!query) throw new UsageError('--save NAME needs --query Q');
    void h['filters/save']({ name: save, description: str(p, 'description') ?? '', query, sourceName: str(p, 'source') ?? null });
  }
  const imp = str(p, 'import');
  if (imp) void h['filters/importLibrary']({ json: readFileSync(resolve(imp), 'utf8') });
  const exp = str(p, 'export');
  if (exp) {
    const { json } = h['filters/exportLibrary']({}) as { json: string };
    await writeFileAtomic(resolve(exp), json);
  }
  const filters = h['filters/list']({}) as { name: string; query: string; description: string }[];
  if (p.values['json']) return printJson(filters);
  printTable(['name', 'query', 'description'], filters.map((f) => [f.name, f.query, f.description]));
}

export function runFinding(engine: Engine, p: Parsed): void {
  const title = str(p, 'title');
  if (!title) throw new UsageError('finding needs --title T');
  const ids = list(p, 'bookmark').map((b) => {
    if (!/^\d+$/.test(b)) throw new UsageError(`--bookmark takes a bookmark id, not ${b}`);
    return Number(b);
  });
  const f = engine.handlers['findings/save']({
    title,
    phase: str(p, 'phase') ?? '',
    narrative: str(p, 'narrative') ?? '',
    severity: (str(p, 'severity') ?? 'medium') as 'medium',
    techniques: list(p, 'technique'),
    bookmarkIds: ids,
    filterNames: list(p, 'filter'),
  });
  if (p.values['json']) return printJson(f);
  process.stdout.write(`finding saved: ${title}\n`);
}

export function runDetails(engine: Engine, p: Parsed): void {
  const keys = ['name', 'number', 'analyst', 'organisation', 'summary', 'recommendations'] as const;
  const patch: Record<string, string> = {};
  for (const k of keys) if (str(p, k) !== undefined) patch[k] = str(p, k)!;
  const info = engine.handlers['case/update'](patch) as { details: Record<string, string> };
  if (p.values['json']) return printJson(info);
  printTable(['detail', 'value'], Object.entries(info.details).map(([k, v]) => [k, v]));
}
