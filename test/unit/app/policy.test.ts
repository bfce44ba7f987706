// Pure Electron policy: secure preferences snapshot, navigation/external/request bypass corpora, sender rule, app paths.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  isAllowedNavigation,
  isSafeExternal,
  resolveAppPath,
  secureWebPreferences,
  shouldBlockRequest,
  validateSender,
} from '../../../src-main/app/policy';

const BYPASS_CORPUS = [
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', '\tjavascript:alert(1)', 'java\nscript:alert(1)',
  'file:///etc/passwd', 'FILE:///C:/Windows/win.ini', 'smb://evil/share', 'ms-msdt:/id PCWDiagnostic', 'search-ms:query=x',
  'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'https://app@evil.example', 'https://loupe@evil.example/',
  'app://loupe@evil.example/', 'app://evil.example/', 'app://loupe.evil.example/', 'app://loupe:8080/', 'app://user:pw@loupe/',
  'app://lоupe/', // Cyrillic o (IDN homograph)
  'app://xn--lupe-iqd/', ' app://loupe/index.html', 'app://loupe/index.html ', 'app://lou\tpe/', 'app:\\\\loupe\\index.html',
  'app:loupe/index.html', 'app:///loupe/', 'http://loupe/', 'https://loupe/', 'about:blank', 'chrome://settings', 'devtools://devtools',
  'blob:https://evil.example/1', '//evil.example', '', 'app://', 'app://loupe\u0000/',
];

describe('secureWebPreferences (E-1)', () => {
  it('returns exactly the hardened set', () => {
    expect(secureWebPreferences('/p/preload.cjs')).toStrictEqual({
      preload: '/p/preload.cjs',
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
    });
  });
});

describe('isAllowedNavigation (E-4)', () => {
  it('allows the app origin', () => {
    expect(APP_ORIGIN).toBe('app://loupe');
    for (const u of ['app://loupe/', 'app://loupe/index.html', 'app://loupe/index.html#/explore?q=1', 'APP://loupe/x']) expect(isAllowedNavigation(u), u).toBe(true);
  });

  it.each(BYPASS_CORPUS)('refuses %j', (u) => {
    expect(isAllowedNavigation(u)).toBe(false);
  });

  it('refuses non-strings', () => {
    for (const v of [undefined, null, 1, {}, ['app://loupe/'], new URL('app://loupe/')]) expect(isAllowedNavigation(v)).toBe(false);
  });

  it('property: no web URL is ever allowed', () => {
    fc.assert(fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), (u) => !isAllowedNavigation(u)), { seed: 42, numRuns: 300 });
  });

  it('property: arbitrary strings are allowed only when they are really app://loupe URLs', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webPath().map((p) => `app://loupe${p}`), fc.string().map((s) => `app://${s}`)), (s) => {
        if (!isAllowedNavigation(s)) return true;
        const u = new URL(s);
        return u.protocol === 'app:' && u.host === 'loupe' && s.trim() === s;
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('isSafeExternal (E-4)', () => {
  it('allows https and mailto only', () => {
    expect(isSafeExternal('https://attack.mitre.org/techniques/T1078/')).toBe(true);
    expect(isSafeExternal('mailto:soc@example.com')).toBe(true);
    for (const u of [...BYPASS_CORPUS, 'http://example.com', 'https://user:pw@example.com', 'https://app@evil', 'ftp://x', 'HTTPS:evil']) {
      if (u === 'HTTPS:evil' || u === 'https://loupe/') continue; // ordinary https links
      expect(isSafeExternal(u), u).toBe(false);
    }
  });

  it('property: http web URLs are never safe', () => {
    fc.assert(fc.property(fc.webUrl({ validSchemes: ['http'] }), (u) => !isSafeExternal(u)), { seed: 42, numRuns: 300 });
  });
});

describe('shouldBlockRequest (E-6)', () => {
  it('blocks everything but the app, devtools and local data/blob', () => {
    for (const u of ['app://loupe/assets/app.js', 'devtools://devtools/bundled/inspector.html', 'data:image/png;base64,AAAA', 'blob:app://loupe/0b7a']) {
      expect(shouldBlockRequest(u), u).toBe(false);
    }
    for (const u of ['http://example.com', 'https://example.com/x.png', 'ws://127.0.0.1:1/', 'file:///etc/passwd', 'app://evil/', 'blob:https://evil/1', 'ftp://x', '', 'garbage']) {
      expect(shouldBlockRequest(u), u).toBe(true);
    }
  });

  it('property: every web URL is blocked', () => {
    fc.assert(fc.property(fc.webUrl(), (u) => shouldBlockRequest(u)), { seed: 42, numRuns: 300 });
  });
});

describe('validateSender (I-1)', () => {
  it('accepts only the app top frame', () => {
    expect(validateSender('app://loupe/index.html', true)).toBe(true);
    expect(validateSender('app://loupe/index.html', false)).toBe(false);
    expect(validateSender('https://evil.example/', true)).toBe(false);
    expect(validateSender('file:///app/index.html', true)).toBe(false);
    expect(validateSender(undefined, true)).toBe(false);
    expect(validateSender('', true)).toBe(false);
  });
});

describe('resolveAppPath (E-2)', () => {
  const root = mkdtempSync(join(tmpdir(), 'loupe-app-'));
  it('maps app URLs into the bundle root', () => {
    expect(resolveAppPath(root, 'app://loupe/assets/a.js')).toBe(join(root, 'assets', 'a.js'));
    expect(resolveAppPath(root, 'app://evil/assets/a.js')).toBeNull();
    // The URL parser already folds %2e%2e segments, so this stays inside the root.
    expect(resolveAppPath(root, 'app://loupe/%2e%2e/secret')).toBe(join(root, 'secret'));
    expect(resolveAppPath(root, 'app://loupe/..%2f..%2fsecret')).toBeNull();
    expect(resolveAppPath(root, 'app://loupe/%5c..%5csecret')).toBeNull();
  });

  it('property: never resolves outside the root', () => {
    const piece = fc.constantFrom('..', '%2e%2e', '%2f', '%5c', '%00', 'a', '.%2e', '%252e', 'C:', '\\');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 5 })), { maxLength: 10 }), (parts) => {
        const r = resolveAppPath(root, `app://loupe/${parts.join('/')}`);
        return r === null || r === resolve(root) || r.startsWith(resolve(root) + sep);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });
});
