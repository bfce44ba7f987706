// compileWhere: snapshots of the DESIGN.md examples, time semantics, errors, and "values are only ever params".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWhere, escapeLike } from '../../../src-main/engine/query/compile';
import { QueryCompileError, QueryParseError } from '../../../src-main/engine/query/errors';
import { parseQuery } from '../../../src-main/engine/query/parser';
import { c1Resolver, catalogueResolver } from './fake-resolver';

function compile(text: string) {
  const e = parseQuery(text);
  if (e === null) throw new Error('blank query');
  return compileWhere(e, catalogueResolver);
}

function compileError(text: string): QueryCompileError {
  try {
    compile(text);
  } catch (err) {
    if (err instanceof QueryCompileError) return err;
    throw err;
  }
  throw new Error(`expected a compile error for ${text}`);
}

describe('DESIGN.md examples', () => {
  it('[IP address] = …', () => {
    expect(compile("[IP address] = '201.231.8.199'")).toMatchInlineSnapshot(`
      {
        "params": [
          "201.231.8.199",
        ],
        "sql": ""c3" = ?",
      }
    `);
  });
  it('in … and not …', () => {
    expect(compile("OperationName in ('SecretGet', 'KeyGet') and not [ResultType] = 'Unauthorized'")).toMatchInlineSnapshot(`
      {
        "params": [
          "SecretGet",
          "KeyGet",
          "Unauthorized",
        ],
        "sql": "("c1" IN (?, ?) AND ("c2" = ?) IS NOT 1)",
      }
    `);
  });
  it('normalized fields with or', () => {
    expect(compile("@ip = '201.231.8.199' or @user startswith 'miriam'")).toMatchInlineSnapshot(`
      {
        "params": [
          "201.231.8.199",
          "miriam%",
        ],
        "sql": "(e."ip" = ? OR e."user" LIKE ? ESCAPE '\\')",
      }
    `);
  });
  it('contains', () => {
    expect(compile("clientInfo_s contains 'azsdk-python'")).toMatchInlineSnapshot(`
      {
        "params": [
          "%azsdk-python%",
        ],
        "sql": ""c4" LIKE ? ESCAPE '\\'",
      }
    `);
  });
  it('@time between a day and an instant', () => {
    expect(compile("@time between '2023-10-26' and '2023-10-27T12:00Z'")).toMatchInlineSnapshot(`
      {
        "params": [
          1698278400000000,
          1698408000000000,
        ],
        "sql": "(e."time_us" >= ? AND e."time_us" <= ?)",
      }
    `);
  });
  it('full text', () => {
    expect(compile('payroll "api-version=7.0"')).toMatchInlineSnapshot(`
      {
        "params": [
          "payroll",
          "api-version=7.0",
        ],
        "sql": "((e.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)) AND (e.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)))",
      }
    `);
  });
});

describe('text semantics', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('50%_off\\x')).toBe('50\\%\\_off\\\\x');
    expect(compile("@ip endswith '%_'").params).toEqual(['%\\%\\_']);
  });
  it('!= and not in include empty values; is empty covers NULL and empty text', () => {
    expect(compile("@ip != 'a'").sql).toBe('(e."ip" IS NULL OR e."ip" != ?)');
    expect(compile("@ip not in ('a', 'b')").sql).toBe('(e."ip" IS NULL OR e."ip" NOT IN (?, ?))');
    expect(compile('@ip is empty').sql).toBe(`(e."ip" IS NULL OR e."ip" = '')`);
    expect(compile('@ip is not empty').sql).toBe(`(e."ip" IS NOT NULL AND e."ip" != '')`);
  });
  it('numbers are bound as text for text fields', () => {
    expect(compile('@ip > 10').params).toEqual(['10']);
  });
});

