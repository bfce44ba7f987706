// A writer killed (SIGKILL) mid-copy leaves no `<sha256>` entry, only a temp that the next store removes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleChild } from '../../support/bundleChild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeEvidence, verifyEvidenceCopy } from '../../../src-main/engine/case/evidenceStore';

const dir = mkdtempSync(join(tmpdir(), 'loupe-evkill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let childBundle = '';
beforeAll(async () => {
  childBundle = await bundleChild(resolve(__dirname, 'killCopyChild.ts'), 'test-evidence/killCopyChild.mjs');
});

/** Runs the child until it reports a half-written copy, then SIGKILLs it and waits for it to be gone. */
async function killMidCopy(original: string, storeDir: string): Promise<number> {
  const child = spawn(process.execPath, [childBundle, original, storeDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((ready, fail) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('copying')) ready();
      if (out.includes('finished')) fail(new Error('the child finished the copy before it could be killed'));
    });
    child.once('exit', (code) => fail(new Error(`child exited ${code} early: ${stderr}`)));
  });
  child.kill('SIGKILL');
  await exited;
  return child.pid!;
}

describe('evidence store under SIGKILL', () => {
  it('a killed copy never appears under its hash, and the next store cleans the temp and stores the file whole', async () => {
    const storeDir = join(dir, 'case.loupe.evidence');
    const original = join(dir, 'big.csv');
    // Several 1 MiB read chunks, so the kill lands between the first and the last write.
    const lines = ['a,b'];
    for (let i = 0; i < 200_000; i++) lines.push(`${i},row number ${i} of the evidence file`);
    writeFileSync(original, lines.join('\n'));

    const pid = await killMidCopy(original, storeDir);
    const left = readdirSync(storeDir);
    expect(left.filter((n) => /^[0-9a-f]{64}$/.test(n))).toEqual([]);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(new RegExp(`^\\.tmp-${pid}-[0-9a-f]+$`));

    const stored = await storeEvidence(original, storeDir);
    expect(readdirSync(storeDir)).toEqual([stored.sha256]);
    expect((await verifyEvidenceCopy(storeDir, stored.sha256)).status).toBe('ok');
  });
});
