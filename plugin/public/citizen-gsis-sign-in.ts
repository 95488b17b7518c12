import type { Request, Response } from 'express';
import * as client from 'openid-client';
import { createGsisClient, type GsisClient } from '../auth/gsis-client.js';
import { GsisRefusal, gsisFullName } from '../auth/gsis-userinfo.js';
import { CitizenLogin } from '../db/citizen-login.entity.js';
import { recordAudit } from '../db/record-audit.js';
import { isValidAfm } from '../domain/tax-id.js';
import { sendPopupPage } from './citizen-popup-page.js';
import { finishCitizenSignIn } from './citizen-signed-in.js';
import type { Citizen, PublicDeps } from './public-settings.js';
import { baseUrlOf } from './public-urls.js';

/** Marks a pending citizen sign-in as GSIS (it has no nonce): neither callback accepts the other's. */
export const GSIS_LOGIN_MARK = 'gsis';

const REFUSED = 'Η υπηρεσία της ΓΓΠΣ (TaxisNet) δεν επιβεβαίωσε τη σύνδεση. Κλείστε το παράθυρο και δοκιμάστε ξανά.';
const SLOW = 'Η υπηρεσία της ΓΓΠΣ (TaxisNet) δεν απάντησε εγκαίρως. Κλείστε το παράθυρο και δοκιμάστε ξανά σε λίγα λεπτά.';

/** The GSIS client of the citizen sign-in, once, or null when it is not configured. */
export function citizenGsisClient(deps: PublicDeps): GsisClient | null {
  return deps.citizenGsis ? createGsisClient(deps.citizenGsis) : null;
}

/** The redirect URI to register at GSIS for citizens: `{publicUrl}/api/v1/public/auth/gsis/callback`. */
export function citizenGsisCallbackUrl(req: Request, publicUrl?: string): string {
  return `${baseUrlOf(req, publicUrl)}/api/v1/public/auth/gsis/callback`;
}

/** What a pending GSIS sign-in stores (the row is the OIDC one's: the verifier is used only with PKCE). */
export function newGsisLogin() {
  return { codeVerifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: GSIS_LOGIN_MARK };
}

/**
 * The popup's callback from GSIS: state, code exchange and XML userinfo through the GSIS client.
 * The subject is the ΑΦΜ (`taxid`), which must be a valid one; the names are the service's, so the
 * booking takes them from the token. A refusal is audited and told in Greek; nothing is signed in.
 */
export async function finishCitizenGsisLogin(deps: PublicDeps, gsis: GsisClient, login: CitizenLogin, res: Response, current: URL) {
  const em = deps.orm.em.fork();
  let citizen: Citizen;
  try {
    const info = await gsis.signIn(current, { state: login.state, codeVerifier: login.codeVerifier });
    if (!info.taxid) throw new GsisRefusal('no_taxid');
    if (!isValidAfm(info.taxid)) throw new GsisRefusal('bad_taxid');
    citizen = {
      sub: info.taxid,
      name: gsisFullName(info) ?? info.taxid,
      email: null,
      givenName: info.firstname,
      familyName: info.lastname,
      taxId: info.taxid,
    };
  } catch (err) {
    if (!(err instanceof GsisRefusal)) throw err;
    recordAudit(em, { actor: 'citizen:unknown', action: 'citizen.sign_in_failed', entityType: 'citizen', entityId: 'unknown', after: { idp: 'gsis', reason: err.reason } });
    await em.flush();
    const detail = err.reason.endsWith('timeout') ? SLOW : REFUSED;
    sendPopupPage(res, 400, detail, { type: 'rantevou:citizen-error', detail }, login.origin);
    return;
  }
  await finishCitizenSignIn(deps, em, res, citizen, login.origin, 'gsis');
}
