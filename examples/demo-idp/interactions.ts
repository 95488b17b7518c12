/**
 * Express routes for the demo IdP's login interaction, replacing
 * oidc-provider's built-in (English, password-form) devInteractions.
 *
 *   GET  {issuer}/interaction/:uid        → account picker (one button per demo account)
 *   POST {issuer}/interaction/:uid/login  → `account=<sub>` finishes the login
 *
 * Consent is never asked: the provider's `loadExistingGrant` hook grants the
 * requested OpenID scopes to these first-party clients (see demo-idp.ts), so
 * after one click the browser is sent straight back to the client.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Provider } from 'oidc-provider';

import type { DemoAccount } from './demo-idp.js';
import { errorPage, loginPage } from './page.js';

/** Shape of oidc-provider's OIDCProviderError as far as we rely on it. */
interface ProviderError {
  statusCode?: number;
  error?: string;
  error_description?: string;
}

function isProviderError(err: unknown): err is ProviderError & Error {
  return err instanceof Error && typeof (err as ProviderError).error === 'string';
}

function sendHtml(res: Response, status: number, html: string): void {
  // Interaction pages are per-login-attempt; never let a cache replay them.
  res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
}

/**
 * Maps failures to a Greek HTML page. Expired/missing interaction cookies
 * (SessionNotFound, 400) are the common case: e.g. the tab sat open past the
 * interaction TTL, or the IdP process restarted and lost its memory store.
 */
function renderFailure(res: Response, next: NextFunction, err: unknown): void {
  if (isProviderError(err)) {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    sendHtml(
      res,
      status,
      errorPage('Η σύνδεση δεν μπορεί να συνεχιστεί', {
        Σφάλμα: err.error,
        Περιγραφή: err.error_description,
        Τι_να_κάνετε: 'Επιστρέψτε στην εφαρμογή και ξεκινήστε ξανά τη σύνδεση.',
      }),
    );
    return;
  }
  next(err);
}

/**
 * Builds the interaction router. It must run *before* `provider.callback()`
 * for the same mount point, and only its own routes parse request bodies —
 * oidc-provider reads raw bodies itself and must not see a consumed stream.
 *
 * @param provider  the oidc-provider instance whose interactions we serve
 * @param accounts  demo accounts offered on the picker
 * @param basePath  pathname of the issuer (e.g. `/demo-idp`), used to build the form action
 */
export function createInteractionRouter(provider: Provider, accounts: readonly DemoAccount[], basePath: string): Router {
  const router = express.Router();
  const bySub = new Map(accounts.map((a) => [a.sub, a]));
  const parseForm = express.urlencoded({ extended: false, limit: '4kb' });

  router.get('/interaction/:uid', async (req: Request<{ uid: string }>, res: Response, next: NextFunction) => {
    try {
      const details = await provider.interactionDetails(req, res);
      // The cookie names the interaction; the URL must agree, or the user is
      // looking at a stale tab from another login attempt.
      if (details.uid !== req.params.uid) {
        sendHtml(res, 400, errorPage('Άκυρο αίτημα σύνδεσης', { Σφάλμα: 'interaction mismatch' }));
        return;
      }
      const action = `${basePath}/interaction/${encodeURIComponent(details.uid)}/login`;
      sendHtml(res, 200, loginPage(action, accounts));
    } catch (err) {
      renderFailure(res, next, err);
    }
  });

  router.post('/interaction/:uid/login', parseForm, async (req: Request<{ uid: string }>, res: Response, next: NextFunction) => {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== req.params.uid) {
        sendHtml(res, 400, errorPage('Άκυρο αίτημα σύνδεσης', { Σφάλμα: 'interaction mismatch' }));
        return;
      }
      const body: unknown = req.body;
      const sub = body && typeof body === 'object' ? (body as Record<string, unknown>)['account'] : undefined;
      const account = typeof sub === 'string' ? bySub.get(sub) : undefined;
      if (!account) {
        sendHtml(res, 400, errorPage('Άγνωστος δοκιμαστικός λογαριασμός', { account: typeof sub === 'string' ? sub : '' }));
        return;
      }
      // 303 to the provider's resume URL; it then redirects to the client.
      // mergeWithLastSubmission=false: a fresh click replaces any earlier result.
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub } },
        { mergeWithLastSubmission: false },
      );
    } catch (err) {
      renderFailure(res, next, err);
    }
  });

  return router;
}
