// Starts `loupe serve` on a private copy of a case and yields its URL (token included) to a test.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';
import { E2E_DIR, TEMPLATE_CASE } from './globalSetup';

export interface Served {
  url: string;
  casePath: string;
  child: ChildProcess;
}

/** `loupe serve CASE` with a private LOUPE_HOME, which keeps test cases out of the analyst's recent-cases list. */
export async function serveCase(casePath: string, home: string = join(E2E_DIR, 'home')): Promise<Served> {
  const cli = resolve(__dirname, '../../../out/cli/loupe.cjs');
  const env = { ...process.env, LOUPE_HOME: home };
  const child = spawn('node', [cli, 'serve', casePath, '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`loupe serve did not start: ${err}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      try {
        const doc = JSON.parse(out) as { url: string };
        clearTimeout(timer);
        res(doc.url);
      } catch {
        /* not complete yet */
      }
    });
    child.on('exit', (code) => rej(new Error(`loupe serve exited ${code}: ${err}`)));
  });
  return { url, casePath, child };
}

/** A fresh copy of the sample case per test, served in browser mode. */
export const test = base.extend<{ served: Served }>({
  served: async ({}, use) => {
    const dir = mkdtempSync(join(E2E_DIR, 'case-'));
    const casePath = join(dir, 'case.loupe');
    copyFileSync(TEMPLATE_CASE, casePath);
    const s = await serveCase(casePath);
    await use(s);
    s.child.kill('SIGTERM');
  },
});

export { expect } from '@playwright/test';
