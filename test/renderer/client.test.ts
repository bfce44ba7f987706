// @vitest-environment jsdom
// The API client: browser-mode HTTP calls (path, token header, Result unwrapping to ApiError), token start-up, proxy stripping.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reactive } from 'vue';
import { ApiError, bridgeTransport, call, httpTransport, initApi, setTransport, upload } from '../../src-renderer/src/api/client';
import { createFakeApi } from '../support/fakeApi';

interface Sent { url: string; init: RequestInit | undefined }

function fakeFetch(body: unknown, status = 200): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const f = (async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(url), init });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return { fetch: f, sent };
}

afterEach(() => vi.unstubAllGlobals());

describe('browser-mode transport', () => {
  it('POSTs /api/call/<name> with the token header and JSON body, and returns the validated value', async () => {
    const { fetch, sent } = fakeFetch({ ok: true, value: { count: 12, estimate: true, elapsedMs: 3 } });
    setTransport(httpTransport('tok123', fetch));
    const res = await call('query/count', { source: 1, where: "[A] = 'b'" });
    expect(res).toEqual({ count: 12, estimate: true, elapsedMs: 3 });
    expect(sent[0]?.url).toBe('/api/call/query/count');
    expect(sent[0]?.init?.method).toBe('POST');
    expect((sent[0]?.init?.headers as Record<string, string>)['X-Loupe-Token']).toBe('tok123');
    expect(JSON.parse(String(sent[0]?.init?.body))).toEqual({ source: 1, where: "[A] = 'b'" });
  });

  it('throws a typed ApiError with the parse position on ok:false', async () => {
    const { fetch } = fakeFetch({ ok: false, error: { code: 'BAD_INPUT', message: "Expected a value after '='", position: 17 } });
    setTransport(httpTransport(null, fetch));
    const err = await call('query/page', { source: null, where: '[IP address] = ' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'BAD_INPUT', message: "Expected a value after '='", position: 17 });
  });

  it('rejects responses that do not fit the contract and non-JSON failures', async () => {
    setTransport(httpTransport(null, fakeFetch({ ok: true, value: { count: 'many' } }).fetch));
    await expect(call('query/count', { source: null })).rejects.toMatchObject({ code: 'INTERNAL' });
    const html = (async () => new Response('<html>forbidden</html>', { status: 403 })) as typeof fetch;
    setTransport(httpTransport(null, html));
    await expect(call('case/info', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('uploads raw bytes to /api/upload?name=<encoded> and returns the staging id', async () => {
    const { fetch, sent } = fakeFetch({ ok: true, value: { id: 'a'.repeat(32) } });
    setTransport(httpTransport('t', fetch));
    const id = await upload(new File(['x'], 'Sign In & KV #1.xlsx'));
    expect(id).toBe('a'.repeat(32));
    expect(sent[0]?.url).toBe(`/api/upload?name=${encodeURIComponent('Sign In & KV #1.xlsx')}`);
    expect((sent[0]?.init?.headers as Record<string, string>)['Content-Type']).toBe('application/octet-stream');
  });

  it('reads ?token= once at start-up and removes it from the address bar', async () => {
    window.history.replaceState(null, '', '/?token=s3cret&case=x');
    const { fetch, sent } = fakeFetch({ ok: true, value: [] });
    vi.stubGlobal('fetch', fetch);
    initApi();
    expect(window.location.search).toBe('?case=x');
    await call('bookmarks/list', {});
    expect((sent[0]?.init?.headers as Record<string, string>)['X-Loupe-Token']).toBe('s3cret');
  });
});

describe('Electron bridge transport', () => {
  it('sends plain copies (a reactive proxy would fail structured clone) and maps thrown errors', async () => {
    const fake = createFakeApi();
    setTransport(bridgeTransport(fake.bridge));
    const spec = reactive({ source: 1, where: '', sort: { column: 'User', desc: false } });
    const page = await call('query/page', spec);
    expect(page.rows.length).toBe(5);
    expect(fake.calls[0]?.req).toEqual({ source: 1, where: '', sort: { column: 'User', desc: false } });
    await expect(call('row/get', { sourceId: 1, row: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('bookmarks/add', { sourceId: 1, row: 2, techniques: ['T15'] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
