// Request gatekeeping for browser mode: DNS-rebinding Host check, same-origin check and the per-run token.
import type { IncomingMessage } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_HEADER = 'x-loupe-token';
export const TOKEN_COOKIE = 'loupe_token';

export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/** Constant-time comparison; unequal lengths are rejected before comparing (length is not secret). */
export function tokensEqual(expected: string, given: string | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  if (a.length !== b.length || a.length === 0) return false;
  return timingSafeEqual(a, b);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

/** Only our own loopback names: a rebinding attacker's page sends its own domain in Host. */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = single(req.headers.host);
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Origin (when a browser sends one) must be exactly our origin; Sec-Fetch-Site must not be cross-site. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${single(req.headers.host) ?? ''}`) return false;
  const site = req.headers['sec-fetch-site'];
  // 'same-site' is refused too: another port on localhost is the same site but not us.
  return site === undefined || site === 'same-origin' || site === 'none';
}

export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = single(req.headers.cookie);
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export type AuthOutcome = 'header' | 'cookie' | 'query' | null;

/** Which credential authenticated the request; the query token counts only for GET of the entry page. */
export function authenticate(req: IncomingMessage, token: string, pathname: string, query: URLSearchParams): AuthOutcome {
  if (tokensEqual(token, single(req.headers[TOKEN_HEADER]))) return 'header';
  if (tokensEqual(token, cookieValue(req, TOKEN_COOKIE))) return 'cookie';
  const isEntry = (req.method === 'GET' || req.method === 'HEAD') && (pathname === '/' || pathname === '/index.html');
  if (isEntry && tokensEqual(token, query.get('token') ?? undefined)) return 'query';
  return null;
}

export function sessionCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
