// In-memory fake of the engine implementing the contract's ApiHandlers, plus a LoupeBridge over it (renderer tests).
import type { GridLayout, RecentCase } from '../../src-main/contract/api';
import { API, API_NAMES, type ApiHandlers, type Finding, type ApiName, type EventName, type EventPayload, type LoupeBridge } from '../../src-main/contract/api';
import { LoupeError } from '../../src-main/contract/errors';
import type { Bookmark, ColumnInfo, Cursor, GridRow, SavedFilter, SourceInfo } from '../../src-main/contract/model';
import { fakeMappingHandlers } from './fakeMapping';

export interface FakeSource { name: string; columns: string[]; rows: (string | null)[][]; times?: (string | null)[]; profile?: string }
export interface FakeCall { name: ApiName; req: unknown }

const NOW = '2024-01-01T00:00:00.000000Z';

export const HOSTILE = ['<img src=x onerror=alert(1)>', '{{7*7}}', '<script>window.__xss=1</script>', '"><svg onload=alert(1)>', "it's ]] [x]"];

/** The seed scenario in miniature, with hostile cell text in the sign-in source. */
export function defaultSources(extraRows = 0): FakeSource[] {
  const signIn: FakeSource = {
    name: 'Sign_In_Logs.xlsx',
    profile: 'entra-signin-portal',
    columns: ['Date (UTC)', 'User', 'IP address', 'Status', 'Notes'],
    rows: [
      ['2023-10-26 14:10:50', 'miriamg@bank.onmicrosoft.com', '201.231.8.199', 'Success', HOSTILE[0] ?? ''],
      ['2023-10-26 14:11:02', 'alice@bank.onmicrosoft.com', '10.0.0.4', 'Success', HOSTILE[1] ?? ''],
      ['2023-10-26 14:12:40', 'bob@bank.onmicrosoft.com', '10.0.0.5', 'Failure', HOSTILE[2] ?? ''],
      ['2023-10-26 14:13:00', 'miriamg@bank.onmicrosoft.com', '201.231.8.199', 'Success', HOSTILE[3] ?? ''],
      ['2023-10-26 14:14:00', "o'brien@bank.onmicrosoft.com", '10.0.0.6', 'Success', HOSTILE[4] ?? ''],
    ],
  };
  const kv: FakeSource = {
    name: 'Azure_KV_Logs.xlsx',
    profile: 'keyvault-diagnostics',
    columns: ['TimeGenerated', 'OperationName', 'CallerIPAddress', 'requestUri_s'],
    rows: [],
  };
  const ops = ['Authentication', 'KeyList', 'SecretList', 'KeyGet', 'SecretGet'];
  const n = 14 + extraRows;
  for (let i = 0; i < n; i++) {
    const sec = String(i % 60).padStart(2, '0');
    kv.rows.push([`2023-10-26 14:${String(20 + Math.floor(i / 60) % 40).padStart(2, '0')}:${sec}`, ops[i % ops.length] ?? 'KeyGet', i % 3 === 0 ? '10.1.1.1' : '201.231.8.199', `https://salary.vault.azure.net/keys/Payroll?i=${i}`]);
  }
  return [signIn, kv];
}

function toIso(s: string | null | undefined): string | null {
  if (!s) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(s);
  return m ? `${m[1]}T${m[2]}.000000Z` : null;
}

interface Rec { sourceId: number; row: number; cells: (string | null)[]; time: string | null; norm: Record<string, string | null> }

const CLAUSE = /(\[(?:[^\]]|\]\])+\]|@\w+)\s*(!=|=)\s*'((?:[^']|'')*)'/g;

