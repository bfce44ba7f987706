// electron-builder configuration for Loupe: AppImage + deb, dmg, NSIS; Electron fuses flipped in scripts/after-pack.cjs.
// Used by `npm run dist` (scripts/dist.mjs); validated offline by test/unit/packaging/config.test.ts.
'use strict';

/** The electron-builder release dist.mjs runs (pinned: the config below is checked against its schema by hand). */
const ELECTRON_BUILDER_VERSION = '26.18.1';
/** Flips the fuses in the afterPack hook; resolved from the repo or from the npx cache dist.mjs creates. */
const ELECTRON_FUSES_VERSION = '2.1.3';

/** Native or data packages read from disk at run time: kept outside app.asar. */
const UNPACKED = ['node_modules/better-sqlite3/**', 'node_modules/@ip-location-db/**', 'node_modules/dejavu-fonts-ttf/**'];

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'org.loupe.workstation',
  productName: 'Loupe',
  copyright: 'Copyright © Loupe contributors',
  electronVersion: '41.7.1',
  directories: { output: 'dist', buildResources: 'resources' },
  // The built app only: main, preload and renderer bundles (no CLI, bench or test output, no source maps).
  files: ['out/**', '!out/cli/**', '!out/bench/**', '!out/test-*/**', '!**/*.map', 'resources/**', '!resources/icons/render-icons.mjs', 'package.json'],
  asar: true,
  asarUnpack: UNPACKED,
  // better-sqlite3 is rebuilt from source against Electron's ABI (its prebuilt download is not trusted to match).
  npmRebuild: true,
  buildDependenciesFromSource: true,
  nodeGypRebuild: false,
  afterPack: 'scripts/after-pack.cjs',
  fileAssociations: [
    {
      ext: 'loupe',
      name: 'Loupe case',
      description: 'Loupe forensic case file',
      mimeType: 'application/x-loupe-case',
      role: 'Editor',
      // without extension: electron-builder picks icon.icns on macOS and icon.ico on Windows
      icon: 'icons/icon',
    },
  ],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Utility',
    icon: 'resources/icons',
    executableName: 'loupe',
    maintainer: 'Loupe contributors <loupe@users.noreply.github.com>',
    synopsis: 'Offline forensic workstation for cloud log exports',
    mimeTypes: ['application/x-loupe-case'],
    desktop: { entry: { Categories: 'Utility;Security;', Keywords: 'forensics;logs;azure;entra;' } },
  },
  deb: { priority: 'optional' },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    icon: 'resources/icons/icon.icns',
    hardenedRuntime: true,
  },
  dmg: { title: 'Loupe ${version}' },
  win: {
    target: ['nsis'],
    icon: 'resources/icons/icon.ico',
  },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true, installerIcon: 'resources/icons/icon.ico', uninstallerIcon: 'resources/icons/icon.ico' },
  publish: null,
};

// Pins for dist.mjs and the tests, non-enumerable so electron-builder's schema check does not see unknown keys.
Object.defineProperties(config, {
  ELECTRON_BUILDER_VERSION: { value: ELECTRON_BUILDER_VERSION, enumerable: false },
  ELECTRON_FUSES_VERSION: { value: ELECTRON_FUSES_VERSION, enumerable: false },
});

module.exports = config;
