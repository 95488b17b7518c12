import express, { Router, type Request, type Response } from 'express';
import type { Profile } from '@node-saml/passport-saml';
import { finishBrowserSignIn, refuseSignIn, type SignInDeps } from './complete-sign-in.js';
import { ownOrigin } from './csrf.middleware.js';
import type { IdentityProviders, SamlRegisteredProvider } from './identity-providers.js';
import { sweepSamlState } from './saml-cache-provider.js';
import { checkSignatureAlgorithms, isSha1Algorithm, refuseDtd } from './saml-checks.js';
import { SamlRefusal } from './saml-provider.js';
import type { PendingSamlLogin } from './session-data.js';
import { signInProblemPage } from './sign-in-problem-page.js';
import { PENDING_LOGIN_MS, pendingCookieOptions, SESSION_COOKIE } from './staff-session.middleware.js';

// From /auth/saml/:idp/acs, the sign-in link is two levels up.
const retryFor = (idp: string) => `../../login?idp=${encodeURIComponent(idp)}`;

/** Sends the browser to the SAML IdP with an AuthnRequest whose id is remembered server-side. */
export async function startSamlLogin(deps: SignInDeps, p: SamlRegisteredProvider, req: Request, res: Response, returnTo: string) {
  const { url, requestId } = await p.startLogin();
  const login: PendingSamlLogin = { kind: 'saml', idp: p.id, requestId, returnTo };
  const id = await deps.sessions.create(deps.orm.em.fork(), { login }, PENDING_LOGIN_MS);
  res.cookie(SESSION_COOKIE, id, pendingCookieOptions(req, true));
  res.redirect(url);
}

/** `/auth/saml/:idp/metadata`, `/auth/saml/:idp/acs` (HTTP-POST) and `/auth/saml/:idp/slo` (single logout). */
export function samlRoutes(deps: SignInDeps, providers: IdentityProviders): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '512kb' });
  const samlProvider = (req: Request) => {
    const p = providers.byId(String(req.params.idp));
    return p?.kind === 'saml' ? p : null;
  };

  router.get('/:idp/metadata', (req, res) => {
    const p = samlProvider(req);
    if (!p) return void res.status(404).type('text').send('Άγνωστος πάροχος ταυτότητας.');
    res.type('application/samlmetadata+xml').send(p.metadata());
  });

  router.post('/:idp/acs', form, async (req, res) => {
    const p = samlProvider(req);
    if (!p) return void res.status(404).type('text').send('Άγνωστος πάροχος ταυτότητας.');
    const samlResponse = typeof req.body?.SAMLResponse === 'string' ? req.body.SAMLResponse : '';
    const row = req.sessionId ? await deps.sessions.load(deps.orm.em.fork(), req.sessionId) : null;
    const login = row?.data.login;
    if (!req.sessionId || login?.kind !== 'saml' || login.idp !== p.id || !samlResponse) {
      await refuseSignIn(deps, res, p.id, 'no_pending_login', 'Η σύνδεση έληξε ή ξεκίνησε σε άλλο παράθυρο. Δοκιμάστε ξανά.', retryFor(p.id));
      return;
    }
    // One try per AuthnRequest: whatever the outcome, the pending sign-in is spent.
    await deps.sessions.destroy(deps.orm.em.fork(), req.sessionId);
    let verified;
    try {
      verified = await p.verifyLogin(samlResponse, login.requestId);
    } catch (err) {
      if (!(err instanceof SamlRefusal)) throw err;
      await refuseSignIn(deps, res, p.id, err.reason, 'Ο πάροχος ταυτότητας δεν επιβεβαίωσε τη σύνδεση.', retryFor(p.id));
      return;
    }
    await sweepSamlState(deps.orm);
    await finishBrowserSignIn(deps, req, res, { idp: p.id, identity: verified.identity, saml: verified.ref }, login.returnTo, retryFor(p.id));
  });

  const slo = async (req: Request, res: Response) => {
    const p = samlProvider(req);
    if (!p) return void res.status(404).type('text').send('Άγνωστος πάροχος ταυτότητας.');
    const params = (req.method === 'POST' ? req.body : req.query) as Record<string, string | undefined>;
    if (params.SAMLResponse) {
      // The IdP's answer to our LogoutRequest: our session already ended before we sent it.
      return void res.redirect(303, `${ownOrigin(req)}/`);
    }
    if (!params.SAMLRequest) return void res.status(400).type('html').send(signInProblemPage('Άκυρο αίτημα αποσύνδεσης.', retryFor(p.id)));
    const profile = await verifiedLogoutRequest(p, req, params).catch(() => null);
    if (!profile) return void res.status(400).type('html').send(signInProblemPage('Άκυρο αίτημα αποσύνδεσης.', retryFor(p.id)));
    await deps.sessions.destroySaml(deps.orm.em.fork(), p.id, profile.nameID, profile.sessionIndex);
    res.redirect(await p.saml.getLogoutResponseUrlAsync(profile, params.RelayState ?? '', {}, true));
  };
  router.get('/:idp/slo', slo);
  router.post('/:idp/slo', form, slo);
  return router;
}

/**
 * An IdP-initiated LogoutRequest, signed by the pinned IdP certificate. node-saml accepts an
 * unsigned Redirect-binding request; we do not, or anyone could end anyone's session.
 */
async function verifiedLogoutRequest(p: SamlRegisteredProvider, req: Request, params: Record<string, string | undefined>): Promise<Profile | null> {
  if (req.method === 'POST') {
    const xml = Buffer.from(params.SAMLRequest ?? '', 'base64').toString('utf8');
    refuseDtd(xml);
    checkSignatureAlgorithms(xml, p.config.allowSha1);
    return (await p.saml.validatePostRequestAsync(params as Record<string, string>)).profile;
  }
  if (!params.Signature || !params.SigAlg) return null;
  if (isSha1Algorithm(params.SigAlg) && !p.config.allowSha1) return null;
  const originalQuery = req.originalUrl.split('?')[1] ?? '';
  return (await p.saml.validateRedirectAsync(req.query, originalQuery)).profile;
}
