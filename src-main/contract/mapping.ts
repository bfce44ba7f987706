// Contract shapes for a source's field mapping (which columns feed each `@` field) and whole-source removal.
import { z } from './zod';
import { NORMALIZED_FIELDS } from './fields';

/** Every `@` field a mapping can feed: all normalized fields but `source` (derived from the register). */
export const MAPPABLE_FIELDS = NORMALIZED_FIELDS.filter((f): f is Exclude<(typeof NORMALIZED_FIELDS)[number], 'source'> => f !== 'source');
export const MappableFieldName = z.enum(MAPPABLE_FIELDS as [string, ...string[]]);

export const MappingFieldView = z.object({
  field: z.string(),
  /** display names of the source's columns feeding the field, in priority order (first non-empty wins) */
  columns: z.array(z.string()),
  /** when the columns hold JSON: the dot path read inside them (null = the cell itself) */
  jsonPath: z.string().nullable(),
  transform: z.string().nullable(),
  /** fixed value (e.g. operation `Sign-in`) when no column feeds the field */
  constant: z.string().nullable(),
  /** the importer guessed this field from header names and sample values (generic profile) */
  inferred: z.boolean(),
  /** an analyst changed this field after import (sources/remap) */
  edited: z.boolean(),
});
export type MappingFieldView = z.infer<typeof MappingFieldView>;

export const MappingView = z.object({
  sourceId: z.number().int(),
  sourceName: z.string(),
  sha256: z.string(),
  profile: z.object({ id: z.string(), name: z.string() }),
  /** one entry per mappable field, in display order (unmapped fields have no columns) */
  fields: z.array(MappingFieldView),
  /** the source's column display names in file order */
  availableColumns: z.array(z.string()),
  rows: z.number().int(),
  /** bookmarks on this source's rows (removing the source deletes them) */
  bookmarks: z.number().int(),
});
export type MappingView = z.infer<typeof MappingView>;

export const RemapRequest = z.object({
  sourceId: z.number().int().positive(),
  /** fields to change; fields not listed keep their mapping. `columns: []` unmaps the field. */
  fields: z
    .array(z.object({ field: MappableFieldName, columns: z.array(z.string().min(1).max(1000)).max(20) }).strict())
    .min(1)
    .max(MAPPABLE_FIELDS.length),
}).strict();
export type RemapRequest = z.infer<typeof RemapRequest>;

export const RemoveSourceRequest = z.object({ sourceId: z.number().int().positive(), force: z.boolean().default(false) }).strict();
