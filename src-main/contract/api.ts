// The API contract: every call and event, typed once and validated at runtime at every boundary.
// Preload bridge, IPC handlers, browser-mode server, renderer client and test fakes all derive from it.
import { z } from './zod';
import {
  AuditEntry,
  Bookmark,
  BookmarkInput,
  CaseInfo,
  ColumnInfo,
  CountResult,
  ImportProgress,
  ImportSummary,
  Page,
  PivotResult,
  QuerySpec,
  RowDetail,
  SavedFilter,
  SavedFilterInput,
  Severity,
  StackRequest,
  StackResult,
} from './model';
import { MappingView, RemapRequest, RemoveSourceRequest } from './mapping';

const empty = z.object({}).strict();
const sourceId = z.number().int().positive();

export const ReportFormat = z.enum(['md', 'html', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormat>;

export const GridLayout = z.object({
  columns: z
    .array(z.object({ name: z.string().max(1000), width: z.number().int().min(20).max(4000).optional(), hidden: z.boolean().optional(), pinned: z.boolean().optional() }))
    .max(2000),
}).strict();
export type GridLayout = z.infer<typeof GridLayout>;

export const ReportRequest = z.object({
  format: ReportFormat,
  draft: z.boolean().default(false),
  defang: z.boolean().default(true),
  sections: z.array(z.string().max(50)).max(30).optional(),
});

export const ReportFile = z.object({ fileName: z.string(), mime: z.string(), base64: z.string() });

const techniqueId = z.string().regex(/^T\d{4}(\.\d{3})?$/, 'ATT&CK ids look like T1528 or T1552.001');

export const Finding = z.object({
  id: z.number().int(),
  title: z.string(),
  phase: z.string(),
  narrative: z.string(),
  severity: z.string(),
  techniques: z.array(z.string()),
  bookmarkIds: z.array(z.number().int()),
  filterNames: z.array(z.string()),
  start: z.string().nullable(),
  end: z.string().nullable(),
});
export type Finding = z.infer<typeof Finding>;

export const FindingInput = z.object({
  id: z.number().int().positive().optional(),
  title: z.string().min(1).max(500),
  phase: z.string().max(100).default(''),
  narrative: z.string().max(100_000).default(''),
  severity: Severity.default('medium'),
  techniques: z.array(techniqueId).max(50).default([]),
  bookmarkIds: z.array(z.number().int().positive()).max(10_000).default([]),
  filterNames: z.array(z.string().max(200)).max(100).default([]),
}).strict();

export const CaseDetailsInput = z.object({
  name: z.string().min(1).max(500).optional(),
  number: z.string().max(200).optional(),
  analyst: z.string().max(500).optional(),
  organisation: z.string().max(500).optional(),
  summary: z.string().max(100_000).optional(),
  recommendations: z.string().max(100_000).optional(),
}).strict();

export const TriageFinding = z.object({
  rule: z.string(),
  title: z.string(),
  severity: z.string(),
  description: z.string(),
  techniques: z.array(z.string()),
  entities: z.record(z.string(), z.array(z.string())),
  rows: z.array(z.object({ sourceId: z.number().int(), source: z.string(), row: z.number().int() })),
  query: z.string(),
  score: z.number(),
});
export type TriageFinding = z.infer<typeof TriageFinding>;

/** A recent case as the start screen shows it; `id` is opaque (the renderer never sends paths, SECURITY I-3). */
export const RecentCase = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  sizeBytes: z.number().nullable(),
  sources: z.number().int().nullable(),
  lastOpened: z.string(),
  missing: z.boolean(),
  current: z.boolean(),
});
export type RecentCase = z.infer<typeof RecentCase>;

/** The outcome of opening or creating a case: `ok` is false when a dialog was cancelled. */
export const CaseOpened = z.object({ ok: z.boolean(), readOnly: z.boolean(), lockedBy: z.string().nullable() });
const recentId = z.string().regex(/^[a-f0-9]{32}$/);

