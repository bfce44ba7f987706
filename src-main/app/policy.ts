// Pure Electron security policy: webPreferences, app origin, navigation/request/sender rules, app:// paths.
import { resolveStaticPath } from '../server/staticPath';

export const APP_SCHEME = 'app';
export const APP_HOST = 'loupe';
export const APP_ORIGIN = 'app://loupe';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  // Electron's spellchecker downloads dictionaries from a CDN: unwanted offline.
  spellcheck: false;
}

/** The only webPreferences any Loupe window gets (SECURITY E-1). */
export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  };
}

const MAX_URL_LENGTH = 8192;
// WHATWG URL silently strips leading/trailing spaces and removes tabs/newlines: refuse such input outright.
const UNSAFE_URL_CHARS = /[\u0000-\u0020\u007f-\u00a0\\\u2028\u2029\ufeff]/;

function parseStrict(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH || UNSAFE_URL_CHARS.test(url)) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isAppUrl(u: URL): boolean {
  // Node's URL gives non-special schemes an opaque origin ('null'), so compare the parts instead.
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '' && u.port === '';
}

/** Navigation is allowed only within app://loupe (SECURITY E-4). */
export function isAllowedNavigation(url: unknown): boolean {
  const u = parseStrict(url);
  return u !== null && isAppUrl(u);
}

/** Links we would hand to the OS browser (after confirmation): https with a host and no credentials, or mailto. */
export function isSafeExternal(url: unknown): boolean {
  const u = parseStrict(url);
  if (u === null) return false;
  if (u.protocol === 'mailto:') return true;
  return u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '';
}

/**
 * The network filter (SECURITY E-6): everything that is not app://loupe or devtools is cancelled.
 * data: and blob:app://loupe/ stay allowed: CSP permits them for images and they never leave the machine.
 */
export function shouldBlockRequest(url: unknown): boolean {
  const u = parseStrict(url);
  if (u === null) return true;
  if (isAppUrl(u) || u.protocol === 'devtools:' || u.protocol === 'data:') return false;
  if (u.protocol === 'blob:') {
    const inner = parseStrict(u.pathname);
    return inner === null || !isAppUrl(inner);
  }
  return true;
}

/** app:// request URL → file under root, or null (404). Same resolver as browser mode (SECURITY E-2). */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  const u = parseStrict(requestUrl);
  if (u === null || !isAppUrl(u)) return null;
  return resolveStaticPath(root, u.pathname);
}

/** The raw path part of an app:// URL (still percent-encoded), or null when the URL is not ours. */
export function appRequestPath(requestUrl: string): string | null {
  const u = parseStrict(requestUrl);
  return u !== null && isAppUrl(u) ? u.pathname : null;
}

/** IPC sender rule (SECURITY I-1): the top frame of a page served from app://loupe. */
export function validateSender(frameUrl: unknown, isMainFrame: boolean): boolean {
  return isMainFrame === true && isAllowedNavigation(frameUrl);
}
