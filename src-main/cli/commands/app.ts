// `loupe serve` (browser mode on loopback) and `loupe demo` (the sample case's exports).
import { resolve, join } from 'node:path';
import { existsSync } from 'node:fs';
import { writeDemo } from '../../engine/demo';
import { createCaseSession } from '../../host/cases';
import { ensureSampleCase } from '../../host/sample';
import { startServer } from '../../server';
import { int, str, type Parsed } from '../args';
import { printJson, UsageError } from '../output';

/** The built files live next to this bundle: out/cli/loupe.cjs, out/cli/engine-worker.cjs, out/renderer. */
function outDir(): string {
  return resolve(__dirname, '..');
}

export async function runServe(p: Parsed): Promise<number> {
  const port = int(p, 'port', 0);
  const casePath = p.positionals[0] ? resolve(p.positionals[0]) : await ensureSampleCase();
  const staticDir = join(outDir(), 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) throw new UsageError(`the UI is not built (${staticDir}); run 'npm run build'`);
  // One case at a time; the start screen's cases/* calls swap it (host/cases.ts).
  const host = createCaseSession({ workerPath: join(outDir(), 'cli', 'engine-worker.cjs'), ensureSample: ensureSampleCase });
  const opened = await host.openPath(casePath, { create: true });
  if (opened.readOnly) process.stderr.write(`warning: ${casePath} is open read-only (${opened.lockedBy ?? 'locked'})\n`);
  const server = await startServer({ host, cases: host, staticDir, port, ...(str(p, 'token') ? { token: str(p, 'token')! } : {}) });
  if (p.values['json']) printJson({ url: server.url, port: server.port, case: casePath });
  else process.stdout.write(`Loupe (browser mode) on ${casePath}\n${server.url}\n`);
  await new Promise<void>((done) => {
    const stop = () => void server.close().then(() => host.close()).then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

export async function runDemo(p: Parsed): Promise<number> {
  const dir = p.positionals[0];
  if (!dir) throw new UsageError('demo needs DIR');
  const { files, facts } = await writeDemo(resolve(dir));
  if (p.values['json']) printJson({ files, facts });
  else for (const f of files) process.stdout.write(`${f}\n`);
  return 0;
}
