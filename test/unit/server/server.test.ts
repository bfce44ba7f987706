// Browser-mode server: authentication, DNS-rebinding/origin checks, API routes, SSE, upload and headers.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src-main/server/server';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/server/headers';
import { fakeHost, raw, type FakeHost } from './helpers';

let dir: string;
let staticDir: string;
let host: FakeHost;
let srv: RunningServer;
let port: number;
let auth: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-server-'));
  staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Loupe</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(staticDir, 'assets', 'app.css'), 'body{}');
  host = fakeHost();
  srv = await startServer({ host, staticDir, maxUploadBytes: 1024 });
  port = srv.port;
  auth = { 'X-Loupe-Token': srv.token };
});

afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('startServer basics', () => {
  it('listens on 127.0.0.1 only and prints a token URL', () => {
    expect(srv.url).toBe(`http://127.0.0.1:${port}/?token=${srv.token}`);
    expect(srv.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is not reachable on another interface address', async () => {
    // ::1 is loopback too, but we bind 127.0.0.1 only: the connection must be refused.
    const outcome = await new Promise<string>((resolve) => {
      const req = request({ host: '::1', port, path: '/', family: 6 }, () => resolve('connected'));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      req.end();
    });
    expect(outcome).not.toBe('connected');
  });

  it('uses a fresh random token per run', async () => {
    const other = await startServer({ host, staticDir });
    expect(other.token).not.toBe(srv.token);
    await other.close();
  });
});

describe('authentication', () => {
  it('rejects missing and wrong tokens with an empty 401', async () => {
    for (const headers of <Record<string, string>[]>[{}, { 'X-Loupe-Token': 'nope' }, { 'X-Loupe-Token': srv.token.slice(0, -1) + 'x' }, { Cookie: 'loupe_token=bad' }]) {
      const r = await raw(port, { path: '/index.html', headers });
      expect(r.status).toBe(401);
      expect(r.body.length).toBe(0);
    }
    const api = await raw(port, { method: 'POST', path: '/api/call/case/info', body: '{}' });
    expect(api.status).toBe(401);
    expect(host.calls).toHaveLength(0);
  });

  it('accepts the query token only on the entry page, sets a strict HttpOnly cookie, and the cookie then works', async () => {
    const r = await raw(port, { path: `/?token=${srv.token}` });
    expect(r.status).toBe(200);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toBe(`loupe_token=${srv.token}; HttpOnly; SameSite=Strict; Path=/`);
    const viaCookie = await raw(port, { path: '/assets/app.js', headers: { Cookie: `other=1; loupe_token=${srv.token}` } });
    expect(viaCookie.status).toBe(200);
    const queryElsewhere = await raw(port, { path: `/assets/app.js?token=${srv.token}` });
    expect(queryElsewhere.status).toBe(401);
    const queryOnApi = await raw(port, { method: 'POST', path: `/api/call/case/info?token=${srv.token}`, body: '{}' });
    expect(queryOnApi.status).toBe(401);
  });
});

describe('DNS rebinding and cross-origin', () => {
  it('refuses foreign Host headers with 403 even with the right token', async () => {
    for (const h of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `localhost.evil:${port}`, `[::1]:${port}`]) {
      const r = await raw(port, { path: '/index.html', headers: { ...auth, Host: h } });
      expect(r.status, h).toBe(403);
    }
    const ok = await raw(port, { path: '/index.html', headers: { ...auth, Host: `localhost:${port}` } });
    expect(ok.status).toBe(200);
  });

  it('refuses cross origins and cross-site fetches with 403', async () => {
    for (const extra of <Record<string, string>[]>[
      { Origin: 'http://evil.example' },
      { Origin: 'null' },
      { Origin: `http://localhost:${port}` }, // Host says 127.0.0.1: a different origin
      { Origin: `https://127.0.0.1:${port}` },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ]) {
      const r = await raw(port, { method: 'POST', path: '/api/call/case/info', headers: { ...auth, ...extra }, body: '{}' });
      expect(r.status, JSON.stringify(extra)).toBe(403);
    }
    const same = await raw(port, { method: 'POST', path: '/api/call/case/info', headers: { ...auth, Origin: `http://127.0.0.1:${port}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(same.status).toBe(200);
  });

  it('never sends CORS headers', async () => {
    const r = await raw(port, { method: 'OPTIONS', path: '/api/call/case/info', headers: { ...auth, 'Access-Control-Request-Method': 'POST' } });
    expect(Object.keys(r.headers).some((k) => k.startsWith('access-control-'))).toBe(false);
  });
});

describe('API routes', () => {
  it('forwards calls to the host and returns its Result', async () => {
    const r = await raw(port, { method: 'POST', path: '/api/call/query/page', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ q: 'x' }) });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body.toString())).toEqual({ ok: true, value: { echo: 'query/page', req: { q: 'x' } } });
    expect(host.calls.at(-1)).toEqual({ name: 'query/page', req: { q: 'x' } });
  });

  it('404s unknown channels without calling the host', async () => {
    const before = host.calls.length;
    for (const name of ['not-a-channel', 'toString', '__proto__', 'constructor', 'query/page/x', 'QUERY/PAGE']) {
      const r = await raw(port, { method: 'POST', path: `/api/call/${name}`, headers: auth, body: '{}' });
      expect(r.status, name).toBe(404);
    }
    expect((await raw(port, { path: '/api/nothing', headers: auth })).status).toBe(404);
    expect(host.calls.length).toBe(before);
  });

  it('rejects bad JSON, form content types and oversize bodies as BAD_REQUEST', async () => {
    const bad = await raw(port, { method: 'POST', path: '/api/call/case/info', headers: auth, body: '{nope' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error.code).toBe('BAD_REQUEST');
    const form = await raw(port, { method: 'POST', path: '/api/call/case/info', headers: { ...auth, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    const big = await raw(port, { method: 'POST', path: '/api/call/case/info', headers: { ...auth, 'Content-Length': String(11 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect((await raw(port, { path: '/api/call/case/info', headers: auth })).status).toBe(405);
  });

  it('turns a host that throws into an INTERNAL Result', async () => {
    const throwing = fakeHost();
    throwing.call = async () => {
      throw new Error('boom');
    };
    const s = await startServer({ host: throwing, staticDir });
    const r = await raw(s.port, { method: 'POST', path: '/api/call/case/info', headers: { 'X-Loupe-Token': s.token }, body: '{}' });
    expect(JSON.parse(r.body.toString())).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
    await s.close();
  });

  it('streams host events over SSE and unsubscribes when the client leaves', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/events', headers: auth }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.includes(': connected')) host.emit('case/changed', { reason: 'bookmark <b>' });
          if (text.includes('event:') && text.includes('\n\n', text.indexOf('event:'))) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: case/changed\ndata: {"reason":"bookmark <b>"}\n\n');
    await new Promise((r) => setTimeout(r, 50));
    expect(host.listeners.size).toBe(0);
  });

  it('stages uploaded bytes under a sanitized basename', async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 10, 13]);
    const r = await raw(port, { method: 'POST', path: `/api/upload?name=${encodeURIComponent('..\\..\\evil/../sign-ins.csv')}`, headers: { ...auth, 'Content-Type': 'application/octet-stream' }, body: bytes });
    expect(JSON.parse(r.body.toString())).toEqual({ ok: true, value: { id: 'a'.repeat(32) } });
    expect(host.staged.at(-1)?.name).toBe('sign-ins.csv');
    expect(host.staged.at(-1)?.bytes.equals(bytes)).toBe(true);
  });

  it('refuses uploads without a usable name or over the size limit', async () => {
    for (const q of ['', '?name=', '?name=..', `?name=${encodeURIComponent('a/..')}`]) {
      const r = await raw(port, { method: 'POST', path: `/api/upload${q}`, headers: auth, body: 'x' });
      expect(r.status, q).toBe(400);
    }
    const declared = await raw(port, { method: 'POST', path: '/api/upload?name=a.csv', headers: auth, body: Buffer.alloc(2048) });
    expect(declared.status).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/upload?name=b.csv', headers: { ...auth, 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 4; i++) req.write(Buffer.alloc(512));
      req.end();
    });
    expect(chunked).toBe(413);
    expect(host.staged.some((s) => s.name === 'b.csv')).toBe(false);
  });
});

describe('static files and headers', () => {
  it('serves files with correct content types and falls back to index.html for routes only', async () => {
    const js = await raw(port, { path: '/assets/app.js', headers: auth });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await raw(port, { path: '/assets/app.css', headers: auth });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const route = await raw(port, { path: '/explore/timeline', headers: auth });
    expect(route.status).toBe(200);
    expect(route.body.toString()).toContain('<title>Loupe</title>');
    expect((await raw(port, { path: '/assets/missing.js', headers: auth })).status).toBe(404);
  });

  it('sends the CSP and hardening headers on every response, errors included', async () => {
    const responses = await Promise.all([
      raw(port, { path: '/index.html', headers: auth }),
      raw(port, { path: '/index.html' }),
      raw(port, { path: '/index.html', headers: { ...auth, Host: 'evil' } }),
      raw(port, { path: '/nope.js', headers: auth }),
      raw(port, { method: 'POST', path: '/api/call/case/info', headers: auth, body: '{}' }),
      raw(port, { method: 'POST', path: '/api/call/bad', headers: auth, body: '{}' }),
      raw(port, { method: 'DELETE', path: '/', headers: auth }),
    ]);
    for (const r of responses) {
      expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(r.headers['cross-origin-resource-policy']).toBe('same-origin');
    }
    expect(responses.map((r) => r.status)).toEqual([200, 401, 403, 404, 200, 404, 405]);
  });
});
