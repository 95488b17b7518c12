import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express, { Router, type Request, type Response } from 'express';
import { gsisPickerPage, xmlAttr } from './demo-gsis-page.js';

/** A person of the stand-in, with the fields GSIS userinfo has. */
export interface DemoGsisPerson {
  userid: string;
  taxid: string;
  firstname: string;
  lastname: string;
  fathername?: string;
  mothername?: string;
  birthyear?: string;
  description?: string;
}

/** A registered client: its redirect URIs and the pages logout may return to, exactly as GSIS registers them. */
export interface DemoGsisClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Logout's `?url=` must start with one of these. */
  logoutUrls: string[];
}

/** Ways the stand-in misbehaves on purpose, for tests; all off by default. */
export interface DemoGsisFaults {
  /** `error`: a JSON error body; `refuse-token`: 401 with a JSON error; `no-taxid`/`no-userid`: the attribute left out; `slow`: answers after `delayMs`. */
  userinfo?: 'error' | 'refuse-token' | 'no-taxid' | 'no-userid' | 'slow';
  token?: 'slow';
  delayMs?: number;
}

/** The stand-in: mount `router` at the path of `baseUrl`. */
export interface DemoGsis {
  router: Router;
  baseUrl: string;
  faults: DemoGsisFaults;
  /** How many people are signed in at the stand-in itself (its own session cookie). */
  signedInCount(): number;
}

const CODE_MS = 60_000;
const TOKEN_MS = 10 * 60_000;
const SESSION_COOKIE = 'demo_gsis_session';

/** The demo people of `demo-gsis-people.json`. */
export function loadDemoGsisPeople(): { staff: DemoGsisPerson[]; citizens: DemoGsisPerson[] } {
  return JSON.parse(readFileSync(new URL('./demo-gsis-people.json', import.meta.url), 'utf8')) as { staff: DemoGsisPerson[]; citizens: DemoGsisPerson[] };
}

/**
 * A stand-in of the GSIS OAuth 2.0 service that speaks its protocol as public clients show it:
 * `oauth/authorize` (a page to pick a demo person), `oauth/token` (a form POST of client_id,
 * client_secret, code, redirect_uri, grant_type; JSON answers and errors), `userinfo?format=xml`
 * (XML with padded values and Greek as `&#NNN;` references, errors as JSON) and
 * `logout/{clientId}/?url=`. Codes are single-use and bound to the client and redirect URI; a
 * PKCE challenge is checked when one was sent. Not for production.
 */
