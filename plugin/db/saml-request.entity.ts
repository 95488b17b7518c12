import { defineEntity, p } from '@mikro-orm/core';

/**
 * A SAML request we sent (AuthnRequest or LogoutRequest), kept until it expires so the answer's
 * `InResponseTo` can be checked by any instance: node-saml's in-memory cache would only know the
 * requests of the instance that sent them (passport-saml issues 334 and 413).
 */
export const SamlRequestSchema = defineEntity({
  name: 'SamlRequest',
  tableName: 'saml_request',
  properties: {
    id: p.string().length(256).primary(),
    idp: p.string().length(64),
    /** The value node-saml asked us to keep: the request's IssueInstant. */
    issuedAt: p.string().length(64),
    expiresAt: p.datetime(),
  },
});

export class SamlRequest extends SamlRequestSchema.class {}
SamlRequestSchema.setClass(SamlRequest);