/** A tiny evaluator for the subset the renderer produces: AND of `[col] = 'v'` / `!=` / `@f = 'v'` plus bare words. */
function compileWhere(where: string, columns: string[]): (r: Rec) => boolean {
  const tests: ((r: Rec) => boolean)[] = [];
  const rest = where.replace(CLAUSE, (whole, col: string, op: string, raw: string) => {
    const value = raw.replace(/''/g, "'").toLowerCase();
    const name = col.startsWith('@') ? col : col.slice(1, -1).replace(/]]/g, ']');
    const get = (r: Rec): string | null => (name.startsWith('@') ? r.norm[name.slice(1)] ?? null : r.cells[columns.findIndex((c) => c.toLowerCase() === name.toLowerCase())] ?? null);
    if (!name.startsWith('@') && !columns.some((c) => c.toLowerCase() === name.toLowerCase())) {
      throw new LoupeError('BAD_INPUT', `Unknown column ${name}`, where.indexOf(whole));
    }
    tests.push((r) => ((get(r) ?? '').toLowerCase() === value) === (op === '='));
    return ' '.repeat(whole.length);
  });
  const bad = /['"=!<>\]]/.exec(rest);
  if (bad) throw new LoupeError('BAD_INPUT', `Unexpected '${bad[0]}'`, bad.index);
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '(') depth++;
    if (rest[i] === ')' && --depth < 0) throw new LoupeError('BAD_INPUT', "Unexpected ')'", i);
  }
  if (depth !== 0) throw new LoupeError('BAD_INPUT', "Missing ')'", rest.length);
  for (const word of rest.replace(/[()]/g, ' ').split(/\s+/).filter((w) => w !== '' && w.toLowerCase() !== 'and')) {
    const w = word.toLowerCase();
    tests.push((r) => r.cells.some((c) => c !== null && c.toLowerCase().includes(w)));
  }
  return (r) => tests.every((t) => t(r));
}

export interface FakeApi {
  handlers: ApiHandlers;
  bridge: LoupeBridge;
  calls: FakeCall[];
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
  sources: SourceInfo[];
}

