import { defineEntity, p } from '@mikro-orm/core';

/**
 * A signed-in citizen's bearer token for the public API. Only the SHA-256 of the token is stored, so
 * a leaked table hands out no live tokens; it lapses at `expiresAt` (no refresh: sign in again).
 */
export const CitizenTokenSchema = defineEntity({
  name: 'CitizenToken',
  tableName: 'citizen_token',
  properties: {
    tokenHash: p.string().length(64).primary(),
    /** The citizen's subject at the citizen identity provider. */
    sub: p.string().length(200),
    name: p.string().length(200),
    /** The given and family names as the identity provider said them (`given_name`, `family_name`); null when it gave only `name`. */
    givenName: p.string().length(200).nullable(),
    familyName: p.string().length(200).nullable(),
    email: p.string().length(254).nullable(),
    /** The ΑΦΜ the identity provider said (GSIS `taxid`); null when it gave none. */
    taxId: p.string().length(9).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
  },
});

export class CitizenToken extends CitizenTokenSchema.class {}
CitizenTokenSchema.setClass(CitizenToken);
