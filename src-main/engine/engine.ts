// The engine: implements every contract call against one open case (runs under plain Node, in a worker or the CLI).
import type { ApiHandlers, ApiParsedRequest, EventName, EventPayload } from '../contract/api';
import { LoupeError } from '../contract/errors';
import { listAudit, verifyAuditChain } from './case/audit';
import { addBookmark, listBookmarks, removeBookmark, updateBookmark } from './case/bookmarks';
import { caseInfo, DETAIL_KEYS, openCase, setCaseDetail, type OpenedCase } from './case/caseFile';
import { listFindings, removeFinding, saveFinding } from './case/findings';
import { exportRowsAsFile } from './exportRows';
import { getLayout, saveLayout } from './case/layout';
import { about } from './about';
import { parseQuery } from './query/parser';
import type { Cursor } from '../contract/model';
import { listColumns, getSourceRecord } from './case/catalog';
import { exportFilterLibrary, importFilterLibrary, listFilters, removeFilter, saveFilter } from './case/filters';
import { verifySources } from './case/verify';
import { countRows, histogram, stackColumn } from './explore/aggregate';
import { publicColumn, sourcePage, timelinePage } from './explore/page';
import { SeekCache } from './explore/seek';
import { pivot } from './explore/pivot';
import { getRow } from './explore/rowDetail';
import { sourceResolver, timelineResolver } from './explore/resolver';
import { compileQueryText } from './explore/where';
import { importPath, type ImportOptions } from './import/importFile';
import type { ImportSummary } from '../contract/model';
import { exportReport } from './reporting';
import { runTriage } from './triage';
import { saveCaseCopy, type SaveAsResult } from './case/saveAs';
import { getMapping } from './mapping/view';
import { remapSource } from './mapping/remap';
import { removeSource } from './mapping/removeSource';

export type Emit = <K extends EventName>(event: K, payload: EventPayload<K>) => void;

/** Calls answered by the host (staging, case management) rather than by the engine. */
type HostLevel = 'import/pick' | 'import/start' | 'import/cancel' | 'cases/recent' | 'cases/open' | 'cases/create' | 'cases/close' | 'case/saveAs';
type Handled = Exclude<keyof ApiHandlers, HostLevel>;

/** Host-internal calls: the host builds the request (a path chosen in main), never the renderer. */
type InternalHandlers = {
  'case/saveAs': (req: { dest: string }) => Promise<SaveAsResult>;
};

export class Engine {
  readonly case: OpenedCase;
  /** Scrollbar-jump checkpoints of this connection's recent queries. */
  private readonly seeks = new SeekCache();

  constructor(path: string, opts: { create?: boolean; readOnly?: boolean } = {}) {
    this.case = openCase(path, opts);
  }

  get db() {
    return this.case.db;
  }

