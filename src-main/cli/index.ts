// The `loupe` command: DESIGN.md's CLI contract (stable: scripts and acceptance checks depend on it).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LoupeError } from '../contract/errors';
import { Engine } from '../engine/engine';
import { parse, need, type Options } from './args';
import { runAudit, runBookmark, runImport, runReport, runSources, runTriageCmd, runVerify } from './commands/case';
import { runPivot, runQuery, runStack } from './commands/query';
import { runDetails, runExport, runFilters, runFinding } from './commands/work';
import { runDemo, runServe } from './commands/app';
import { runMapping, runRemoveSource } from './commands/mapping';
import { checkWal, runBackup, runInfo, warnStorage } from './commands/maintenance';
import { exitCodeFor, oneLine, UsageError } from './output';

const USAGE = `usage: loupe <command> [options]   (add --json for one JSON document on stdout)

  import CASE FILE...          create CASE if absent; import files, folders, .zip or .gz
         [--encoding LABEL] [--sheet NAME] [--copy-evidence]   --copy-evidence keeps a read-only copy of
                               each file in <CASE>.evidence/ (named by SHA-256) and parses that copy
  sources CASE                 the evidence register
  query CASE [--source S] [--where Q] [--filter NAME] [--sort COL[:desc]] [--limit N] [--columns A,B] [--normalized]
  stack CASE --column COL [--source S] [--where Q] [--least] [--limit N]
  pivot CASE VALUE             every row where VALUE appears, grouped by source, in time order
  triage CASE                  built-in detections
  bookmark CASE --source S --row N [--note TEXT] [--tag T]... [--technique ID]... [--severity LEVEL]
  report CASE --format md|html|pdf --out FILE [--draft] [--no-defang]
  export CASE --format csv|xlsx|timesketch|opensearch --out FILE [--source S] [--where Q] [--filter NAME] [--raw]
  filters CASE [--save NAME --query Q [--description D]] [--import FILE] [--export FILE]
  finding CASE --title T [--phase P] [--narrative N] [--bookmark ID]... [--technique ID]... [--filter NAME]...
  details CASE [--name N] [--number N] [--analyst A] [--organisation O] [--summary S] [--recommendations R]
  mapping CASE --source S [--set FIELD=COLUMN]...   which columns feed each @ field; --set changes them (repeat
                               a field for fallbacks, FIELD= to unmap); events are recomputed, audit-logged
  remove-source CASE --source S [--force]   remove a whole source (refused when bookmarked unless --force)
  verify CASE                  re-hash every source's original file (and its evidence copy, when kept)
  audit CASE                   the audit log and whether its hash chain holds
  info CASE                    case facts, where the file lives (local disk?) and write-ahead log health
  backup CASE [--to DIR]       an online backup now, checked with integrity_check (default DIR: <case>.backups
                               next to the case; the newest 3 are kept)
  serve [CASE] [--port N]      browser mode on 127.0.0.1
  demo DIR                     write the sample case's exports (the seed scenario) to DIR`;

