// `loupe query`, `loupe stack`, `loupe pivot`: the investigation commands.
import { findSource } from '../../engine/case/catalog';
import { findFilter } from '../../engine/case/filters';
import { getRow } from '../../engine/explore/rowDetail';
import { stackColumn } from '../../engine/explore/aggregate';
import { pivot } from '../../engine/explore/pivot';
import type { Engine } from '../../engine/engine';
import type { GridRow, Page } from '../../contract/model';
import { int, list, str, type Parsed } from '../args';
import { printJson, printTable, safeRecord, UsageError } from '../output';

function combinedWhere(engine: Engine, p: Parsed): string {
  const parts = list(p, 'filter').map((name) => findFilter(engine.db, name).query);
  const where = str(p, 'where');
  if (where) parts.push(where);
  return parts.map((q) => `(${q})`).join(' and ');
}

function parseSort(p: Parsed): { column: string; desc: boolean } | undefined {
  const s = str(p, 'sort');
  if (!s) return undefined;
  const m = /^(.*?)(?::(asc|desc))?$/i.exec(s)!;
  return { column: m[1]!, desc: (m[2] ?? '').toLowerCase() === 'desc' };
}

function rowObject(columns: string[], r: GridRow, source: string, normalized: boolean): Record<string, unknown> {
  const o = safeRecord();
  columns.forEach((c, i) => (o[c] = r.cells[i] ?? null));
  o['_source'] = source;
  o['_row'] = r.row;
  if (normalized) for (const [k, v] of Object.entries(r.normalized)) o[`@${k}`] = v;
  return o;
}

export function runQuery(engine: Engine, p: Parsed): void {
  const limit = int(p, 'limit', 100);
  const sourceRef = str(p, 'source');
  const source = sourceRef ? findSource(engine.db, sourceRef) : null;
  const where = combinedWhere(engine, p);
  const sort = parseSort(p);
  const pick = str(p, 'columns')?.split(',').map((s) => s.trim()).filter(Boolean);
  const normalized = Boolean(p.values['normalized']);
  const out: Record<string, unknown>[] = [];
  let page: Page | undefined;
  let after: Page['next'] | undefined;
  do {
    page = engine.page({ source: source?.id ?? null, where, sort, limit: Math.min(5000, limit - out.length), after: after ?? undefined });
    for (const r of page.rows) {
      if (source) {
        out.push(rowObject(page.columns.map((c) => c.name), r, source.name, normalized));
      } else {
        const d = getRow(engine.db, r.sourceId, r.row);
        const o = rowObject(d.fields.map((f) => f.name), { ...r, cells: d.fields.map((f) => f.value) }, d.sourceName, normalized);
        out.push(o);
      }
    }
    after = page.next;
  } while (after && out.length < limit);
  const rows = pick ? out.map((o) => project(o, pick)) : out;
  if (p.values['json']) {
    printJson({ rows, count: rows.length, more: Boolean(after), query: where, description: page?.description ?? '', source: source?.name ?? null });
    return;
  }
  const cols = pick ?? (source ? page?.columns.map((c) => c.name).slice(0, 8) ?? [] : ['@time', '_source', '_row']);
  printTable(['_row', ...cols.filter((c) => c !== '_row')], rows.map((o) => ['_row', ...cols.filter((c) => c !== '_row')].map((c) => (o[c] as string | null) ?? null)));
  process.stdout.write(`${rows.length} row(s)${after ? ' (more; raise --limit)' : ''}\n`);
}

function project(o: Record<string, unknown>, pick: string[]): Record<string, unknown> {
  const r = safeRecord();
  for (const c of pick) {
    const key = Object.keys(o).find((k) => k.toLowerCase() === c.toLowerCase()) ?? c;
    r[key] = o[key] ?? null;
  }
  r['_source'] = o['_source'];
  r['_row'] = o['_row'];
  return r;
}

export function runStack(engine: Engine, p: Parsed): void {
  const column = str(p, 'column');
  if (!column) throw new UsageError('stack needs --column COL');
  const sourceRef = str(p, 'source');
  const source = sourceRef ? findSource(engine.db, sourceRef) : null;
  const r = stackColumn(engine.db, source?.id ?? null, combinedWhere(engine, p), column, p.values['least'] ? 'least' : 'most', int(p, 'limit', 50));
  if (p.values['json']) return printJson(r.values);
  printTable(['count', 'value'], r.values.map((v) => [v.count, v.value]));
}

export function runPivot(engine: Engine, p: Parsed, value: string): void {
  const r = pivot(engine.db, value, int(p, 'limit', 500));
  const groups = r.groups.map((g) => ({
    source: g.source.name,
    matchedIn: g.matchedIn,
    rows: g.rows.map((row) => rowObject(g.columns.map((c) => c.name), row, g.source.name, true)),
  }));
  if (p.values['json']) return printJson({ value: r.value, groups });
  for (const g of groups) {
    process.stdout.write(`${g.source}: ${g.rows.length} row(s), matched in ${g.matchedIn.join(', ')}\n`);
    for (const row of g.rows) process.stdout.write(`  row ${String(row['_row'])}  ${String(row['@time'] ?? '')}  ${String(row['@operation'] ?? '')}\n`);
  }
}
