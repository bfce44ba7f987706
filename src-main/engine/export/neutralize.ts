// Spreadsheet formula neutralization (SECURITY.md X-1/X-2, CWE-1236): a leading trigger character gets a "'" prefix.
export type SpreadsheetMode = 'safe' | 'raw';

/** = + - @ TAB CR LF and their full-width forms ＝ ＋ － ＠ start a formula (or are read as one) in Excel/Calc/Sheets. */
const FORMULA_TRIGGER = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

export function startsWithFormulaTrigger(value: string): boolean {
  return FORMULA_TRIGGER.test(value);
}

export function neutralizeCell(value: string, mode: SpreadsheetMode = 'safe'): string {
  return mode === 'safe' && FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}
