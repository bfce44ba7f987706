// @vitest-environment jsdom
// Filter-to / exclude query text (quoting of values and column names) and highlight splitting, incl. property tests.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { andQuery, columnRef, combineTerms, highlightTerms, quoteValue, splitHighlight, valueClause } from '../../src-renderer/src/stores/queryText';

/** Reads back `[name] op 'value'` the way the query language defines quoting (`]]` and `''`). */
function readClause(q: string): { name: string; op: string; value: string } | null {
  const m = /^\[((?:[^\]]|\]\])*)\] (=|!=) '((?:[^']|'')*)'$/s.exec(q);
  return m ? { name: (m[1] ?? '').replace(/]]/g, ']'), op: m[2] ?? '', value: (m[3] ?? '').replace(/''/g, "'") } : null;
}

describe('filter-to query text', () => {
  it('quotes values and column names', () => {
    expect(valueClause('IP address', '201.231.8.199', false)).toBe("[IP address] = '201.231.8.199'");
    expect(valueClause('User', "o'brien", false)).toBe("[User] = 'o''brien'");
    expect(valueClause('odd]name', 'x', true)).toBe("[odd]]name] != 'x'");
    expect(valueClause('@ip', '1.2.3.4', false)).toBe("@ip = '1.2.3.4'");
    expect(valueClause('@notafield', '1', false)).toBe("[@notafield] = '1'");
    expect(valueClause('Status', null, false)).toBe('[Status] is empty');
    expect(valueClause('Status', '', true)).toBe('[Status] is not empty');
    expect(quoteValue("''")).toBe("''''''");
    expect(columnRef('a]]b')).toBe('[a]]]]b]');
  });

  it('ANDs onto the current query, wrapping it in parentheses', () => {
    expect(andQuery('', "[A] = 'x'")).toBe("[A] = 'x'");
    expect(andQuery('  ', "[A] = 'x'")).toBe("[A] = 'x'");
    expect(andQuery("a or b", "[A] = 'x'")).toBe("(a or b) and [A] = 'x'");
    expect(combineTerms(['a or b', "[A] = 'x'", "[B] != 'y'"])).toBe("((a or b) and [A] = 'x') and [B] != 'y'");
  });

  it('round-trips any column name and value through the quoting (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => !s.startsWith('@')), fc.string({ minLength: 1 }), fc.boolean(), (name, value, exclude) => {
        const parsed = readClause(valueClause(name, value, exclude));
        expect(parsed).toEqual({ name, op: exclude ? '!=' : '=', value });
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('highlighting', () => {
  it('finds bare words, phrases and contains values, not column names or compared values', () => {
    expect(highlightTerms('payroll "api-version=7.0"')).toEqual(['payroll', 'api-version=7.0']);
    expect(highlightTerms("[IP address] = '201.231.8.199' and secret")).toEqual(['secret']);
    expect(highlightTerms("clientInfo_s contains 'azsdk-python'")).toEqual(['azsdk-python']);
    expect(highlightTerms("OperationName in ('SecretGet', 'KeyGet') and not [ResultType] = 'Unauthorized'")).toEqual([]);
    expect(highlightTerms("@time between '2023-10-26' and '2023-10-27'")).toEqual([]);
  });

  it('splits into parts that rebuild the text exactly, marking only case-insensitive matches (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), (text, terms) => {
        const parts = splitHighlight(text, terms);
        expect(parts.map((p) => p.text).join('')).toBe(text);
        const needles = terms.map((t) => t.toLowerCase()).filter((t) => t !== '');
        for (const p of parts) if (p.match) expect(needles).toContain(p.text.toLowerCase());
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('marks every occurrence, longest term first', () => {
    expect(splitHighlight('Payroll payROLL pay', ['payroll', 'pay'])).toEqual([
      { text: 'Payroll', match: true }, { text: ' ', match: false }, { text: 'payROLL', match: true }, { text: ' ', match: false }, { text: 'pay', match: true },
    ]);
  });
});
