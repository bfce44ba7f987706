// writeFileAtomic: a killed writer or a failing callback never leaves a file under the final name.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { build } from 'esbuild';
import { writeFileAtomic } from '../../../src-main/engine/report/atomic';

const dir = mkdtempSync(join(tmpdir(), 'loupe-atomic-'));
const ENGINE = resolve(__dirname, '../../../src-main/engine/report');

describe('writeFileAtomic', () => {
  it('writes strings and replaces an existing file', async () => {
    const p = join(dir, 'a.txt');
    writeFileSync(p, 'old');
    await writeFileAtomic(p, 'new content');
    expect(readFileSync(p, 'utf8')).toBe('new content');
    expect(readdirSync(dir).filter((f) => f.includes('loupe-tmp'))).toEqual([]);
  });

  it('removes the temp file and leaves the old file when the callback fails', async () => {
    const p = join(dir, 'b.txt');
    writeFileSync(p, 'keep me');
    await expect(
      writeFileAtomic(p, async (tmp) => {
        writeFileSync(tmp, 'partial');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readFileSync(p, 'utf8')).toBe('keep me');
    expect(readdirSync(dir).filter((f) => f.includes('loupe-tmp'))).toEqual([]);
  });

  it('a writer killed mid-export leaves nothing under the final name', async () => {
    const bundle = join(dir, 'atomic.mjs');
    await build({ entryPoints: [join(ENGINE, 'atomic.ts')], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
    const child = join(dir, 'slow-writer.mjs');
    writeFileSync(
      child,
      `import { writeFileAtomic } from ${JSON.stringify(bundle)};
import { appendFileSync } from 'node:fs';
await writeFileAtomic(process.argv[2], async (tmp) => {
  for (let i = 0; ; i += 1) {
    appendFileSync(tmp, 'row ' + i + '\\n');
    if (i === 5) process.send('writing');
    await new Promise((r) => setTimeout(r, 20));
  }
});
`,
    );
    const final = join(dir, 'export.csv');
    const proc = fork(child, [final], { stdio: 'ignore' });
    const [msg] = await once(proc, 'message');
    expect(msg).toBe('writing');
    const temps = readdirSync(dir).filter((f) => f.startsWith('.export.csv.') && f.endsWith('.loupe-tmp'));
    expect(temps).toHaveLength(1);
    proc.kill('SIGKILL');
    await once(proc, 'exit');
    expect(existsSync(final)).toBe(false);
  });

  it('the PDF font lookup still works once bundled to CommonJS by esbuild', async () => {
    const out = join(dir, 'fonts.cjs');
    await build({ entryPoints: [join(ENGINE, 'pdfFonts.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent' });
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, `const { pdfFontPaths } = require(${JSON.stringify(out)}); process.send(pdfFontPaths());`);
    // The bundle lives outside the repo, so point NODE_PATH at the repo's node_modules as a packaged app would ship it.
    const proc = fork(probe, [], { stdio: 'ignore', env: { ...process.env, NODE_PATH: resolve(__dirname, '../../../node_modules') } });
    const [paths] = (await once(proc, 'message')) as [Record<string, string>];
    for (const p of Object.values(paths)) expect(existsSync(p), p).toBe(true);
    expect(paths.Sans).toMatch(/DejaVuSans\.ttf$/);
  });
});
