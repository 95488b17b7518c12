import { defineEntity, p } from '@mikro-orm/core';

/**
 * An assertion id already used to sign in. The primary key makes a replay fail in the database
 * itself, even when two instances receive the same captured response at the same moment.
 */
export const SamlAssertionSchema = defineEntity({
  name: 'SamlAssertion',
  tableName: 'saml_assertion',
  properties: {
    idp: p.string().length(64).primary(),
    assertionId: p.string().length(256).primary(),
    usedAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
  },
});

export class SamlAssertion extends SamlAssertionSchema.class {}
SamlAssertionSchema.setClass(SamlAssertion);
