// Validates the electron-builder config offline: targets, icons on disk, file association, asar, native unpacking, fuses, entry point.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const require = createRequire(import.meta.url);

interface FileAssociation { ext: string; name: string; icon: string; mimeType: string; role: string }
interface BuilderConfig {
  appId: string;
  productName: string;
  electronVersion: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  buildDependenciesFromSource: boolean;
  afterPack: string;
  fileAssociations: FileAssociation[];
  linux: { target: string[]; category: string; icon: string; maintainer: string; mimeTypes: string[] };
  mac: { target: string[]; icon: string; category: string };
  win: { target: string[]; icon: string };
  nsis: { installerIcon: string };
  ELECTRON_BUILDER_VERSION: string;
  ELECTRON_FUSES_VERSION: string;
}
interface FuseContext { appOutDir: string; electronPlatformName: string; arch: number; packager: { appInfo: { productFilename: string }; executableName: string } }
interface AfterPackModule {
  (context: FuseContext): Promise<void>;
  FUSES: Record<string, boolean>;
  electronBinary(context: FuseContext): string;
  fuseOptions(mod: { FuseVersion: { V1: string }; FuseV1Options: Record<string, number> }, context: FuseContext): Record<string | number, unknown>;
  fusesCandidates(env: Record<string, string>): string[];
}

const config = require(join(ROOT, 'electron-builder.config.cjs')) as BuilderConfig;
const afterPack = require(join(ROOT, 'scripts/after-pack.cjs')) as AfterPackModule;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** Minimal electron-builder `files` semantics: last matching pattern wins, `!` excludes, `**` any depth. */
function globToRegExp(glob: string): RegExp {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/?/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*');
  return new RegExp(`^${re}$`);
}
function included(path: string, patterns: readonly string[]): boolean {
  let inc = false;
  for (const p of patterns) {
    const neg = p.startsWith('!');
    if (globToRegExp(neg ? p.slice(1) : p).test(path)) inc = !neg;
  }
  return inc;
}

/** Width and height from a PNG's IHDR, after checking the signature. */
function pngSize(buf: Buffer): { w: number; h: number } {
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(buf.toString('ascii', 12, 16)).toBe('IHDR');
  return { w: buf.readUInt32BE(16), h: buf.readUInt32BE(20) };
}

const fromBuildResources = (p: string): string => join(ROOT, config.directories.buildResources, p);

describe('electron-builder.config.cjs', () => {
  it('names the app and pins electron to the installed version', () => {
    expect(config.productName).toBe('Loupe');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.electronVersion).toBe(pkg.devDependencies['electron']);
    expect(config.ELECTRON_BUILDER_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(config.ELECTRON_FUSES_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    // the pins are not config keys electron-builder would reject
    expect(Object.keys(config)).not.toContain('ELECTRON_BUILDER_VERSION');
  });

  it('builds AppImage and deb, dmg and NSIS', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux.category).toBe('Utility');
    expect(config.linux.maintainer).toMatch(/<[^@>]+@[^>]+>/); // deb needs a maintainer e-mail
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('packs into an ASAR, with the native module and data packages unpacked', () => {
    expect(config.asar).toBe(true);
    for (const dep of ['better-sqlite3', '@ip-location-db/asn', '@ip-location-db/geo-whois-asn-country-mmdb', 'dejavu-fonts-ttf']) {
      expect(pkg.dependencies[dep], `${dep} must be a runtime dependency to be packed`).toBeDefined();
      expect(config.asarUnpack.some((g) => globToRegExp(g).test(`node_modules/${dep}/package.json`)), `${dep} unpacked`).toBe(true);
    }
    const binding = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(existsSync(join(ROOT, binding))).toBe(true);
    expect(config.asarUnpack.some((g) => globToRegExp(g).test(binding))).toBe(true);
    expect(config.asarUnpack.some((g) => globToRegExp(g).test('node_modules/exceljs/package.json'))).toBe(false);
  });

  it('rebuilds native modules from source for Electron', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
  });

  it('ships the built main, preload and renderer and package.json main points at the built Electron entry', () => {
    expect(pkg.main).toBe('out/main/index.js');
    const vite = readFileSync(join(ROOT, 'electron.vite.config.ts'), 'utf8');
    expect(vite).toContain("outDir: 'out/main'");
    expect(vite).toMatch(/index: resolve\(__dirname, 'src-main\/app\/index\.ts'\)/);
    for (const f of [pkg.main, 'out/main/engine-worker.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json', 'resources/icons/icon.png']) expect(included(f, config.files), f).toBe(true);
    for (const f of ['out/cli/loupe.cjs', 'out/main/index.js.map', 'src-main/app/index.ts', 'test/e2e/seedWalk.spec.ts', 'resources/icons/render-icons.mjs']) expect(included(f, config.files), f).toBe(false);
  });

  it('associates .loupe files with an icon for each platform', () => {
    const assoc = config.fileAssociations.find((a) => a.ext === 'loupe');
    expect(assoc).toBeDefined();
    expect(assoc?.role).toBe('Editor');
    expect(config.linux.mimeTypes).toContain(assoc?.mimeType);
    const icns = readFileSync(fromBuildResources(`${assoc?.icon}.icns`));
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const ico = readFileSync(fromBuildResources(`${assoc?.icon}.ico`));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const size = ico.readUInt32LE(6 + 16 * i + 8);
      const offset = ico.readUInt32LE(6 + 16 * i + 12);
      expect(offset + size).toBeLessThanOrEqual(ico.length);
      pngSize(ico.subarray(offset, offset + size));
    }
  });

  it('has the app icons on disk: Linux NxN PNGs of the named size, a 1024 px PNG, .icns, .ico and the SVG source', () => {
    const dir = join(ROOT, config.linux.icon);
    const pngs = readdirSync(dir).filter((f) => /^\d+x\d+\.png$/.test(f));
    expect(pngs.length).toBeGreaterThanOrEqual(6);
    for (const f of pngs) {
      const [w, h] = f.replace('.png', '').split('x').map(Number);
      expect(pngSize(readFileSync(join(dir, f))), f).toEqual({ w, h });
    }
    expect(pngs).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '256x256.png', '512x512.png']));
    expect(pngSize(readFileSync(join(ROOT, 'resources/icons/icon.png')))).toEqual({ w: 1024, h: 1024 });
    for (const f of [config.mac.icon, config.win.icon, config.nsis.installerIcon, 'resources/icons/icon.svg']) expect(existsSync(join(ROOT, f)), f).toBe(true);
    expect(readFileSync(join(ROOT, 'resources/icons/icon.svg'), 'utf8')).not.toMatch(/href=|https?:\/\/(?!www\.w3\.org)/);
  });
});

