/**
 * End-to-end tests of the demo identity provider: a real oidc-provider
 * mounted in Express, driven by a real openid-client relying party and a
 * minimal "browser" (fetch + cookie jar, redirects followed by hand).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

import { expect } from 'chai';
import express from 'express';
import * as client from 'openid-client';

import { createDemoIdp, loadDemoAccounts } from '../../examples/demo-idp/demo-idp.js';
import { Browser } from '../support/browser.js';
import { chooseAccount, formAction } from '../support/staff-client.js';

const CLIENT_ID = 'rantevou-test';
const CLIENT_SECRET = 'test-secret-that-is-long-enough-0123456789';

describe('demo identity provider (oidc-provider, mounted in Express)', () => {
  let server: Server;
  let issuer: string;
  let redirectUri: string;
  let postLogoutRedirectUri: string;
  let config: client.Configuration;
  const callbacks: URL[] = [];

  before(async () => {
    const app = express();
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    issuer = `${base}/demo-idp`;
    redirectUri = `${base}/auth/callback`;
    postLogoutRedirectUri = `${base}/signed-out`;

    const idp = createDemoIdp({
      issuer,
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [redirectUri],
          post_logout_redirect_uris: [postLogoutRedirectUri],
        },
      ],
      accounts: loadDemoAccounts(),
    });
    app.use('/demo-idp', idp.handler);
    // The "relying party" side: just records where the browser landed.
    app.get(['/auth/callback', '/signed-out'], (req, res) => {
      callbacks.push(new URL(req.originalUrl, base));
      res.type('text').send('ok');
    });

    config = await client.discovery(new URL(issuer), CLIENT_ID, undefined, client.ClientSecretBasic(CLIENT_SECRET), {
      execute: [client.allowInsecureRequests],
    });
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  });

  beforeEach(() => {
    callbacks.length = 0;
  });

  /** Starts an authorization request and returns the rendered account picker. */
  async function startLogin(browser: Browser) {
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const authorizationUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const { res, url } = await browser.follow(authorizationUrl);
    const html = await res.text();
    return { res, url, html, codeVerifier, state, nonce };
  }

  it('discovery advertises code flow, S256 PKCE and end_session', () => {
    const meta = config.serverMetadata();
    expect(meta.issuer).to.equal(issuer);
    expect(meta.response_types_supported).to.deep.equal(['code']);
    expect(meta.code_challenge_methods_supported).to.deep.equal(['S256']);
    expect(meta.scopes_supported).to.include.members(['openid', 'profile', 'email']);
    expect(meta.end_session_endpoint).to.equal(`${issuer}/session/end`);
  });

  it('signs in with one click and returns an ID token with sub, name and email', async () => {
    const browser = new Browser();
    const login = await startLogin(browser);
    expect(login.res.status).to.equal(200);
    expect(login.url.pathname).to.match(/^\/demo-idp\/interaction\/[\w-]+$/);
    expect(login.html).to.include('Δοκιμαστικός πάροχος ταυτότητας (demo)');
    expect(login.html).to.include('Μαρία Παπαδοπούλου').and.include('ΚΕΠ Δήμου Αθηναίων');
    expect(login.html).to.include('name="account" value="demo-operator-a"');

    const { res, url } = await chooseAccount(browser, formAction(login.html, login.url), 'demo-operator-a');
    expect(res.status).to.equal(200);
    expect(url.pathname).to.equal('/auth/callback');
    expect(callbacks).to.have.length(1);

    const tokens = await client.authorizationCodeGrant(config, callbacks[0]!, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
    });
    const claims = tokens.claims();
    expect(claims).to.include({
      iss: issuer,
      aud: CLIENT_ID,
      sub: 'demo-operator-a',
      name: 'Μαρία Παπαδοπούλου',
      email: 'maria.papadopoulou@kep.example.gr',
    });

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, 'demo-operator-a');
    expect(userinfo).to.include({ name: 'Μαρία Παπαδοπούλου', email: 'maria.papadopoulou@kep.example.gr' });
  });

  it('reuses the IdP session: a second sign-in needs no click', async () => {
    const browser = new Browser();
    const first = await startLogin(browser);
    await chooseAccount(browser, formAction(first.html, first.url), 'demo-admin-a');
    callbacks.length = 0;

    const second = await startLogin(browser);
    expect(second.url.pathname).to.equal('/auth/callback');
    const tokens = await client.authorizationCodeGrant(config, callbacks[0]!, {
      pkceCodeVerifier: second.codeVerifier,
      expectedState: second.state,
      expectedNonce: second.nonce,
    });
    expect(tokens.claims()).to.include({ sub: 'demo-admin-a', name: 'Γιώργος Νικολάου' });
  });

  it('rejects an unknown account with 400 and escapes it in the page', async () => {
    const browser = new Browser();
    const login = await startLogin(browser);
    const { res } = await chooseAccount(browser, formAction(login.html, login.url), '<script>alert(1)</script>');
    expect(res.status).to.equal(400);
    const html = await res.text();
    expect(html).to.include('Άγνωστος δοκιμαστικός λογαριασμός');
    expect(html).to.include('&lt;script&gt;alert(1)&lt;/script&gt;').and.not.include('<script>');
    expect(callbacks).to.have.length(0);
  });

  it('requires PKCE', async () => {
    const url = client.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid', state: 'x' });
    const { url: landed } = await new Browser().follow(url);
    expect(landed.pathname).to.equal('/auth/callback');
    expect(landed.searchParams.get('error')).to.equal('invalid_request');
  });

  it('supports RP-initiated logout back to post_logout_redirect_uri', async () => {
    const browser = new Browser();
    const login = await startLogin(browser);
    await chooseAccount(browser, formAction(login.html, login.url), 'demo-operator-b');
    const tokens = await client.authorizationCodeGrant(config, callbacks[0]!, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
    });
    expect(tokens.claims()?.sub).to.equal('demo-operator-b');

    const endSession = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: postLogoutRedirectUri,
      state: 'bye',
    });
    const confirm = await browser.follow(endSession);
    const html = await confirm.res.text();
    expect(confirm.res.status).to.equal(200);
    expect(html).to.include('Αποσύνδεση');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(xsrf).to.be.a('string');

    const { url } = await browser.follow(formAction(html, confirm.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }),
    });
    expect(url.origin + url.pathname).to.equal(postLogoutRedirectUri);
    expect(url.searchParams.get('state')).to.equal('bye');
  });
});
