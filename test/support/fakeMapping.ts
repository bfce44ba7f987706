// The fake engine's field-mapping calls (sources/mapping, sources/remap, sources/remove) for renderer tests.
import type { ApiHandlers } from '../../src-main/contract/api';
import { LoupeError } from '../../src-main/contract/errors';
import { MAPPABLE_FIELDS, type MappingView } from '../../src-main/contract/mapping';
import type { Bookmark, SourceInfo } from '../../src-main/contract/model';

type MappingHandlers = Pick<ApiHandlers, 'sources/mapping' | 'sources/remap' | 'sources/remove'>;

/** Columns feeding each field per source id; the fake starts with the obvious ones by header name. */
export function fakeMappingHandlers(
  data: { name: string; columns: string[] }[],
  sources: SourceInfo[],
  bookmarks: { get(): Bookmark[]; set(next: Bookmark[]): void },
): MappingHandlers {
  const guess: Record<string, RegExp> = { time: /date|time/i, user: /^user$/i, ip: /ip/i, result: /status/i, operation: /operation/i };
  const mappings = new Map<number, Map<string, string[]>>();
  const edited = new Map<number, Set<string>>();
  const mapOf = (sid: number): Map<string, string[]> => {
    let m = mappings.get(sid);
    if (!m) {
      m = new Map();
      for (const [field, re] of Object.entries(guess)) {
        const col = data[sid - 1]?.columns.find((c) => re.test(c));
        if (col) m.set(field, [col]);
      }
      mappings.set(sid, m);
    }
    return m;
  };
  const sourceOf = (sid: number): SourceInfo => {
    const s = sources.find((x) => x.id === sid);
    if (!s) throw new LoupeError('NOT_FOUND', `no source with id ${sid}`);
    return s;
  };
  const view = (sid: number): MappingView => {
    const s = sourceOf(sid);
    const m = mapOf(sid);
    return {
      sourceId: sid, sourceName: s.name, sha256: s.sha256, profile: { id: s.profile, name: s.profileName },
      fields: MAPPABLE_FIELDS.map((f) => ({ field: f, columns: m.get(f) ?? [], jsonPath: null, transform: null, constant: null, inferred: s.profile === 'generic' && m.has(f), edited: edited.get(sid)?.has(f) ?? false })),
      availableColumns: [...(data[sid - 1]?.columns ?? [])],
      rows: s.rows,
      bookmarks: bookmarks.get().filter((b) => b.sourceId === sid).length,
    };
  };
  return {
    'sources/mapping': ({ sourceId }) => view(sourceId),
    'sources/remap': ({ sourceId, fields }) => {
      const cols = data[sourceOf(sourceId).id - 1]?.columns ?? [];
      for (const f of fields) for (const c of f.columns) if (!cols.includes(c)) throw new LoupeError('BAD_REQUEST', `no column ${c}`);
      const m = mapOf(sourceId);
      const marks = edited.get(sourceId) ?? new Set<string>();
      for (const f of fields) {
        if (f.columns.length) m.set(f.field, [...f.columns]);
        else m.delete(f.field);
        marks.add(f.field);
      }
      edited.set(sourceId, marks);
      return view(sourceId);
    },
    'sources/remove': ({ sourceId, force }) => {
      const s = sourceOf(sourceId);
      const marked = bookmarks.get().filter((b) => b.sourceId === sourceId);
      if (marked.length && !force) throw new LoupeError('CONFLICT', `${s.name} has ${marked.length} bookmarks`);
      bookmarks.set(bookmarks.get().filter((b) => b.sourceId !== sourceId));
      sources.splice(sources.indexOf(s), 1);
      return { removed: true, bookmarks: marked.length };
    },
  };
}
