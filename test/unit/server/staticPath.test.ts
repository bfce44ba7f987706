// Static path resolver (shared by browser mode and app://): fuzzed traversal attempts never leave the root.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateStaticFile, resolveStaticPath } from '../../../src-main/server/staticPath';
import { startServer, type RunningServer } from '../../../src-main/server/server';
import { fakeHost } from './helpers';

const SECRET = 'TOP-SECRET-CASE-KEY-5f1c';
let dir: string;
let root: string;
let srv: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-static-'));
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Loupe</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'ok');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  mkdirSync(join(dir, 'renderer-evil'));
  writeFileSync(join(dir, 'renderer-evil', 'secret.txt'), SECRET);
  symlinkSync(join(dir, 'secret.txt'), join(root, 'link.txt'));
  srv = await startServer({ host: fakeHost(), staticDir: root });
});

afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

const PIECES = [
  '..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '..%2f', '%2f', '%2F', '%5c', '%5C', '\\', '..\\', '%00', '\u0000', '.', '',
  'secret.txt', 'renderer', '..%2frenderer-evil', 'renderer-evil', 'C:', 'C:%5c', 'c:\\windows', '%252e%252e', '%c0%ae%c0%ae',
  'assets', 'index.html', 'link.txt', ' ', '.. ', '...', '%', '%zz', '\u2025', '\uff0e\uff0e', '?', '#', ';', 'a'.repeat(300),
];
const SEPARATORS = ['/', '\\', '%2f', '%5c', '//'];
const PREFIXES = ['/', '', '//', '\\\\', '/\\', 'C:/', '/%2f', '\\\\?\\', '//server/share/'];

const hostilePath = fc
  .tuple(
    fc.constantFrom(...PREFIXES),
    fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 12 }),
    fc.constantFrom(...SEPARATORS),
    fc.boolean(),
  )
  .map(([prefix, parts, separator, long]) => {
    const path = prefix + parts.join(separator);
    return long ? path + '/..'.repeat(2000) : path;
  });

// Well-formed (single leading '/', no forbidden characters) but full of dot segments: the escapes a naive join allows.
const traversalPath = fc
  .tuple(
    fc.array(fc.constantFrom('..', '%2e%2e', '.%2e', '%2E.', '..%2f..', '%2f..', 'secret.txt', 'renderer-evil', 'assets', 'a', '....'), { minLength: 1, maxLength: 10 }),
    fc.constantFrom('/', '%2f', '%2F', '//', '/./'),
  )
  .map(([parts, separator]) => '/' + parts.join(separator));

const benignPath = fc
  .array(fc.constantFrom('assets', 'app.js', 'index.html', 'explore', 'case', 'link.txt'), { minLength: 0, maxLength: 3 })
  .map((parts) => '/' + parts.join('/'));

function inside(base: string, p: string): boolean {
  const b = resolve(base);
  return p === b || p.startsWith(b + sep);
}

describe('resolveStaticPath', () => {
  it('maps ordinary paths into the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(resolve(root));
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveStaticPath(root, '/assets/my%20file.js')).toBe(join(root, 'assets', 'my file.js'));
  });

  it.each([
    '/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt',
    '/..\\secret.txt', '\\..\\secret.txt', '/%00', '/a%00.js', '/a\u0000', '//etc/passwd', '/%2fetc/passwd', '/C:/Windows/win.ini',
    '/C:%5cWindows', '//server/share/x', '\\\\server\\share', 'secret.txt', '', '/' + 'a/'.repeat(1500), '/%zz', '/.%2e/secret.txt',
    '/../renderer-evil/secret.txt', '/... /secret.txt',
  ])('rejects %j', (p) => {
    expect(resolveStaticPath(root, p)).toBeNull();
  });

  it('decodes once only (double encoding stays a literal name inside the root)', () => {
    const p = resolveStaticPath(root, '/%252e%252e/secret.txt');
    expect(p).toBe(join(root, '%2e%2e', 'secret.txt'));
  });

  it('property: result is null or inside the root, for any hostile or random path', () => {
    fc.assert(
      fc.property(fc.oneof(hostilePath, traversalPath, fc.string({ maxLength: 200 }), fc.webPath()), (p) => {
        const r = resolveStaticPath(root, p);
        return r === null || inside(root, r);
      }),
      { seed: 42, numRuns: 2000 },
    );
    // The generator really does produce escapes a naive decode-and-join would follow.
    const naiveEscapes = fc
      .sample(traversalPath, { seed: 42, numRuns: 200 })
      .filter((p) => !inside(root, resolve(root, '.' + decodeURIComponent(p))));
    expect(naiveEscapes.length).toBeGreaterThan(20);
  });

  it('refuses a symlink that points outside the root', async () => {
    expect(resolveStaticPath(root, '/link.txt')).toBe(join(root, 'link.txt'));
    expect(await locateStaticFile(root, '/link.txt')).toBeNull();
  });
});

/** Sends the request line verbatim over TCP so no client library normalizes the path first. */
function rawGet(port: number, path: string, token: string): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => done(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? done(Buffer.concat(chunks).toString('latin1')) : fail(e)));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Loupe-Token: ${token}\r\nConnection: close\r\n\r\n`, 'latin1');
  });
}

describe('static serving over HTTP', () => {
  it('serves a real file through the raw client (the harness can see files)', async () => {
    const res = await rawGet(srv.port, '/assets/app.js', srv.token);
    expect(res.startsWith('HTTP/1.1 200')).toBe(true);
    expect(res.endsWith('\r\n\r\nok')).toBe(true);
  });

  it('never returns the secret beside the static folder, for fuzzed request paths', async () => {
    let served = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostilePath, traversalPath, benignPath), async (p) => {
        const res = await rawGet(srv.port, p, srv.token);
        if (res.startsWith('HTTP/1.1 200')) served++;
        return !res.includes(SECRET);
      }),
      { seed: 42, numRuns: 300 },
    );
    // Sanity: the fuzzer produced some paths the server did serve (index fallback or real files), not only errors.
    expect(served).toBeGreaterThan(0);
  });

  it('404s direct traversal attempts and the outward symlink', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/link.txt', '/../renderer-evil/secret.txt']) {
      const res = await rawGet(srv.port, p, srv.token);
      expect(res.startsWith('HTTP/1.1 404'), p).toBe(true);
      expect(res).not.toContain(SECRET);
    }
  });
});
