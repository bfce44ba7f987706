// Window factory and app:// protocol (mocked electron): secure preferences, no popups, no navigation, no permissions, no network.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/server/headers';

vi.mock('electron', async () => (await import('./fakeElectron')).electronFake);

const { createCaseWindow } = await import('../../../src-main/app/windows');
const { appProtocolHandler, registerAppScheme, serveAppProtocol } = await import('../../../src-main/app/protocol');
const { secureWebPreferences } = await import('../../../src-main/app/policy');
const fake = await import('./fakeElectron');

function navEvent(url: string) {
  return { url, prevented: false, preventDefault() { this.prevented = true; } };
}

describe('createCaseWindow', () => {
  const win = createCaseWindow({ preloadPath: '/out/preload/index.cjs', title: 'Loupe — case' }) as unknown as InstanceType<typeof fake.FakeBrowserWindow>;
  const wc = win.webContents;

  it('passes exactly the secure preferences and loads the app origin', () => {
    expect(win.options.webPreferences).toStrictEqual(secureWebPreferences('/out/preload/index.cjs'));
    expect(win.options.show).toBe(false);
    expect(win.loaded).toEqual(['app://loupe/index.html']);
  });

  it('denies window.open', () => {
    expect(wc.windowOpenHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'app://loupe/index.html' })).toEqual({ action: 'deny' });
  });

  it('prevents navigation, redirects and frame navigation away from the app', () => {
    for (const channel of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(wc.listenerCount(channel), channel).toBe(1);
      const evil = navEvent('https://evil.example');
      wc.emit(channel, evil);
      expect(evil.prevented, channel).toBe(true);
      const js = navEvent('javascript:alert(1)');
      wc.emit(channel, js);
      expect(js.prevented).toBe(true);
      const own = navEvent('app://loupe/index.html#/explore');
      wc.emit(channel, own);
      expect(own.prevented, channel).toBe(false);
    }
    const webview = navEvent('');
    wc.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });

  it('denies every permission request, check and device', () => {
    const s = fake.defaultSession;
    const cb = vi.fn();
    s.permissionRequest?.(wc, 'media', cb);
    s.permissionRequest?.(wc, 'notifications', cb);
    expect(cb.mock.calls).toEqual([[false], [false]]);
    expect(s.permissionCheck?.(wc, 'clipboard-read')).toBe(false);
    expect(s.devicePermission?.({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels requests that are not app://', () => {
    const decide = (url: string) => {
      const cb = vi.fn();
      fake.defaultSession.beforeRequest?.({ url }, cb);
      return cb.mock.calls[0]?.[0];
    };
    expect(decide('http://example.com/')).toEqual({ cancel: true });
    expect(decide('https://attacker.example/x.png?leak=1')).toEqual({ cancel: true });
    expect(decide('app://loupe/assets/app.js')).toEqual({ cancel: false });
  });

  it('hardens a session once even with several windows', () => {
    const first = fake.defaultSession.beforeRequest;
    createCaseWindow({ preloadPath: '/p', title: 't' });
    expect(fake.defaultSession.beforeRequest).toBe(first);
  });
});

describe('app:// protocol', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-proto-'));
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<title>Loupe</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'ok');
  writeFileSync(join(dir, 'secret.txt'), 'SECRET');
  const handle = appProtocolHandler(root);

  it('registers app as a privileged standard, secure scheme and serves it through protocol.handle', () => {
    registerAppScheme();
    expect(fake.electronFake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    serveAppProtocol(root);
    expect(fake.electronFake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('serves bundle files with the CSP header and content type', async () => {
    const res = await handle(new Request('app://loupe/assets/app.js'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const route = await handle(new Request('app://loupe/explore'));
    expect(await route.text()).toBe('<title>Loupe</title>');
  });

  it('404s (with the CSP) anything outside the bundle or on another host', async () => {
    for (const url of ['app://loupe/..%2fsecret.txt', 'app://loupe/%5c..%5csecret.txt', 'app://evil/index.html', 'app://loupe/nope.js', 'app://loupe/%00']) {
      const res = await handle(new Request(url));
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('SECRET');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await handle(new Request('app://loupe/index.html', { method: 'POST', body: 'x' }))).status).toBe(404);
  });
});
