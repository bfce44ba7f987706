import { it, afterAll } from 'vitest';
import { countRows, stackColumn } from '../../../src-main/engine/explore/aggregate';
import { sourcePage, timelinePage } from '../../../src-main/engine/explore/page';
import { pivot } from '../../../src-main/engine/explore/pivot';
import { openSeedCase, seedExpected } from './seedCase';
import { captureQueries, explain } from './planCapture';
it('plans', async () => {
  const s = await openSeedCase();
  const db = s.engine.db;
  const x = seedExpected();
  const show = (label: string, fn: () => unknown) => {
    const { queries } = captureQueries(db, fn);
    for (const q of queries) if (/SELECT/i.test(q.sql) && !/sources WHERE id = \?|source_columns/.test(q.sql)) console.log(`== ${label}\n${q.sql.replace(/\s+/g,' ').slice(0,300)}\n${explain(db, q).join('\n')}`);
  };
  show('timeline @ip', () => timelinePage(db, { source: null, where: `@ip = '${x.alert_ip}'`, limit: 100 }));
  show('timeline @ip after', () => timelinePage(db, { source: null, where: `@ip = '${x.alert_ip}'`, limit: 100, after: { value: 5, key: 3 } }));
  show('timeline all', () => timelinePage(db, { source: null, where: ``, limit: 100 }));
  show('source col', () => sourcePage(db, { source: s.keyvault, where: `CallerIPAddress = '${x.alert_ip}'`, limit: 100 }));
  show('source row keyset', () => sourcePage(db, { source: s.keyvault, where: ``, limit: 100, after: { value: null, key: 50 } }));

  show('fts', () => timelinePage(db, { source: null, where: `payroll`, limit: 100 }));
  show('pivot', () => pivot(db, x.alert_ip, 100));
  show('stack sel', () => stackColumn(db, null, `@ip = '${x.alert_ip}'`, '@user', 'most', 10));
  show('stack src sel', () => stackColumn(db, s.keyvault, `@ip = '${x.alert_ip}'`, 'OperationName', 'most', 10));
  show('stack whole', () => stackColumn(db, null, ``, '@ip', 'most', 10));
  s.dispose();
});
