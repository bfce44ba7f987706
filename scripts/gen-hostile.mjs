#!/usr/bin/env node
// Writes the hostile-input corpus for the import readers, plus hostile-manifest.json (expected outcome per file).
// Usage: node scripts/gen-hostile.mjs [outDir]   (default test/fixtures/hostile; tests generate into a temp dir)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

const MiB = 1024 * 1024;

/** Deterministic bytes (xorshift32), so the corpus is identical on every run. */
function randomBytes(n, seed = 42) {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * Minimal zip writer. entries: { name, data, method?: 0|8, declaredSize?, compressed? }.
 * declaredSize lets a bomb lie about its uncompressed size.
 */
export function makeZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 8;
    const data = e.compressed ?? (method === 8 ? deflateRawSync(e.data) : e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = e.data ? crc32(e.data) : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function colName(n) {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Minimal workbook. rows: array of { r?, cells: array of string | { n: number, date?: true } | { ref, s } }.
 * Strings go to sharedStrings; `date` cells use a date number format.
 */
export function makeXlsx({ sheetName = 'Sheet1', rows, date1904 = false, sharedStringsOverride }) {
  const strings = [];
  const index = new Map();
  const sst = (s) => {
    if (!index.has(s)) { index.set(s, strings.length); strings.push(s); }
    return index.get(s);
  };
  const rowXml = rows.map((row, i) => {
    const r = row.r ?? i + 1;
    const cells = row.cells.map((c, j) => {
      const ref = (typeof c === 'object' && c.ref) || `${colName(j + 1)}${r}`;
      const v = typeof c === 'object' && 'ref' in c ? c.s : c;
      if (typeof v === 'string') return `<c r="${ref}" t="s"><v>${sst(v)}</v></c>`;
      return `<c r="${ref}"${v.date ? ' s="1"' : ''}><v>${v.n}</v></c>`;
    });
    return `<row r="${r}">${cells.join('')}</row>`;
  });
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts = [
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rns}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${rns}"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="${xmlEscape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rns}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rns}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${rns}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
    ['xl/styles.xml', `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${ns}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`],
  ];
  const sstXml = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`).join('')}</sst>`;
  const entries = parts.map(([name, text]) => ({ name, data: Buffer.from(text) }));
  entries.push(sharedStringsOverride ?? { name: 'xl/sharedStrings.xml', data: Buffer.from(sstXml) });
  entries.push({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}"><sheetData>${rowXml.join('')}</sheetData></worksheet>`) });
  return makeZip(entries);
}

const XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>{{7*7}}', "=HYPERLINK(\"http://evil\",\"x\")", 'javascript:alert(1)'];

/** name → { data, expect: { rows } | { error }, contains?: string exact cell/header/table-name, warning?: substring, opts? } */
export function buildCorpus() {
  const c = {};
  const text = (s) => Buffer.from(s, 'utf8');
  const valid = makeXlsx({ rows: [{ cells: ['a', 'b'] }, ...Array.from({ length: 200 }, (_, i) => ({ cells: [`row ${i}`, { n: i }] }))] });

  c['empty.csv'] = { data: Buffer.alloc(0), expect: { error: 'file is empty' } };
  c['header-only.csv'] = { data: text('a,b,c\r\n'), expect: { rows: 0 } };
  c['random.bin'] = { data: Buffer.concat([Buffer.from([0x80]), randomBytes(64 * 1024)]), expect: { error: 'invalid UTF-8 at byte 0' } };
  c['valid.xlsx'] = { data: valid, expect: { rows: 200 }, contains: 'row 199' };
  c['truncated.xlsx'] = { data: valid.subarray(0, Math.floor(valid.length / 2)), expect: { error: 'not a readable zip/xlsx container' } };
  c['corrupt.xlsx'] = { data: Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(8192, 7)]), expect: { error: 'not a readable zip/xlsx container' } };
  c['corrupt-entry.xlsx'] = (() => {
    const bad = Buffer.from(valid);
    // Flip bytes inside the worksheet's compressed data (after the last local header's name).
    const at = bad.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 200;
    for (let i = 0; i < 16; i++) bad[at + i] ^= 0xa5;
    return { data: bad, expect: { error: 'not a readable zip/xlsx container' } };
  })();
  const zeros = Buffer.alloc(16 * MiB);
  const deflatedZeros = deflateRawSync(zeros, { level: 9 });
  c['bomb.zip'] = { data: makeZip([{ name: 'logs.csv', data: zeros, compressed: deflatedZeros }]), expect: { error: 'compression ratio' } };
  c['bomb-lying.zip'] = { data: makeZip([{ name: 'logs.csv', data: zeros, compressed: deflatedZeros, declaredSize: 1000 }]), expect: { error: 'size differs from its declared size' } };
  const sstBomb = Buffer.concat([text('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'), Buffer.alloc(16 * MiB, 0x20), text('</t></si></sst>')]);
  c['bomb-sharedstrings.xlsx'] = { data: makeXlsx({ rows: [{ cells: [{ n: 1 }] }], sharedStringsOverride: { name: 'xl/sharedStrings.xml', data: sstBomb } }), expect: { error: 'compression ratio' } };
  c['bomb-sharedstrings-lying.xlsx'] = { data: makeXlsx({ rows: [{ cells: [{ n: 1 }] }], sharedStringsOverride: { name: 'xl/sharedStrings.xml', data: sstBomb, declaredSize: 4096 } }), expect: { error: 'size differs from its declared size' } };
  c['bomb.csv.gz'] = { data: gzipSync(zeros, { level: 9 }), expect: { error: 'compression ratio' } };
  c['traversal.zip'] = { data: makeZip([{ name: '../evil.csv', data: text('a\n1\n') }]), expect: { error: 'unsafe name (invalid relative path: ../evil.csv)' } };
  c['absolute.zip'] = { data: makeZip([{ name: '/etc/evil.csv', data: text('a\n1\n') }]), expect: { error: 'unsafe name (absolute path: /etc/evil.csv)' } };
  c['many-entries.zip'] = { data: makeZip(Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}.csv`, data: text('a\n'), method: 0 }))), expect: { error: 'entries, over the limit of 10000' } };
  c['nested.zip'] = { data: makeZip([{ name: 'inner/logs.csv', data: text('a,b\n1,2\n3,4\n') }, { name: 'README.md', data: text('# not data') }, { name: 'book.xlsx', data: valid }]), expect: { rows: 202 } };
  c['legacy.xls'] = { data: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), expect: { error: 'legacy .xls' } };
  c['big-cell.csv'] = { data: Buffer.concat([text('a,b\n1,"'), Buffer.alloc(5 * MiB, 0x41), text('"\n')]), expect: { error: 'over the 1 MiB limit' } };
  c['big-cell.json'] = { data: Buffer.concat([text('[{"a":"'), Buffer.alloc(5 * MiB, 0x41), text('"}]')]), expect: { error: 'over the 1 MiB limit' } };
  c['wide.csv'] = { data: text(`${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\n`), expect: { error: 'more than 16384 columns' } };
  c['rows-beyond.xlsx'] = { data: makeXlsx({ rows: [{ cells: ['a'] }, { r: 1_048_577, cells: ['x'] }] }), expect: { error: "beyond Excel's 1048576-row limit" } };
  c['cols-beyond.xlsx'] = { data: makeXlsx({ rows: [{ cells: ['a'] }, { r: 2, cells: [{ ref: 'XFE2', s: 'x' }] }] }), expect: { error: '16384-column limit' } };
  c['deep.json'] = { data: text(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`), expect: { error: 'deeper than 64 levels' } };
  c['deep-array.json'] = { data: text(`[{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}]`), expect: { error: 'deeper than 64 levels' } };
  c['nan.json'] = { data: text('{"a":NaN}\n'), expect: { error: 'invalid JSON record' } };
  c['truncated.json'] = { data: text('[{"a":1},{"a":'), expect: { error: 'truncated' } };
  c['bigint.json'] = { data: text('{"id":9223372036854775807,"n":-0.000000000000000000001}\n'), expect: { rows: 1 }, contains: '9223372036854775807' };
  c['invalid-utf8.csv'] = { data: Buffer.concat([text('a,b\n1,'), Buffer.from([0xc3, 0x28]), text('\n')]), expect: { error: 'invalid UTF-8 at byte 6 (line 2)' } };
  c['overlong-utf8.csv'] = { data: Buffer.concat([text('a\n'), Buffer.from([0xc0, 0xaf]), text('\n')]), expect: { error: 'invalid UTF-8 at byte 2' } };
  c['surrogate-utf8.csv'] = { data: Buffer.concat([text('a\n'), Buffer.from([0xed, 0xa0, 0x80]), text('\n')]), expect: { error: 'invalid UTF-8 at byte 2' } };
  c['nul.csv'] = { data: text('a,b\nx\u0000y,2\n'), expect: { rows: 1 }, contains: 'x\u0000y', warning: 'NUL' };
  const body = 'user,ip\nalice,10.0.0.1\nbob,10.0.0.2\n';
  c['bom-utf8.csv'] = { data: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text(body)]), expect: { rows: 2 }, contains: 'user' };
  c['bom-utf16le.csv'] = { data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]), expect: { rows: 2 }, contains: 'user' };
  c['bom-utf16be.csv'] = { data: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(body, 'utf16le').swap16()]), expect: { rows: 2 }, contains: 'user' };
  c['nobom-utf16le.csv'] = { data: Buffer.from(body, 'utf16le'), expect: { rows: 2 }, contains: 'bob' };
  c['bom-utf32le.csv'] = { data: Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('a\0\0\0')]), expect: { error: 'UTF-32' } };
  c['double-bom.csv'] = { data: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), text(body)]), expect: { rows: 2 }, contains: '\ufeffuser' };
  c['proto-headers.csv'] = { data: text('__proto__,constructor,prototype,hasOwnProperty\n{"isAdmin":true},1,2,3\n'), expect: { rows: 1 }, contains: '__proto__' };
  c['proto.json'] = { data: text('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}\n'), expect: { rows: 1 }, contains: '__proto__.isAdmin' };
  c['xss.csv'] = { data: text(`${XSS.map((s) => `"${s.replaceAll('"', '""')}"`).join(',')}\n${XSS.map((s) => `"${s.replaceAll('"', '""')}"`).join(',')}\nx,y,z,w\n`), expect: { rows: 2 }, contains: XSS[1] };
  c['xss.json'] = { data: text(`${JSON.stringify(Object.fromEntries(XSS.map((s) => [s, s])))}\n`), expect: { rows: 1 }, contains: XSS[0] };
  c['xss-sheet.xlsx'] = { data: makeXlsx({ sheetName: XSS[1].slice(0, 31), rows: [{ cells: XSS }, { cells: XSS }] }), expect: { rows: 1 }, contains: `xss-sheet.xlsx#${XSS[1].slice(0, 31)}` };
  c['date1904.xlsx'] = { data: makeXlsx({ date1904: true, rows: [{ cells: ['when'] }, { cells: [{ n: 43763.5887354167, date: true }] }] }), expect: { rows: 1 }, contains: '2023-10-26T14:07:46.740Z' };
  c['date1900.xlsx'] = { data: makeXlsx({ rows: [{ cells: ['when'] }, { cells: [{ n: 45225.5888511111, date: true }] }] }), expect: { rows: 1 }, contains: '2023-10-26T14:07:56.736Z' };
  c['ragged.csv'] = { data: text('a,b,c\n1,2\n1,2,3,4\n'), expect: { rows: 2 }, warning: 'extra fields kept' };
  c['unclosed-quote.csv'] = { data: text('a,b\n1,"never closed\n2,3\n'), expect: { rows: 1 }, warning: 'never closed' };
  c['only-blank-lines.csv'] = { data: text('\n\r\n\n'), expect: { error: 'no header row' } };
  c['lines-with-scalar.json'] = { data: text('{"a":1}\n42\n'), expect: { error: 'not an object or array' } };
  return c;
}

function main() {
  const out = resolve(process.argv[2] ?? 'test/fixtures/hostile');
  mkdirSync(out, { recursive: true });
  const corpus = buildCorpus();
  const manifest = {};
  for (const [name, entry] of Object.entries(corpus)) {
    writeFileSync(join(out, name), entry.data);
    const { data: _data, ...rest } = entry;
    manifest[name] = rest;
  }
  writeFileSync(join(out, 'hostile-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote ${Object.keys(corpus).length} hostile files to ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
