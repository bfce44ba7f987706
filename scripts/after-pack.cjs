// electron-builder afterPack hook: flips the Electron fuses of the packed binary before it is signed.
// @electron/fuses is not a project dependency (it is only needed on the release machine): it is loaded lazily, from
// the repo's node_modules or from the npx cache `npm run dist` creates (`npx -p @electron/fuses -p electron-builder`).
'use strict';
const { createRequire } = require('node:module');
const path = require('node:path');

/** The fuses Loupe ships with; tests read this table. */
const FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
};

/** Where @electron/fuses may be: this repo, then every `…/node_modules/.bin` npx put on PATH. */
function fusesCandidates(env = process.env) {
  const bins = (env.PATH || '').split(path.delimiter).filter((p) => p.endsWith(path.join('node_modules', '.bin')));
  return [__dirname, ...bins.map((b) => path.dirname(path.dirname(b)))];
}

async function loadFuses() {
  for (const dir of fusesCandidates()) {
    try {
      const resolved = createRequire(path.join(dir, 'noop.js')).resolve('@electron/fuses');
      return await import(require('node:url').pathToFileURL(resolved).href);
    } catch {
      // not here; try the next place
    }
  }
  throw new Error('after-pack: @electron/fuses is not installed. Run `npm run dist` (it fetches it with npx) or `npm i --no-save @electron/fuses`.');
}

/** The Electron executable inside the packed app for each platform. */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

/** The options object for flipFuses, from the module's enums. */
function fuseOptions(mod, context) {
  const options = { version: mod.FuseVersion.V1, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3 /* arm64 */ };
  for (const [name, value] of Object.entries(FUSES)) {
    const key = mod.FuseV1Options[name];
    if (key === undefined) throw new Error(`after-pack: this @electron/fuses has no fuse ${name}`);
    options[key] = value;
  }
  return options;
}

async function afterPack(context) {
  const mod = await loadFuses();
  const fuses = mod.default && !mod.flipFuses ? mod.default : mod;
  await fuses.flipFuses(electronBinary(context), fuseOptions(fuses, context));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.electronBinary = electronBinary;
module.exports.fuseOptions = fuseOptions;
module.exports.fusesCandidates = fusesCandidates;
