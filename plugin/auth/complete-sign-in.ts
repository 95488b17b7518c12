import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { Request, Response } from 'express';
import { deriveGrants, sameAccess, type DerivedAccessWithEmail } from './derive-grants.js';
import { RoleSourceUnavailableError, type RoleSource, type StaffIdentity } from './role-source.js';
import type { SamlSessionRef } from './saml-provider.js';
import type { StaffUser } from './session-data.js';
import type { SessionStore } from './session-store.js';
import { signInProblemPage } from './sign-in-problem-page.js';
import { auditStaff, lastKnownAccess } from './staff-audit.js';
import { SESSION_COOKIE, sessionCookieOptions } from './staff-session.middleware.js';

/** What every way of signing in needs. */
export interface SignInDeps {
  orm: MikroORM;
  sessions: SessionStore;
  roles: RoleSource;
}

/** Who signed in and through which provider, as the provider proved it. */
export interface VerifiedSignIn {
  idp: string;
  identity: StaffIdentity;
  idToken?: string;
  saml?: SamlSessionRef;
}

/** The outcome of a sign-in: a new session, or a refusal a person can read. */
export type SignInOutcome = { ok: true; user: StaffUser; sessionId: string } | { ok: false; status: 403 | 503; message: string };

export const ROLE_SOURCE_DOWN_MESSAGE =
  'Η εφαρμογή θυρίδων δεν απαντά αυτή τη στιγμή, οπότε δεν μπορούμε να επιβεβαιώσουμε σε ποιο ΚΕΠ εργάζεστε. Δοκιμάστε ξανά σε λίγα λεπτά.';
const NO_ROLE_MESSAGE = 'Δεν έχετε ρόλο σε κανένα ΚΕΠ. Απευθυνθείτε στον προϊστάμενό σας.';

/**
 * Derives the roles afresh (failing closed when the RoleSource cannot answer), records the sign-in
 * and any change of roles, and starts a NEW session: an id planted before sign-in is worthless after.
 */
export async function establishSession(deps: SignInDeps, req: Request, res: Response, input: VerifiedSignIn): Promise<SignInOutcome> {
  const em = deps.orm.em.fork();
  const { identity, idp } = input;
  let access: DerivedAccessWithEmail;
  try {
    access = await deriveGrants(em, deps.roles, identity, 'sign-in');
  } catch (err) {
    if (!(err instanceof RoleSourceUnavailableError)) throw err;
    auditStaff(em, 'staff.sign_in_failed', identity.sub, { idp, reason: 'role_source_unavailable' });
    await em.flush();
    return { ok: false, status: 503, message: ROLE_SOURCE_DOWN_MESSAGE };
  }
  if (access.grants.length === 0 && !access.supervisor) {
    auditStaff(em, 'staff.sign_in_refused', identity.sub, { idp, reason: 'no_role' });
    await em.flush();
    return { ok: false, status: 403, message: NO_ROLE_MESSAGE };
  }
  const previous = await lastKnownAccess(em, identity.sub);
  if (previous && !sameAccess(previous, access)) {
    auditStaff(em, 'staff.roles_changed', identity.sub, { grants: access.grants, supervisor: access.supervisor, when: 'sign_in' }, { ...previous });
  }
  auditStaff(em, 'staff.sign_in', identity.sub, { idp, grants: access.grants, supervisor: access.supervisor });
  const user: StaffUser = {
    sub: identity.sub,
    name: identity.name,
    // GSIS gives no email: the counter application's, where it has one.
    email: identity.email ?? access.email ?? null,
    grants: access.grants,
    supervisor: access.supervisor,
    grantsAt: Date.now(),
    csrfToken: randomBytes(24).toString('base64url'),
    idp,
    ...(identity.claims && Object.keys(identity.claims).length ? { claims: identity.claims } : {}),
    ...(input.idToken ? { idToken: input.idToken } : {}),
    ...(input.saml ? { saml: input.saml } : {}),
  };
  // In PostgreSQL the audit lines and the session are one flush: one transaction. Elsewhere the
  // session comes first, so a store that is down records no sign-in that did not happen, and a
  // session whose audit line could not be written is ended again.
  const sessionId = await deps.sessions.create(em, { user });
  await em.flush().catch(async (err: unknown) => {
    await deps.sessions.destroy(em, sessionId).catch(() => {});
    throw err;
  });
  await deps.sessions.sweep(em);
  res.cookie(SESSION_COOKIE, sessionId, sessionCookieOptions(req, deps.sessions.limits.absoluteMs));
  return { ok: true, user, sessionId };
}

/** A browser sign-in's end: back to the page the person started from, or a page that says why not. */
export async function finishBrowserSignIn(deps: SignInDeps, req: Request, res: Response, input: VerifiedSignIn, returnTo: string, retry?: string) {
  const outcome = await establishSession(deps, req, res, input);
  if (outcome.ok) res.redirect(303, returnTo);
  else res.status(outcome.status).type('html').send(signInProblemPage(outcome.message, retry));
}

/** Records a sign-in the identity provider did not prove, and tells the person. */
export async function refuseSignIn(deps: SignInDeps, res: Response, idp: string, reason: string, message: string, retry?: string) {
  const em = deps.orm.em.fork();
  auditStaff(em, 'staff.sign_in_failed', 'unknown', { idp, reason });
  await em.flush();
  res.status(400).type('html').send(signInProblemPage(message, retry));
}
