/**
 * Demo SAML 2.0 identity provider for Rantevou. `npm start` mounts it so the SAML sign-in path works
 * without a real public-administration IdP, and the tests drive it end to end.
 *
 *   GET  {base}/          a page listing the demo accounts
 *   GET  {base}/metadata  the IdP's metadata (entityID, endpoints, signing certificate)
 *   GET  {base}/sso       HTTP-Redirect AuthnRequest → account picker
 *   POST {base}/sso/login `account=<sub>` → a signed (optionally encrypted) Response, POSTed to the SP's ACS by a self-submitting form
 *   GET  {base}/slo       HTTP-Redirect LogoutRequest → a LogoutResponse back to the SP
 *
 * Not for production: the signing key and its self-signed certificate are generated at every start,
 * and "login" is choosing an account. The SP pins that certificate, as it would a real IdP's. Given
 * the SP's encryption certificate, the assertions are encrypted to it as well as signed.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import express, { type Router } from 'express';
import { escapeHtml, layout } from '../demo-idp/page.js';
import { samlId, signedSamlResponse } from './saml-response.js';
import { createDemoKeyAndCertificate } from './self-signed-certificate.js';

/** A demo account of the SAML IdP, with the attributes it asserts. */
export interface DemoSamlAccount {
  sub: string;
  name: string;
  email: string;
  description: string;
}

/** The one service provider this demo IdP answers. */
export interface DemoSamlSp {
  entityId: string;
  acsUrl: string;
  sloUrl: string;
  /** The SP's encryption certificate (PEM), from its metadata: then every assertion is encrypted to it. */
  encryptionCert?: string;
}

/** What {@link createDemoSamlIdp} returns. */
export interface DemoSamlIdp {
  router: Router;
  entityId: string;
  ssoUrl: string;
  sloUrl: string;
  /** The signing certificate to pin as `idpCert` (PEM, self-signed, made at start). */
  certPem: string;
}

const TITLE = 'Δοκιμαστικός πάροχος SAML (demo)';

