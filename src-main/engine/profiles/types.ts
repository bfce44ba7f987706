// Types of source profiles: how an export shape's columns map onto the normalized `@` fields.

import type { NormalizedField } from '../../contract/fields';

export type FieldTransform = 'country-from-location' | 'vault-from-resource' | 'upn-lower' | 'signin-result';

export interface FieldSpec {
  /** normalized header names (normalizeHeader); first non-empty wins. A name also matches its LA variants
   * `<name> [utc]`, `<name>_dynamic`, `<name>_string`, `<name>_d`. Empty list + jsonPath = path inside the raw JSON record. */
  columns: string[];
  /** when the cell holds JSON (LA `_dynamic`/`_string`, AuditData, Identity): dot path inside it (numeric segments index arrays) */
  jsonPath?: string;
  transform?: FieldTransform;
  /** fixed value used when the spec has no columns (e.g. operation 'Sign-in' for sign-in exports) */
  constant?: string;
}

/** 'time' included, 'source' not. */
export type MappableField = Exclude<NormalizedField, 'source'>;
export type FieldMapping = Partial<Record<MappableField, FieldSpec[]>>;

export interface ProfileInfo {
  /** e.g. 'entra-signin-portal' */
  id: string;
  /** e.g. 'Entra ID sign-ins (portal export)' */
  name: string;
  version: number;
  /** normalized header names that identify a row uniquely (e.g. request id), for de-duplication */
  naturalKey?: string[];
}

export interface DetectedProfile {
  profile: ProfileInfo;
  mapping: FieldMapping;
  score: number;
  /** fields mapped by inference */
  inferred: string[];
}

export interface NormalizedRow {
  time: number | null;
  user: string | null;
  user_id: string | null;
  ip: string | null;
  app_id: string | null;
  app: string | null;
  operation: string | null;
  result: string | null;
  resource: string | null;
  correlation_id: string | null;
  user_agent: string | null;
  tool: string | null;
  country: string | null;
}

/** A known export shape: recognized by its headers, never by file name. */
export interface ProfileDef {
  info: ProfileInfo;
  /** normalized headers that must all be present */
  required: string[];
  /** at least one of each group must be present */
  anyOf?: string[][];
  /** headers whose presence rules the profile out (tells look-alike shapes apart) */
  excludes?: string[];
  /** headers typical of the shape; each present one raises the score */
  hints: string[];
  mapping: FieldMapping;
}
