// OpenSearch/Elasticsearch bulk NDJSON export: an {"index":{"_index":NAME}} action line before every document.
import type { ExportResult } from './rows';
import { documentJson, timelineDocuments, type TimelineExportOptions } from './timesketch';
import { writeTextAtomic } from './lineFile';

export interface OpenSearchExportOptions extends TimelineExportOptions {
  index: string;
}

/** OpenSearch index name rules: lower case, no \ / * ? " < > | space , #, not starting with - _ +, not . or .., ≤ 255 bytes. */
export function isValidIndexName(name: string): boolean {
  return (
    name.length > 0 &&
    Buffer.byteLength(name, 'utf8') <= 255 &&
    name === name.toLowerCase() &&
    !/[\\/*?"<>| ,#:]/.test(name) &&
    !/^[-_+]/.test(name) &&
    name !== '.' &&
    name !== '..'
  );
}

export async function exportOpenSearchBulk(path: string, options: OpenSearchExportOptions): Promise<ExportResult> {
  if (!isValidIndexName(options.index)) throw new Error(`invalid OpenSearch index name: ${JSON.stringify(options.index)}`);
  const action = `${JSON.stringify({ index: { _index: options.index } })}\n`;
  let rows = 0;
  let skipped = 0;
  const file = await writeTextAtomic(path, async (write) => {
    for await (const d of timelineDocuments(options, () => (skipped += 1))) {
      await write(action);
      await write(`${documentJson([['@timestamp', d.iso], ...d.fields])}\n`);
      rows += 1;
    }
  });
  return { path, rows, ...file, skipped: { count: skipped, reason: 'no valid UTC time in the time column' } };
}
