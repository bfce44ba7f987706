// JSON reader: shapes, flattening, lossless numbers, duplicates, prototype safety, depth and syntax errors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactJson, flattenRecord } from '../../../src-main/engine/importers/readers/json-record';
import { errorOf, memoryInput, readOne } from './helpers';

const json = (text: string, chunk?: number) => memoryInput('t.json', text, 'json', chunk);

describe('JSON shapes', () => {
  const rec1 = '{"a":1,"b":{"c":"x"}}';
  const rec2 = '{"a":2,"d":[1,2]}';
  it.each([
    ['array', `[${rec1},\n ${rec2}]`],
    ['value', `{"@odata.context":"ctx","value":[${rec1},${rec2}],"@odata.nextLink":"n"}`],
    ['records', `{"records":[${rec1},${rec2}]}`],
    ['lines', `${rec1}\n${rec2}\n`],
  ])('%s', async (shape, text) => {
    for (const chunk of [1, 5, 4096]) {
      const t = await readOne(json(text, chunk));
      expect(t.meta.jsonShape).toBe(shape);
      expect(t.headers).toEqual(['a', 'b.c', 'd']);
      expect(t.rows).toEqual([
        { row: 1, cells: ['1', 'x', null], raw: rec1 },
        { row: 2, cells: ['2', null, '[1,2]'], raw: rec2 },
      ]);
    }
  });

  it('a single object is one record; a "value" key holding scalars is data, not an envelope', async () => {
    const t = await readOne(json('{"name":"n","value":[1,2]}'));
    expect(t.meta.jsonShape).toBe('object');
    expect(t.rows).toEqual([{ row: 1, cells: ['n', '[1,2]'], raw: '{"name":"n","value":[1,2]}' }]);
  });

  it('arrays after the wrapped one are not records', async () => {
    const t = await readOne(json('{"value":[{"a":1}],"other":[{"b":2}]}'));
    expect(t.headers).toEqual(['a']);
    expect(t.rows).toHaveLength(1);
  });

  it('UTF-8 BOM is tolerated and recorded; an empty envelope gives zero rows', async () => {
    const t = await readOne(memoryInput('b.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[{"a":"é"}]')]), 'json'));
    expect(t.meta.bom).toBe('utf-8');
    expect(t.rows[0]!.cells).toEqual(['é']);
    expect((await readOne(json('{"value":[]}'))).rows).toEqual([]);
  });
});

describe('JSON values', () => {
  it('keeps number literals exactly (beyond 2^53, exponents, negative zero)', async () => {
    const t = await readOne(json('{"big":9223372036854775807,"f":1.10,"e":-1E+400,"z":-0}'));
    expect(t.rows[0]!.cells).toEqual(['9223372036854775807', '1.10', '-1E+400', '-0']);
  });

  it('true/false as text, null as absent, empty object kept as {}', async () => {
    const t = await readOne(json('{"t":true,"f":false,"n":null,"o":{},"s":"","lone":"\\ud800"}'));
    expect(t.headers).toEqual(['t', 'f', 'n', 'o', 's', 'lone']);
    expect(t.rows[0]!.cells).toEqual(['true', 'false', null, '{}', '', '\ud800']);
  });

  it('duplicate keys: last wins, first position kept, warning names the record', async () => {
    const t = await readOne(json('{"a":1}\n{"a":1,"b":2,"a":3}\n'));
    expect(t.headers).toEqual(['a', 'b']);
    expect(t.rows[1]!.cells).toEqual(['3', '2']);
    expect(t.warnings).toEqual([{ row: 2, message: 'duplicate key "a"; the last value is kept' }]);
  });

  it('__proto__ and constructor keys are plain columns and pollute nothing', async () => {
    const t = await readOne(json('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"x":1}}}'));
    expect(t.headers).toEqual(['__proto__.polluted', 'constructor.prototype.x']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('x');
  });
});

describe('JSON errors', () => {
  it('depth limit names the record', async () => {
    const deep = `{"a":1}\n${'{"a":'.repeat(70)}1${'}'.repeat(70)}\n`;
    const err = await errorOf(() => readOne(json(deep)));
    expect(err.message).toMatch(/^t\.json row 2: .*deeper than 64 levels/);
    const ok = `${'{"a":'.repeat(64)}1${'}'.repeat(64)}`;
    expect((await readOne(json(ok))).headers).toEqual([Array(64).fill('a').join('.')]);
  });

  it.each([
    ['{"a":NaN}', /row 1: invalid JSON record/],
    ['{"a":Infinity}', /row 1: invalid JSON record/],
    ['{"a":1,}', /row 1: invalid JSON record/],
    ['{"a":1} x', /not an object or array/],
    ['[{"a":1},2]', /row 2: JSON record is not an object/],
    ['["s"]', /row 1: JSON record is a string/],
    ['{"a":', /truncated/],
    ['{"a":"\u0001"}', /row 1: invalid JSON record: invalid string/],
    ['', /file is empty/],
    ['   \n', /no JSON value/],
  ])('%j is rejected', async (text, re) => {
    const err = await errorOf(() => readOne(json(text)));
    expect(err.message).toMatch(re);
    expect(err.message.startsWith('t.json')).toBe(true);
  });
});

describe('flattenRecord agrees with JSON.parse (property)', () => {
  it('every leaf of a random object appears under its dot path with JSON.parse-equal text', () => {
    const key = fc.string({ unit: fc.constantFrom('a', 'b', '_', 'é', ' ', '"', '\\'), minLength: 1, maxLength: 4 }).filter((k) => !k.includes('.'));
    const leaf = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, leaf, tie('tree'), fc.array(leaf, { maxLength: 3 })), { maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(tree, fc.boolean(), (obj, pretty) => {
        const text = JSON.stringify(obj, null, pretty ? 2 : undefined);
        const { cells, duplicates } = flattenRecord(text, 64);
        expect(duplicates).toEqual([]);
        const walk = (o: Record<string, unknown>, prefix: string): void => {
          for (const [k, v] of Object.entries(o)) {
            const path = prefix ? `${prefix}.${k}` : k;
            if (Array.isArray(v)) expect(JSON.parse(cells.get(path)!)).toEqual(v);
            else if (v !== null && typeof v === 'object') {
              if (Object.keys(v).length === 0) expect(cells.get(path)).toBe('{}');
              else walk(v as Record<string, unknown>, path);
            } else if (v === null) expect(cells.get(path)).toBeNull();
            else if (typeof v === 'string') expect(cells.get(path)).toBe(v);
            else expect(JSON.parse(cells.get(path)!)).toEqual(v);
          }
        };
        walk(obj, '');
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('compactJson removes whitespace only outside strings', () => {
    expect(compactJson('[ 1 , "a b\\" c" ,\n {"x" : " "} ]')).toBe('[1,"a b\\" c",{"x":" "}]');
  });
});
