// Electron case channels (mocked electron): paths come only from dialogs or the recent list, one window per case, bounds restored.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineHost } from '../../../src-main/host/types';

vi.mock('electron', async () => (await import('./fakeElectron')).electronFake);
const fake = await import('./fakeElectron');
const { CaseRegistry } = await import('../../../src-main/app/cases');
const { answerCaseChannel } = await import('../../../src-main/app/caseChannels');
const { touchRecent } = await import('../../../src-main/host/recent');
const { remember, saveState, emptyState } = await import('../../../src-main/app/windowState');

function fakeHost(path: string, lockedBy: string | null, saved: string[]): EngineHost & { lockedBy: string | null; saveAs(dest: string): Promise<unknown> } {
  return {
    lockedBy,
    call: async () => ({ ok: true, value: { path } }) as never,
    on: () => () => undefined,
    stageStream: async () => '0'.repeat(32),
    stagePath: () => '0'.repeat(32),
    close: async () => undefined,
    saveAs: async (dest: string) => {
      saved.push(dest);
      return { ok: true, value: { saved: true, fileName: 'x.loupe', path: dest, bytes: 1 } };
    },
  };
}

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'loupe-chan-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('case channels in main', () => {
  it('opens recent cases by id in their own window with saved bounds, refuses unknown ids and hostile payloads', async () => {
    const a = join(home, 'a.loupe');
    writeFileSync(a, '');
    const id = touchRecent(a, { home }).id;
    saveState(join(home, 'windows.json'), remember(emptyState(), id, { x: 100, y: 50, width: 1000, height: 700 }, false));
    const saved: string[] = [];
    const registry = new CaseRegistry((p) => fakeHost(p, 'locked by pid 7 on h since t', saved), '/preload.cjs', { home, displays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] });
    const dialogs = { openCase: vi.fn(async () => null), saveCase: vi.fn(async () => join(home, 'copy.loupe')) };
    const deps = { registry, dialogs, home, ensureSample: async () => a };
    const event = { senderFrame: { url: 'app://loupe/index.html', parent: null }, sender: { id: -1 } };

    const r = await answerCaseChannel('cases/open', event, { id }, deps);
    expect(r).toEqual({ ok: true, value: { ok: true, readOnly: true, lockedBy: 'locked by pid 7 on h since t' } });
    const win = fake.FakeBrowserWindow.instances.at(-1)!;
    expect(win.options).toMatchObject({ x: 100, y: 50, width: 1000, height: 700 });
    expect(await answerCaseChannel('cases/open', event, { id: 'f'.repeat(32) }, deps)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await answerCaseChannel('cases/open', event, { path: '/etc/passwd' }, deps)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await answerCaseChannel('cases/open', event, { pick: true }, deps)).toEqual({ ok: true, value: { ok: false, readOnly: false, lockedBy: null } });
    expect(dialogs.openCase).toHaveBeenCalledTimes(1);

    // From the case's own window: the recent list marks it current; save as goes to the dialog's path.
    const mine = { ...event, sender: { id: win.webContents.id } };
    const recent = await answerCaseChannel('cases/recent', mine, {}, deps);
    expect(recent).toMatchObject({ ok: true, value: { current: { readOnly: true }, cases: [{ id, current: true, missing: false }] } });
    expect(await answerCaseChannel('case/saveAs', mine, {}, deps)).toMatchObject({ ok: true, value: { saved: true, path: join(home, 'copy.loupe') } });
    expect(saved).toEqual([join(home, 'copy.loupe')]);
    expect(await answerCaseChannel('case/saveAs', mine, { dest: '/tmp/evil.loupe' }, deps)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await answerCaseChannel('cases/close', mine, {}, deps)).toEqual({ ok: true, value: { closed: true } });
    expect(win.closed).toBe(true);
  });
});
