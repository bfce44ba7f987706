// Browser mode: the renderer and the API on 127.0.0.1 only, every request authenticated by a per-run token.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngineHost } from '../host/types';
import { DEFAULT_MAX_UPLOAD_BYTES, handleCall, handleEvents, handleUpload, type ApiContext } from './apiRoutes';
import { handleCaseUpload, type CaseStager } from './caseUpload';
import { authenticate, hostAllowed, newToken, originAllowed, sessionCookie } from './guard';
import { sendStatus } from './respond';
import { serveStatic } from './staticRoute';

export const LOOPBACK = '127.0.0.1';

export interface ServerOptions {
  host: EngineHost;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to 32 random bytes, hex. */
  token?: string;
  /** Upload size limit in bytes; default 4 GiB. */
  maxUploadBytes?: number;
  /** Browser-mode case session: accepts uploaded `.loupe` files (POST /api/upload?case=1). */
  cases?: CaseStager;
}

export interface RunningServer {
  /** http://127.0.0.1:PORT/?token=… — opening it in a browser logs in. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function splitUrl(raw: string | undefined): { pathname: string; query: URLSearchParams } {
  const url = raw ?? '/';
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  let query: URLSearchParams;
  try {
    query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  } catch {
    query = new URLSearchParams();
  }
  return { pathname, query };
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? newToken();
  if (token.length < 16) throw new Error('Browser-mode token must be at least 16 characters');
  const ctx: ApiContext = { host: opts.host, maxUploadBytes: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES, streams: new Set() };
  let port = 0;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port) || !originAllowed(req)) return sendStatus(res, 403);
    const { pathname, query } = splitUrl(req.url);
    const auth = authenticate(req, token, pathname, query);
    if (auth === null) return sendStatus(res, 401);
    if (pathname.startsWith('/api/call/')) return handleCall(ctx, pathname.slice('/api/call/'.length), req, res);
    if (pathname === '/api/events') return handleEvents(ctx, req, res);
    if (pathname === '/api/upload' && query.get('case') === '1') return handleCaseUpload(opts.cases, ctx.maxUploadBytes, query, req, res);
    if (pathname === '/api/upload') return handleUpload(ctx, query, req, res);
    if (pathname === '/api' || pathname.startsWith('/api/')) return sendStatus(res, 404);
    const extra: Record<string, string> = auth === 'query' ? { 'Set-Cookie': sessionCookie(token) } : {};
    return serveStatic(opts.staticDir, pathname, req, res, extra);
  }

  const server = createServer((req, res) => {
    route(req, res).catch(() => sendStatus(res, 500));
  });
  // Uploads of multi-GB evidence can take longer than Node's default 5-minute request timeout.
  server.requestTimeout = 0;

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: opts.port ?? 0 }, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const res of ctx.streams) res.end();
        ctx.streams.clear();
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}
