/**
 * IdP-initiated single logout: a LogoutRequest signed by the pinned IdP key ends the person's
 * sessions; an unsigned one (which node-saml alone would accept in the Redirect binding) ends nothing.
 * The same story with the sessions in PostgreSQL and in Redis (DB 3).
 */
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { signedSamlResponse } from '../../examples/demo-saml-idp/saml-response.js';
import { Browser } from '../support/browser.js';
import { logoutRequestUrl, postToAcs, startSamlSignIn, whoAmI } from './support/saml-client.js';
import { startSsoSystem, type SsoSystem } from './support/sso-system.js';

const REDIS_URL = 'redis://127.0.0.1:6379/3';

for (const store of ['postgres', 'redis'] as const) {
  describe(`single logout started by the SAML IdP (sessions in ${store})`, () => {
    let system: SsoSystem;

    before(async () => {
      system = await startSsoSystem(`saml_slo_${store}`, store === 'redis' ? { sessions: { store, redisUrl: REDIS_URL } } : {});
    });
    after(async () => {
      await system?.close();
      if (store === 'redis') await forgetSessions();
    });

    async function signedIn(nameId: string, sessionIndex = '_idp-session-1') {
      const browser = new Browser();
      const { requestId } = await startSamlSignIn(browser, system.url, 'saml-test');
      const xml = signedSamlResponse({ idpEntityId: system.testIdp.entityId, ...system.testIdp.sp(), inResponseTo: requestId, nameId, sessionIndex }, system.testIdp.privateKeyPem);
      expect((await postToAcs(browser, system.url, 'saml-test', xml)).status).to.equal(303);
      expect(await whoAmI(browser, system.url)).to.equal(nameId);
      const [{ n }] = await system.orm.em.fork().getConnection().execute<{ n: number }[]>('select count(*)::int as n from staff_session');
      expect(n > 0, `a session row in PostgreSQL (sessions in ${store})`).to.equal(store === 'postgres');
      return browser;
    }

    /** An HTTP-Redirect LogoutRequest from the IdP (for one IdP session, or all of the person's), signed or not. */
    const logoutRequest = (nameId: string, sign: boolean, sessionIndex: string | null = '_idp-session-1') =>
      logoutRequestUrl(system.url, 'saml-test', {
        issuer: system.testIdp.entityId,
        nameId,
        ...(sessionIndex ? { sessionIndex } : {}),
        ...(sign ? { privateKeyPem: system.testIdp.privateKeyPem } : {}),
      });

    it('ignores an unsigned LogoutRequest: the session lives on', async () => {
      const browser = await signedIn('demo-operator-a');
      const res = await fetch(logoutRequest('demo-operator-a', false), { redirect: 'manual' });
      expect(res.status).to.equal(400);
      expect(await whoAmI(browser, system.url)).to.equal('demo-operator-a');
    });

    it('ends the person’s session on a signed LogoutRequest and answers the IdP', async () => {
      const browser = await signedIn('demo-operator-b');
      const res = await fetch(logoutRequest('demo-operator-b', true), { redirect: 'manual' });
      expect(res.status).to.equal(302);
      expect(new URL(res.headers.get('location')!).searchParams.get('SAMLResponse')).to.be.a('string');
      expect(await whoAmI(browser, system.url)).to.equal(null);
    });

    it('ends only the IdP session named by SessionIndex, and every one without it', async () => {
      const office = await signedIn('demo-admin-a', '_idp-office');
      const laptop = await signedIn('demo-admin-a', '_idp-laptop');
      const other = await signedIn('demo-operator-a', '_idp-office');
      expect((await fetch(logoutRequest('demo-admin-a', true, '_idp-office'), { redirect: 'manual' })).status).to.equal(302);
      expect(await whoAmI(office, system.url)).to.equal(null);
      expect(await whoAmI(laptop, system.url), 'another IdP session of the same person').to.equal('demo-admin-a');
      expect(await whoAmI(other, system.url), 'another person').to.equal('demo-operator-a');
      expect((await fetch(logoutRequest('demo-admin-a', true, null), { redirect: 'manual' })).status).to.equal(302);
      expect(await whoAmI(laptop, system.url)).to.equal(null);
      expect(await whoAmI(other, system.url)).to.equal('demo-operator-a');
    });
  });
}

async function forgetSessions(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const keys = [...(await redis.keys('rantevou:session:*')), ...(await redis.keys('rantevou:saml:*'))];
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
