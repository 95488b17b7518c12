import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/core';
import type { CacheItem, CacheProvider } from '@node-saml/passport-saml';
import { SamlAssertion } from '../db/saml-assertion.entity.js';
import { SamlRequest } from '../db/saml-request.entity.js';

/** How long an AuthnRequest may wait for its answer: a person at the IdP's login form. */
export const SAML_REQUEST_TTL_MS = 10 * 60_000;

/**
 * node-saml's CacheProvider on PostgreSQL, one per IdP: the ids of the requests we sent, readable by
 * every instance, so `InResponseTo` is checked against a request we really made whichever instance
 * receives the answer. Each call uses its own EntityManager: node-saml calls it outside any request.
 */
export class PostgresSamlCacheProvider implements CacheProvider {
  constructor(
    private readonly orm: MikroORM,
    private readonly idp: string,
    private readonly ttlMs = SAML_REQUEST_TTL_MS,
  ) {}

  async saveAsync(key: string, value: string): Promise<CacheItem | null> {
    const em = this.orm.em.fork();
    try {
      await em.insert(SamlRequest, { id: key, idp: this.idp, issuedAt: value, expiresAt: new Date(Date.now() + this.ttlMs) });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) return null;
      throw err;
    }
    return { value, createdAt: Date.now() };
  }

  async getAsync(key: string): Promise<string | null> {
    const row = await this.orm.em.fork().findOne(SamlRequest, { id: key, idp: this.idp, expiresAt: { $gt: new Date() } });
    return row?.issuedAt ?? null;
  }

  async removeAsync(key: string | null): Promise<string | null> {
    if (!key) return null;
    const removed = await this.orm.em.fork().nativeDelete(SamlRequest, { id: key, idp: this.idp });
    return removed > 0 ? key : null;
  }
}

/**
 * Records an assertion id as used; false when it was used before. The primary key decides, so two
 * instances given the same captured response at the same moment cannot both accept it.
 */
export async function claimAssertionId(orm: MikroORM, idp: string, assertionId: string, expiresAt: Date): Promise<boolean> {
  try {
    await orm.em.fork().insert(SamlAssertion, { idp, assertionId, expiresAt });
    return true;
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) return false;
    throw err;
  }
}

/** Forgets expired request ids and assertion ids (an expired assertion is refused by its own dates). */
export async function sweepSamlState(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  const now = new Date();
  await em.nativeDelete(SamlRequest, { expiresAt: { $lte: now } });
  await em.nativeDelete(SamlAssertion, { expiresAt: { $lte: now } });
}
