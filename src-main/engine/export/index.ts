// Public API of the exporters: CSV, XLSX, Timesketch JSONL, OpenSearch bulk NDJSON (all streamed, all atomic).
export { exportCsv, csvField, csvRecord, type CsvExportOptions } from './csv';
export { exportXlsx, safeSheetName, XLSX_MAX_CELL_CHARS, XLSX_MAX_ROWS, type XlsxExportOptions } from './xlsx';
export { exportTimesketch, defaultMessage, type TimelineExportOptions } from './timesketch';
export { exportOpenSearchBulk, isValidIndexName, type OpenSearchExportOptions } from './opensearch';
export { neutralizeCell, startsWithFormulaTrigger, type SpreadsheetMode } from './neutralize';
export { documentFieldNames } from './fieldNames';
export type { ExportResult, ExportRow, RowSource } from './rows';
