// @vitest-environment jsdom
// Status-bar job indicator (import progress in words and a progress bar) and the About dialog's versions and data sets.
import { afterEach, describe, expect, it } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import JobsIndicator from '../../src-renderer/src/components/JobsIndicator.vue';
import AboutDialog from '../../src-renderer/src/components/AboutDialog.vue';
import { useImportsStore } from '../../src-renderer/src/stores/imports';
import { dangerousNodes, settle, setup } from './helpers';

let w: VueWrapper | null = null;
afterEach(() => {
  w?.unmount();
  w = null;
  document.body.replaceChildren();
});

describe('JobsIndicator', () => {
  it('shows nothing when idle, then file, phase, rows and a determinate bar for the running job only', async () => {
    const h = setup();
    w = mount(JobsIndicator, { global: { plugins: [h.pinia] } });
    expect(w.find('[data-testid="job-status"]').exists()).toBe(false);
    const imports = useImportsStore();
    imports.busy = true;
    imports.jobId = 'job-2';
    imports.progress = [
      { jobId: 'job-1', file: 'old.xlsx', phase: 'parsing', rows: 5, bytes: 1, totalBytes: 2 },
      { jobId: 'job-2', file: '<img src=x onerror=alert(1)>.xlsx', phase: 'indexing', rows: 12345, bytes: 750, totalBytes: 1000 },
    ];
    await settle();
    const status = w.get('[data-testid="job-status"]');
    expect(status.attributes('role')).toBe('status');
    expect(status.text()).toBe('Importing <img src=x onerror=alert(1)>.xlsx: building the full-text index, 12,345 rows');
    const bar = w.get('progress');
    expect(bar.attributes('value')).toBe('75');
    expect(bar.attributes('aria-label')).toBe('Import 75% done');
    expect(dangerousNodes(w.element.parentElement ?? w.element)).toEqual([]);

    imports.progress = [{ jobId: 'job-2', file: 'a.xlsx', phase: 'hashing', rows: 0, bytes: 0, totalBytes: 0 }];
    await settle();
    expect(w.get('progress').attributes('value')).toBeUndefined(); // indeterminate when the size is unknown
    imports.busy = false;
    await settle();
    expect(w.find('[data-testid="job-status"]').exists()).toBe(false);
  });
});

describe('AboutDialog', () => {
  it('lists versions from app/about and is a labelled modal dialog', async () => {
    const h = setup();
    w = mount(AboutDialog, { global: { plugins: [h.pinia] }, attachTo: document.body });
    await settle();
    expect(h.fake.calls.some((c) => c.name === 'app/about')).toBe(true);
    const dialog = w.get('[role="dialog"]');
    expect(dialog.attributes('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.attributes('aria-labelledby') ?? '')?.textContent).toBe('About Loupe');
    expect(w.get('[data-testid="about-versions"]').text()).toContain('0.1.0');
    expect(w.text()).toContain('not running in Electron');
    await dialog.trigger('keydown', { key: 'Escape' });
    expect(w.emitted('close')).toHaveLength(1);
  });
});
