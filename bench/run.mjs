#!/usr/bin/env node
// `npm run bench`: every benchmark in turn (figures printed, nothing asserted). `--rows N` makes each one smaller for a quick run.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const i = process.argv.indexOf('--rows');
const rows = i >= 0 ? ['--rows', process.argv[i + 1], '--xlsx-rows', process.argv[i + 1]] : [];
for (const bench of ['import.mjs', 'queries.mjs']) {
  console.log(`\n## ${bench}`);
  const r = spawnSync(process.execPath, [join(here, bench), ...rows.slice(0, bench === 'import.mjs' ? 4 : 2)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
