// Resolves a request path to a file inside a static root without ever escaping it (browser mode and app://).
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const MAX_PATH_LENGTH = 2048;
// Control characters, backslashes and ':' (drive letters, NTFS streams) never appear in our bundle's names.
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f\\:]/;
// '.', '..' and anything Windows would trim down to them ('... ', '. .').
const DOT_SEGMENT = /^[.\s]+$/;

/**
 * Maps a raw URL path (no query) to an absolute path under `root`, or null when the path is
 * malformed or would leave the root. Decodes exactly once; never touches the disk.
 */
export function resolveStaticPath(root: string, requestPath: string): string | null {
  if (typeof requestPath !== 'string' || requestPath.length === 0 || requestPath.length > MAX_PATH_LENGTH) return null;
  if (!requestPath.startsWith('/') || requestPath.startsWith('//')) return null;
  if (FORBIDDEN_CHARS.test(requestPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (FORBIDDEN_CHARS.test(decoded) || decoded.startsWith('//')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => DOT_SEGMENT.test(s))) return null;
  const base = resolve(root);
  const target = resolve(base, ...segments);
  return isInside(base, target) ? target : null;
}

export function isInside(base: string, target: string): boolean {
  return target === base || target.startsWith(base.endsWith(sep) ? base : base + sep);
}

/** Extension-less paths are client-side routes of the single-page app. */
export function isSpaRoute(requestPath: string): boolean {
  const last = requestPath.split('/').pop() ?? '';
  return extname(last) === '';
}

async function existingFileInside(realRoot: string, candidate: string): Promise<string | null> {
  try {
    const real = await realpath(candidate);
    if (!isInside(realRoot, real)) return null; // a symlink pointing out of the bundle
    const info = await stat(real);
    return info.isFile() ? real : null;
  } catch {
    return null;
  }
}

/** The file to serve for a request path: the file itself, index.html for '/' and SPA routes, else null (404). */
export async function locateStaticFile(root: string, requestPath: string): Promise<string | null> {
  const target = resolveStaticPath(root, requestPath);
  if (target === null) return null;
  let realRoot: string;
  try {
    realRoot = await realpath(resolve(root));
  } catch {
    return null;
  }
  const direct = await existingFileInside(realRoot, target);
  if (direct !== null) return direct;
  if (target === resolve(root) || isSpaRoute(requestPath)) return existingFileInside(realRoot, resolve(root, 'index.html'));
  return null;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