describe('time semantics', () => {
  const DAY = 86_400_000_000;
  const oct26 = 1_698_278_400_000_000;
  it.each([
    ["@time = '2023-10-26'", 'e."time_us" >= ? AND e."time_us" < ?', [oct26, oct26 + DAY]],
    ["@time = '2023-10-26T00:00:00+02:00'", 'e."time_us" = ?', [oct26 - 7_200_000_000]],
    ["@time < '2023-10-26'", 'e."time_us" < ?', [oct26]],
    ["@time <= '2023-10-26'", 'e."time_us" < ?', [oct26 + DAY]],
    ["@time > '2023-10-26'", 'e."time_us" >= ?', [oct26 + DAY]],
    ["@time >= '2023-10-26'", 'e."time_us" >= ?', [oct26]],
    ["@time > '2023-10-26T00:00:00Z'", 'e."time_us" > ?', [oct26]],
    ["@time <= 1698278400", 'e."time_us" <= ?', [oct26]],
    ["@time != '2023-10-26'", 'e."time_us" IS NULL OR e."time_us" < ? OR e."time_us" >= ?', [oct26, oct26 + DAY]],
    ["@time in ('2023-10-26T00:00Z', 1698278400001)", 'e."time_us" IN (?, ?)', [oct26, oct26 + 1000]],
    ["@time between '2023-10-26T00:00Z' and '2023-10-26T01:00Z'", 'e."time_us" >= ? AND e."time_us" <= ?', [oct26, oct26 + 3_600_000_000]],
  ])('%s', (query, sqlPart, params) => {
    const out = compile(query);
    expect(out.sql).toContain(sqlPart);
    expect(out.params).toEqual(params);
  });
  it('rejects unparseable times and text-only operators', () => {
    expect(compileError("@time > 'yesterday'").message).toMatch(/@time needs a time like .*'yesterday' is not one/);
    expect(compileError("@time between '2023-02-30' and '2023-03-01'").message).toMatch(/'2023-02-30' is not one/);
    expect(compileError("@time contains '2023'").message).toBe("'contains' does not apply to the time field @time");
  });
});

describe('errors', () => {
  it('unknown fields are named', () => {
    const err = compileError("[IP addr] = 'x'");
    expect(err.message).toBe('unknown field [IP addr]');
    expect(err.field).toBe('[IP addr]');
    expect(err.code).toBe('BAD_INPUT');
    expect(compileError("@nope = 'x'").message).toBe('unknown field @nope');
  });
  it('invalid regexes fail at compile time', () => {
    expect(compileError("@ip matches '(unclosed'").message).toMatch(/^invalid regular expression for @ip: /);
  });
});

// Every token the compiler itself may emit, given a resolver whose SQL is `c1` and `fts MATCH ?`.
const SQL_TOKEN = /\s+|\?|\(|\)|,|'\\'|''|\bc1\b|\bfts\b|\b(?:AND|OR|NOT|IS|NULL|IN|LIKE|ESCAPE|REGEXP|BETWEEN|MATCH)\b|!=|<=|>=|=|<|>|\b[01]\b/y;

function onlyWhitelistedTokens(sql: string): boolean {
  SQL_TOKEN.lastIndex = 0;
  while (SQL_TOKEN.lastIndex < sql.length) {
    const before = SQL_TOKEN.lastIndex;
    if (!SQL_TOKEN.test(sql) || SQL_TOKEN.lastIndex === before) return false;
  }
  return true;
}

const FRAGMENTS = [
  '@ip', '@time', '[x]', '[a]]b]', 'col.x', '=', '!=', '<', '<=', '>', '>=', 'contains', 'startswith', 'endswith',
  'matches', 'in', 'not', 'between', 'and', 'or', 'is', 'empty', '(', ')', ',', "'a''b'", '"x"', "'%_\\'", '1',
  '1698278400', "'2023-10-26'", 'payroll', "'; DROP TABLE t; --", "'c1'", "' OR 1=1 --'", "'.*'", "'('",
];

describe('values only ever travel as parameters', () => {
  it('arbitrary input: parse error, compile error, or whitelisted SQL with one param per ?', () => {
    let compiled = 0;
    const input = fc.oneof(
      fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { maxLength: 12 }).map((parts) => parts.join(' ')),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    fc.assert(
      fc.property(input, (text) => {
        let e;
        try {
          e = parseQuery(text);
        } catch (err) {
          expect(err).toBeInstanceOf(QueryParseError);
          return;
        }
        if (e === null) return;
        let out;
        try {
          out = compileWhere(e, c1Resolver);
        } catch (err) {
          expect(err).toBeInstanceOf(QueryCompileError);
          return;
        }
        compiled += 1;
        expect(onlyWhitelistedTokens(out.sql), out.sql).toBe(true);
        expect(out.sql.split('?').length - 1).toBe(out.params.length);
      }),
      { seed: 42, numRuns: 1000 },
    );
    expect(compiled).toBeGreaterThan(100); // the property must not pass vacuously
  });

  it('the whitelist itself rejects injected text', () => {
    expect(onlyWhitelistedTokens("c1 = 'x'")).toBe(false);
    expect(onlyWhitelistedTokens('c1 = ? OR 1=1; DROP')).toBe(false);
    expect(onlyWhitelistedTokens("(c1 IS NULL OR c1 = '')")).toBe(true);
  });
});
