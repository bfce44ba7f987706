// The app:// scheme: registered privileged before ready, then served from the renderer bundle with the CSP header.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../server/headers';
import { contentTypeFor, locateStaticFile } from '../server/staticPath';
import { APP_SCHEME, appRequestPath } from './policy';

/** Must run before app 'ready' (Electron requirement). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Request → Response for app://loupe/…; only files under `root`, index.html for SPA routes, 404 otherwise. */
export function appProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const path = appRequestPath(request.url);
    if (path === null) return notFound();
    const file = await locateStaticFile(root, path);
    if (file === null) return notFound();
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file) },
    });
  };
}

/** After ready: serve app:// on the default session's protocol. */
export function serveAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, appProtocolHandler(root));
}
