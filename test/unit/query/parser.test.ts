// Parser: every operator, field syntax, value escapes, precedence, full-text terms and error positions.
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../../src-main/contract/query';
import { QueryParseError } from '../../../src-main/engine/query/errors';
import { parseQuery } from '../../../src-main/engine/query/parser';

const ip = { kind: 'normalized', name: 'ip' } as const;
const col = (name: string) => ({ kind: 'column', name }) as const;

function parse(text: string): Expr | null {
  return parseQuery(text);
}

function parseError(text: string): QueryParseError {
  try {
    parseQuery(text);
  } catch (err) {
    if (err instanceof QueryParseError) return err;
    throw err;
  }
  throw new Error(`expected a parse error for ${text}`);
}

describe('operators', () => {
  it.each(['=', '!=', '<', '<=', '>', '>='] as const)('%s', (op) => {
    expect(parse(`@ip ${op} '1'`)).toEqual({ type: 'cmp', field: ip, op, value: '1' });
  });
  it.each(['contains', 'startswith', 'endswith', 'matches'] as const)('%s (any case)', (op) => {
    expect(parse(`@ip ${op.toUpperCase()} "x"`)).toEqual({ type: 'cmp', field: ip, op, value: 'x' });
  });
  it('== and <> are spellings of = and !=', () => {
    expect(parse("@ip == 'a'")).toEqual(parse("@ip = 'a'"));
    expect(parse("@ip <> 'a'")).toEqual(parse("@ip != 'a'"));
  });
  it('symbols need no spaces', () => {
    expect(parse("@ip>='a'")).toEqual({ type: 'cmp', field: ip, op: '>=', value: 'a' });
    expect(parse('x!=5')).toEqual({ type: 'cmp', field: col('x'), op: '!=', value: '5' });
  });
  it('in / not in', () => {
    expect(parse("OperationName In ('SecretGet', 'KeyGet')")).toEqual({
      type: 'in', field: col('OperationName'), values: ['SecretGet', 'KeyGet'], negated: false,
    });
    expect(parse('@ip NOT IN (1,2.5,"x")')).toEqual({ type: 'in', field: ip, values: ['1', '2.5', 'x'], negated: true });
  });
  it('between', () => {
    expect(parse("@time between '2023-10-26' AND '2023-10-27T12:00Z'")).toEqual({
      type: 'between', field: { kind: 'normalized', name: 'time' }, low: '2023-10-26', high: '2023-10-27T12:00Z',
    });
  });
  it('is empty / is not empty', () => {
    expect(parse('@ip is empty')).toEqual({ type: 'empty', field: ip, negated: false });
    expect(parse('@ip IS NOT EMPTY')).toEqual({ type: 'empty', field: ip, negated: true });
  });
});

describe('fields and values', () => {
  it('bracketed header text, with ]] for ]', () => {
    expect(parse("[IP address] = '201.231.8.199'")).toEqual({ type: 'cmp', field: col('IP address'), op: '=', value: '201.231.8.199' });
    expect(parse("[a]]b [c]]]]] = 1")).toEqual({ type: 'cmp', field: col('a]b [c]]'), op: '=', value: '1' });
    expect(parse("[and] = 1")).toEqual({ type: 'cmp', field: col('and'), op: '=', value: '1' });
  });
  it('bare identifiers with dots and underscores', () => {
    expect(parse("properties.clientInfo_s contains 'azsdk'")).toMatchObject({ field: col('properties.clientInfo_s') });
  });
  it('quote escapes: doubled quotes and backslashes', () => {
    expect(parse("x = 'it''s'")).toMatchObject({ value: "it's" });
    expect(parse('x = "say ""hi"""')).toMatchObject({ value: 'say "hi"' });
    expect(parse("x = 'it\\'s'")).toMatchObject({ value: "it's" });
    expect(parse("x = 'a\\\\b'")).toMatchObject({ value: 'a\\b' });
    expect(parse("x matches '^\\d+\\.\\d+$'")).toMatchObject({ value: '^\\d+\\.\\d+$' }); // other backslashes stay
    expect(parse("x = ''")).toMatchObject({ value: '' });
  });
  it('numbers stay as their text', () => {
    expect(parse('x > -12.50')).toMatchObject({ value: '-12.50' });
  });
});