describe('scripts/after-pack.cjs', () => {
  const fake = {
    FuseVersion: { V1: '1' },
    FuseV1Options: { RunAsNode: 0, EnableCookieEncryption: 1, EnableNodeOptionsEnvironmentVariable: 2, EnableNodeCliInspectArguments: 3, EnableEmbeddedAsarIntegrityValidation: 4, OnlyLoadAppFromAsar: 5, LoadBrowserProcessSpecificV8Snapshot: 6, GrantFileProtocolExtraPrivileges: 7 },
  };
  const ctx = (platform: string, arch = 1): FuseContext => ({ appOutDir: '/tmp/out', electronPlatformName: platform, arch, packager: { appInfo: { productFilename: 'Loupe' }, executableName: 'loupe' } });

  it('is the configured afterPack hook', () => {
    expect(config.afterPack).toBe('scripts/after-pack.cjs');
    expect(typeof afterPack).toBe('function');
  });

  it('sets exactly the hardened fuses', () => {
    expect(afterPack.FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
    const opts = afterPack.fuseOptions(fake, ctx('linux'));
    expect(opts).toEqual({ version: '1', resetAdHocDarwinSignature: false, 0: false, 1: true, 2: false, 3: false, 4: true, 5: true, 7: false });
    expect(afterPack.fuseOptions(fake, ctx('darwin', 3))['resetAdHocDarwinSignature']).toBe(true);
  });

  it('refuses a fuses module that lacks one of the fuses', () => {
    const { GrantFileProtocolExtraPrivileges: _dropped, ...older } = fake.FuseV1Options;
    expect(() => afterPack.fuseOptions({ ...fake, FuseV1Options: older }, ctx('linux'))).toThrow(/GrantFileProtocolExtraPrivileges/);
  });

  it('finds the Electron binary of each platform', () => {
    expect(afterPack.electronBinary(ctx('linux'))).toBe(join('/tmp/out', 'loupe'));
    expect(afterPack.electronBinary(ctx('win32'))).toBe(join('/tmp/out', 'Loupe.exe'));
    expect(afterPack.electronBinary(ctx('darwin'))).toBe(join('/tmp/out', 'Loupe.app'));
  });

  it('looks for @electron/fuses in the repo and in npx bins on PATH', () => {
    const npxBin = join('/home/u/.npm/_npx/abc/node_modules', '.bin');
    const list = afterPack.fusesCandidates({ PATH: ['/usr/bin', npxBin].join(process.platform === 'win32' ? ';' : ':') });
    expect(list).toContain(join('/home/u/.npm/_npx/abc'));
    expect(list).not.toContain('/usr');
  });

  const fusesInstalled = (() => {
    try {
      require.resolve('@electron/fuses');
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(fusesInstalled)('fails with a clear message when @electron/fuses is missing', async () => {
    await expect(afterPack(ctx('linux'))).rejects.toThrow(/@electron\/fuses is not installed/);
  });
});

describe('npm run dist', () => {
  it('points at scripts/dist.mjs, which runs the pinned electron-builder on this config', () => {
    expect(pkg.scripts['dist']).toBe('node scripts/dist.mjs');
    const src = readFileSync(join(ROOT, 'scripts/dist.mjs'), 'utf8');
    expect(src).toContain("'electron-builder.config.cjs'");
    expect(src).toContain('config.ELECTRON_BUILDER_VERSION');
  });

  it('offline, prints one line saying why and exits 1', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/dist.mjs')], { cwd: ROOT, env: { ...process.env, LOUPE_DIST_PROBE_HOSTS: 'loupe-dist-probe.invalid' }, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^dist: offline: cannot resolve loupe-dist-probe\.invalid/);
  });
});
