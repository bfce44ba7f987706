// Page guards for hostile-data tests: a canary global, dialogs, CSP violations and requests leaving the origin.
import type { Page } from '@playwright/test';

export interface Guards {
  dialogs: string[];
  offOrigin: string[];
  cspViolations(): Promise<string[]>;
  canaryFired(): Promise<boolean>;
}

export async function guard(page: Page, url: string): Promise<Guards> {
  const origin = new URL(url).origin;
  const g = { dialogs: [] as string[], offOrigin: [] as string[] };
  page.on('dialog', (d) => {
    g.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) g.offOrigin.push(u);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[]; __xss: boolean; alert: (m?: string) => void };
    w.__csp = [];
    w.__xss = false;
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    // Any payload that manages to run calls alert/prompt/confirm or sets this canary.
    const trip = () => {
      w.__xss = true;
    };
    w.alert = trip;
    (window as unknown as { prompt: () => void }).prompt = trip;
    (window as unknown as { confirm: () => void }).confirm = trip;
  });
  return {
    ...g,
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    canaryFired: () => page.evaluate(() => (window as unknown as { __xss: boolean }).__xss),
  };
}
