// `npm start`: build, then the Electron app; without an Electron binary, one line why and browser mode instead.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const caseArg = process.argv.slice(2);

const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  try {
    const p = require('electron'); // the package's index returns the binary path, or throws when it is missing
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

let bin = electronBinary();
if (!bin && existsSync(join(root, 'node_modules/electron/install.js'))) {
  // One attempt to fetch the binary (needs internet; npm install skipped it on purpose).
  spawnSync('node', ['node_modules/electron/install.js'], { cwd: root, stdio: 'ignore', timeout: 120_000 });
  bin = electronBinary();
}
if (bin) {
  const child = spawn(bin, [join(root, 'out/main/index.js'), ...caseArg], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron binary not available (offline install, download failed): serving the same UI in browser mode instead.');
  const child = spawn('node', [join(root, 'bin/loupe.mjs'), 'serve', ...caseArg], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