export function createFakeApi(data: FakeSource[] = defaultSources()): FakeApi {
  const calls: FakeCall[] = [];
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const sources: SourceInfo[] = data.map((s, i) => ({
    id: i + 1, name: s.name, kind: 'xlsx', profile: s.profile ?? 'generic', profileName: s.profile ?? 'Generic', rows: s.rows.length,
    rowsRead: s.rows.length, rowsRejected: 0, size: 1000 + i, sha256: 'ab'.repeat(32), importedAt: NOW, importerVersion: '1',
    container: null, warnings: [], meta: {},
  }));
  const recs = (sid: number): Rec[] => {
    const s = data[sid - 1];
    if (!s) throw new LoupeError('NOT_FOUND', `No source ${sid}`);
    return s.rows.map((cells, row) => ({
      sourceId: sid, row: row + 2, cells, time: toIso(cells[0]),
      norm: { time: toIso(cells[0]), source: s.name, ip: cells.find((c) => c !== null && /^\d+\.\d+\.\d+\.\d+$/.test(c)) ?? null, user: cells.find((c) => c !== null && c.includes('@')) ?? null },
    }));
  };
  const columnsOf = (sid: number | null): ColumnInfo[] =>
    sid === null ? ['@user', '@ip'].map((n) => ({ name: n, header: n, field: n.slice(1) })) : (data[sid - 1]?.columns ?? []).map((c) => ({ name: c, header: c, field: null }));
  const cellsFor = (r: Rec, sid: number | null): (string | null)[] => (sid === null ? [r.norm.user ?? null, r.norm.ip ?? null] : r.cells);
  const sortValue = (r: Rec, sid: number | null, column: string | undefined): string | number | null => {
    if (!column || column === '@time') return r.time;
    if (column.startsWith('@')) return r.norm[column.slice(1)] ?? null;
    const i = (data[(sid ?? 0) - 1]?.columns ?? []).indexOf(column);
    return i < 0 ? null : r.cells[i] ?? null;
  };
  const keyOf = (r: Rec): number => r.sourceId * 1_000_000 + r.row;
  const cmp = (a: [string | number | null, number], b: [string | number | null, number]): number => {
    const av = a[0] ?? '';
    const bv = b[0] ?? '';
    return av < bv ? -1 : av > bv ? 1 : a[1] - b[1];
  };
  const select = (spec: { source: number | null; where: string; sort?: { column: string; desc: boolean } | undefined }): { rows: Rec[]; value: (r: Rec) => string | number | null } => {
    const all = spec.source === null ? sources.flatMap((s) => recs(s.id)) : recs(spec.source);
    const cols = spec.source === null ? [] : data[spec.source - 1]?.columns ?? [];
    const test = compileWhere(spec.where, cols);
    const value = (r: Rec): string | number | null => sortValue(r, spec.source, spec.sort?.column);
    const dir = spec.sort?.desc ? -1 : 1;
    return { rows: all.filter(test).sort((a, b) => dir * cmp([value(a), keyOf(a)], [value(b), keyOf(b)])), value };
  };
  const gridRow = (r: Rec, sid: number | null): GridRow => ({ sourceId: r.sourceId, row: r.row, time: r.time, cells: cellsFor(r, sid), normalized: r.norm, bookmarked: bookmarks.some((b) => b.sourceId === r.sourceId && b.row === r.row) });

  let bookmarks: Bookmark[] = [];
  let filters: SavedFilter[] = [];
  let findings: Finding[] = [];
  const layouts = new Map<number | null, GridLayout>();
  let nextId = 1;
  const recentCases: RecentCase[] = [
    { id: 'a'.repeat(32), name: 'Unusual Key Vault access', path: '/cases/case.loupe', sizeBytes: 1_048_576, sources: sources.length, lastOpened: NOW, missing: false, current: true },
    { id: 'b'.repeat(32), name: 'Gone case', path: '/cases/gone.loupe', sizeBytes: null, sources: null, lastOpened: NOW, missing: true, current: false },
  ];
  let openCase: { name: string; readOnly: boolean; lockedBy: string | null } | null = { name: 'Unusual Key Vault access', readOnly: false, lockedBy: null };
  const emit = <K extends EventName>(event: K, payload: EventPayload<K>): void => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };

  const handlers: ApiHandlers = {
    'case/info': () => ({ id: 'case-1', name: 'Unusual Key Vault access', fileName: 'case.loupe', schemaVersion: 1, readOnly: false, sources, details: {} }),
    'sources/columns': ({ sourceId }) => columnsOf(sourceId),
    'sources/verify': () => sources.map((s) => ({ sourceId: s.id, name: s.name, status: 'ok' as const, detail: 'hash matches' })),
    ...fakeMappingHandlers(data, sources, { get: () => bookmarks, set: (next) => { bookmarks = next; } }),
    'query/page': (spec) => {
      const { rows, value } = select(spec);
      const after: Cursor | undefined = spec.after;
      const dir = spec.sort?.desc ? -1 : 1;
      const from = after ? rows.filter((r) => dir * cmp([value(r), keyOf(r)], [after.value, after.key]) > 0) : rows.slice(spec.offset ?? 0);
      const page = from.slice(0, spec.limit);
      const last = page[page.length - 1];
      return {
        columns: columnsOf(spec.source),
        rows: page.map((r) => gridRow(r, spec.source)),
        next: from.length > spec.limit && last ? { value: value(last), key: keyOf(last) } : null,
        description: spec.where,
        elapsedMs: 1,
      };
    },
    'query/count': (spec) => ({ count: select(spec).rows.length, estimate: false, elapsedMs: 1 }),
    'query/stack': ({ spec, column, order, limit }) => {
      const { rows } = select(spec);
      const counts = new Map<string | null, number>();
      for (const r of rows) {
        const v = sortValue(r, spec.source, column);
        const key = v === null ? null : String(v);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const values = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => (order === 'most' ? b.count - a.count : a.count - b.count));
      return { values: values.slice(0, limit), total: rows.length, distinct: values.length, truncated: values.length > limit, elapsedMs: 1 };
    },
    'query/pivot': ({ value, limit }) => ({
      value,
      elapsedMs: 1,
      groups: sources
        .map((s) => ({ s, rows: recs(s.id).filter((r) => r.cells.some((c) => c === value)) }))
        .filter((g) => g.rows.length > 0)
        .map(({ s, rows }) => ({ source: { id: s.id, name: s.name, profileName: s.profileName }, columns: columnsOf(s.id), rows: rows.slice(0, limit).map((r) => gridRow(r, s.id)), matchedIn: ['@ip'], truncated: rows.length > limit })),
    }),
    'query/histogram': () => ({ start: null, bucketUs: 0, counts: [] }),
    'row/get': ({ sourceId, row }) => {
      const r = recs(sourceId).find((x) => x.row === row);
      const s = sources[sourceId - 1];
      if (!r || !s) throw new LoupeError('NOT_FOUND', `No row ${row}`);
      return {
        sourceId, sourceName: s.name, sourceSha256: s.sha256, row, time: r.time,
        fields: (data[sourceId - 1]?.columns ?? []).map((c, i) => ({ name: c, header: c, value: r.cells[i] ?? null })),
        normalized: r.norm, extra: null, raw: '{"raw":"<b>not html</b>"}',
      };
    },
    'bookmarks/list': () => bookmarks,
    'bookmarks/add': (input) => {
      const s = sources[input.sourceId - 1];
      if (!s) throw new LoupeError('NOT_FOUND', 'No such source');
      const existing = bookmarks.find((b) => b.sourceId === input.sourceId && b.row === input.row);
      const b: Bookmark = { id: existing?.id ?? nextId++, sourceId: input.sourceId, sourceName: s.name, row: input.row, time: null, note: input.note, tags: input.tags, techniques: input.techniques, severity: input.severity, summary: `row ${input.row}`, createdAt: NOW, updatedAt: NOW };
      bookmarks = [...bookmarks.filter((x) => x.id !== b.id), b];
      return b;
    },
    'bookmarks/update': (req) => {
      const b = bookmarks.find((x) => x.id === req.id);
      if (!b) throw new LoupeError('NOT_FOUND', 'No such bookmark');
      Object.assign(b, Object.fromEntries(Object.entries(req).filter(([k, v]) => k !== 'id' && v !== undefined)));
      return b;
    },
    'bookmarks/remove': ({ id }) => {
      const before = bookmarks.length;
      bookmarks = bookmarks.filter((b) => b.id !== id);
      return { removed: bookmarks.length < before };
    },
    'filters/list': () => filters,
    'filters/save': (input) => {
      compileWhere(input.query, []);
      const f: SavedFilter = { id: nextId++, name: input.name, description: input.description, query: input.query, sourceName: input.sourceName, createdAt: NOW, updatedAt: NOW };
      filters = [...filters.filter((x) => x.name !== f.name), f];
      return f;
    },
    'filters/remove': ({ id }) => {
      const before = filters.length;
      filters = filters.filter((f) => f.id !== id);
      return { removed: filters.length < before };
    },
    'filters/exportLibrary': () => ({ json: JSON.stringify(filters.map(({ name, description, query, sourceName }) => ({ name, description, query, sourceName }))) }),
    'filters/importLibrary': ({ json }) => {
      const parsed: unknown = JSON.parse(json);
      if (!Array.isArray(parsed)) throw new LoupeError('BAD_INPUT', 'A filter library is a JSON array');
      return { imported: parsed.length };
    },
    'bookmarks/bulk': ({ spec, max, note, tags, techniques, severity }) => {
      const { rows } = select(spec);
      // like the engine: bookmark (or re-bookmark) each selected row up to `max`
      for (const r of rows.slice(0, max)) {
        const s = sources[r.sourceId - 1];
        const existing = bookmarks.find((b) => b.sourceId === r.sourceId && b.row === r.row);
        if (!s) continue;
        const b: Bookmark = { id: existing?.id ?? nextId++, sourceId: r.sourceId, sourceName: s.name, row: r.row, time: r.time, note, tags, techniques, severity, summary: `row ${r.row}`, createdAt: NOW, updatedAt: NOW };
        bookmarks = [...bookmarks.filter((x) => x.id !== b.id), b];
      }
      return { added: Math.min(rows.length, max), truncated: rows.length > max };
    },
    'findings/list': () => findings,
    'findings/save': (input) => {
      const f: Finding = { id: input.id ?? nextId++, title: input.title, phase: input.phase, narrative: input.narrative, severity: input.severity, techniques: input.techniques, bookmarkIds: input.bookmarkIds, filterNames: input.filterNames, start: null, end: null };
      findings = [...findings.filter((x) => x.id !== f.id), f];
      return f;
    },
    'findings/remove': ({ id }) => {
      const before = findings.length;
      findings = findings.filter((f) => f.id !== id);
      return { removed: findings.length < before };
    },
    'case/update': () => ({ id: 'case-1', name: 'Unusual Key Vault access', fileName: 'case.loupe', schemaVersion: 1, readOnly: false, sources, details: {} }),
    'export/rows': ({ spec, format }) => ({ fileName: `rows.${format}`, mime: 'text/csv', base64: Buffer.from(select(spec).rows.map((r) => r.cells.join(',')).join('\n'), 'utf8').toString('base64') }),
    'import/pick': () => ({ ids: ['0'.repeat(32)] }),
    'import/start': ({ ids }) => {
      const jobId = `job-${nextId++}`;
      setTimeout(() => {
        for (const id of ids) emit('import/progress', { jobId, file: `${id}.csv`, phase: 'done', rows: 3, bytes: 10, totalBytes: 10 });
        emit('import/done', { jobId, summaries: ids.map((id) => ({ file: `${id}.csv`, ok: true, sources: [] })) });
      }, 0);
      return { jobId };
    },
    'import/cancel': () => ({ cancelled: true }),
    'report/export': ({ format, defang }) => {
      const text = `# Case report\n\nIOC: ${defang ? '201[.]231[.]8[.]199' : '201.231.8.199'}\n<script>alert(1)</script>\n`;
      return { fileName: `report.${format}`, mime: format === 'md' ? 'text/markdown' : format === 'html' ? 'text/html' : 'application/pdf', base64: Buffer.from(text, 'utf8').toString('base64') };
    },
    'triage/run': () => ({
      findings: [{ rule: 'kv-after-risky-signin', title: 'Key Vault secrets read from the sign-in IP', severity: 'high', description: 'd', techniques: ['T1528', 'T1552.001'], entities: { ip: ['201.231.8.199'] }, rows: [{ sourceId: 2, source: 'Azure_KV_Logs.xlsx', row: 2 }], query: "@ip = '201.231.8.199'", score: 90 }],
    }),
    'layout/get': ({ sourceId }) => ({ layout: layouts.get(sourceId) ?? null }),
    'layout/save': ({ sourceId, layout }) => {
      layouts.set(sourceId, layout);
      return { saved: true };
    },
    'app/about': () => ({ loupe: '0.1.0', node: '20', sqlite: '3', electron: null, datasets: [] }),
    'audit/list': () => ({ entries: [{ seq: 1, ts: NOW, action: 'import', target: 'Sign_In_Logs.xlsx', params: '{}', hash: 'cd'.repeat(32) }], head: 'cd'.repeat(32), valid: true, brokenAt: null }),
    'cases/recent': () => ({ cases: recentCases, current: openCase }),
    'cases/open': ({ id, sample }) => {
      const target = sample ? recentCases[0] : recentCases.find((c) => c.id === id);
      if (!target || target.missing) throw new LoupeError('NOT_FOUND', 'no such recent case');
      openCase = { name: target.name, readOnly: false, lockedBy: null };
      return { ok: true, readOnly: false, lockedBy: null };
    },
    'cases/create': ({ name }) => {
      recentCases.unshift({ id: String(recentCases.length + 1).padStart(32, 'c'), name, path: `/cases/${name}.loupe`, sizeBytes: 4096, sources: 0, lastOpened: NOW, missing: false, current: true });
      openCase = { name, readOnly: false, lockedBy: null };
      return { ok: true, readOnly: false, lockedBy: null };
    },
    'cases/close': () => {
      openCase = null;
      return { closed: true };
    },
    'case/saveAs': () => ({ saved: true, fileName: 'case-copy.loupe', path: '/cases/case-copy.loupe', bytes: 4096 }),
  };

  const bridgeCalls = Object.fromEntries(
    API_NAMES.map((name) => [
      name,
      async (req: unknown) => {
        calls.push({ name, req: structuredClone(req) });
        const parsed = API[name].req.safeParse(req);
        if (!parsed.success) throw new LoupeError('BAD_REQUEST', `${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        const handler = handlers[name] as (r: unknown) => unknown;
        return API[name].res.parse(await handler(parsed.data));
      },
    ]),
  );
  const bridge = {
    ...bridgeCalls,
    on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      const l = listener as (p: unknown) => void;
      set.add(l);
      listeners.set(event, set);
      return () => set.delete(l);
    },
  } as LoupeBridge;

  return { handlers, bridge, calls, emit, sources };
}
