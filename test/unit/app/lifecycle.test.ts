// App wiring (mocked electron): single instance, protocol, IPC surface, window per case, drain on quit, menu.
import { describe, expect, it, vi } from 'vitest';
import { API_NAMES, DROP_FILES_CHANNEL } from '../../../src-main/contract/api';
import type { EngineHost, EventListener } from '../../../src-main/host/types';

vi.mock('electron', async () => (await import('./fakeElectron')).electronFake);

const fake = await import('./fakeElectron');
const { startApp, caseFromArgv } = await import('../../../src-main/app/lifecycle');
const { menuTemplate } = await import('../../../src-main/app/menu');

function trackingHost(path: string, log: string[]) {
  const listeners = new Set<EventListener>();
  let release: () => void = () => undefined;
  const host: EngineHost & { listeners: Set<EventListener> } = {
    listeners,
    call: async () => ({ ok: true, value: { path } }) as never,
    on: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    stageStream: async () => '0'.repeat(32),
    stagePath: () => '0'.repeat(32),
    close: () => {
      log.push(`close ${path}`);
      return new Promise<void>((r) => (release = () => { log.push(`closed ${path}`); r(); }));
    },
  };
  return { host, release: () => release() };
}

describe('caseFromArgv', () => {
  it('takes the last .loupe argument that is not a flag', () => {
    expect(caseFromArgv(['.', '--inspect', '/cases/a.loupe'])).toBe('/cases/a.loupe');
    expect(caseFromArgv(['/x/A.LOUPE', '/y/b.loupe'])).toBe('/y/b.loupe');
    expect(caseFromArgv(['--case=/x.loupe', 'notes.txt'])).toBeNull();
  });
});

describe('startApp', () => {
  it('quits when another instance holds the lock', () => {
    fake.electronFake.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    expect(startApp({ createEngineHost: vi.fn(), ensureSampleCase: vi.fn() })).toBeNull();
    expect(fake.electronFake.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.ipcHandlers.size).toBe(0);
    fake.electronFake.app.quit.mockClear();
  });

  it('wires protocol, IPC, menu and a window per case, then drains hosts before quitting', async () => {
    const log: string[] = [];
    const hosts = new Map<string, ReturnType<typeof trackingHost>>();
    const createEngineHost = vi.fn((p: string) => {
      const t = trackingHost(p, log);
      hosts.set(p, t);
      return t.host;
    });
    const ensureSampleCase = vi.fn(async () => '/home/u/.loupe/sample.loupe');
    const started = startApp({ createEngineHost, ensureSampleCase, preloadPath: '/out/preload/index.cjs', rendererDir: '/out/renderer' });
    await started?.ready;

    expect(fake.electronFake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(fake.electronFake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...API_NAMES, DROP_FILES_CHANNEL].sort());
    expect(fake.electronFake.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);

    // No case on the command line: the sample case opens.
    expect(ensureSampleCase).toHaveBeenCalledTimes(1);
    expect(createEngineHost).toHaveBeenCalledWith('/home/u/.loupe/sample.loupe');
    const first = fake.FakeBrowserWindow.instances.at(-1)!;
    expect(first.options.webPreferences).toMatchObject({ preload: '/out/preload/index.cjs', sandbox: true, contextIsolation: true });

    // IPC from that window reaches its case's host; from an unknown webContents it is refused.
    const appFrame = { url: 'app://loupe/index.html', parent: null };
    await expect(fake.ipcHandlers.get('case/info')!({ senderFrame: appFrame, sender: { id: first.webContents.id } }, {})).resolves.toEqual({ ok: true, value: { path: '/home/u/.loupe/sample.loupe' } });
    await expect(fake.ipcHandlers.get('case/info')!({ senderFrame: appFrame, sender: { id: 12345 } }, {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Events go to the case's own window.
    for (const l of hosts.get('/home/u/.loupe/sample.loupe')!.host.listeners) l('case/changed', { reason: 'r' });
    expect(first.webContents.sent).toEqual([['case/changed', { reason: 'r' }]]);

    // A second instance with a case path opens a second window; the same path again only focuses.
    fake.appEvents.emit('second-instance', {}, ['/usr/bin/loupe', '/cases/b.loupe']);
    fake.appEvents.emit('second-instance', {}, ['/usr/bin/loupe', '/cases/b.loupe']);
    expect(createEngineHost).toHaveBeenCalledTimes(2);
    expect(started?.cases.size).toBe(2);

    // Closing a case window closes its host (still draining when quit starts).
    fake.FakeBrowserWindow.instances.at(-1)!.close();
    expect(started?.cases.size).toBe(1);
    expect(log).toEqual(['close /cases/b.loupe']);

    // Quit waits for every host to close, then quits for real.
    const quitEvent = { prevented: false, preventDefault() { this.prevented = true; } };
    fake.appEvents.emit('before-quit', quitEvent);
    expect(quitEvent.prevented).toBe(true);
    expect(log).toEqual(['close /cases/b.loupe', 'close /home/u/.loupe/sample.loupe']);
    hosts.get('/home/u/.loupe/sample.loupe')!.release();
    await new Promise((r) => setTimeout(r, 0));
    // The closed window's host has not finished yet: still no quit.
    expect(fake.electronFake.app.quit).not.toHaveBeenCalled();
    hosts.get('/cases/b.loupe')!.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.electronFake.app.quit).toHaveBeenCalledTimes(1);
    const again = { prevented: false, preventDefault() { this.prevented = true; } };
    fake.appEvents.emit('before-quit', again);
    expect(again.prevented).toBe(false);
  });
});

describe('menuTemplate', () => {
  const actions = { openCase: vi.fn(), importFiles: vi.fn(), exportReport: vi.fn(), toggleDarkMode: vi.fn(), about: vi.fn() };
  type Item = { label?: string; role?: string; accelerator?: string; submenu?: Item[]; click?: () => void };
  const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);

  it('has the usual shortcuts and reload only in dev', () => {
    const prod = flat(menuTemplate({ isMac: false, dev: false, actions }) as Item[]);
    const dev = flat(menuTemplate({ isMac: false, dev: true, actions }) as Item[]);
    expect(prod.find((i) => i.label === 'Import Files…')?.accelerator).toBe('CmdOrCtrl+I');
    expect(prod.find((i) => i.label === 'Open Case…')?.accelerator).toBe('CmdOrCtrl+O');
    for (const role of ['copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'quit']) expect(prod.some((i) => i.role === role), role).toBe(true);
    expect(prod.some((i) => i.role === 'reload' || i.role === 'toggleDevTools')).toBe(false);
    expect(dev.some((i) => i.role === 'reload')).toBe(true);
    prod.find((i) => i.label === 'Import Files…')?.click?.();
    prod.find((i) => i.label === 'Toggle Dark Mode')?.click?.();
    prod.find((i) => i.label === 'About Loupe')?.click?.();
    expect(actions.importFiles).toHaveBeenCalledTimes(1);
    expect(actions.toggleDarkMode).toHaveBeenCalledTimes(1);
    expect(actions.about).toHaveBeenCalledTimes(1);
  });
});
