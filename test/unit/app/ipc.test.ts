// IPC handlers (mocked electron): channel pinning, sender validation, payload fuzzing, import/pick, event forwarding.
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API, API_NAMES, DROP_FILES_CHANNEL, type ApiName } from '../../../src-main/contract/api';
import type { Result } from '../../../src-main/contract/errors';
import type { EngineHost, EventListener } from '../../../src-main/host/types';

vi.mock('electron', async () => (await import('./fakeElectron')).electronFake);

const { REGISTERED_CHANNELS, forwardEvents, isTrustedIpcSender, registerIpc } = await import('../../../src-main/app/ipc');
type IpcEventLike = import('../../../src-main/app/ipc').IpcEventLike;

type Handler = (event: IpcEventLike, payload: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, h: Handler) => {
      if (handlers.has(channel)) throw new Error('duplicate');
      handlers.set(channel, h);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
}

/** A host that validates like the real one (contract schemas) and can be told to throw. */
function validatingHost(mode: { throws: boolean } = { throws: false }) {
  const listeners = new Set<EventListener>();
  const calls: Array<{ name: ApiName; req: unknown }> = [];
  const staged: string[] = [];
  const host: EngineHost = {
    async call(name, req) {
      calls.push({ name, req });
      if (mode.throws) throw new TypeError('engine exploded');
      const parsed = API[name].req.safeParse(req);
      if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: 'invalid' } };
      return { ok: true, value: { name } } as unknown as Result<never>;
    },
    on(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    stageStream: async () => 'f'.repeat(32),
    stagePath(path) {
      staged.push(path);
      return String(staged.length).padStart(32, '0');
    },
    close: async () => undefined,
  };
  return { host, calls, staged, listeners };
}

const appFrame = { url: 'app://loupe/index.html', parent: null };
const trusted: IpcEventLike = { senderFrame: appFrame, sender: { id: 1 } };

function isResult(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && typeof r.error?.code === 'string' && typeof r.error.message === 'string';
}