export function createDemoGsis(options: { baseUrl: string; title: string; clients: DemoGsisClient[]; people: DemoGsisPerson[] }): DemoGsis {
  const router = Router();
  const faults: DemoGsisFaults = {};
  const people = new Map(options.people.map((p) => [p.userid, p]));
  const codes = new Map<string, { clientId: string; redirectUri: string; userid: string; challenge: string | null; expires: number }>();
  const tokens = new Map<string, { userid: string; expires: number }>();
  const sessions = new Map<string, string>();
  const cookiePath = new URL(options.baseUrl).pathname.replace(/\/?$/, '/');
  const client = (id: unknown) => options.clients.find((c) => c.clientId === id);
  const delay = () => new Promise((r) => setTimeout(r, faults.delayMs ?? 5000));
  const sessionOf = (req: Request) => {
    const id = /(?:^|;\s*)demo_gsis_session=([\w-]+)/.exec(req.get('cookie') ?? '')?.[1];
    return id && sessions.has(id) ? { id, userid: sessions.get(id)! } : null;
  };
  const jsonError = (res: Response, status: number, error: string, description: string) =>
    void res.status(status).set('Cache-Control', 'no-store').json({ error, error_description: description });

  const issueCode = (res: Response, q: Record<string, string>, userid: string) => {
    const code = randomBytes(6).toString('base64url');
    codes.set(code, { clientId: q.client_id!, redirectUri: q.redirect_uri!, userid, challenge: q.code_challenge ?? null, expires: Date.now() + CODE_MS });
    const back = new URL(q.redirect_uri!);
    back.searchParams.set('code', code);
    if (q.state) back.searchParams.set('state', q.state);
    res.redirect(303, back.href);
  };
  const authorizeParams = (src: Record<string, unknown>) => {
    const q: Record<string, string> = {};
    for (const k of ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'code_challenge', 'code_challenge_method']) {
      if (typeof src[k] === 'string') q[k] = src[k] as string;
    }
    const c = client(q.client_id);
    if (!c || !q.redirect_uri || !c.redirectUris.includes(q.redirect_uri) || q.response_type !== 'code') return null;
    return q;
  };

  router.get('/oauth/authorize', (req, res) => {
    const q = authorizeParams(req.query as Record<string, unknown>);
    if (!q) return void res.status(400).type('html').send(gsisPickerPage(options.title, null, [], 'Άγνωστη εφαρμογή ή μη καταχωρισμένη διεύθυνση επιστροφής.'));
    const session = sessionOf(req);
    if (session && people.has(session.userid)) return issueCode(res, q, session.userid);
    res.type('html').set('Cache-Control', 'no-store').send(gsisPickerPage(options.title, q, options.people));
  });

  router.post('/oauth/authorize', express.urlencoded({ extended: false }), (req, res) => {
    const q = authorizeParams(req.body as Record<string, unknown>);
    const person = people.get(String(req.body?.userid ?? ''));
    if (!q || !person) return void res.status(400).type('html').send(gsisPickerPage(options.title, null, [], 'Άκυρο αίτημα σύνδεσης.'));
    const id = randomBytes(16).toString('base64url');
    sessions.set(id, person.userid);
    res.cookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'lax', path: cookiePath });
    issueCode(res, q, person.userid);
  });

  router.post('/oauth/token', express.urlencoded({ extended: false }), async (req, res) => {
    if (faults.token === 'slow') await delay();
    const b = (req.body ?? {}) as Record<string, string | undefined>;
    const c = client(b.client_id);
    if (!c || b.client_secret !== c.clientSecret) return jsonError(res, 401, 'invalid_client', 'Bad client credentials');
    if (b.grant_type !== 'authorization_code') return jsonError(res, 400, 'unsupported_grant_type', 'Unsupported grant type');
    const grant = b.code ? codes.get(b.code) : undefined;
    if (b.code) codes.delete(b.code);
    if (!grant || grant.expires < Date.now() || grant.clientId !== c.clientId) return jsonError(res, 400, 'invalid_grant', `Invalid authorization code: ${b.code ?? ''}`);
    if (grant.redirectUri !== b.redirect_uri) return jsonError(res, 400, 'invalid_grant', 'Redirect URI mismatch.');
    if (grant.challenge && createHash('sha256').update(b.code_verifier ?? '').digest('base64url') !== grant.challenge) {
      return jsonError(res, 400, 'invalid_grant', 'Invalid code verifier.');
    }
    const token = randomBytes(18).toString('hex');
    tokens.set(token, { userid: grant.userid, expires: Date.now() + TOKEN_MS });
    res.set('Cache-Control', 'no-store').json({ access_token: token, token_type: 'bearer', expires_in: TOKEN_MS / 1000, scope: 'read' });
  });

  router.get('/userinfo', async (req, res) => {
    if (faults.userinfo === 'slow') await delay();
    const token = /^Bearer (\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const grant = token ? tokens.get(token) : undefined;
    if (!grant || grant.expires < Date.now() || faults.userinfo === 'refuse-token') return jsonError(res, 401, 'invalid_token', `Invalid access token: ${token ?? ''}`);
    // GSIS answers some errors with 200 and a JSON body.
    if (faults.userinfo === 'error') return jsonError(res, 200, 'server_error', 'User info not available');
    const p = people.get(grant.userid)!;
    const fields: [string, string | undefined][] = [
      ['userid', faults.userinfo === 'no-userid' ? undefined : p.userid],
      ['taxid', faults.userinfo === 'no-taxid' ? undefined : p.taxid],
      ['lastname', p.lastname],
      ['firstname', p.firstname],
      ['fathername', p.fathername],
      ['mothername', p.mothername],
      ['birthyear', p.birthyear],
    ];
    // Fixed-width padding, as the service's database columns give it.
    const attrs = fields.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}="${xmlAttr(v!.padEnd(k === 'birthyear' ? 4 : 20, ' '))}"`);
    res.type('application/xml').send(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><root><userinfo ${attrs.join(' ')}/></root>`);
  });

  router.get('/logout/:clientId/', (req, res) => {
    const c = client(req.params.clientId);
    const url = typeof req.query.url === 'string' ? req.query.url : '';
    const session = sessionOf(req);
    if (session) sessions.delete(session.id);
    res.clearCookie(SESSION_COOKIE, { path: cookiePath });
    if (c && url && c.logoutUrls.some((allowed) => url.startsWith(allowed))) return void res.redirect(303, url);
    res.type('html').send(gsisPickerPage(options.title, null, [], 'Αποσυνδεθήκατε.'));
  });

  return { router, baseUrl: options.baseUrl, faults, signedInCount: () => sessions.size };
}
