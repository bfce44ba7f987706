// ATT&CK labels in the UI come from the shared table, and technique input parsing accepts ids only.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ATTACK_TECHNIQUES, ATTACK_TACTICS, parseTechniqueInput, techniqueLabel } from '../../src-renderer/src/composables/attack';
import { phaseFor } from '../../src-renderer/src/composables/triageAccept';

describe('renderer ATT&CK table', () => {
  it('labels the seed techniques with their names and leaves unknown ids bare', () => {
    expect(techniqueLabel('T1528')).toBe('T1528 Steal Application Access Token');
    expect(techniqueLabel('T1530')).toBe('T1530 Data from Cloud Storage');
    expect(techniqueLabel('T1552.001')).toBe('T1552.001 Unsecured Credentials: Credentials In Files');
    expect(techniqueLabel('T9999')).toBe('T9999');
    expect(techniqueLabel('__proto__')).toBe('__proto__');
  });

  it('parses typed or picked values into canonical ids', () => {
    expect(parseTechniqueInput('t1552.001')).toBe('T1552.001');
    expect(parseTechniqueInput('  T1528 Steal Application Access Token')).toBe('T1528');
    for (const bad of ['', 'T152', 'T15280', 'T1552.01', 'X1528', '1528', 'T1528x', '<img src=x>']) expect(parseTechniqueInput(bad), bad).toBeNull();
  });

  it('returns only well-formed ids for any input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const id = parseTechniqueInput(s);
        return id === null || /^T\d{4}(\.\d{3})?$/.test(id);
      }),
      { seed: 42, numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.option(fc.integer({ min: 0, max: 999 })), fc.string({ maxLength: 10 }), (n, sub, tail) => {
        const id = sub === null ? `T${n}` : `T${n}.${String(sub).padStart(3, '0')}`;
        return parseTechniqueInput(`${id.toLowerCase()} ${tail}`) === id;
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('files triage techniques under a real ATT&CK tactic', () => {
    expect(phaseFor(['T1528'])).toBe('Credential Access');
    expect(phaseFor(['T1530', 'T1528'])).toBe('Collection');
    expect(phaseFor(['T1078.004'])).toBe('Initial Access');
    expect(phaseFor(['T9999'])).toBe('');
    for (const id of Object.keys(ATTACK_TECHNIQUES)) {
      const p = phaseFor([id]);
      expect(p === '' || ATTACK_TACTICS.includes(p), id).toBe(true);
    }
  });
});
