// @vitest-environment jsdom
// The seed walk through the whole app with the labels the Playwright tests will use: source, query, count, details, bookmark, report.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import App from '../../src-renderer/src/App.vue';
import { settle, setup, dangerousNodes } from './helpers';

let wrapper: VueWrapper | null = null;
beforeEach(() => {
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:fake'), revokeObjectURL: vi.fn() }));
});
afterEach(() => {
  wrapper?.unmount();
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

const button = (w: VueWrapper, text: string) => {
  const b = w.findAll('button').find((x) => x.text() === text);
  if (!b) throw new Error(`no button "${text}"`);
  return b;
};

describe('App walk', () => {
  it('source → query → row count → details → bookmark with note → Markdown report', async () => {
    const h = setup();
    wrapper = mount(App, { global: { plugins: [h.pinia] }, attachTo: document.body });
    await settle(10);
    expect(wrapper.get('[data-testid="case-name"]').text()).toBe('Unusual Key Vault access');
    expect(wrapper.find('nav[aria-label="Case"]').exists()).toBe(true);
    expect(wrapper.find('main').exists()).toBe(true);
    // starts on the timeline
    expect(wrapper.get('[data-testid="row-count"]').text()).toBe('19 rows');

    const source = wrapper.findAll('[data-testid="source-item"]').find((s) => s.text().includes('Sign_In_Logs.xlsx'));
    await source?.trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="row-count"]').text()).toBe('5 rows');

    const input = wrapper.get('input[aria-label="Query"]');
    await input.setValue("[IP address] = '201.231.8.199'");
    await input.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(wrapper.get('[data-testid="row-count"]').text()).toBe('2 rows');
    expect(wrapper.get('[data-testid="time-zone"]').text()).toBe('UTC');

    const firstRow = wrapper.findAll('[data-testid="grid"] [role="row"]')[1];
    await firstRow?.findAll('[role="gridcell"]')[1]?.trigger('click');
    await wrapper.get('[data-testid="grid"]').trigger('keydown', { key: 'Enter' });
    await settle();
    const pane = wrapper.get('[data-testid="details-pane"]');
    expect(pane.text()).toContain('miriamg@bank.onmicrosoft.com');
    expect(wrapper.find('aside').exists()).toBe(true);

    await button(wrapper, 'Bookmark…').trigger('click');
    await wrapper.get('[data-testid="bookmark-note"]').setValue('Initial access <b>from</b> the alert IP');
    await wrapper.get('[data-testid="bookmark-techniques"]').setValue('T1528, t1552.001');
    await wrapper.get('form[role="dialog"]').trigger('submit');
    await settle();
    expect(wrapper.find('[data-testid="bookmark-dialog"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="bookmark-count"]').text()).toBe('1');
    const saved = await h.fake.handlers['bookmarks/list']({});
    expect(saved).toMatchObject([{ sourceId: 1, row: 2, note: 'Initial access <b>from</b> the alert IP', techniques: ['T1528', 'T1552.001'] }]);

    await wrapper.findAll('button').find((b) => b.text() === 'Report')?.trigger('click');
    await settle();
    await button(wrapper, 'Export Markdown').trigger('click');
    await settle();
    const preview = wrapper.get('[data-testid="report-preview"]');
    expect(preview.text()).toContain('201[.]231[.]8[.]199');
    expect(preview.text()).toContain('<script>alert(1)</script>');
    expect(h.fake.calls.find((c) => c.name === 'report/export')?.req).toEqual({ format: 'md', defang: true, draft: false });
    expect(dangerousNodes(wrapper.element)).toEqual([]);
  });

  it('rejects malformed ATT&CK ids in the bookmark dialog', async () => {
    const h = setup();
    wrapper = mount(App, { global: { plugins: [h.pinia] }, attachTo: document.body });
    await settle(10);
    const cell = wrapper.findAll('[data-testid="grid"] [role="gridcell"]')[0];
    await cell?.trigger('click');
    await wrapper.get('[data-testid="grid"]').trigger('keydown', { key: 'b' });
    await wrapper.get('[data-testid="bookmark-techniques"]').setValue('T15, T1528');
    expect(wrapper.get('[data-testid="bookmark-dialog"]').text()).toContain('Not ATT&CK ids: T15');
    expect(wrapper.get('[data-testid="bookmark-save"]').attributes('disabled')).toBeDefined();
  });

  it('imports dropped or chosen files by upload then import/start, and shows the summary', async () => {
    const h = setup();
    wrapper = mount(App, { global: { plugins: [h.pinia] }, attachTo: document.body });
    await settle(10);
    const input = wrapper.get('[data-testid="file-input"]');
    const file = new File(['a,b\n1,2\n'], 'extra.csv', { type: 'text/csv' });
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
    await input.trigger('change');
    await settle(10);
    expect(h.fake.calls.find((c) => c.name === 'import/start')?.req).toEqual({ ids: ['f'.repeat(32)] });
    expect(wrapper.get('[data-testid="import-panel"]').text()).toContain('done');
    expect(wrapper.findAll('[data-testid="import-summary"]')).toHaveLength(1);
    expect(button(wrapper, 'Import files…').attributes('disabled')).toBeUndefined();
  });
});
