/**
 * Staff sign-in with the «κωδικοί δημόσιας διοίκησης» through GSIS OAuth 2.0, over HTTP against the
 * stand-in of the service on its own port: the whole flow, each way it must refuse (a Greek page,
 * nobody signed in, an audit event), and single logout.
 */
import { expect } from 'chai';
import { loadDemoCounterStaff } from '../../examples/demo-counter/demo-counter.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { Browser } from '../support/browser.js';
import { whoAmI } from './support/saml-client.js';
import { startGsisStandIn, pickAtGsis } from './support/gsis-stand-in.js';
import { startSsoSystem, type SsoSystem } from './support/sso-system.js';

describe('signing staff in through GSIS OAuth 2.0', () => {
  let system: SsoSystem;
  let standIn: Awaited<ReturnType<typeof startGsisStandIn>>;
  const CLIENT = { clientId: 'rantevou-gsis-test', clientSecret: 'gsis-test-secret' };

  before(async () => {
    standIn = await startGsisStandIn('staff', [{ userid: 'demo-admin-a-padded', taxid: '444555667', firstname: 'Γιώργος', lastname: 'Νικολάου & Υιοί' }]);
    const gsis = { kind: 'gsis' as const, baseUrl: standIn.gsis.baseUrl, ...CLIENT, timeoutMs: 500 };
    system = await startSsoSystem('gsis_staff', {
      identityProviders: [{ id: 'gsis', ...gsis }, { id: 'gsis-taxid', ...gsis, subject: 'taxid' }],
    });
    standIn.clients.push({ ...CLIENT, redirectUris: [`${system.url}/auth/gsis/gsis/callback`, `${system.url}/auth/gsis/gsis-taxid/callback`], logoutUrls: [`${system.url}/`] });
  });
  afterEach(() => {
    for (const k of Object.keys(standIn.gsis.faults)) delete (standIn.gsis.faults as Record<string, unknown>)[k];
  });
  after(async () => {
    await system?.close();
    await standIn?.close();
  });

  const audits = async (action: string, reason?: string) =>
    (await system.orm.em.fork().find(AuditEvent, { action })).filter((e) => !reason || (e.after as { reason?: string } | null)?.reason === reason).length;

  async function expectRefused(browser: Browser, callback: URL | string, reason: string) {
    const before = await audits('staff.sign_in_failed', reason);
    const res = await browser.fetch(callback);
    const html = await res.text();
    expect(res.status, html).to.equal(400);
    expect(html).to.include('Η σύνδεση δεν ολοκληρώθηκε').and.not.include('Error:');
    expect(await whoAmI(browser, system.url), 'nobody is signed in').to.equal(null);
    expect(await audits('staff.sign_in_failed', reason), `an audit event says why (${reason})`).to.equal(before + 1);
    return html;
  }

  it('signs the picked person in by userid, named from firstname and lastname, with roles from the counter application', async () => {
    const browser = new Browser();
    const back = await pickAtGsis(browser, `${system.url}/auth/login?idp=gsis&returnTo=%2F`, 'demo-admin-a');
    expect(back.origin + back.pathname).to.equal(`${system.url}/auth/gsis/gsis/callback`);
    const done = await browser.fetch(back);
    expect(done.status).to.equal(303);
    expect(done.headers.get('location')).to.equal('/');
    // Signed in at all means the counter application gave a role (none is a 403).
    const me = (await (await browser.fetch(`${system.url}/api/v1/me`)).json()) as { user: { sub: string; name: string; email: string | null } };
    expect(me.user.sub).to.equal('demo-admin-a');
    expect(me.user.name).to.equal('Γιώργος Νικολάου');
    // GSIS gives no email: the counter application's is the session's.
    expect(me.user.email).to.equal('admin.a@kep-ath-0101.example.gov.gr');
  });

  it('leaves the email empty when the counter application has none, and ignores a malformed one', async () => {
    const assignments = [{ kepCode: 'KEP-ATH-0101', position: 'counter_staff' as const }];
    for (const email of [undefined, 'not an email']) {
      system.counter.setStaff('demo-operator-a', { kepAssignments: assignments, directorate: false, ...(email ? { email } : {}) });
      const browser = new Browser();
      expect((await browser.fetch(await pickAtGsis(browser, `${system.url}/auth/login?idp=gsis`, 'demo-operator-a'))).status, String(email)).to.equal(303);
      const me = (await (await browser.fetch(`${system.url}/api/v1/me`)).json()) as { user: { sub: string; email: string | null } };
      expect(me.user, String(email)).to.include({ sub: 'demo-operator-a', email: null });
    }
    system.counter.setStaff('demo-operator-a', loadDemoCounterStaff()['demo-operator-a']!);
  });

  it('offers GSIS on the chooser page', async () => {
    const html = await (await fetch(`${system.url}/auth/choose`)).text();
    expect(html).to.include('login?idp=gsis&amp;').and.include('ΓΓΠΣ OAuth 2.0');
  });

  it('takes the subject from taxid when so configured (the RoleSource then does not know it: no role)', async () => {
    const browser = new Browser();
    const back = await pickAtGsis(browser, `${system.url}/auth/login?idp=gsis-taxid`, 'demo-operator-a');
    const before = (await system.orm.em.fork().find(AuditEvent, { action: 'staff.sign_in_refused', actor: '111222336' })).length;
    expect((await browser.fetch(back)).status).to.equal(403);
    expect((await system.orm.em.fork().find(AuditEvent, { action: 'staff.sign_in_refused', actor: '111222336' })).length).to.equal(before + 1);
  });

  it('refuses a tampered state and a missing one', async () => {
    const browser = new Browser();
    const back = await pickAtGsis(browser, `${system.url}/auth/login?idp=gsis`, 'demo-operator-a');
    back.searchParams.set('state', 'tampered');
    await expectRefused(browser, back, 'state');
    const again = new Browser();
    const back2 = await pickAtGsis(again, `${system.url}/auth/login?idp=gsis`, 'demo-operator-a');
    back2.searchParams.delete('state');
    await expectRefused(again, back2, 'state');
  });

  it('refuses a callback with no sign-in started in this browser', async () => {
    const started = new Browser();
    const back = await pickAtGsis(started, `${system.url}/auth/login?idp=gsis`, 'demo-operator-a');
    await expectRefused(new Browser(), back, 'no_pending_login');
  });

  it('refuses a replayed code and a code from another sign-in (foreign)', async () => {
    const a = new Browser();
    const backA = await pickAtGsis(a, `${system.url}/auth/login?idp=gsis`, 'demo-operator-a');
    expect((await a.fetch(backA)).status).to.equal(303);
    // The same code again, in a new sign-in of the same browser with its own state.
    const b = new Browser();
    const backB = await pickAtGsis(b, `${system.url}/auth/login?idp=gsis`, 'demo-operator-b');
    const replayed = new URL(backB);
    replayed.searchParams.set('code', backA.searchParams.get('code')!);
    await expectRefused(b, replayed, 'token_invalid_grant');
    // A code the stand-in never issued.
    const c = new Browser();
    const backC = await pickAtGsis(c, `${system.url}/auth/login?idp=gsis`, 'demo-operator-b');
    backC.searchParams.set('code', 'not-a-code');
    await expectRefused(c, backC, 'token_invalid_grant');
  });

  for (const [fault, reason] of [
    ['error', 'userinfo_error'],
    ['refuse-token', 'access_token_refused'],
    ['no-userid', 'no_userid'],
  ] as const) {
    it(`refuses when userinfo answers ${fault} (${reason})`, async () => {
      const browser = new Browser();
      const back = await pickAtGsis(browser, `${system.url}/auth/login?idp=gsis`, 'demo-operator-a');
      standIn.gsis.faults.userinfo = fault;
      await expectRefused(browser, back, reason);
    });
  }

  it('refuses a userinfo without taxid when taxid is the subject', async () => {
    const browser = new Browser();
    const back = await pickAtGsis(browser, `${system.url}/auth/login?idp=gsis-taxid`, 'demo-operator-a');
    standIn.gsis.faults.userinfo = 'no-taxid';
    await expectRefused(browser, back, 'no_taxid');
  });

  for (const step of ['token', 'userinfo'] as const) {
    it(`refuses a slow service (${step} after the timeout) with a page that says so`, async () => {
      const browser = new Browser();
      const back = await pickAtGsis(browser, `${system.url}/auth/login?idp=gsis`, 'demo-operator-a');
      standIn.gsis.faults[step] = 'slow';
      standIn.gsis.faults.delayMs = 1500;
      const html = await expectRefused(browser, back, `${step}_timeout`);
      expect(html).to.include('δεν απάντησε εγκαίρως');
    });
  }

  it('decodes character references and trims padded values (the name of someone with & in it)', async () => {
    const browser = new Browser();
    const back = await pickAtGsis(browser, `${system.url}/auth/login?idp=gsis`, 'demo-admin-a-padded');
    // What the service sends: every value padded, Greek as &#NNN; references, & escaped.
    const tokenRes = await fetch(`${standIn.gsis.baseUrl}oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: `${system.url}/auth/gsis/gsis/callback` }),
    });
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const xml = await (await fetch(`${standIn.gsis.baseUrl}userinfo?format=xml`, { headers: { authorization: `Bearer ${access_token}` } })).text();
    expect(xml).to.include('lastname="&#925;&#953;&#954;&#959;&#955;&#940;&#959;&#965; &amp; &#933;').and.include('userid="demo-admin-a-padded ');
    // A fresh sign-in of the same person through our callback.
    const other = new Browser();
    const again = await pickAtGsis(other, `${system.url}/auth/login?idp=gsis`, 'demo-admin-a-padded');
    const res = await other.fetch(again);
    const events = await system.orm.em.fork().find(AuditEvent, { actor: 'demo-admin-a-padded', action: { $in: ['staff.sign_in', 'staff.sign_in_refused'] } });
    expect(events, 'the subject as read: trimmed').to.have.length(1);
    if (res.status === 303) {
      const me = (await (await other.fetch(`${system.url}/api/v1/me`)).json()) as { user: { name: string } };
      expect(me.user.name).to.equal('Γιώργος Νικολάου & Υιοί');
    }
  });

  it('logout ends our session and the stand-in’s, and returns to our page', async () => {
    const browser = new Browser();
    const back = await pickAtGsis(browser, `${system.url}/auth/login?idp=gsis`, 'demo-operator-a');
    await browser.fetch(back);
    const me = (await (await browser.fetch(`${system.url}/api/v1/me`)).json()) as { csrfToken?: string; user: { sub: string } };
    expect(me.user.sub).to.equal('demo-operator-a');
    const signedInAtGsis = standIn.gsis.signedInCount();
    const out = await browser.fetch(`${system.url}/auth/logout`, { method: 'POST', headers: { origin: system.url, 'x-csrf-token': me.csrfToken ?? '' } });
    expect(out.status).to.equal(303);
    const gsisLogout = new URL(out.headers.get('location')!);
    expect(gsisLogout.href).to.equal(`${standIn.gsis.baseUrl}logout/${CLIENT.clientId}/?url=${encodeURIComponent(`${system.url}/`)}`);
    expect(await whoAmI(browser, system.url)).to.equal(null);
    const atGsis = await browser.fetch(gsisLogout);
    expect(atGsis.status).to.equal(303);
    expect(atGsis.headers.get('location')).to.equal(`${system.url}/`);
    expect(standIn.gsis.signedInCount()).to.equal(signedInAtGsis - 1);
    // Signing in again shows the picker: the stand-in's session is over too.
    const picker = await browser.follow(`${system.url}/auth/login?idp=gsis`);
    expect(await picker.res.text()).to.include('Επιλέξτε πρόσωπο');
  });
});
