// Shared exporter types: rows arrive as a (async) iterable of header → text records.
import type { SpreadsheetMode } from './neutralize';

export type ExportRow = Record<string, string | null>;
export type RowSource = AsyncIterable<ExportRow> | Iterable<ExportRow>;

export interface ExportResult {
  path: string;
  /** Data rows written (header excluded). */
  rows: number;
  bytes: number;
  /** SHA-256 of the final file, for the audit entry. */
  sha256: string;
  /** Spreadsheet mode used (CSV/XLSX only); recorded so the audit log says whether values were prefixed. */
  mode?: SpreadsheetMode;
  /** Rows left out, with the reason (e.g. no valid time for a timeline format). */
  skipped?: { count: number; reason: string };
  /** Cells changed to fit the format (e.g. XLSX 32,767-character limit, XML-invalid characters). */
  altered?: { count: number; reason: string };
}
