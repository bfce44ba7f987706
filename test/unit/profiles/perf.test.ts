// compileMapping throughput: 200k seed rows per shape must normalize well under a second (one core).

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { geoLookup } from '../../../src-main/engine/enrich/ip';
import { compileMapping, detectProfile } from '../../../src-main/engine/profiles';
import { FIXTURES, readCsvFixture, readXlsxFixture } from './fixtureFiles';

const N = 200_000;

function timeRows(headers: string[], rows: (string | null)[][]): { ms: number; mapped: number } {
  const fn = compileMapping(headers, detectProfile(headers).mapping);
  for (const r of rows) fn(r); // warm the per-IP geo cache and the JIT
  // Best of three runs: the test machine is shared, a single run measures the neighbours as much as the code.
  let best = Infinity;
  let mapped = 0;
  for (let run = 0; run < 3; run++) {
    mapped = 0;
    const t0 = performance.now();
    for (let i = 0; i < N; i++) if (fn(rows[i % rows.length] ?? []).time !== null) mapped++;
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, mapped };
}

describe('compileMapping performance', () => {
  geoLookup('8.8.8.8'); // load the datasets outside the timed loops

  it('portal sign-ins (seed XLSX rows) ×200k', async () => {
    const { headers, rows } = await readXlsxFixture(resolve(FIXTURES, 'seed-case/Sign_In_Logs.xlsx'));
    const { ms, mapped } = timeRows(headers, rows);
    expect(mapped).toBe(N);
    expect(ms).toBeLessThan(4000); // generous: a guard against quadratic work, not a benchmark (bench/ measures)
  });
  it('Key Vault AzureDiagnostics (seed XLSX rows) ×200k', async () => {
    const { headers, rows } = await readXlsxFixture(resolve(FIXTURES, 'seed-case/Azure_KV_Logs.xlsx'));
    const { ms, mapped } = timeRows(headers, rows);
    expect(mapped).toBe(N);
    expect(ms).toBeLessThan(4000); // generous: a guard against quadratic work, not a benchmark (bench/ measures)
  });
  it('LA SigninLogs with JSON cells (sign-in_adelete.csv rows) ×200k', () => {
    const { headers, rows } = readCsvFixture(resolve(FIXTURES, 'real/sign-in_adelete.csv'), 60);
    const { ms, mapped } = timeRows(headers, rows);
    expect(mapped).toBe(N);
    expect(ms).toBeLessThan(4000); // generous: a guard against quadratic work, not a benchmark (bench/ measures)
  });
});
