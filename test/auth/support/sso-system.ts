import { generateKeyPairSync } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createDemoCounter } from '../../../examples/demo-counter/demo-counter.js';
import { seedDemoData } from '../../../examples/demo-data.js';
import { createDemoIdp, loadDemoAccounts } from '../../../examples/demo-idp/demo-idp.js';
import { createDemoSamlIdp } from '../../../examples/demo-saml-idp/demo-saml-idp.js';
import { createDemoKeyAndCertificate } from '../../../examples/demo-saml-idp/self-signed-certificate.js';
import { loadExtraDemoAccounts } from '../../../examples/demo-counter/demo-counter.js';
import { createCounterAppRoleSource, createRantevou, type RantevouOptions } from '../../../plugin/index.js';
import { createTestDatabase } from '../../support/test-database.js';

const CLIENT = { client_id: 'rantevou-sso-test', client_secret: 'sso-test-secret-0123456789-abcdefghij' };

/** The system under test: the plugin in production mode, an OIDC IdP, two SAML IdPs and the counter application, each on its own port. */
export type SsoSystem = Awaited<ReturnType<typeof startSsoSystem>>;

/**
 * Starts the plugin (PostgreSQL: a fresh database; BullMQ on Redis DB 7) with identity providers
 * side by side — `oidc-main` (the demo OIDC IdP), `saml-gsis` (the demo SAML IdP, encrypting to us)
 * and `saml-test`, `saml-strict`, `saml-enc`, `saml-enc-required`, whose signing key the test holds
 * to craft and tamper with responses — and the counter application's stand-in as the RoleSource,
 * reached over HTTP on another port.
 */
export async function startSsoSystem(label: string, extra: Partial<RantevouOptions> = {}, { counterCacheMs = 60_000 } = {}) {
  const db = await createTestDatabase(label);
  const hostApp = express();
  const idpApp = express();
  const counterApp = express();
  const [hostServer, idpServer] = await Promise.all([listen(hostApp), listen(idpApp)]);
  let counterServer = await listen(counterApp);
  const counterPort = port(counterServer);
  const url = `http://127.0.0.1:${port(hostServer)}`;
  const idpBase = `http://127.0.0.1:${port(idpServer)}`;
  const acs = (id: string) => `${url}/auth/saml/${id}`;

  const counter = createDemoCounter();
  counterApp.use('/counter', counter.router);
  const oidcIdp = createDemoIdp({ issuer: `${idpBase}/idp`, clients: [{ ...CLIENT, redirect_uris: [`${url}/auth/callback`], post_logout_redirect_uris: [`${url}/`] }], accounts: loadDemoAccounts() });
  idpApp.use('/idp', oidcIdp.handler);
  /** Our (the SP's) encryption key and certificate: `saml-gsis` and `saml-enc*` decrypt with it. */
  const spKeys = createDemoKeyAndCertificate('Rantevou SP (test)');
  const samlIdp = createDemoSamlIdp({
    baseUrl: `${idpBase}/saml-idp`,
    sp: { entityId: `${acs('saml-gsis')}/metadata`, acsUrl: `${acs('saml-gsis')}/acs`, sloUrl: `${acs('saml-gsis')}/slo`, encryptionCert: spKeys.certPem },
    accounts: [...loadDemoAccounts(), ...loadExtraDemoAccounts()],
  });
  idpApp.use('/saml-idp', samlIdp.router);
  const testKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const testIdp = {
    entityId: 'https://sso.test.gov.gr/idp',
    privateKeyPem: testKey.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: testKey.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    /** Our entityID and ACS at `saml-test` (or another id). */
    sp: (id = 'saml-test') => ({ audience: `${acs(id)}/metadata`, acsUrl: `${acs(id)}/acs` }),
  };

  const decryption = { decryptionKey: spKeys.privateKeyPem, decryptionCert: spKeys.certPem };
  const rantevou = await createRantevou({
    mode: 'production',
    database: { url: db.url },
    identityProviders: [
      { id: 'oidc-main', kind: 'oidc', label: 'OpenID Connect', issuer: `${idpBase}/idp`, clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret },
      // The demo IdP pages: a self-signed certificate pinned, every assertion encrypted to us.
      { id: 'saml-gsis', kind: 'saml', label: 'SAML (demo)', entryPoint: samlIdp.ssoUrl, idpIssuer: samlIdp.entityId, idpCert: samlIdp.certPem, logoutUrl: samlIdp.sloUrl, ...decryption, wantAssertionsEncrypted: true },
      // Signs only its assertions, as many IdPs do: the assertion-level defences carry the whole weight.
      { id: 'saml-test', kind: 'saml', entryPoint: 'https://sso.test.gov.gr/idp/sso', idpIssuer: testIdp.entityId, idpCert: testIdp.publicKeyPem, wantAuthnResponseSigned: false },
      { id: 'saml-strict', kind: 'saml', entryPoint: 'https://sso.test.gov.gr/idp/sso', idpIssuer: testIdp.entityId, idpCert: testIdp.publicKeyPem },
      // Can decrypt, and takes plain assertions too (only assertions signed, like saml-test); and one that takes only encrypted ones.
      { id: 'saml-enc', kind: 'saml', entryPoint: 'https://sso.test.gov.gr/idp/sso', idpIssuer: testIdp.entityId, idpCert: testIdp.publicKeyPem, ...decryption, wantAuthnResponseSigned: false },
      { id: 'saml-enc-required', kind: 'saml', entryPoint: 'https://sso.test.gov.gr/idp/sso', idpIssuer: testIdp.entityId, idpCert: testIdp.publicKeyPem, ...decryption, wantAssertionsEncrypted: true },
    ],
    roleSource: createCounterAppRoleSource({ url: `http://127.0.0.1:${counterPort}/counter`, credentials: { bearer: counter.token }, timeoutMs: 2000, cacheMs: counterCacheMs }),
    email: { redisUrl: 'redis://127.0.0.1:6379/7' },
    publicUrl: url,
    log: () => {},
    ...extra,
  });
  await seedDemoData(rantevou.orm);
  hostApp.use(rantevou.router);

  return {
    url,
    rantevou,
    orm: rantevou.orm,
    counter,
    testIdp,
    spKeys,
    /** The counter application stops answering (its port refuses connections). */
    async stopCounter() {
      await close(counterServer);
    },
    async startCounter() {
      counterServer = await listen(counterApp, counterPort);
    },
    async close() {
      await rantevou.close();
      await Promise.all([close(hostServer), close(idpServer), counterServer.listening ? close(counterServer) : null]);
      await db.drop();
    },
  };
}

function listen(app: express.Express, at = 0): Promise<Server> {
  return new Promise((resolve) => {
    const s = app.listen(at, '127.0.0.1', () => resolve(s));
  });
}

function port(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