const COMMANDS: Record<string, { options: Options; needsCase: 'create' | 'open' | 'none' }> = {
  import: { options: { encoding: { type: 'string' }, sheet: { type: 'string' }, 'copy-evidence': { type: 'boolean' } }, needsCase: 'create' },
  sources: { options: {}, needsCase: 'open' },
  query: {
    options: {
      source: { type: 'string' }, where: { type: 'string' }, filter: { type: 'string', multiple: true }, sort: { type: 'string' },
      limit: { type: 'string' }, columns: { type: 'string' }, normalized: { type: 'boolean' },
    },
    needsCase: 'open',
  },
  stack: { options: { column: { type: 'string' }, source: { type: 'string' }, where: { type: 'string' }, filter: { type: 'string', multiple: true }, least: { type: 'boolean' }, limit: { type: 'string' } }, needsCase: 'open' },
  pivot: { options: { limit: { type: 'string' } }, needsCase: 'open' },
  triage: { options: {}, needsCase: 'open' },
  bookmark: {
    options: { source: { type: 'string' }, row: { type: 'string' }, note: { type: 'string' }, tag: { type: 'string', multiple: true }, technique: { type: 'string', multiple: true }, severity: { type: 'string' } },
    needsCase: 'open',
  },
  report: { options: { format: { type: 'string' }, out: { type: 'string' }, draft: { type: 'boolean' }, 'no-defang': { type: 'boolean' } }, needsCase: 'open' },
  verify: { options: {}, needsCase: 'open' },
  mapping: { options: { source: { type: 'string' }, set: { type: 'string', multiple: true } }, needsCase: 'open' },
  'remove-source': { options: { source: { type: 'string' }, force: { type: 'boolean' } }, needsCase: 'open' },
  export: { options: { format: { type: 'string' }, out: { type: 'string' }, source: { type: 'string' }, where: { type: 'string' }, filter: { type: 'string', multiple: true }, raw: { type: 'boolean' }, limit: { type: 'string' } }, needsCase: 'open' },
  filters: { options: { save: { type: 'string' }, query: { type: 'string' }, description: { type: 'string' }, source: { type: 'string' }, import: { type: 'string' }, export: { type: 'string' } }, needsCase: 'open' },
  finding: { options: { title: { type: 'string' }, phase: { type: 'string' }, narrative: { type: 'string' }, severity: { type: 'string' }, technique: { type: 'string', multiple: true }, bookmark: { type: 'string', multiple: true }, filter: { type: 'string', multiple: true } }, needsCase: 'open' },
  details: { options: { name: { type: 'string' }, number: { type: 'string' }, analyst: { type: 'string' }, organisation: { type: 'string' }, summary: { type: 'string' }, recommendations: { type: 'string' } }, needsCase: 'open' },
  audit: { options: { limit: { type: 'string' } }, needsCase: 'open' },
  info: { options: {}, needsCase: 'open' },
  backup: { options: { to: { type: 'string' } }, needsCase: 'open' },
  serve: { options: { port: { type: 'string' }, token: { type: 'string' } }, needsCase: 'none' },
  demo: { options: {}, needsCase: 'none' },
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(`unknown command ${JSON.stringify(command)}; run 'loupe --help'`);
  const p = parse(rest, spec.options);
  if (command === 'serve') return runServe(p);
  if (command === 'demo') return runDemo(p);
  const casePath = resolve(need(p, 0, 'CASE (a .loupe file)'));
  if (spec.needsCase === 'open' && !existsSync(casePath)) throw new LoupeError('NOT_FOUND', `case ${casePath} does not exist (create it with 'loupe import')`);
  const engine = new Engine(casePath, { create: spec.needsCase === 'create' });
  try {
    warnStorage(engine);
    switch (command) {
      case 'import': {
        const code = await runImport(engine, p, p.positionals.slice(1));
        checkWal(engine);
        return code;
      }
      case 'sources': runSources(engine, p); return 0;
      case 'query': runQuery(engine, p); return 0;
      case 'stack': runStack(engine, p); return 0;
      case 'pivot': runPivot(engine, p, need(p, 1, 'VALUE')); return 0;
      case 'triage': runTriageCmd(engine, p); return 0;
      case 'bookmark': runBookmark(engine, p); return 0;
      case 'report': await runReport(engine, p); return 0;
      case 'verify': return await runVerify(engine, p);
      case 'mapping': runMapping(engine, p); return 0;
      case 'remove-source': runRemoveSource(engine, p); return 0;
      case 'audit': return runAudit(engine, p);
      case 'info': runInfo(engine, p); return 0;
      case 'backup': return await runBackup(engine, p);
      case 'export': await runExport(engine, p); return 0;
      case 'filters': await runFilters(engine, p); return 0;
      case 'finding': runFinding(engine, p); return 0;
      case 'details': runDetails(engine, p); return 0;
      default: throw new UsageError(`unknown command ${command}`);
    }
  } finally {
    engine.close();
  }
}

export function run(argv: string[]): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`loupe: ${oneLine(err)}\n`);
      process.exitCode = exitCodeFor(err);
    },
  );
}
