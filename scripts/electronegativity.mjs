// Static Electron security scan (SECURITY E-10): runs electronegativity over the shell and fails on HIGH + FIRM/CERTAIN.
// Usage: node scripts/electronegativity.mjs [--sarif out.sarif]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Scanned together because the GLOBAL checks (navigation limits, permission handler) look across all inputs;
// server/ holds the CSP header the app:// handler sends.
const SCANNED = ['src-main/app', 'src-main/preload', 'src-main/server'];

/**
 * Findings judged false positives, by check id (only HIGH + FIRM/CERTAIN ones matter here). Keep this short
 * and justify each entry:
 * - AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK needs the internet to fetch Electron's release list; currency is
 *   policed by the pinned version in package.json (SECURITY E-9), not by this offline scan.
 */
const FALSE_POSITIVES = new Set(['AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK']);

function electronVersion() {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Minimal CSV parser for electronegativity's output (quoted fields, commas inside quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field.trim());
      field = '';
    } else if (ch === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field.trim()]);
  return rows.filter((r) => r.length > 1);
}

const work = mkdtempSync(join(tmpdir(), 'loupe-eng-'));
try {
  const input = join(work, 'app');
  for (const dir of SCANNED) cpSync(join(root, dir), join(input, dir), { recursive: true });
  const csvPath = join(work, 'result.csv');
  const version = electronVersion();
  const bin = join(root, 'node_modules/.bin/electronegativity');
  const args = ['-i', input, '-o', csvPath, '-r', '-p', 'typescript', ...(version ? ['-e', version] : [])];
  const run = spawnSync(bin, args, { encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    console.error(`electronegativity failed to run (exit ${run.status})`);
    process.exit(2);
  }
  const sarifAt = process.argv.indexOf('--sarif');
  if (sarifAt > 0 && process.argv[sarifAt + 1]) {
    mkdirSync(dirname(resolve(process.argv[sarifAt + 1])), { recursive: true });
    spawnSync(bin, ['-i', input, '-o', resolve(process.argv[sarifAt + 1]), '-r', '-p', 'typescript', ...(version ? ['-e', version] : [])], { encoding: 'utf8' });
  }
  const [header, ...rows] = parseCsv(readFileSync(csvPath, 'utf8'));
  const col = (name) => header.findIndex((h) => h.toLowerCase() === name);
  const [iIssue, iSev, iConf, iFile, iLoc] = ['issue', 'severity', 'confidence', 'filename', 'location'].map(col);
  const findings = rows.map((r) => ({ issue: r[iIssue], severity: r[iSev], confidence: r[iConf], file: r[iFile], location: r[iLoc] }));
  const blocking = findings.filter((f) => f.severity === 'HIGH' && (f.confidence === 'FIRM' || f.confidence === 'CERTAIN') && !FALSE_POSITIVES.has(f.issue));
  console.log(`electronegativity ${version ? `(Electron ${version}) ` : ''}over ${SCANNED.join(', ')}: ${findings.length} finding(s), ${blocking.length} blocking (HIGH + FIRM/CERTAIN)`);
  for (const f of findings) {
    const mark = blocking.includes(f) ? 'FAIL' : 'info';
    console.log(`  ${mark} ${f.issue} [${f.severity}/${f.confidence}] ${f.file}:${f.location}`);
  }
  process.exit(blocking.length > 0 ? 1 : 0);
} finally {
  rmSync(work, { recursive: true, force: true });
}
