// Domain types that cross the API: sources, columns, rows, pages, bookmarks, filters (zod schemas + inferred types).
import { z } from './zod';
import { NORMALIZED_FIELDS } from './fields';

const id = z.number().int().positive();
const text = (max = 10_000) => z.string().max(max);

export const SourceInfo = z.object({
  id,
  name: z.string(),
  kind: z.string(),
  profile: z.string(),
  profileName: z.string(),
  rows: z.number().int(),
  rowsRead: z.number().int(),
  rowsRejected: z.number().int(),
  size: z.number().int(),
  sha256: z.string(),
  importedAt: z.string(),
  importerVersion: z.string(),
  container: z.string().nullable(),
  warnings: z.array(z.object({ row: z.number().int().optional(), message: z.string() })),
  meta: z.record(z.string(), z.string()),
});
export type SourceInfo = z.infer<typeof SourceInfo>;

export const ColumnInfo = z.object({
  /** Unique display name (original header, duplicates suffixed ` (2)`); what queries and rows use. */
  name: z.string(),
  /** The header text exactly as in the file. */
  header: z.string(),
  /** The normalized field this column feeds, if any. */
  field: z.string().nullable(),
});
export type ColumnInfo = z.infer<typeof ColumnInfo>;

export const CaseInfo = z.object({
  id: z.string(),
  name: z.string(),
  fileName: z.string(),
  schemaVersion: z.number().int(),
  readOnly: z.boolean(),
  sources: z.array(SourceInfo),
  details: z.record(z.string(), z.string()),
  /** Set when the case file is not on local disk (network share, cloud-sync folder, removable drive): SECURITY.md D-3. */
  storage: z.object({ kind: z.enum(['network', 'cloud-sync', 'removable']), reason: z.string() }).optional(),
  /** Set when the write-ahead log stayed large after the last checkpoint (checkpoint starvation): SECURITY.md D-5. */
  walWarning: z.string().optional(),
});
export type CaseInfo = z.infer<typeof CaseInfo>;

export const SortSpec = z.object({ column: text(1000), desc: z.boolean() });
export type SortSpec = z.infer<typeof SortSpec>;

/** A keyset cursor: the sort value and row identity of the last row of the previous page. */
export const Cursor = z.object({
  value: z.union([z.string(), z.number(), z.null()]),
  key: z.number().int(),
});
export type Cursor = z.infer<typeof Cursor>;

/** What the grid asks for: plain JSON, never SQL. `source` null = the unified timeline. */
export const QuerySpec = z.object({
  source: id.nullable(),
  where: text(20_000).default(''),
  sort: SortSpec.optional(),
  limit: z.number().int().min(1).max(5000).default(200),
  after: Cursor.optional(),
  /** Instead of `after`: the page starting at this 0-based position of the query's order (a scrollbar jump). */
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
}).refine((s) => s.after === undefined || s.offset === undefined, { message: 'give after or offset, not both' });
export type QuerySpec = z.input<typeof QuerySpec>;

export const NormalizedValues = z.record(z.string(), z.union([z.string(), z.null()]));

export const GridRow = z.object({
  sourceId: id,
  row: z.number().int(),
  /** @time as ISO 8601 UTC with microseconds, or null. */
  time: z.string().nullable(),
  /** Cells aligned to the page's `columns`. */
  cells: z.array(z.union([z.string(), z.null()])),
  normalized: NormalizedValues,
  bookmarked: z.boolean(),
});
export type GridRow = z.infer<typeof GridRow>;

export const Page = z.object({
  columns: z.array(ColumnInfo),
  rows: z.array(GridRow),
  /** Present when more rows follow. */
  next: Cursor.nullable(),
  /** Echo of the query as understood, for chips/reports. */
  description: z.string(),
  elapsedMs: z.number(),
});
export type Page = z.infer<typeof Page>;

export const CountResult = z.object({ count: z.number().int(), estimate: z.boolean(), elapsedMs: z.number() });
export type CountResult = z.infer<typeof CountResult>;

export const StackRequest = z.object({
  spec: QuerySpec,
  column: text(1000),
  order: z.enum(['most', 'least']).default('most'),
  limit: z.number().int().min(1).max(10_000).default(50),
});
export type StackRequest = z.input<typeof StackRequest>;
export const StackResult = z.object({
  values: z.array(z.object({ value: z.string().nullable(), count: z.number().int() })),
  total: z.number().int(),
  distinct: z.number().int(),
  truncated: z.boolean(),
  elapsedMs: z.number(),
});
export type StackResult = z.infer<typeof StackResult>;

export const PivotGroup = z.object({
  source: SourceInfo.pick({ id: true, name: true, profileName: true }),
  columns: z.array(ColumnInfo),
  rows: z.array(GridRow),
  /** Where the value was found: `@ip`, or the column names. */
  matchedIn: z.array(z.string()),
  truncated: z.boolean(),
});
export const PivotResult = z.object({ value: z.string(), groups: z.array(PivotGroup), elapsedMs: z.number() });
export type PivotResult = z.infer<typeof PivotResult>;

export const RowDetail = z.object({
  sourceId: id,
  sourceName: z.string(),
  sourceSha256: z.string(),
  row: z.number().int(),
  time: z.string().nullable(),
  fields: z.array(z.object({ name: z.string(), header: z.string(), value: z.string().nullable() })),
  normalized: NormalizedValues,
  extra: z.array(z.string()).nullable(),
  raw: z.string().nullable(),
});
export type RowDetail = z.infer<typeof RowDetail>;

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export const Severity = z.enum(SEVERITIES);

export const BookmarkInput = z.object({
  sourceId: id,
  row: z.number().int().nonnegative(),
  note: text(100_000).default(''),
  tags: z.array(text(200)).max(100).default([]),
  techniques: z
    .array(z.string().regex(/^T\d{4}(\.\d{3})?$/, 'ATT&CK ids look like T1528 or T1552.001'))
    .max(50)
    .default([]),
  severity: Severity.default('medium'),
});
export type BookmarkInput = z.input<typeof BookmarkInput>;

export const Bookmark = z.object({
  id,
  sourceId: id,
  sourceName: z.string(),
  row: z.number().int(),
  time: z.string().nullable(),
  note: z.string(),
  tags: z.array(z.string()),
  techniques: z.array(z.string()),
  severity: Severity,
  summary: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Bookmark = z.infer<typeof Bookmark>;

export const SavedFilter = z.object({
  id,
  name: z.string(),
  description: z.string(),
  query: z.string(),
  sourceName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedFilter = z.infer<typeof SavedFilter>;

export const SavedFilterInput = z.object({
  name: text(200).min(1),
  description: text(5000).default(''),
  query: text(20_000),
  sourceName: text(1000).nullable().default(null),
});
export type SavedFilterInput = z.input<typeof SavedFilterInput>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  ts: z.string(),
  action: z.string(),
  target: z.string(),
  params: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ImportProgress = z.object({
  jobId: z.string(),
  file: z.string(),
  phase: z.enum(['hashing', 'parsing', 'indexing', 'done', 'failed', 'cancelled']),
  rows: z.number().int(),
  bytes: z.number(),
  totalBytes: z.number(),
  message: z.string().optional(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ImportSummary = z.object({
  file: z.string(),
  ok: z.boolean(),
  error: z.string().optional(),
  sources: z.array(SourceInfo),
  duplicateOf: z.number().int().optional(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const NORMALIZED_FIELD_NAMES = NORMALIZED_FIELDS;