describe('precedence and grouping', () => {
  const a = { type: 'cmp', field: col('a'), op: '=', value: '1' } as const;
  const b = { type: 'cmp', field: col('b'), op: '=', value: '2' } as const;
  const c = { type: 'cmp', field: col('c'), op: '=', value: '3' } as const;
  it('and binds tighter than or', () => {
    expect(parse('a = 1 or b = 2 and c = 3')).toEqual({ type: 'or', items: [a, { type: 'and', items: [b, c] }] });
    expect(parse('a = 1 and b = 2 or c = 3')).toEqual({ type: 'or', items: [{ type: 'and', items: [a, b] }, c] });
  });
  it('not binds tighter than and', () => {
    expect(parse('not a = 1 and b = 2')).toEqual({ type: 'and', items: [{ type: 'not', expr: a }, b] });
    expect(parse('NOT NOT a = 1')).toEqual({ type: 'not', expr: { type: 'not', expr: a } });
  });
  it('parentheses override, and same-kind nesting is flattened', () => {
    expect(parse('(a = 1 or b = 2) and c = 3')).toEqual({ type: 'and', items: [{ type: 'or', items: [a, b] }, c] });
    expect(parse('a = 1 and (b = 2 and c = 3)')).toEqual({ type: 'and', items: [a, b, c] });
    expect(parse('((a = 1))')).toEqual(a);
  });
  it("DESIGN.md example: in … and not …", () => {
    expect(parse("OperationName in ('SecretGet', 'KeyGet') and not [ResultType] = 'Unauthorized'")).toEqual({
      type: 'and',
      items: [
        { type: 'in', field: col('OperationName'), values: ['SecretGet', 'KeyGet'], negated: false },
        { type: 'not', expr: { type: 'cmp', field: col('ResultType'), op: '=', value: 'Unauthorized' } },
      ],
    });
  });
});

describe('full-text terms', () => {
  it('bare words and phrases are ANDed', () => {
    expect(parse('payroll "api-version=7.0"')).toEqual({
      type: 'and',
      items: [{ type: 'text', text: 'payroll', phrase: false }, { type: 'text', text: 'api-version=7.0', phrase: true }],
    });
  });
  it('words mix with comparisons and or', () => {
    expect(parse("10.0.0.1 or user@contoso.com @ip = 'x'")).toEqual({
      type: 'or',
      items: [
        { type: 'text', text: '10.0.0.1', phrase: false },
        { type: 'and', items: [{ type: 'text', text: 'user@contoso.com', phrase: false }, { type: 'cmp', field: ip, op: '=', value: 'x' }] },
      ],
    });
  });
  it('an identifier not followed by an operator is a word', () => {
    expect(parse('payroll')).toEqual({ type: 'text', text: 'payroll', phrase: false });
    expect(parse('payroll not secret')).toEqual({
      type: 'and',
      items: [{ type: 'text', text: 'payroll', phrase: false }, { type: 'not', expr: { type: 'text', text: 'secret', phrase: false } }],
    });
  });
  it('blank query is no filter', () => {
    expect(parse('')).toBeNull();
    expect(parse('  \t\n')).toBeNull();
  });
});

describe('errors carry the 0-based column', () => {
  const cases: [string, number, RegExp][] = [
    ["[IP address] = ", 15, /expected a value after '=' at column 15/],
    ['@ip = foo', 6, /expected a value after '=' at column 6 \(quote text values/],
    ['@ip contains', 12, /expected a value after 'contains'/],
    ['@ip', 3, /expected an operator after @ip/],
    ["[x] 'a'", 4, /expected an operator after x/],
    ["@ip in 'a'", 7, /expected '\(' after 'in'/],
    ["@ip in ('a' 'b')", 12, /expected ',' or '\)'/],
    ['@ip in ()', 8, /expected a value/],
    ["@ip between 'a' 'b'", 16, /expected 'and'/],
    ['@ip is nothing', 7, /expected 'empty' after 'is'/],
    ['@ip is not', 10, /expected 'empty' after 'is not'/],
    ["(@ip = 'a'", 10, /expected '\)' to close the '\(' at column 0/],
    ["@ip = 'a')", 9, /unmatched '\)'/],
    ['()', 0, /empty parentheses/],
    ["@ip = 'abc", 6, /unclosed quote/],
    ['[IP address = 1', 0, /unclosed '\['/],
    ['[] = 1', 0, /empty field name/],
    ['a ] b', 2, /unexpected '\]'/],
    ["and @ip = 'a'", 0, /unexpected 'and'/],
    ["@ip = 'a' or", 12, /unexpected end of query/],
    ["@ip = 'a' and and", 14, /unexpected 'and'/],
    ['not', 3, /unexpected end of query/],
    ['""', 0, /empty search phrase/],
    ["x = 1 , y", 6, /unexpected ','/],
    ['api-version=7.0', 11, /unexpected '='/],
  ];
  it.each(cases)('%j → column %d', (text, position, message) => {
    const err = parseError(text);
    expect(err.position).toBe(position);
    expect(err.message).toMatch(message);
    expect(err.code).toBe('BAD_INPUT');
  });
});
