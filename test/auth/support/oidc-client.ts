import { expect } from 'chai';
import type { Browser } from '../../support/browser.js';
import { formAction } from '../../support/staff-client.js';

/**
 * Starts an OIDC sign-in at the plugin and picks an account at the demo IdP, stopping at the
 * moment the IdP sends the browser back: returns that callback URL (not yet visited).
 */
export async function callbackFor(browser: Browser, baseUrl: string, account: string): Promise<{ callback: URL; pendingCookie: string }> {
  const login = await browser.fetch(`${baseUrl}/auth/login?returnTo=%2F`);
  const pendingCookie = login.headers.getSetCookie().map((c) => /^rantevou_sid=([^;]+)/.exec(c)?.[1]).find(Boolean)!;
  let url = new URL(login.headers.get('location')!);
  let res = await browser.fetch(url);
  while (res.status >= 300 && res.status < 400) {
    url = new URL(res.headers.get('location')!, url);
    res = await browser.fetch(url);
  }
  const html = await res.text();
  let next: Response = await browser.fetch(formAction(html, url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ account }),
  });
  for (;;) {
    expect(next.status, 'a redirect on the way back').to.be.within(300, 399);
    url = new URL(next.headers.get('location')!, url);
    if (url.href.startsWith(`${baseUrl}/auth/callback`)) return { callback: url, pendingCookie };
    next = await browser.fetch(url);
  }
}