describe('registerIpc', () => {
  let ipc: ReturnType<typeof fakeIpcMain>;
  let h: ReturnType<typeof validatingHost>;
  beforeEach(() => {
    ipc = fakeIpcMain();
    h = validatingHost();
  });

  it('adds only the drop channel when drops are wired, and checks its sender too', async () => {
    const drop = vi.fn(async () => ({ ok: true as const, value: { kind: 'import', ids: [] } }));
    registerIpc(ipc, h.host, isTrustedIpcSender, { drop });
    expect([...ipc.handlers.keys()].sort()).toEqual([...API_NAMES, DROP_FILES_CHANNEL].sort());
    const handler = ipc.handlers.get(DROP_FILES_CHANNEL)!;
    const evil = { senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 1 } };
    await expect(handler(evil, { paths: ['/etc/passwd'] })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(drop).not.toHaveBeenCalled();
  });

  it('registers exactly the contract channels, nothing else', () => {
    registerIpc(ipc, h.host, isTrustedIpcSender);
    expect([...ipc.handlers.keys()].sort()).toEqual([...API_NAMES].sort());
    expect([...REGISTERED_CHANNELS].sort()).toEqual([...API_NAMES].sort());
    expect(REGISTERED_CHANNELS.length).toBe(API_NAMES.length);
  });

  it('unregisters on dispose', () => {
    const dispose = registerIpc(ipc, h.host);
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('forwards a trusted call to the host and returns its Result', async () => {
    registerIpc(ipc, h.host);
    await expect(ipc.handlers.get('bookmarks/remove')!(trusted, { id: 3 })).resolves.toEqual({ ok: true, value: { name: 'bookmarks/remove' } });
    expect(h.calls).toEqual([{ name: 'bookmarks/remove', req: { id: 3 } }]);
  });

  it('rejects subframes, other origins, missing frames and unknown windows with FORBIDDEN, without calling the host', async () => {
    registerIpc(ipc, (sender) => (sender.id === 1 ? h.host : undefined));
    const senders: IpcEventLike[] = [
      { senderFrame: { url: 'app://loupe/index.html', parent: appFrame }, sender: { id: 1 } },
      { senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 1 } },
      { senderFrame: { url: 'file:///tmp/x.html', parent: null }, sender: { id: 1 } },
      { senderFrame: { url: 'app://evil/index.html', parent: null }, sender: { id: 1 } },
      { senderFrame: { url: 'app://loupe@evil/index.html', parent: null }, sender: { id: 1 } },
      { senderFrame: null, sender: { id: 1 } },
      { senderFrame: appFrame, sender: { id: 99 } },
    ];
    for (const s of senders) {
      for (const channel of ['case/info', 'import/pick'] as const) {
        const r = (await ipc.handlers.get(channel)!(s, {})) as Result<unknown>;
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
      }
    }
    expect(h.calls).toHaveLength(0);
  });

  it('answers import/pick in main: dialog paths become staging ids, renderer paths are ignored', async () => {
    const pickFiles = vi.fn(async () => ['/evidence/a.csv', '/evidence/b.xlsx']);
    registerIpc(ipc, h.host, isTrustedIpcSender, { pickFiles });
    const r = await ipc.handlers.get('import/pick')!(trusted, {});
    expect(r).toEqual({ ok: true, value: { ids: ['0'.repeat(31) + '1', '0'.repeat(31) + '2'] } });
    expect(h.staged).toEqual(['/evidence/a.csv', '/evidence/b.xlsx']);
    const sneaky = (await ipc.handlers.get('import/pick')!(trusted, { paths: ['/etc/shadow'] })) as Result<unknown>;
    expect(sneaky.ok).toBe(false);
    expect(pickFiles).toHaveBeenCalledTimes(1);
    expect(h.calls).toHaveLength(0);
  });

  it('uses the native dialog by default and returns no ids when cancelled', async () => {
    const fake = await import('./fakeElectron');
    fake.electronFake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    registerIpc(ipc, h.host);
    await expect(ipc.handlers.get('import/pick')!(trusted, {})).resolves.toEqual({ ok: true, value: { ids: [] } });
    expect(fake.electronFake.dialog.showOpenDialog).toHaveBeenCalledTimes(1);
  });

  it('property: any payload on any channel from any sender yields a Result, never a throw', async () => {
    const throwing = validatingHost({ throws: true });
    const picker = async () => ['/x.csv'];
    const ipcOk = fakeIpcMain();
    const ipcThrow = fakeIpcMain();
    registerIpc(ipcOk, h.host, isTrustedIpcSender, { pickFiles: picker });
    registerIpc(ipcThrow, throwing.host, isTrustedIpcSender, { pickFiles: picker });
    const frame = fc.oneof(
      fc.constant(appFrame),
      fc.record({ url: fc.oneof(fc.webUrl(), fc.string(), fc.constant('app://loupe/')), parent: fc.oneof(fc.constant(null), fc.constant(appFrame)) }),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...API_NAMES), fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withDate: true }), frame, fc.boolean(), async (channel, payload, senderFrame, throws) => {
        const handlers = throws ? ipcThrow.handlers : ipcOk.handlers;
        const before = h.calls.length;
        const r = await handlers.get(channel)!({ senderFrame, sender: { id: 1 } }, payload);
        if (!isResult(r)) return false;
        const ok = senderFrame !== null && senderFrame.parent === null && senderFrame.url.startsWith('app://loupe/');
        // Untrusted senders never reach the host.
        if (!ok && h.calls.length !== before) return false;
        if (!ok) return (r as { ok: boolean }).ok === false;
        return true;
      }),
      { seed: 42, numRuns: 500 },
    );
    expect(h.calls.length).toBeGreaterThan(0);
  });
});

describe('forwardEvents', () => {
  it('sends host events to the window on the event channel and stops when unsubscribed', () => {
    const h = validatingHost();
    const sent: Array<[string, unknown]> = [];
    let destroyed = false;
    const off = forwardEvents(h.host, { isDestroyed: () => destroyed, send: (c, p) => sent.push([c, p]) });
    for (const l of h.listeners) l('import/done', { jobId: 'j', summaries: [] });
    destroyed = true;
    for (const l of h.listeners) l('case/changed', { reason: 'x' });
    off();
    expect(h.listeners.size).toBe(0);
    expect(sent).toEqual([['import/done', { jobId: 'j', summaries: [] }]]);
  });
});
