// Test resolvers: a catalogue-like one for snapshots, and one mapping every field to `c1`.
import type { FieldRef } from '../../../src-main/contract/query';
import type { FieldResolver, ResolvedField } from '../../../src-main/engine/query/compile';

const CATALOGUE: Record<string, string> = {
  'IP address': '"c3"',
  OperationName: '"c1"',
  ResultType: '"c2"',
  clientInfo_s: '"c4"',
};

export const catalogueResolver: FieldResolver = {
  resolveField(ref: FieldRef): ResolvedField | null {
    if (ref.kind === 'normalized') {
      if (ref.name === 'time') return { sql: 'e."time_us"', type: 'time' };
      return ['ip', 'user', 'app_id'].includes(ref.name) ? { sql: `e."${ref.name}"`, type: 'text' } : null;
    }
    const sql = CATALOGUE[ref.name];
    return sql === undefined ? null : { sql, type: 'text' };
  },
  fullText: (text) => ({ sql: 'e.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)', params: [text] }),
};

/** Every field is `c1`; @time is a time field, everything else text. */
export const c1Resolver: FieldResolver = {
  resolveField: (ref) => ({ sql: 'c1', type: ref.kind === 'normalized' && ref.name === 'time' ? 'time' : 'text' }),
  fullText: (text) => ({ sql: 'fts MATCH ?', params: [text] }),
};
