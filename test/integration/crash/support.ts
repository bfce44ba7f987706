// Shared helpers for the crash tests: bundle the child once, run it, SIGKILL it after a delay, inspect the reopened case.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleChild } from '../../support/bundleChild';
import { Engine } from '../../../src-main/engine/engine';
import { verifyAuditChain } from '../../../src-main/engine/case/audit';

const repo = resolve(__dirname, '../../..');
// Bundled inside the repo (out/ is ignored) so the child resolves node_modules like the real CLI does.
export const CHILD = join(repo, 'out/test-crash/crashChild.mjs');

export async function buildChild(): Promise<void> {
  await bundleChild(resolve(__dirname, 'crashChild.ts'), 'test-crash/crashChild.mjs');
}

/** A case with one source of `rows` data rows (Key Vault-like CSV), built in-process. */
export async function makeCase(path: string, csvPath: string, rows: number): Promise<void> {
  const lines = ['TimeGenerated [UTC],OperationName,CallerIPAddress,identity_claim_upn_s,CorrelationId'];
  for (let i = 0; i < rows; i++) lines.push(`2023-10-26T14:${String(i % 60).padStart(2, '0')}:00Z,SecretGet,10.0.${i % 250}.${i % 7},u${i % 97}@x.test,c-${i}`);
  writeFileSync(csvPath, lines.join('\n') + '\n');
  const e = new Engine(path, { create: true });
  const [s] = await e.importFiles([csvPath]);
  e.close();
  if (!s?.ok) throw new Error(`seed import failed: ${s?.error ?? ''}`);
}

/** Starts the child, waits for its "ready" line, lets it work `delayMs`, then SIGKILLs it. Returns its stdout lines. */
export async function runAndKill(args: string[], delayMs: number): Promise<string[]> {
  const proc = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((res) => proc.on('exit', (_code, signal) => res(signal)));
  await new Promise<void>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`child never got ready: ${err}`)), 20_000);
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.startsWith('ready\n')) {
        clearTimeout(t);
        res();
      }
    });
    void exited.then(() => rej(new Error(`child exited early: ${err}`)));
  });
  await new Promise((r) => setTimeout(r, delayMs));
  proc.kill('SIGKILL');
  const signal = await exited;
  if (signal !== 'SIGKILL') throw new Error(`child ended by ${String(signal)} before the kill: ${err}`);
  // Only complete lines were flushed by a committed step; a torn last line is dropped.
  return out.split('\n').slice(1, -1);
}

export interface Reopened {
  integrity: string;
  foreignKeyProblems: number;
  auditValid: boolean;
  engine: Engine;
}

/** Reopens the case the way the app does (quick_check, migrations) and runs the full checks. */
export function reopen(casePath: string): Reopened {
  const engine = new Engine(casePath, {});
  const integrity = engine.db.pragma('integrity_check', { simple: true }) as string;
  const foreignKeyProblems = (engine.db.pragma('foreign_key_check') as unknown[]).length;
  const auditValid = verifyAuditChain(engine.db).valid;
  return { integrity, foreignKeyProblems, auditValid, engine };
}
