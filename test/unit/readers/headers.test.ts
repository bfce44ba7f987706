// Header disambiguation and normalization.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disambiguateHeaders, normalizeHeader } from '../../../src-main/engine/importers/headers';

describe('headers', () => {
  it('keeps originals, numbers repeats, names blanks', () => {
    const defs = disambiguateHeaders(['Date (UTC)', 'Incoming token type', 'Application ID ', '', 'Incoming token type', '  ', 'Autonomous system  number']);
    expect(defs.map((d) => d.name)).toEqual(['Date (UTC)', 'Incoming token type', 'Application ID ', 'Column 4', 'Incoming token type (2)', 'Column 6', 'Autonomous system  number']);
    expect(defs.map((d) => d.header)[2]).toBe('Application ID ');
    expect(defs[2]!.norm).toBe('application id');
    expect(defs[6]!.norm).toBe('autonomous system number');
    expect(defs.map((d) => d.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('never gives a generated name that collides with a real header', () => {
    const defs = disambiguateHeaders(['a', 'a', 'a (2)', '', 'Column 4']);
    expect(defs.map((d) => d.name)).toEqual(['a', 'a (2) (2)', 'a (2)', 'Column 4 (2)', 'Column 4']);
  });

  it('normalizeHeader collapses all whitespace', () => {
    expect(normalizeHeader(' \tFoo\u00a0 BAR\n')).toBe('foo bar');
  });

  it('names are always unique (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('', ' ', 'a', 'a (2)', 'A', 'Column 1', 'Column 2', 'b (2)', 'b'), { maxLength: 12 }), (hs) => {
        const defs = disambiguateHeaders(hs);
        expect(new Set(defs.map((d) => d.name)).size).toBe(hs.length);
        defs.forEach((d, i) => {
          expect(d.header).toBe(hs[i]);
          if (hs[i]!.trim() !== '' && hs.indexOf(hs[i]!) === i) expect(d.name).toBe(hs[i]);
        });
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
