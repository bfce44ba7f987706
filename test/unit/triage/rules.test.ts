// The rules are valid data (ids, techniques, compilable queries), and generated finding queries survive hostile values.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RULES } from '../../../src-main/engine/triage';
import { and, eq, inList, severityOf, timeBetween } from '../../../src-main/engine/triage/util';
import { compileQueryText } from '../../../src-main/engine/explore/where';
import { timelineResolver } from '../../../src-main/engine/explore/resolver';
import { parseQuery } from '../../../src-main/engine/query/parser';

describe('RULES', () => {
  it('have unique ids, ATT&CK ids, a description and a query that compiles on the timeline', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.techniques.length, r.id).toBeGreaterThan(0);
      for (const t of r.techniques) expect(t, r.id).toMatch(/^T\d{4}(\.\d{3})?$/);
      expect(r.description.length, r.id).toBeGreaterThan(40);
      expect(['info', 'low', 'medium', 'high', 'critical']).toContain(r.severity);
      expect(() => compileQueryText(r.query, timelineResolver()), r.id).not.toThrow();
    }
  });

  it('cover the issue: new origin, chain, enumerate→get, many vaults, programmatic client, multi-tool, spray', () => {
    const kinds = RULES.map((r) => r.correlate?.kind);
    for (const k of ['new-signin-origin', 'signin-to-resource', 'enumerate-then-retrieve', 'many-vaults', 'novel-programmatic-client',
      'multi-tool-session', 'password-spray']) expect(kinds).toContain(k);
  });
});

describe('finding query text', () => {
  it('quotes any value so it parses back to exactly that value (hostile text included)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(fc.string({ maxLength: 20 }), { minLength: 2, maxLength: 4 }), (v, list) => {
        const q = and(eq('user', v), inList('tool', list));
        const expr = parseQuery(q);
        expect(expr?.type).toBe('and');
        if (expr?.type !== 'and') return;
        const [first, second] = expr.items;
        expect(first).toMatchObject({ type: 'cmp', value: v });
        expect(second).toMatchObject({ type: 'in', values: list });
        expect(() => compileQueryText(q, timelineResolver())).not.toThrow();
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('time windows compile to the exact microsecond bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000_000 }), fc.integer({ min: 0, max: 10_000_000_000 }), (from, span) => {
        const c = compileQueryText(timeBetween(from, from + span), timelineResolver());
        expect(c.params).toEqual([from, from + span]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('severity bands are monotonic in the score', () => {
    const rank = (s: string) => ['info', 'low', 'medium', 'high', 'critical'].indexOf(s);
    fc.assert(fc.property(fc.integer({ min: -50, max: 150 }), fc.integer({ min: 0, max: 100 }), (a, d) => rank(severityOf(a)) <= rank(severityOf(a + d))), { seed: 42, numRuns: 300 });
    expect([severityOf(29), severityOf(30), severityOf(55), severityOf(75), severityOf(90)]).toEqual(['info', 'low', 'medium', 'high', 'critical']);
  });
});
