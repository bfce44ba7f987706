// SECURITY.md S-3 (the part that runs offline): the SBOM lists what ships, at the locked versions, and nothing dev-only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

describe('SBOM', () => {
  it('is CycloneDX with every production dependency at its locked version and no dev tooling', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-sbom-'));
    try {
      const out = join(dir, 'bom.json');
      execFileSync(process.execPath, [join(ROOT, 'scripts/sbom.mjs'), out], { encoding: 'utf8' });
      const bom = JSON.parse(readFileSync(out, 'utf8')) as { bomFormat: string; components: { name: string; version: string; purl?: string }[] };
      expect(bom.bomFormat).toBe('CycloneDX');
      const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
      const byName = new Map(bom.components.map((c) => [c.name, c.version]));
      for (const dep of Object.keys(pkg.dependencies)) expect(byName.get(dep), dep).toBe(lock.packages[`node_modules/${dep}`]?.version);
      for (const dev of ['vitest', 'typescript', '@playwright/test', 'eslint']) expect(byName.has(dev), dev).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