/** Each entry: request schema, response schema, and its invariants. Channel names are `domain/action`. */
export const API = {
  /** The open case: identity, details and its evidence register. Read-only. */
  'case/info': { req: empty, res: CaseInfo },
  /** Columns of one source in file order, with the normalized field each one feeds. */
  'sources/columns': { req: z.object({ sourceId }).strict(), res: z.array(ColumnInfo) },
  /** Which columns feed each @ field of one source (profile, inferred/edited badges), plus its bookmark count. */
  'sources/mapping': { req: z.object({ sourceId }).strict(), res: MappingView },
  /** Change the columns feeding some @ fields; the source's events are recomputed (evidence untouched). Audit-logged. */
  'sources/remap': { req: RemapRequest, res: MappingView },
  /** Remove a whole source (its rows, events, index entries); refused when bookmarked unless force. Audit-logged. */
  'sources/remove': { req: RemoveSourceRequest, res: z.object({ removed: z.boolean(), bookmarks: z.number().int() }) },
  /** Re-hash every source's original file (status) and its read-only evidence copy when one was kept (copy), compare with the register (audit-logged). */
  'sources/verify': {
    req: empty,
    res: z.array(
      z.object({ sourceId, name: z.string(), status: z.enum(['ok', 'mismatch', 'missing']), copy: z.enum(['ok', 'changed', 'missing']).optional(), detail: z.string() }),
    ),
  },
  /** One page of rows (keyset paging; never OFFSET). The count comes from query/count. */
  'query/page': { req: QuerySpec, res: Page },
  /** Row count of a query; may be an estimate for very large results. */
  'query/count': { req: QuerySpec, res: CountResult },
  /** Value counts of one column or @field under the current filter. */
  'query/stack': { req: StackRequest, res: StackResult },
  /** Every row in every source where a value appears, grouped by source, in time order. */
  'query/pivot': { req: z.object({ value: z.string().min(1).max(2000), limit: z.number().int().min(1).max(5000).default(500) }).strict(), res: PivotResult },
  /** Event counts over time for the histogram (buckets chosen by the engine). */
  'query/histogram': {
    req: z.object({ spec: QuerySpec, buckets: z.number().int().min(1).max(1000).default(100) }).strict(),
    res: z.object({ start: z.string().nullable(), bucketUs: z.number(), counts: z.array(z.number().int()) }),
  },
  /** The whole row with every original column, its @ fields and raw record. */
  'row/get': { req: z.object({ sourceId, row: z.number().int() }).strict(), res: RowDetail },
  'bookmarks/list': { req: empty, res: z.array(Bookmark) },
  /** Bookmark a row (or update the existing bookmark of that row). Audit-logged. */
  'bookmarks/add': { req: BookmarkInput, res: Bookmark },
  'bookmarks/update': {
    req: z.object({
      id: z.number().int().positive(),
      note: z.string().max(100_000).optional(),
      tags: z.array(z.string().max(200)).max(100).optional(),
      techniques: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/)).max(50).optional(),
      severity: Severity.optional(),
    }).strict(),
    res: Bookmark,
  },
  'bookmarks/remove': { req: z.object({ id: z.number().int().positive() }).strict(), res: z.object({ removed: z.boolean() }) },
  'filters/list': { req: empty, res: z.array(SavedFilter) },
  /** Save (or replace by name) a named filter. The query is validated first. Audit-logged. */
  'filters/save': { req: SavedFilterInput, res: SavedFilter },
  'filters/remove': { req: z.object({ id: z.number().int().positive() }).strict(), res: z.object({ removed: z.boolean() }) },
  /** The saved filters as a JSON library a team can carry from case to case. */
  'filters/exportLibrary': { req: empty, res: z.object({ json: z.string() }) },
  /** Import a filter library (same names are replaced); every query must parse. Audit-logged. */
  'filters/importLibrary': { req: z.object({ json: z.string().max(5_000_000) }).strict(), res: z.object({ imported: z.number().int() }) },
  /** Bookmark every row a query selects (at most `max`), with the same note, tags and techniques. */
  'bookmarks/bulk': {
    req: z.object({
      spec: QuerySpec,
      max: z.number().int().min(1).max(10_000).default(1000),
      note: z.string().max(100_000).default(''),
      tags: z.array(z.string().max(200)).max(100).default([]),
      techniques: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/)).max(50).default([]),
      severity: Severity.default('medium'),
    }).strict(),
    res: z.object({ added: z.number().int(), truncated: z.boolean() }),
  },
  'findings/list': { req: empty, res: z.array(Finding) },
  /** Create (no id) or replace a finding: a named group of bookmarks with a phase and narrative. Audit-logged. */
  'findings/save': { req: FindingInput, res: Finding },
  'findings/remove': { req: z.object({ id: z.number().int().positive() }).strict(), res: z.object({ removed: z.boolean() }) },
  /** Case details printed on the report. Audit-logged. */
  'case/update': { req: CaseDetailsInput, res: CaseInfo },
  /** Rows of the current query as a file (spreadsheet formulas neutralized unless raw is asked). Audit-logged. */
  'export/rows': {
    req: z.object({ spec: QuerySpec, format: z.enum(['csv', 'xlsx', 'timesketch', 'opensearch']), raw: z.boolean().default(false), max: z.number().int().min(1).max(1_000_000).default(100_000) }).strict(),
    res: ReportFile,
  },
  /** Files chosen in a native dialog (Electron) become opaque staging ids; browser mode uploads instead. */
  'import/pick': { req: empty, res: z.object({ ids: z.array(z.string()) }) },
  /**
   * Import staged files in the background; progress arrives as `import/progress` events. copyEvidence (default on): keep a
   * read-only copy of each file in `<case>.evidence/` and parse that copy.
   */
  'import/start': {
    req: z.object({ ids: z.array(z.string().regex(/^[a-f0-9]{32}$/)).min(1).max(500), copyEvidence: z.boolean().default(true) }).strict(),
    res: z.object({ jobId: z.string() }),
  },
  'import/cancel': { req: z.object({ jobId: z.string().max(100) }).strict(), res: z.object({ cancelled: z.boolean() }) },
  /** Render the case report; the renderer saves it (download) or previews it (html). Audit-logged. */
  'report/export': { req: ReportRequest, res: ReportFile },
  /** Built-in detections over the whole case. */
  'triage/run': { req: empty, res: z.object({ findings: z.array(TriageFinding) }) },
  /** The grid layout saved in the case for one source (null = the unified timeline). */
  'layout/get': { req: z.object({ sourceId: z.number().int().positive().nullable() }).strict(), res: z.object({ layout: GridLayout.nullable() }) },
  /** Save a source's grid layout (column order, widths, hidden and pinned columns) in the case. */
  'layout/save': { req: z.object({ sourceId: z.number().int().positive().nullable(), layout: GridLayout }).strict(), res: z.object({ saved: z.boolean() }) },
  /** Versions, bundled data sets and their licences, for the About dialog. */
  'app/about': {
    req: empty,
    res: z.object({
      loupe: z.string(),
      node: z.string(),
      sqlite: z.string(),
      electron: z.string().nullable(),
      datasets: z.array(z.object({ name: z.string(), purpose: z.string(), version: z.string().nullable(), licence: z.string(), attribution: z.string(), date: z.string().nullable(), available: z.boolean() })),
    }),
  },
  'audit/list': { req: empty, res: z.object({ entries: z.array(AuditEntry), head: z.string(), valid: z.boolean(), brokenAt: z.number().int().nullable() }) },
  /** Host-level: recent cases, the open case (null on the start screen) and whether it is read-only (locked elsewhere). */
  'cases/recent': {
    req: empty,
    res: z.object({ cases: z.array(RecentCase), current: z.object({ name: z.string(), readOnly: z.boolean(), lockedBy: z.string().nullable() }).nullable() }),
  },
  /** Host-level: open a recent case by id, the sample case, or (Electron) one chosen in a native dialog. */
  'cases/open': {
    req: z
      .object({ id: recentId.optional(), sample: z.literal(true).optional(), pick: z.literal(true).optional() })
      .strict()
      .refine((r) => [r.id, r.sample, r.pick].filter((v) => v !== undefined).length === 1, 'give exactly one of id, sample, pick'),
    res: CaseOpened,
  },
  /** Host-level: a new empty case (browser: under loupeHome()/cases; Electron: where the save dialog says). */
  'cases/create': { req: z.object({ name: z.string().trim().min(1).max(200) }).strict(), res: CaseOpened },
  /** Host-level: close the open case (browser: back to the start screen; Electron: closes the window). */
  'cases/close': { req: empty, res: z.object({ closed: z.boolean() }) },
  /** A consistent copy of the open case (SQLite backup API + integrity_check), audit-logged. `saved` false = dialog cancelled. */
  'case/saveAs': {
    req: empty,
    res: z.object({ saved: z.boolean(), fileName: z.string().nullable(), path: z.string().nullable(), bytes: z.number().nullable() }),
  },
} as const;

