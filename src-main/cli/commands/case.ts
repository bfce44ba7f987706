// `loupe import`, `loupe sources`, `loupe bookmark`, `loupe report`, `loupe triage`, `loupe verify`, `loupe audit`.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyAuditChain, listAudit } from '../../engine/case/audit';
import { addBookmark } from '../../engine/case/bookmarks';
import { caseInfo } from '../../engine/case/caseFile';
import { findSource } from '../../engine/case/catalog';
import { verifySources } from '../../engine/case/verify';
import type { Engine } from '../../engine/engine';
import { renderReport } from '../../engine/reporting';
import { writeFileAtomic } from '../../engine/report';
import { runTriage } from '../../engine/triage';
import { LoupeError } from '../../contract/errors';
import { int, list, str, type Parsed } from '../args';
import { printJson, printTable, UsageError } from '../output';

export async function runImport(engine: Engine, p: Parsed, files: string[]): Promise<number> {
  if (files.length === 0) throw new UsageError('import needs at least one FILE');
  for (const f of files) if (!existsSync(f)) throw new LoupeError('BAD_INPUT', `${f}: no such file or folder`);
  const summaries = await engine.importFiles(files.map((f) => resolve(f)), {
    ...(str(p, 'encoding') ? { encoding: str(p, 'encoding')! } : {}),
    ...(str(p, 'sheet') ? { sheet: str(p, 'sheet')! } : {}),
    ...(p.values['copy-evidence'] === true ? { copyEvidence: true } : {}),
  });
  const failed = summaries.filter((s) => !s.ok);
  if (p.values['json']) {
    printJson({
      imported: summaries.flatMap((s) => s.sources.map((x) => ({ id: x.id, name: x.name, profile: x.profile, profileName: x.profileName, rows: x.rows, sha256: x.sha256, warnings: x.warnings.length }))),
      duplicates: summaries.filter((s) => s.duplicateOf !== undefined).map((s) => ({ file: s.file, duplicateOf: s.duplicateOf })),
      errors: failed.map((s) => ({ file: s.file, error: s.error })),
    });
  } else {
    for (const s of summaries) {
      if (!s.ok) process.stderr.write(`error: ${s.error}\n`);
      else if (s.duplicateOf !== undefined) process.stdout.write(`${s.file}: already imported as source ${s.duplicateOf} (same SHA-256); skipped\n`);
      for (const x of s.sources) {
        process.stdout.write(`${x.id}\t${x.name}\t${x.profileName}\t${x.rows} rows\tsha256 ${x.sha256}\t${x.warnings.length} warning(s)\n`);
      }
    }
  }
  if (failed.length) {
    if (!p.values['json']) return 2;
    process.stderr.write(`error: ${failed[0]!.error}\n`);
    return 2;
  }
  return 0;
}

export function runSources(engine: Engine, p: Parsed): void {
  const sources = caseInfo(engine.case).sources;
  if (p.values['json']) return printJson(sources);
  printTable(['id', 'name', 'profile', 'rows', 'sha256'], sources.map((s) => [s.id, s.name, s.profileName, s.rows, s.sha256]));
}

export function runBookmark(engine: Engine, p: Parsed): void {
  const ref = str(p, 'source');
  if (!ref) throw new UsageError('bookmark needs --source S');
  if (str(p, 'row') === undefined) throw new UsageError('bookmark needs --row N');
  const techniques = list(p, 'technique');
  for (const t of techniques) if (!/^T\d{4}(\.\d{3})?$/.test(t)) throw new UsageError(`--technique ${t}: ATT&CK ids look like T1528 or T1552.001`);
  const severity = str(p, 'severity') ?? 'medium';
  if (!['info', 'low', 'medium', 'high', 'critical'].includes(severity)) throw new UsageError(`--severity ${severity}: use info, low, medium, high or critical`);
  const src = findSource(engine.db, ref);
  const b = addBookmark(engine.db, src.id, int(p, 'row', 0), {
    note: str(p, 'note') ?? '',
    tags: list(p, 'tag'),
    techniques,
    severity: severity as 'medium',
  });
  if (p.values['json']) return printJson(b);
  process.stdout.write(`bookmark ${b.id}: ${b.sourceName} row ${b.row}\n`);
}

export async function runReport(engine: Engine, p: Parsed): Promise<void> {
  const format = str(p, 'format') ?? 'md';
  if (format !== 'md' && format !== 'html' && format !== 'pdf') throw new UsageError('--format takes md, html or pdf');
  const out = str(p, 'out');
  if (!out) throw new UsageError('report needs --out FILE');
  const draft = Boolean(p.values['draft']);
  if (draft) (await import('../../engine/triage/draft')).seedDraftFromTriage(engine.db);
  const buf = await renderReport(engine.db, engine.case, format, { defang: !p.values['no-defang'], draft });
  await writeFileAtomic(resolve(out), buf);
  if (p.values['json']) return printJson({ out: resolve(out), format, bytes: buf.length });
  process.stdout.write(`wrote ${resolve(out)} (${buf.length} bytes)\n`);
}

export function runTriageCmd(engine: Engine, p: Parsed): void {
  const findings = runTriage(engine.db);
  if (p.values['json']) return printJson({ findings });
  for (const f of findings) {
    process.stdout.write(`[${f.severity}] ${f.title} (${f.rule}; ${f.techniques.join(', ')})\n`);
    for (const [k, v] of Object.entries(f.entities)) process.stdout.write(`    ${k}: ${v.join(', ')}\n`);
    process.stdout.write(`    rows: ${f.rows.length}   query: ${f.query}\n`);
  }
  if (!findings.length) process.stdout.write('no findings\n');
}

export async function runVerify(engine: Engine, p: Parsed): Promise<number> {
  const results = await verifySources(engine.db);
  if (p.values['json']) printJson(results);
  else printTable(['id', 'name', 'status', 'copy', 'detail'], results.map((r) => [r.sourceId, r.name, r.status, r.copy ?? '-', r.detail]));
  return results.every((r) => r.status === 'ok' && (r.copy === undefined || r.copy === 'ok')) ? 0 : 2;
}

export function runAudit(engine: Engine, p: Parsed): number {
  const chain = verifyAuditChain(engine.db);
  const entries = listAudit(engine.db, int(p, 'limit', 50));
  if (p.values['json']) printJson({ ...chain, entries });
  else {
    printTable(['seq', 'ts', 'action', 'target'], entries.map((e) => [e.seq, e.ts, e.action, e.target]));
    process.stdout.write(chain.valid ? `chain valid; head ${chain.head}\n` : `CHAIN BROKEN at entry ${chain.brokenAt}\n`);
  }
  return chain.valid ? 0 : 2;
}
