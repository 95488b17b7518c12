import { expect } from 'chai';
import { Browser } from './browser.js';

/** The action URL of the first form on a page. */
export function formAction(html: string, pageUrl: URL): URL {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  expect(action, 'form action').to.be.a('string');
  return new URL(action!.replaceAll('&amp;', '&'), pageUrl);
}

/** Clicks a demo account on the demo provider's sign-in page and follows the redirects. */
export function chooseAccount(browser: Browser, action: URL, account: string) {
  return browser.follow(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ account }),
  });
}

/** A signed-in staff member's HTTP client: cookies, and the CSRF token on writes. */
export interface StaffClient {
  browser: Browser;
  csrfToken: string;
  me: { user: { sub: string }; stores: { id: string; code: string; name: string; role: string }[] };
  get(path: string): Promise<Response>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Signs in through the real OIDC flow (plugin → identity provider → callback) as a demo account. */
export async function signInAs(baseUrl: string, account: string): Promise<StaffClient> {
  const browser = new Browser();
  const page = await browser.follow(`${baseUrl}/auth/login?returnTo=%2F`);
  expect(page.res.status, 'identity provider sign-in page').to.equal(200);
  const landed = await chooseAccount(browser, formAction(await page.res.text(), page.url), account);
  expect(landed.url.href, `back on the staff page: ${landed.res.status} ${await landed.res.clone().text()}`).to.equal(`${baseUrl}/`);
  const meRes = await browser.fetch(`${baseUrl}/api/v1/me`);
  expect(meRes.status).to.equal(200);
  const me = await meRes.json();
  return {
    browser,
    csrfToken: me.csrfToken,
    me,
    get: (path) => browser.fetch(`${baseUrl}${path}`),
    post: (path, body, headers = {}) =>
      browser.fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}
