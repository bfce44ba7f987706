// Small response helpers: every response carries the security headers and never CORS headers.
import type { ServerResponse } from 'node:http';
import type { ErrorCode, Result } from '../contract/errors';
import { SECURITY_HEADERS } from './headers';

export function writeHead(res: ServerResponse, status: number, headers: Record<string, string | number> = {}): void {
  // Answering before the body was read (401/403/413…) leaves bytes on the socket: do not reuse it.
  const early = res.req !== undefined && !res.req.complete && status >= 400 ? { Connection: 'close' } : {};
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers, ...early });
}

/** Status only, no body detail (401/403/404/405/413 outside the API's Result shape). */
export function sendStatus(res: ServerResponse, status: number): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  writeHead(res, status, { 'Content-Length': 0 });
  res.end();
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  writeHead(res, status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function errorResult(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
