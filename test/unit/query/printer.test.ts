// printQuery: canonical text, and the round-trip property print → parse → same AST.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../src-main/engine/query/parser';
import { printQuery } from '../../../src-main/engine/query/printer';
import { expr, normalize } from './arbitraries';

function canonical(text: string): string {
  const e = parseQuery(text);
  if (e === null) throw new Error('blank');
  return printQuery(e);
}

describe('printQuery', () => {
  it('prints canonical text', () => {
    expect(canonical("OperationName IN ('SecretGet','KeyGet') AND NOT [ResultType] = 'Unauthorized'")).toBe(
      "OperationName in ('SecretGet', 'KeyGet') and not ResultType = 'Unauthorized'",
    );
    expect(canonical("[IP address]='201.231.8.199'")).toBe("[IP address] = '201.231.8.199'");
    expect(canonical('(a = 1 or b = 2) and not (c = 3 or d is empty)')).toBe('(a = 1 or b = 2) and not (c = 3 or d is empty)');
    expect(canonical('a = 1 or (b = 2 and c = 3)')).toBe('a = 1 or b = 2 and c = 3');
    expect(canonical('payroll "api-version=7.0"')).toBe('payroll and "api-version=7.0"');
    expect(canonical("x = \"it's\" or [in] = 'a\\\\'")).toBe("x = 'it''s' or [in] = 'a\\\\'");
    expect(canonical("x matches '^\\d+$'")).toBe("x matches '^\\d+$'");
    expect(canonical('@time between 20 and "2023-10-27"')).toBe("@time between 20 and '2023-10-27'");
  });

  it('round trip: parse(print(ast)) deep-equals the normalized ast', () => {
    fc.assert(
      fc.property(expr, (e) => {
        expect(parseQuery(printQuery(e))).toEqual(normalize(e));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('printing is idempotent on parsed text', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const once = printQuery(e);
        expect(canonical(once)).toBe(printQuery(normalize(e)));
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
