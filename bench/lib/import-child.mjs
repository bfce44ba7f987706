// Child process of bench/import.mjs: imports one file into a fresh case and reports times and its own peak RSS as JSON.
import { readFileSync } from 'node:fs';
import { loadBundle } from './engine.mjs';

/**
 * This process's own peak RSS. Not resourceUsage().maxRSS: on Linux that carries over the parent's RSS at fork
 * (the bench parent that just generated a 1M-row workbook reads as a 1.9 GB child); VmHWM belongs to this process's
 * address space only. Falls back to maxRSS where /proc is missing.
 */
function peakRssBytes() {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    /* not Linux */
  }
  return process.resourceUsage().maxRSS * 1024;
}

const [bundle, file, casePath] = process.argv.slice(2);
const { Engine, buildColumnIndexes, buildFullText } = loadBundle(bundle);
const engine = new Engine(casePath, { create: true });
const t0 = performance.now();
const summaries = await engine.importFiles([file], { deferFullText: true });
const queryableMs = performance.now() - t0;
if (!summaries.every((s) => s.ok)) throw new Error(JSON.stringify(summaries));
const rows = summaries.flatMap((s) => s.sources).reduce((n, s) => n + s.rows, 0);
const rssQueryable = peakRssBytes();
// What the app builds in the background once the import has committed, timed separately.
const t1 = performance.now();
await buildColumnIndexes(engine.db);
const columnIndexMs = performance.now() - t1;
const t2 = performance.now();
await buildFullText(engine.db);
const ftsMs = performance.now() - t2;
engine.close();
process.stdout.write(JSON.stringify({ rows, queryableMs, columnIndexMs, ftsMs, maxRssQueryableBytes: rssQueryable, maxRssBytes: peakRssBytes() }) + '\n');