/** Creates the demo SAML IdP mounted at `baseUrl` (absolute, e.g. `http://localhost:3000/demo-saml-idp`). */
export function createDemoSamlIdp(options: { baseUrl: string; sp: DemoSamlSp; accounts: readonly DemoSamlAccount[] }): DemoSamlIdp {
  const base = options.baseUrl.replace(/\/$/, '');
  const entityId = `${base}/metadata`;
  const { privateKeyPem, certPem } = createDemoKeyAndCertificate('Rantevou demo SAML IdP');
  const accounts = new Map(options.accounts.map((a) => [a.sub, a]));
  const router = express.Router();
  const page = (status: number, body: string) => (res: express.Response) =>
    res.status(status).set('Cache-Control', 'no-store').type('html').send(layout(TITLE, body));

  router.get('/', (_req, res) => {
    const rows = options.accounts.map((a) => `<li><strong>${escapeHtml(a.sub)}</strong> — ${escapeHtml(a.name)}, ${escapeHtml(a.description)}</li>`);
    page(200, `<h1>${TITLE}</h1><p>Σύνδεση μέσω SAML 2.0: ξεκινήστε από την εφαρμογή (Σύνδεση με SAML) και επιλέξτε λογαριασμό.</p><ul>${rows.join('')}</ul>`)(res);
  });

  router.get('/metadata', (_req, res) => {
    const cert = certPem.replace(/-----[A-Z ]+-----|\s/g, '');
    res.type('application/samlmetadata+xml').send(
      `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeHtml(entityId)}">` +
        `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
        `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
        `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escapeHtml(`${base}/slo`)}"/>` +
        `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escapeHtml(`${base}/sso`)}"/>` +
        `</md:IDPSSODescriptor></md:EntityDescriptor>`,
    );
  });

  router.get('/sso', (req, res) => {
    const request = readRedirectMessage(req.query.SAMLRequest);
    const id = request && attribute(request, 'ID');
    const acs = request && attribute(request, 'AssertionConsumerServiceURL');
    if (!id || (acs && acs !== options.sp.acsUrl)) return void page(400, '<h1>Άκυρο αίτημα SAML</h1><p>Το αίτημα δεν προέρχεται από γνωστή υπηρεσία.</p>')(res);
    const relay = typeof req.query.RelayState === 'string' ? req.query.RelayState : '';
    const buttons = options.accounts
      .map((a) => `<li><button type="submit" name="account" value="${escapeHtml(a.sub)}"><span class="name">${escapeHtml(a.name)}</span><span class="desc">${escapeHtml(a.description)}</span></button></li>`)
      .join('');
    page(200, `<h1>${TITLE}</h1><p>Επιλέξτε δοκιμαστικό λογαριασμό (χωρίς κωδικό: μόνο για επίδειξη).</p>
<form method="post" action="${escapeHtml(`${base}/sso/login`)}"><input type="hidden" name="requestId" value="${escapeHtml(id)}">
<input type="hidden" name="relayState" value="${escapeHtml(relay)}"><ul>${buttons}</ul></form>`)(res);
  });

  router.post('/sso/login', express.urlencoded({ extended: false, limit: '8kb' }), (req, res) => {
    const account = accounts.get(String(req.body?.account ?? ''));
    const requestId = String(req.body?.requestId ?? '');
    if (!account || !/^[\w.-]{1,200}$/.test(requestId)) return void page(400, '<h1>Άγνωστος δοκιμαστικός λογαριασμός</h1>')(res);
    const xml = signedSamlResponse(
      {
        idpEntityId: entityId,
        audience: options.sp.entityId,
        acsUrl: options.sp.acsUrl,
        inResponseTo: requestId,
        nameId: account.sub,
        attributes: { displayName: account.name, mail: account.email },
      },
      privateKeyPem,
      options.sp.encryptionCert ? { encryptFor: options.sp.encryptionCert } : {},
    );
    const relay = String(req.body?.relayState ?? '');
    // The HTTP-POST binding: the browser carries the signed response to the SP's ACS.
    page(200, `<h1>Μεταφορά στην εφαρμογή…</h1><form method="post" action="${escapeHtml(options.sp.acsUrl)}">
<input type="hidden" name="SAMLResponse" value="${Buffer.from(xml).toString('base64')}">
${relay ? `<input type="hidden" name="RelayState" value="${escapeHtml(relay)}">` : ''}
<noscript><p>Πατήστε «Συνέχεια» για να επιστρέψετε στην εφαρμογή.</p></noscript><button type="submit">Συνέχεια</button></form>
<script>document.forms[0].submit()</script>`)(res);
  });

  router.get('/slo', (req, res) => {
    const request = readRedirectMessage(req.query.SAMLRequest);
    const id = request && attribute(request, 'ID');
    if (!id) return void page(400, '<h1>Άκυρο αίτημα αποσύνδεσης</h1>')(res);
    const response =
      `<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${samlId()}" Version="2.0" ` +
      `IssueInstant="${new Date().toISOString()}" Destination="${escapeHtml(options.sp.sloUrl)}" InResponseTo="${escapeHtml(id)}">` +
      `<saml:Issuer>${escapeHtml(entityId)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status></samlp:LogoutResponse>`;
    const back = new URL(options.sp.sloUrl);
    back.searchParams.set('SAMLResponse', deflateRawSync(response).toString('base64'));
    res.redirect(back.href);
  });

  return { router, entityId, ssoUrl: `${base}/sso`, sloUrl: `${base}/slo`, certPem };
}

/** The XML of an HTTP-Redirect binding message (base64 of raw DEFLATE), or null. */
function readRedirectMessage(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 20_000) return null;
  try {
    return inflateRawSync(Buffer.from(value, 'base64')).toString('utf8');
  } catch {
    return null;
  }
}

/** An attribute of the message's root element (our own SP's requests: simple, well-formed XML). */
function attribute(xml: string, name: string): string | null {
  const root = /<[\w:-]+\b[^>]*>/.exec(xml.replace(/<\?xml[^>]*\?>/, ''))?.[0] ?? '';
  return new RegExp(`\\s${name}="([^"]*)"`).exec(root)?.[1] ?? null;
}
