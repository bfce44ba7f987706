// @vitest-environment jsdom
// Findings, bookmarks editing, bulk bookmark, row export, report sections and triage accept against the fake engine.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import FindingsView from '../../src-renderer/src/views/FindingsView.vue';
import BookmarksView from '../../src-renderer/src/views/BookmarksView.vue';
import ReportView from '../../src-renderer/src/views/ReportView.vue';
import BulkBookmarkDialog from '../../src-renderer/src/components/BulkBookmarkDialog.vue';
import ExportRowsDialog from '../../src-renderer/src/components/ExportRowsDialog.vue';
import AddToFindingDialog from '../../src-renderer/src/components/AddToFindingDialog.vue';
import { useBookmarksStore } from '../../src-renderer/src/stores/bookmarks';
import { useFindingsStore } from '../../src-renderer/src/stores/findings';
import { useQueryStore } from '../../src-renderer/src/stores/query';
import { useTriageStore } from '../../src-renderer/src/stores/triage';
import { useCaseStore } from '../../src-renderer/src/stores/caseInfo';
import { HOSTILE } from '../support/fakeApi';
import { dangerousNodes, settle, setup, type Harness } from './helpers';

let wrapper: VueWrapper | null = null;
beforeEach(() => {
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:fake'), revokeObjectURL: vi.fn() }));
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

function button(w: VueWrapper, text: string) {
  const b = w.findAll('button').find((x) => x.text() === text || x.attributes('aria-label') === text);
  if (!b) throw new Error(`no button "${text}"`);
  return b;
}

function lastCall(h: Harness, name: string): Record<string, unknown> {
  const c = [...h.fake.calls].reverse().find((x) => x.name === name);
  if (!c) throw new Error(`no call ${name}`);
  return c.req as Record<string, unknown>;
}

async function seedBookmarks(h: Harness): Promise<number[]> {
  const bookmarks = useBookmarksStore();
  await bookmarks.add({ sourceId: 1, row: 2, note: HOSTILE[0], tags: ['attacker'], techniques: ['T1528'], severity: 'high' });
  await bookmarks.add({ sourceId: 2, row: 3, note: 'SecretGet', tags: ['key-vault'], techniques: ['T1552.001'], severity: 'critical' });
  await bookmarks.add({ sourceId: 2, row: 4, note: 'KeyList', tags: ['key-vault'], techniques: ['T1530'], severity: 'low' });
  expect(h.fake.calls.filter((c) => c.name === 'bookmarks/add')).toHaveLength(3);
  return bookmarks.list.map((b) => b.id);
}

describe('findings view', () => {
  it('creates a finding with phase, techniques and member bookmarks, lists it as text, and removes it', async () => {
    const h = setup();
    const ids = await seedBookmarks(h);
    wrapper = mount(FindingsView, { global: { plugins: [h.pinia] }, attachTo: document.body });
    await settle();
    await button(wrapper, 'New finding…').trigger('click');
    await settle();
    const editor = wrapper.get('[data-testid="finding-editor"]');
    await editor.get('input[aria-label="Finding title"]').setValue(`Secrets read ${HOSTILE[2]}`);
    await editor.get('input[aria-label="Phase"]').setValue('Credential Access');
    await editor.get('textarea[aria-label="Narrative"]').setValue(HOSTILE[3] ?? '');
    await editor.get('select[aria-label="Finding severity"]').setValue('high');
    const add = editor.get('input[aria-label="Add technique"]');
    await add.setValue('t1552.001 Unsecured Credentials: Credentials In Files');
    await add.trigger('keydown', { key: 'Enter' });
    await add.setValue('T15');
    await add.trigger('keydown', { key: 'Enter' });
    expect(editor.get('[role="alert"]').text()).toContain('Not an ATT&CK id: T15');
    await editor.get(`input[aria-label="Include Azure_KV_Logs.xlsx row 3"]`).setValue(true);
    await editor.get(`input[aria-label="Include Sign_In_Logs.xlsx row 2"]`).setValue(true);
    await editor.trigger('submit');
    await settle();
    const req = lastCall(h, 'findings/save');
    expect(req).toMatchObject({ title: `Secrets read ${HOSTILE[2]}`, phase: 'Credential Access', severity: 'high', techniques: ['T1552.001'] });
    expect([...(req['bookmarkIds'] as number[])].sort()).toEqual([ids[0], ids[1]].sort());
    expect(wrapper.find('[data-testid="finding-editor"]').exists()).toBe(false);
    const row = wrapper.get('[data-testid="finding-row"]');
    expect(row.text()).toContain('T1552.001 Unsecured Credentials: Credentials In Files');
    expect(row.text()).toContain(HOSTILE[3]);
    expect(row.text()).toContain(HOSTILE[2]);
    expect(dangerousNodes(wrapper.element)).toEqual([]);
    await button(wrapper, `Remove finding Secrets read ${HOSTILE[2]}`).trigger('click');
    await settle();
    expect(wrapper.findAll('[data-testid="finding-row"]')).toHaveLength(0);
  });
});

describe('bookmarks view', () => {
  it('filters, edits tags/techniques/severity, and adds the selected bookmarks to an existing finding', async () => {
    const h = setup();
    const ids = await seedBookmarks(h);
    const existing = await useFindingsStore().save({ title: 'Key Vault access', phase: 'Collection', bookmarkIds: [ids[2]!] });
    wrapper = mount(BookmarksView, { global: { plugins: [h.pinia] }, attachTo: document.body });
    await settle();
    expect(wrapper.findAll('[data-testid="bookmark-item"]')).toHaveLength(3);
    await wrapper.get('input[aria-label="Filter by technique"]').setValue('T1552');
    expect(wrapper.findAll('[data-testid="bookmark-item"]')).toHaveLength(1);
    await wrapper.get('input[aria-label="Filter by technique"]').setValue('');
    await wrapper.get('select[aria-label="Sort bookmarks"]').setValue('severity');
    expect(wrapper.findAll('[data-testid="bookmark-item"]').map((r) => r.text())[0]).toContain('critical');
    expect(dangerousNodes(wrapper.element)).toEqual([]);

    await button(wrapper, 'Edit bookmark on row 2 of Sign_In_Logs.xlsx').trigger('click');
    await settle();
    const editor = wrapper.get('[data-testid="bookmark-editor"]');
    await button(wrapper, 'Add tag sign-in').trigger('click');
    const tech = editor.get('input[aria-label="Add technique"]');
    await tech.setValue('T1078.004');
    await tech.trigger('keydown', { key: 'Enter' });
    await editor.get('select[aria-label="Severity"]').setValue('critical');
    await editor.trigger('submit');
    await settle();
    expect(lastCall(h, 'bookmarks/update')).toEqual({ id: ids[0], note: HOSTILE[0], tags: ['attacker', 'sign-in'], techniques: ['T1528', 'T1078.004'], severity: 'critical' });

    await wrapper.get('select[aria-label="Filter by tag"]').setValue('key-vault');
    expect(wrapper.findAll('[data-testid="bookmark-item"]')).toHaveLength(2);
    await wrapper.get('select[aria-label="Filter by tag"]').setValue('');
    await wrapper.get('input[aria-label="Select bookmark on row 2 of Sign_In_Logs.xlsx"]').setValue(true);
    await wrapper.get('input[aria-label="Select bookmark on row 3 of Azure_KV_Logs.xlsx"]').setValue(true);
    await button(wrapper, 'Add to finding… (2)').trigger('click');
    await settle();
    const dialog = wrapper.get('[data-testid="add-to-finding"]');
    await dialog.get('select[aria-label="Finding"]').setValue(String(existing!.id));
    await dialog.trigger('submit');
    await settle();
    const req = lastCall(h, 'findings/save');
    expect(req['id']).toBe(existing!.id);
    expect([...(req['bookmarkIds'] as number[])].sort()).toEqual([...ids].sort());
    expect(req).toMatchObject({ title: 'Key Vault access', phase: 'Collection' });
  });
});

describe('explore actions', () => {
  it('bulk-bookmarks the current query and warns when the limit truncates it', async () => {
    const h = setup();
    const query = useQueryStore();
    await query.setSource(2);
    wrapper = mount(BulkBookmarkDialog, { global: { plugins: [h.pinia] }, attachTo: document.body });
    await settle();
    expect(wrapper.get('[data-testid="bulk-count"]').text()).toBe('14 row(s)');
    await wrapper.get('input[aria-label="At most"]').setValue(5);
    expect(wrapper.text()).toContain('Only the first 5 rows will be bookmarked');
    await wrapper.get('input[aria-label="Tags"]').setValue('attacker');
    const tech = wrapper.get('input[aria-label="Add technique"]');
    await tech.setValue('T1530');
    await tech.trigger('keydown', { key: 'Enter' });
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(lastCall(h, 'bookmarks/bulk')).toMatchObject({ spec: { source: 2, where: '' }, max: 5, tags: ['attacker'], techniques: ['T1530'] });
    expect(wrapper.get('[data-testid="bulk-result"]').text()).toContain('Bookmarked 5 row(s). The query selects more rows than the limit');
    expect(useBookmarksStore().list).toHaveLength(5);
  });

  it('exports rows spreadsheet-safe by default and says so when raw is chosen', async () => {
    const h = setup();
    await useQueryStore().setSource(1);
    wrapper = mount(ExportRowsDialog, { global: { plugins: [h.pinia] }, attachTo: document.body });
    await settle();
    expect(wrapper.find('[data-testid="export-raw-warning"]').exists()).toBe(false);
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(lastCall(h, 'export/rows')).toMatchObject({ format: 'csv', raw: false, spec: { source: 1 } });
    await wrapper.get('[data-testid="export-safe"]').setValue(false);
    expect(wrapper.get('[data-testid="export-raw-warning"]').text()).toContain('may run them as formulas');
    await wrapper.get('input[value="opensearch"]').setValue(true);
    expect(wrapper.get('[data-testid="export-raw-warning"]').text()).not.toContain('formulas when');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(lastCall(h, 'export/rows')).toMatchObject({ format: 'opensearch', raw: true });
  });
});

describe('report view', () => {
  it('sends only the chosen sections, saves case details, and shows the preview as text', async () => {
    const h = setup();
    await useCaseStore().load();
    wrapper = mount(ReportView, { global: { plugins: [h.pinia] }, attachTo: document.body });
    await settle();
    await wrapper.get('input[aria-label="Section Timeline"]').setValue(false);
    await wrapper.get('input[aria-label="Section Appendix"]').setValue(false);
    await button(wrapper, 'Export Markdown').trigger('click');
    await settle();
    expect(lastCall(h, 'report/export')).toEqual({ format: 'md', defang: true, draft: false, sections: ['summary', 'scope', 'findings', 'iocs', 'attack', 'notes', 'recommendations'] });
    expect(wrapper.get('[data-testid="report-preview"]').text()).toContain('<script>alert(1)</script>');
    expect(dangerousNodes(wrapper.element)).toEqual([]);
    const details = wrapper.get('[data-testid="case-details"]');
    await details.get('input[aria-label="Analyst"]').setValue('A. Analyst');
    await details.get('textarea[aria-label="Recommendations"]').setValue('Enforce Conditional Access.');
    await details.trigger('submit');
    await settle();
    expect(lastCall(h, 'case/update')).toMatchObject({ name: 'Unusual Key Vault access', analyst: 'A. Analyst', recommendations: 'Enforce Conditional Access.' });
  });
});

describe('triage accept', () => {
  it('bookmarks the finding query with its techniques and files a case finding with a phase', async () => {
    const h = setup();
    const triage = useTriageStore();
    await triage.run();
    const f = triage.visible[0]!;
    await triage.accept(f);
    expect(triage.error).toBeNull();
    expect(lastCall(h, 'bookmarks/bulk')).toMatchObject({ spec: { source: null, where: f.query }, techniques: ['T1528', 'T1552.001'], tags: ['triage', f.rule], note: f.title });
    const bookmarks = useBookmarksStore().list;
    expect(bookmarks.length).toBeGreaterThan(0);
    const saved = lastCall(h, 'findings/save');
    expect(saved).toMatchObject({ title: f.title, phase: 'Credential Access', techniques: ['T1528', 'T1552.001'], severity: 'high' });
    expect([...(saved['bookmarkIds'] as number[])].sort()).toEqual(bookmarks.map((b) => b.id).sort());
    expect(useFindingsStore().list.map((x) => x.title)).toEqual([f.title]);
    expect(triage.accepted).toHaveLength(1);
  });
});

describe('add to finding', () => {
  it('keeps the analyst\'s "New finding…" choice when the findings list arrives after it (the click never lands on a changed target)', async () => {
    const h = setup();
    const ids = await seedBookmarks(h);
    const findings = useFindingsStore();
    expect(await findings.save({ title: 'Earlier finding', phase: '', narrative: '', severity: 'medium', techniques: [], bookmarkIds: [ids[0]!], filterNames: [] })).toBeTruthy();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const realLoad = findings.load.bind(findings);
    vi.spyOn(findings, 'load').mockImplementation(async () => {
      await gate;
      await realLoad();
    });
    wrapper = mount(AddToFindingDialog, { props: { bookmarkIds: ids.slice(1) }, global: { plugins: [h.pinia] }, attachTo: document.body });
    await settle();
    const submit = wrapper.get('button[type="submit"]');
    expect(submit.attributes('disabled')).toBeDefined();
    await wrapper.get('select[aria-label="Finding"]').setValue('new');
    release();
    await settle();
    expect((wrapper.get('select[aria-label="Finding"]').element as HTMLSelectElement).value).toBe('new');
    expect(submit.text()).toBe('Continue');
    expect(submit.attributes('disabled')).toBeUndefined();
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('create')).toHaveLength(1);
    expect(h.fake.calls.filter((c) => c.name === 'findings/save')).toHaveLength(1);
  });

  it('defaults to the first existing finding when the analyst has not chosen yet', async () => {
    const h = setup();
    const ids = await seedBookmarks(h);
    const findings = useFindingsStore();
    await findings.save({ title: 'Earlier finding', phase: '', narrative: '', severity: 'medium', techniques: [], bookmarkIds: [ids[0]!], filterNames: [] });
    wrapper = mount(AddToFindingDialog, { props: { bookmarkIds: ids.slice(1) }, global: { plugins: [h.pinia] }, attachTo: document.body });
    await settle();
    expect(wrapper.get('button[type="submit"]').text()).toBe('Add to finding');
  });
});
