import { defineEntity, p } from '@mikro-orm/core';

/**
 * A citizen sign-in in progress in the popup, between the redirect to the identity provider and the
 * callback: PKCE verifier, state, nonce and the page origin the token will be posted to. Named by
 * the SHA-256 of a first-party cookie of the popup window; lives ten minutes.
 */
export const CitizenLoginSchema = defineEntity({
  name: 'CitizenLogin',
  tableName: 'citizen_login',
  properties: {
    idHash: p.string().length(64).primary(),
    codeVerifier: p.string().length(128),
    state: p.string().length(128),
    nonce: p.string().length(128),
    origin: p.string().length(300),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
  },
});

export class CitizenLogin extends CitizenLoginSchema.class {}
CitizenLoginSchema.setClass(CitizenLogin);
