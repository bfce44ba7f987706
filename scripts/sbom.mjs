// `npm run sbom`: the CycloneDX software bill of materials of what ships (production dependencies, from the lockfile), offline.
// Usage: node scripts/sbom.mjs [OUT] (default dist/loupe.cdx.json)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'dist/loupe.cdx.json'));
const run = spawnSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--omit', 'dev', '--package-lock-only'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, shell: process.platform === 'win32' });
if (run.status !== 0) {
  console.error(`sbom: npm sbom failed (exit ${run.status}): ${run.stderr.split('\n').find((l) => l.trim()) ?? ''}`);
  process.exit(1);
}
const bom = JSON.parse(run.stdout);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(bom, null, 2) + '\n');
console.log(`sbom: ${bom.components.length} components (CycloneDX ${bom.specVersion}) → ${out}`);
