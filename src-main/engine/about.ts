// What the About dialog shows: versions and the bundled data sets with their licences.
import type { ApiResponse } from '../contract/api';
import { datasetInfo } from './enrich/ipData';
import type { ReadableDB } from './db/types';
import { LOUPE_VERSION } from './version';

export function about(db: ReadableDB): ApiResponse<'app/about'> {
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  return {
    loupe: LOUPE_VERSION,
    node: process.versions.node,
    sqlite,
    electron: process.versions['electron'] ?? null,
    datasets: [
      ...datasetInfo(),
      {
        name: 'Loupe application IDs and tool signatures',
        purpose: 'app ID → name, user agent → tool (src-main/engine/enrich)',
        licence: 'MIT (part of Loupe)',
        attribution: 'curated from Microsoft documentation; see comments in apps.ts',
        version: LOUPE_VERSION,
        date: null,
        available: true,
      },
    ],
  };
}
