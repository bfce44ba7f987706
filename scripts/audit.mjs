// Dependency audit gate (SECURITY.md S-1): npm audit of the shipped dependencies fails on high or critical advisories;
// where the advisory service cannot be reached (an offline mirror) it says so in one line and does not fail.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', shell: process.platform === 'win32' });
let report;
try {
  report = JSON.parse(run.stdout || '{}');
} catch {
  report = {};
}
const counts = report.metadata?.vulnerabilities;
if (!counts) {
  const why = String(report.message ?? report.error?.summary ?? run.stderr.split('\n').find((l) => l.trim()) ?? 'no answer').trim();
  console.log(`npm audit skipped: the advisory service is not reachable from here (${why.slice(0, 160)})`);
  process.exit(0);
}
const blocking = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(`npm audit (production dependencies): ${JSON.stringify(counts)}`);
if (blocking > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (v.severity === 'high' || v.severity === 'critical') console.log(`  ${v.severity} ${name}: ${[].concat(v.via).map((x) => x.title ?? x).join('; ')}`);
  }
  process.exit(1);
}
