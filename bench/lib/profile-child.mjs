// Profiling child: imports one file into a fresh case, logging RSS every second to stderr (use under node --cpu-prof).
import { rmSync } from 'node:fs';
import { bundleEngine, loadBundle } from './engine.mjs';

const [file, casePath, bundleArg] = process.argv.slice(2);
const bundle = bundleArg ?? (await bundleEngine());
const { Engine } = loadBundle(bundle);
rmSync(casePath, { force: true });
const engine = new Engine(casePath, { create: true });
const t0 = performance.now();
const timer = setInterval(() => {
  const m = process.memoryUsage();
  process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(0)}s rss ${Math.round(m.rss / 1048576)} heap ${Math.round(m.heapUsed / 1048576)} ext ${Math.round(m.external / 1048576)}\n`);
}, 1000);
await engine.importFiles([file], { deferFullText: true });
clearInterval(timer);
process.stderr.write(`queryable ${((performance.now() - t0) / 1000).toFixed(2)} s, maxRSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);
engine.close();