export type ApiName = keyof typeof API;
export const API_NAMES = Object.keys(API) as ApiName[];
export type ApiRequest<K extends ApiName> = z.input<(typeof API)[K]['req']>;
export type ApiParsedRequest<K extends ApiName> = z.output<(typeof API)[K]['req']>;
export type ApiResponse<K extends ApiName> = z.output<(typeof API)[K]['res']>;

/** What the engine (or a fake) implements. */
export type ApiHandlers = { [K in ApiName]: (req: ApiParsedRequest<K>) => Promise<ApiResponse<K>> | ApiResponse<K> };
/** What the renderer calls. */
export type ApiClient = { [K in ApiName]: (req: ApiRequest<K>) => Promise<ApiResponse<K>> };

/** Events pushed from the engine to the renderer. */
export const EVENTS = {
  'import/progress': ImportProgress,
  'import/done': z.object({ jobId: z.string(), summaries: z.array(ImportSummary) }),
  'case/changed': z.object({ reason: z.string() }),
  /** The full-text index builds in the background after an import: rows of one source indexed so far. */
  'fulltext/progress': z.object({ sourceId: z.number().int(), done: z.number().int(), total: z.number().int() }),
  /** Triage re-ran after an import: how many findings, by severity. */
  'triage/updated': z.object({ findings: z.number().int(), bySeverity: z.record(z.string(), z.number().int()) }),
} as const;
export type EventName = keyof typeof EVENTS;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
export type EventPayload<K extends EventName> = z.infer<(typeof EVENTS)[K]>;

/** The object the preload exposes as `window.loupe`: one function per call, plus a typed subscribe. */
/**
 * Files dropped on the desktop app's window. The preload turns each File into its path with Electron's webUtils (a File
 * the page built itself has no path) and sends them on this one channel; main checks every path. Not a contract call:
 * the renderer can never send a path string of its own (SECURITY I-3).
 */
export const DROP_FILES_CHANNEL = 'drop/files';
export type DropResult = { kind: 'case'; readOnly: boolean; lockedBy: string | null } | { kind: 'import'; ids: string[] };

export type LoupeBridge = ApiClient & {
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
  /** Desktop app only: a dropped `.loupe` opens in its own window; other dropped files are staged for `import/start`. */
  dropFiles(files: readonly Blob[]): Promise<DropResult>;
};

export function isApiName(name: string): name is ApiName {
  return Object.prototype.hasOwnProperty.call(API, name);
}
