// expandInputs: plain files, folders, zip and gzip containers, content sniffing, links and limits.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs } from '../../../src-main/engine/importers/readers';
import { pathToFileURL } from 'node:url';
import { REPO, errorOf, readAll } from './helpers';

// The corpus script is plain .mjs; imported by URL so the type checker does not need a declaration file.
interface ZipEntrySpec { name: string; data: Buffer; method?: 0 | 8 }
interface XlsxSpec { rows: { cells: string[] }[] }
const gen = (await import(pathToFileURL(join(REPO, 'scripts/gen-hostile.mjs')).href)) as {
  makeZip: (entries: ZipEntrySpec[]) => Buffer;
  makeXlsx: (spec: XlsxSpec) => Buffer;
};
const { makeZip, makeXlsx } = gen;

const dir = mkdtempSync(join(tmpdir(), 'loupe-expand-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, data: string | Buffer): string => {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, data);
  return p;
};

describe('expandInputs', () => {
  it('sniffs content, not only the extension', async () => {
    const cases: [string, string | Buffer, string][] = [
      ['really-json.csv', '  [{"a":1}]', 'json'],
      ['really-csv.json', 'a,b\n1,2\n', 'csv'],
      ['book.bin', makeXlsx({ rows: [{ cells: ['h'] }, { cells: ['v'] }] }), 'xlsx'],
      ['bom.json', '\ufeff{"a":1}', 'json'],
    ];
    for (const [name, data, kind] of cases) {
      const inputs = await expandInputs(put(name, data));
      expect(inputs.map((i) => [i.name, i.kind])).toEqual([[name, kind]]);
    }
  });

  it('expands a zip into its data members (README skipped), entries read lazily and repeatably', async () => {
    const zip = put('export.zip', makeZip([
      { name: 'a/logs.csv', data: Buffer.from('x,y\n1,2\n') },
      { name: 'README.md', data: Buffer.from('# notes') },
      { name: 'events.jsonl', data: Buffer.from('{"k":1}\n{"k":2}\n') },
      { name: '__MACOSX/._logs.csv', data: Buffer.from('junk') },
    ]));
    const inputs = await expandInputs(zip);
    expect(inputs.map((i) => [i.name, i.kind, i.size, i.container?.name])).toEqual([
      ['export.zip/a/logs.csv', 'csv', 8, 'export.zip'],
      ['export.zip/events.jsonl', 'json', 16, 'export.zip'],
    ]);
    const first = await readAll(inputs[1]!);
    const again = await readAll(inputs[1]!);
    expect(first[0]!.rows.map((r) => r.cells)).toEqual([['1'], ['2']]);
    expect(again[0]!.rows).toEqual(first[0]!.rows);
  });

  it('decompresses .gz and names the inner file', async () => {
    const [input] = await expandInputs(put('PT1H.json.gz', gzipSync('{"records":[{"time":"t"}]}')));
    expect(input).toMatchObject({ name: 'PT1H.json.gz/PT1H.json', kind: 'json', size: 26, container: { name: 'PT1H.json.gz' } });
    const [t] = await readAll(input!);
    expect(t!.rows[0]!.cells).toEqual(['t']);
  });

  it('walks folders in name order, skipping symlinks and non-data files', async () => {
    const root = join(dir, 'case');
    put('case/b.csv', 'a\n1\n');
    put('case/sub/a.json', '{"a":1}');
    put('case/notes.md', 'hello');
    put('outside.csv', 'secret\n1\n');
    symlinkSync(join(dir, 'outside.csv'), join(root, 'link.csv'));
    const inputs = await expandInputs(root);
    expect(inputs.map((i) => i.name)).toEqual(['case/b.csv', 'case/sub/a.json']);
  });

  it('enforces the file size limit and names missing files', async () => {
    const p = put('big.csv', 'a\n'.repeat(100));
    await expect(expandInputs(p, { maxFileBytes: 10 })).rejects.toThrow('big.csv: file is 200 bytes, over the 10 bytes limit');
    const err = await errorOf(() => expandInputs(join(dir, 'nope.csv')));
    expect(err.message).toBe('nope.csv: file not found or not readable');
  });
});
