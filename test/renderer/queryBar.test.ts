// @vitest-environment jsdom
// The query bar runs on Enter, shows parse errors as text with a caret under the failing column, and lists chips.
import { afterEach, describe, expect, it } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import QueryBar from '../../src-renderer/src/components/QueryBar.vue';
import { useQueryStore } from '../../src-renderer/src/stores/query';
import { setActivePinia } from 'pinia';
import { settle, setup } from './helpers';

let wrapper: VueWrapper | null = null;
afterEach(() => wrapper?.unmount());

describe('QueryBar', () => {
  it('shows the parse error message and a caret at the error position', async () => {
    const h = setup();
    await useQueryStore().setSource(1);
    wrapper = mount(QueryBar, { global: { plugins: [h.pinia] } });
    const input = wrapper.get('input[aria-label="Query"]');
    await input.setValue('miriam ) secret');
    await input.trigger('keydown', { key: 'Enter' });
    await settle();
    const err = wrapper.get('[data-testid="query-error"]');
    expect(err.text()).toContain("Unexpected ')'");
    expect(err.text()).toContain('(at column 8)');
    const caret = err.get('.caret-line').text().split('\n');
    expect(caret[0]).toBe('miriam ) secret');
    expect(caret[1]).toBe(`${' '.repeat(7)}^`);
    expect(input.attributes('aria-invalid')).toBe('true');
  });

  it('runs on Enter, shows applied terms as chips, and removing a chip re-runs without it', async () => {
    const h = setup();
    setActivePinia(h.pinia);
    const q = useQueryStore();
    await q.setSource(1);
    wrapper = mount(QueryBar, { global: { plugins: [h.pinia] } });
    const input = wrapper.get('input[aria-label="Query"]');
    await input.setValue("[Status] = 'Success'");
    await input.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(q.totalRows).toBe(4);
    await q.filterTo('IP address', '201.231.8.199', false);
    await settle();
    expect((input.element as HTMLInputElement).value).toBe("([Status] = 'Success') and [IP address] = '201.231.8.199'");
    const chips = wrapper.findAll('[data-testid="filter-chip"]');
    expect(chips.map((c) => c.get('.chip-text').text())).toEqual(["[Status] = 'Success'", "[IP address] = '201.231.8.199'"]);
    expect(q.totalRows).toBe(2);
    await chips[0]?.get('button').trigger('click');
    await settle();
    expect(q.where).toBe("[IP address] = '201.231.8.199'");
    expect(h.fake.calls.filter((c) => c.name === 'query/page').at(-1)?.req).toMatchObject({ where: "[IP address] = '201.231.8.199'", source: 1 });
  });
});
