// @vitest-environment jsdom
// The grid renders hostile cell text literally, follows the ARIA grid pattern, keeps a window of rows, and its keys act.
import { afterEach, describe, expect, it } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import DataGrid from '../../src-renderer/src/components/DataGrid.vue';
import DetailsPane from '../../src-renderer/src/components/DetailsPane.vue';
import { useQueryStore } from '../../src-renderer/src/stores/query';
import { useCaseStore } from '../../src-renderer/src/stores/caseInfo';
import { useDetailsStore } from '../../src-renderer/src/stores/details';
import { useUiStore } from '../../src-renderer/src/stores/ui';
import { usePivotStore } from '../../src-renderer/src/stores/pivot';
import { HOSTILE, defaultSources } from '../support/fakeApi';
import { dangerousNodes, settle, setup } from './helpers';

const SIGN_IN = 1;
const KV = 2;
let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  document.body.replaceChildren();
});

async function mountGrid(source: number | null, extraRows = 0) {
  const h = setup(defaultSources(extraRows));
  await useCaseStore().load();
  await useQueryStore().setSource(source);
  wrapper = mount(DataGrid, { global: { plugins: [h.pinia] }, attachTo: document.body });
  await settle();
  return { ...h, w: wrapper };
}

describe('DataGrid', () => {
  it('renders hostile cell text literally and creates no element from data', async () => {
    const { w } = await mountGrid(SIGN_IN);
    const cells = w.findAll('[role="gridcell"]').map((c) => c.element.textContent ?? '');
    for (const payload of HOSTILE) expect(cells).toContain(payload);
    expect(cells.join('\n')).not.toContain('49');
    expect(dangerousNodes(w.element)).toEqual([]);
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });

  it('highlights full-text matches with <mark> text nodes only', async () => {
    const { w } = await mountGrid(SIGN_IN);
    await useQueryStore().submit('script');
    await settle();
    const marks = w.findAll('mark');
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m.element.textContent?.toLowerCase()).toBe('script');
    expect(w.text()).toContain('<script>window.__xss=1</script>');
    expect(dangerousNodes(w.element)).toEqual([]);
  });

  it('follows the ARIA grid pattern and holds only a window of rows in the DOM', async () => {
    const { w } = await mountGrid(KV, 5000);
    const grid = w.get('[role="grid"]');
    expect(grid.attributes('aria-rowcount')).toBe(String(5014 + 1));
    const header = w.get('[role="row"][aria-rowindex="1"]');
    expect(header.findAll('[role="columnheader"]').map((h) => h.text())).toEqual(['TimeGenerated', 'OperationName', 'CallerIPAddress', 'requestUri_s']);
    const bodyRows = w.findAll('[role="row"]').length - 1;
    expect(bodyRows).toBeGreaterThan(10);
    expect(bodyRows).toBeLessThan(100);
    expect(w.findAll('[role="row"]')[1]?.findAll('[role="gridcell"]')).toHaveLength(4);
  });

  it('sorts on header click (aria-sort follows)', async () => {
    const { w, fake } = await mountGrid(KV);
    const head = () => w.findAll('[role="columnheader"]')[1];
    await head()?.trigger('click');
    await settle();
    expect(head()?.attributes('aria-sort')).toBe('ascending');
    await head()?.trigger('click');
    await settle();
    expect(head()?.attributes('aria-sort')).toBe('descending');
    expect(fake.calls.filter((c) => c.name === 'query/page').at(-1)?.req).toMatchObject({ sort: { column: 'OperationName', desc: true } });
  });

  it('shows @time and a coloured source column first in the timeline', async () => {
    const { w } = await mountGrid(null);
    expect(w.findAll('[role="columnheader"]').slice(0, 2).map((h) => h.text())).toEqual(['@time', 'Source']);
    const first = w.findAll('[role="row"]')[1];
    expect(first?.findAll('[role="gridcell"]')[0]?.text()).toMatch(/^2023-10-26 14:\d\d:\d\d \+00:00 \(UTC\)$/);
    expect(first?.find('.swatch').exists()).toBe(true);
  });

  it('keyboard: arrows move the active cell, f filters to its value, x excludes, p pivots, b bookmarks, Enter opens', async () => {
    const { w } = await mountGrid(SIGN_IN);
    const grid = w.get('[role="grid"]');
    await grid.trigger('keydown', { key: 'ArrowRight' });
    await grid.trigger('keydown', { key: 'ArrowRight' });
    const active = grid.attributes('aria-activedescendant');
    expect(active).toBeDefined();
    expect(document.getElementById(active ?? '')?.textContent).toBe('201.231.8.199');
    await grid.trigger('keydown', { key: 'b' });
    expect(useUiStore().bookmarkTarget).toEqual({ sourceId: SIGN_IN, row: 2 });
    await grid.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(useDetailsStore().detail?.row).toBe(2);
    await grid.trigger('keydown', { key: 'p' });
    await settle();
    expect(usePivotStore().current).toBe('201.231.8.199');
    await grid.trigger('keydown', { key: 'f' });
    await settle();
    const q = useQueryStore();
    expect(q.where).toBe("[IP address] = '201.231.8.199'");
    expect(q.totalRows).toBe(2);
    // a new query puts the active cell back at the top left
    await grid.trigger('keydown', { key: 'ArrowDown' });
    await grid.trigger('keydown', { key: 'ArrowRight' });
    await grid.trigger('keydown', { key: 'x' });
    await settle();
    expect(q.where).toBe("([IP address] = '201.231.8.199') and [User] != 'miriamg@bank.onmicrosoft.com'");
    expect(q.totalRows).toBe(0);
  });

  it('right-click offers Filter to / Exclude / Pivot / Copy, and Filter to quotes the value', async () => {
    const { w } = await mountGrid(SIGN_IN);
    const hostileCell = w.findAll('[role="gridcell"]').find((c) => c.text() === HOSTILE[4]);
    expect(hostileCell).toBeDefined();
    await hostileCell?.trigger('contextmenu', { clientX: 10, clientY: 10 });
    const items = Array.from(document.querySelectorAll('[role="menu"] [role="menuitem"]')).map((b) => b.textContent);
    expect(items.slice(0, 4)).toEqual(['Filter to', 'Exclude', 'Pivot', 'Copy']);
    (document.querySelector('[role="menu"] [role="menuitem"]') as HTMLButtonElement).click();
    await settle();
    expect(useQueryStore().where).toBe("[Notes] = 'it''s ]] [x]'");
    expect(useQueryStore().totalRows).toBe(1);
  });

  it('details pane shows every column and raw record as text', async () => {
    const h = setup();
    await useCaseStore().load();
    await useQueryStore().setSource(SIGN_IN);
    await useDetailsStore().open({ sourceId: SIGN_IN, row: 2 });
    wrapper = mount(DetailsPane, { global: { plugins: [h.pinia] }, attachTo: document.body });
    const fields = wrapper.findAll('[data-testid="detail-field"]');
    expect(fields.map((f) => f.find('th').text())).toEqual(['Date (UTC)', 'User', 'IP address', 'Status', 'Notes']);
    expect(fields[4]?.find('.detail-value').text()).toBe(HOSTILE[0]);
    expect(wrapper.get('[data-testid="raw-record"]').text()).toBe('{"raw":"<b>not html</b>"}');
    expect(dangerousNodes(wrapper.element)).toEqual([]);
    await fields[2]?.findAll('button').find((b) => b.text() === 'Exclude')?.trigger('click');
    await settle();
    expect(useQueryStore().where).toBe("[IP address] != '201.231.8.199'");
  });
});
