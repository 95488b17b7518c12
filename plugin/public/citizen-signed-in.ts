import type { EntityManager } from '@mikro-orm/core';
import type { Response } from 'express';
import { recordAudit } from '../db/record-audit.js';
import { issueCitizenToken } from './citizen-auth.js';
import { sendPopupPage } from './citizen-popup-page.js';
import { citizenActor, type Citizen, type PublicDeps } from './public-settings.js';

/**
 * Ends a citizen sign-in that the identity provider confirmed, whichever it was (OIDC or GSIS): issues
 * the bearer token, audits the sign-in and sends the popup page that posts the token, the names and
 * the email (and ΑΦΜ) as the provider said them to the page at `origin`.
 */
export async function finishCitizenSignIn(deps: PublicDeps, em: EntityManager, res: Response, citizen: Citizen, origin: string, idp: 'oidc' | 'gsis'): Promise<void> {
  const { token, expiresAt } = await issueCitizenToken(deps.orm, citizen, deps.rules.citizenTokenMinutes);
  recordAudit(em, { actor: citizenActor(citizen), action: 'citizen.sign_in', entityType: 'citizen', entityId: citizen.sub.slice(0, 64), after: { idp } });
  await em.flush();
  sendPopupPage(
    res,
    200,
    'Συνδεθήκατε. Το παράθυρο κλείνει· αν δεν κλείσει, κλείστε το και επιστρέψτε στη σελίδα κράτησης.',
    {
      type: 'rantevou:citizen',
      token,
      name: citizen.name,
      givenName: citizen.givenName ?? null,
      familyName: citizen.familyName ?? null,
      email: citizen.email ?? null,
      taxId: citizen.taxId ?? null,
      expiresAt: expiresAt.toISOString(),
    },
    origin,
  );
}
