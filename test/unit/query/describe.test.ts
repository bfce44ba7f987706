// describeQuery human text, and registry completeness (every operator parses, prints, compiles and describes).
import { describe, expect, it } from 'vitest';
import { OPERATORS, RESERVED_WORDS, operatorOf, type Expr } from '../../../src-main/contract/query';
import { compileWhere } from '../../../src-main/engine/query/compile';
import { describeQuery } from '../../../src-main/engine/query/describe';
import { parseQuery } from '../../../src-main/engine/query/parser';
import { printQuery } from '../../../src-main/engine/query/printer';
import { c1Resolver } from './fake-resolver';

function parse(text: string): Expr {
  const e = parseQuery(text);
  if (e === null) throw new Error('blank');
  return e;
}

describe('describeQuery', () => {
  it.each([
    ["[IP address] = '201.231.8.199' and [Application ID] contains 'abc'", 'IP address = "201.231.8.199" and Application ID contains "abc"'],
    ["OperationName in ('SecretGet', 'KeyGet') and not [ResultType] = 'Unauthorized'", 'OperationName is one of ("SecretGet", "KeyGet") and not ResultType = "Unauthorized"'],
    ["@ip = '1.2.3.4' or @user startswith 'miriam'", '@ip = "1.2.3.4" or @user starts with "miriam"'],
    ["(a = 1 or b = 2) and not (c is empty or d is not empty)", '(a = "1" or b = "2") and not (c is empty or d is not empty)'],
    ["@time between '2023-10-26' and '2023-10-27T12:00Z'", '@time between "2023-10-26" and "2023-10-27T12:00Z"'],
    ["x not in (1, 2) and y matches '^a.*z$' and z endswith '{value}'", 'x is none of ("1", "2") and y matches /^a.*z$/ and z ends with "{value}"'],
    ['payroll "api-version=7.0"', 'text payroll and text "api-version=7.0"'],
  ])('%s', (query, human) => {
    expect(describeQuery(parse(query))).toBe(human);
  });

  it('uses a caller-supplied field label', () => {
    const label = (f: { kind: string; name: string }) => (f.kind === 'normalized' ? `IP (normalized)` : f.name);
    expect(describeQuery(parse("@ip = 'x'"), { fieldLabel: label })).toBe('IP (normalized) = "x"');
  });
});

describe('operator registry', () => {
  const sample: Record<string, string> = {
    '=': "x = 'v'", '!=': "x != 'v'", '<': "x < 'v'", '<=': "x <= 'v'", '>': "x > 'v'", '>=': "x >= 'v'",
    contains: "x contains 'v'", startswith: "x startswith 'v'", endswith: "x endswith 'v'", matches: "x matches 'v'",
    in: "x in ('v', 'w')", 'not in': "x not in ('v')", between: "x between 'a' and 'b'",
    'is empty': 'x is empty', 'is not empty': 'x is not empty',
  };

  it('has one entry per operator id, each with keywords, label and a human template', () => {
    expect(OPERATORS.map((o) => o.id).sort()).toEqual(Object.keys(sample).sort());
    for (const o of OPERATORS) {
      expect(o.keywords.length).toBeGreaterThan(0);
      expect(o.label).not.toBe('');
      expect(o.human).toContain('{field}');
      expect(o.appliesTo).toContain('text');
    }
  });

  it.each(OPERATORS.map((o) => [o.id]))('%s parses, prints, compiles and describes', (id) => {
    const e = parse(sample[id] ?? '');
    expect(operatorOf(e)).toBe(id);
    expect(parseQuery(printQuery(e))).toEqual(e);
    expect(compileWhere(e, c1Resolver).sql).toContain('c1');
    expect(describeQuery(e)).not.toMatch(/\{\w+\}/);
  });

  it('every word keyword is reserved', () => {
    for (const o of OPERATORS) {
      for (const k of o.keywords) for (const w of k.split(' ')) if (/^[a-z]+$/.test(w)) expect(RESERVED_WORDS).toContain(w);
    }
  });
});