  close(): void {
    if (!this.case.readOnly) {
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        /* a reader elsewhere may hold the WAL; the next open checkpoints */
      }
    }
    this.db.close();
  }

  /** Imports files one after another; each is atomic. Returns one summary per input (errors included). */
  async importFiles(paths: string[], opts: ImportOptions = {}): Promise<ImportSummary[]> {
    const out: ImportSummary[] = [];
    for (const p of paths) {
      try {
        out.push(...(await importPath(this.db, p, opts)));
      } catch (err) {
        if (err instanceof LoupeError && err.code === 'CANCELLED') throw err;
        out.push({ file: p, ok: false, error: (err as Error).message, sources: [] });
      }
    }
    return out;
  }

  /** Validates a query against a source (or the timeline) without running it. */
  checkQuery(source: number | null, where: string): string {
    const resolver = source === null ? timelineResolver() : sourceResolver(listColumns(this.db, getSourceRecord(this.db, source).id));
    return compileQueryText(where, resolver).description;
  }

  readonly handlers: { [K in Handled]: ApiHandlers[K] } & InternalHandlers = {
    'case/saveAs': ({ dest }) => saveCaseCopy(this.db, this.case.path, dest, { readOnly: this.case.readOnly }),
    'case/info': () => caseInfo(this.case),
    'sources/columns': ({ sourceId }) => listColumns(this.db, getSourceRecord(this.db, sourceId).id).map(publicColumn),
    'sources/verify': () => verifySources(this.db),
    'sources/mapping': ({ sourceId }) => getMapping(this.db, sourceId),
    'sources/remap': ({ sourceId, fields }) => remapSource(this.db, sourceId, fields),
    'sources/remove': ({ sourceId, force }) => removeSource(this.db, sourceId, { force }),
    'query/page': (spec) => this.page(spec),
    'query/count': (spec) => countRows(this.db, spec.source, spec.where),
    'query/stack': (r) => stackColumn(this.db, r.spec.source, r.spec.where, r.column, r.order, r.limit),
    'query/pivot': (r) => pivot(this.db, r.value, r.limit),
    'query/histogram': (r) => histogram(this.db, r.spec.source, r.spec.where, r.buckets),
    'row/get': (r) => getRow(this.db, r.sourceId, r.row),
    'bookmarks/list': () => listBookmarks(this.db),
    'bookmarks/add': (b) => addBookmark(this.db, b.sourceId, b.row, b),
    'bookmarks/update': ({ id, ...patch }) => updateBookmark(this.db, id, patch),
    'bookmarks/remove': ({ id }) => ({ removed: removeBookmark(this.db, id) }),
    'filters/list': () => listFilters(this.db),
    'filters/save': (f) => {
      const source = f.sourceName ? this.sourceIdByName(f.sourceName) : null;
      this.checkQuery(source, f.query);
      return saveFilter(this.db, f);
    },
    'filters/remove': ({ id }) => ({ removed: removeFilter(this.db, id) }),
    'filters/exportLibrary': () => ({ json: exportFilterLibrary(this.db) }),
    'filters/importLibrary': ({ json }) => ({ imported: importFilterLibrary(this.db, json, (q) => void parseQuery(q)) }),
    'bookmarks/bulk': (r) => this.bulkBookmark(r),
    'findings/list': () => listFindings(this.db),
    'findings/save': (f) => saveFinding(this.db, f),
    'findings/remove': ({ id }) => ({ removed: removeFinding(this.db, id) }),
    'case/update': (d) => {
      for (const k of DETAIL_KEYS) {
        const v = d[k];
        if (v !== undefined) setCaseDetail(this.db, k, v);
      }
      return caseInfo(this.case);
    },
    'export/rows': (r) => exportRowsAsFile(this.db, { source: r.spec.source, where: r.spec.where, format: r.format, raw: r.raw, max: r.max }),
    'report/export': (r) => exportReport(this.db, this.case, r),
    'triage/run': () => ({ findings: runTriage(this.db) }),
    'layout/get': ({ sourceId }) => ({ layout: getLayout(this.db, sourceId) }),
    'layout/save': ({ sourceId, layout }) => {
      saveLayout(this.db, sourceId, layout);
      return { saved: true };
    },
    'app/about': () => about(this.db),
    'audit/list': () => {
      const chain = verifyAuditChain(this.db);
      const entries = listAudit(this.db).map((e) => ({ seq: e.seq, ts: e.ts, action: e.action, target: e.target, params: e.params_json, hash: e.hash }));
      return { entries, head: chain.head, valid: chain.valid, brokenAt: chain.brokenAt };
    },
  };

  page(spec: ApiParsedRequest<'query/page'>) {
    const req = { source: spec.source, where: spec.where, sort: spec.sort, limit: spec.limit, after: spec.after, offset: spec.offset };
    return spec.source === null ? timelinePage(this.db, req, this.seeks) : sourcePage(this.db, { ...req, source: spec.source }, this.seeks);
  }

  /** Bookmarks every row a query selects, up to `max`, in one transaction. */
  bulkBookmark(r: ApiParsedRequest<'bookmarks/bulk'>): { added: number; truncated: boolean } {
    const targets: { sourceId: number; row: number }[] = [];
    let after: Cursor | undefined;
    let truncated = false;
    for (;;) {
      const page = this.page({ ...r.spec, limit: 1000, after });
      for (const row of page.rows) {
        if (targets.length >= r.max) {
          truncated = true;
          break;
        }
        targets.push({ sourceId: row.sourceId, row: row.row });
      }
      if (truncated || !page.next) break;
      after = page.next;
    }
    this.db.transaction(() => {
      for (const t of targets) addBookmark(this.db, t.sourceId, t.row, { note: r.note, tags: r.tags, techniques: r.techniques, severity: r.severity });
    })();
    return { added: targets.length, truncated };
  }

  private sourceIdByName(name: string): number | null {
    const s = caseInfo(this.case).sources.find((x) => x.name === name);
    return s ? s.id : null;
  }
}
