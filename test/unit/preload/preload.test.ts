// Preload bridge (mocked electron): exact key set, constant channels, Result unwrapping, event allowlist.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_NAMES, DROP_FILES_CHANNEL, EVENT_NAMES } from '../../../src-main/contract/api';

const exposed = new Map<string, unknown>();
const invoke = vi.fn<(channel: string, req: unknown) => Promise<unknown>>();
const listeners = new Map<string, Set<(e: unknown, p: unknown) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: (channel: string, req: unknown) => invoke(channel, req),
    on: (channel: string, l: (e: unknown, p: unknown) => void) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(l);
      listeners.set(channel, set);
    },
    removeListener: (channel: string, l: (e: unknown, p: unknown) => void) => listeners.get(channel)?.delete(l),
  },
  // Electron gives a path only for files the user dropped; a File the page built has none.
  webUtils: { getPathForFile: (f: File) => (f.name === 'dropped.csv' ? '/home/analyst/dropped.csv' : '') },
}));

type Fn = (arg?: unknown, arg2?: unknown) => unknown;
let bridge: Record<string, Fn>;

beforeAll(async () => {
  await import('../../../src-main/preload/index');
  bridge = exposed.get('loupe') as Record<string, Fn>;
});

beforeEach(() => {
  invoke.mockReset();
  listeners.clear();
});

describe('preload bridge', () => {
  it('exposes only window.loupe, with exactly the contract calls plus on', () => {
    expect([...exposed.keys()]).toEqual(['loupe']);
    expect(Object.keys(bridge).sort()).toEqual([...API_NAMES, 'on', 'dropFiles'].sort());
    for (const k of Object.keys(bridge)) expect(typeof bridge[k]).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
    for (const forbidden of ['invoke', 'send', 'ipcRenderer', 'sendSync', 'removeAllListeners']) expect(bridge[forbidden]).toBeUndefined();
  });

  it('each function invokes its own constant channel and unwraps the value', async () => {
    for (const name of API_NAMES) {
      invoke.mockResolvedValueOnce({ ok: true, value: { from: name } });
      const req = { probe: name, channel: 'case/info' };
      await expect(bridge[name]!(req)).resolves.toEqual({ from: name });
      expect(invoke).toHaveBeenLastCalledWith(name, req);
    }
    expect(invoke).toHaveBeenCalledTimes(API_NAMES.length);
  });

  it('dropFiles sends only the paths Electron gives for dropped files, on its one channel', async () => {
    invoke.mockResolvedValueOnce({ ok: true, value: { kind: 'import', ids: ['a'.repeat(32)] } });
    const dropped = new File(['x'], 'dropped.csv');
    const made = new File(['x'], 'made-by-page.loupe');
    await expect(bridge['dropFiles']!([dropped, made])).resolves.toEqual({ kind: 'import', ids: ['a'.repeat(32)] });
    expect(invoke).toHaveBeenLastCalledWith(DROP_FILES_CHANNEL, { paths: ['/home/analyst/dropped.csv', ''] });
    // strings are not files: the page cannot smuggle a path through
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'BAD_REQUEST', message: 'drop: only files dropped from the desktop can be opened' } });
    await expect(bridge['dropFiles']!(['/etc/passwd'] as unknown)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(invoke).toHaveBeenLastCalledWith(DROP_FILES_CHANNEL, { paths: [''] });
  });

  it('rejects with code, message and position on ok:false', async () => {
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'BAD_INPUT', message: 'Unexpected token', position: 7 } });
    await expect(bridge['query/page']!({})).rejects.toEqual({ name: 'LoupeError', code: 'BAD_INPUT', message: 'Unexpected token', position: 7 });
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } });
    await expect(bridge['case/info']!({})).rejects.toEqual({ name: 'LoupeError', code: 'FORBIDDEN', message: 'no' });
  });

  it('treats a malformed reply as INTERNAL', async () => {
    for (const reply of [undefined, null, 'x', { value: 1 }, { ok: 'true', value: 1 }]) {
      invoke.mockResolvedValueOnce(reply);
      await expect(bridge['case/info']!({})).rejects.toMatchObject({ code: 'INTERNAL' });
    }
  });

  it('on() subscribes to contract events only and passes the payload, never the IPC event', () => {
    for (const bad of ['not-an-event', 'query/page', '__proto__', 'IMPORT/PROGRESS', '', 42]) {
      expect(() => bridge.on!(bad, () => undefined)).toThrow();
    }
    expect(listeners.size).toBe(0);
    const got: unknown[][] = [];
    const off = bridge.on!('import/progress', (...args: unknown[]) => got.push(args)) as () => void;
    const fakeEvent = { sender: { send: () => undefined }, ports: [] };
    for (const l of listeners.get('import/progress') ?? []) l(fakeEvent, { jobId: 'j', done: 1 });
    expect(got).toEqual([[{ jobId: 'j', done: 1 }]]);
    off();
    expect(listeners.get('import/progress')?.size).toBe(0);
    for (const name of EVENT_NAMES) expect(() => (bridge.on!(name, () => undefined) as () => void)()).not.toThrow();
  });
});
