/**
 * Citizen sign-in with TaxisNet credentials through GSIS OAuth 2.0 in the popup, over HTTP against
 * the stand-in of the service on its own port, configured through the host's GSIS_CITIZEN_*
 * variables: the subject and ΑΦΜ are the service's taxid, the names its firstname and lastname.
 */
import { expect } from 'chai';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { CitizenToken } from '../../plugin/db/citizen-token.entity.js';
import { hashSecret } from '../../plugin/auth/secrets.js';
import { Browser } from '../support/browser.js';
import { pickAtGsis, startGsisStandIn } from '../auth/support/gsis-stand-in.js';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { CitizenClient, freeStarts, GOVGR_ORIGIN, startPublicSystem, type PublicSystem } from './public-system.js';

describe('citizen sign-in through GSIS OAuth 2.0 (TaxisNet)', () => {
  let system: PublicSystem;
  let standIn: Awaited<ReturnType<typeof startGsisStandIn>>;
  const CLIENT = { clientId: 'rantevou-citizen-gsis-test', clientSecret: 'citizen-gsis-test-secret' };

  before(async () => {
    standIn = await startGsisStandIn('citizens', [{ userid: 'User-bad-afm', taxid: '123456789', firstname: 'Λάθος', lastname: 'ΑΦΜ' }]);
    system = await startPublicSystem('gsiscitizen', {
      env: { GSIS_CITIZEN_BASE_URL: standIn.gsis.baseUrl, GSIS_CITIZEN_CLIENT_ID: CLIENT.clientId, GSIS_CITIZEN_CLIENT_SECRET: CLIENT.clientSecret, GSIS_TIMEOUT_MS: '500' },
    });
    standIn.clients.push({ ...CLIENT, redirectUris: [`${system.url}/api/v1/public/auth/gsis/callback`], logoutUrls: [system.url] });
  });
  afterEach(() => {
    for (const k of Object.keys(standIn.gsis.faults)) delete (standIn.gsis.faults as Record<string, unknown>)[k];
  });
  after(async () => {
    await system?.close();
    await standIn?.close();
  });

  const login = `/api/v1/public/auth/login?origin=${encodeURIComponent(GOVGR_ORIGIN)}&idp=gsis`;
  const failures = async (reason: string) =>
    (await system.orm.em.fork().find(AuditEvent, { action: 'citizen.sign_in_failed' })).filter((e) => (e.after as { reason?: string } | null)?.reason === reason).length;
  const popupData = (html: string) => JSON.parse(/<script type="application\/json" id="rantevou-result">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? 'null');

  async function expectRefused(browser: Browser, callback: URL, reason: string) {
    const before = await failures(reason);
    const tokens = await system.orm.em.fork().count(CitizenToken, {});
    const res = await browser.fetch(callback);
    const html = await res.text();
    expect(res.status, html).to.equal(400);
    expect(html).to.include('Σύνδεση πολίτη').and.not.include('"token"');
    expect(await system.orm.em.fork().count(CitizenToken, {}), 'no token issued').to.equal(tokens);
    expect(await failures(reason), `an audit event says why (${reason})`).to.equal(before + 1);
    return html;
  }

  it('signs the citizen in: the token carries the ΑΦΜ as subject and the names the service gave, decoded and trimmed', async () => {
    const browser = new Browser();
    const back = await pickAtGsis(browser, `${system.url}${login}`, 'User0123456783');
    expect(`${back.origin}${back.pathname}`).to.equal(`${system.url}/api/v1/public/auth/gsis/callback`);
    const res = await browser.fetch(back);
    expect(res.status).to.equal(200);
    const data = popupData(await res.text());
    expect(data.targetOrigin).to.equal(GOVGR_ORIGIN);
    expect(data.message).to.include({ type: 'rantevou:citizen', name: 'Δημήτρης Αλεξίου', givenName: 'Δημήτρης', familyName: 'Αλεξίου', taxId: '123456783', email: null });
    const row = await system.orm.em.fork().findOneOrFail(CitizenToken, { tokenHash: hashSecret(data.message.token) });
    expect(row).to.include({ sub: '123456783', taxId: '123456783', givenName: 'Δημήτρης', familyName: 'Αλεξίου' });
    expect(await system.orm.em.fork().count(AuditEvent, { action: 'citizen.sign_in', actor: 'citizen:123456783' })).to.be.at.least(1);
  });

  it('books under the service’s name and ΑΦΜ: another name is refused, none needed', async () => {
    const browser = new Browser();
    const back = await pickAtGsis(browser, `${system.url}${login}`, 'User0987654324');
    const citizen = new CitizenClient(system.url, popupData(await (await browser.fetch(back)).text()).message.token);
    const [first, second] = await freeStarts(system.url, system.stores.athens);
    const procedures = (await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json()) as { id: string; name: string }[];
    const procedureId = procedures.find((p) => p.name.startsWith('Έκδοση πιστοποιητικού οικογενειακής'))!.id;
    const hold = (startsAt: string) => ({ storeId: system.stores.athens, startsAt, mode: 'in_person', procedureId });
    const other = await citizen.holdAndBook(hold(first!), { firstName: 'Άλλος', lastName: 'Κάποιος' });
    expect(other.held.status, await other.held.clone().text()).to.equal(201);
    expect(other.booked?.status).to.equal(400);
    const own = await citizen.holdAndBook(hold(second!), { firstName: undefined, lastName: undefined });
    expect(own.booked?.status, await own.booked?.clone().text()).to.equal(201);
    const row = await system.orm.em.fork().findOneOrFail(Appointment, { id: (await own.booked!.json()).id });
    expect(row).to.include({ firstName: 'Κατερίνα', lastName: 'Βλάχου', taxId: '987654324', citizenSub: '987654324' });
  });

  it('opens GSIS when the deployment configured it (unless CITIZEN_SIGN_IN=oidc); the OIDC sign-in stays selectable', async () => {
    const start = (idp: string) => fetch(`${system.url}/api/v1/public/auth/login?origin=${encodeURIComponent(GOVGR_ORIGIN)}${idp}`, { redirect: 'manual' });
    const gsis = new URL((await start('')).headers.get('location')!);
    expect(`${gsis.origin}${gsis.pathname}`).to.equal(`${standIn.gsis.baseUrl}oauth/authorize`);
    expect(gsis.searchParams.get('scope')).to.equal('read');
    expect(gsis.searchParams.get('redirect_uri')).to.equal(`${system.url}/api/v1/public/auth/gsis/callback`);
    expect(new URL((await start('&idp=oidc')).headers.get('location')!).pathname).to.match(/\/citizen-idp\/auth$/);
  });

  it('refuses a tampered state', async () => {
    const browser = new Browser();
    const back = await pickAtGsis(browser, `${system.url}${login}`, 'User0987654324');
    back.searchParams.set('state', 'tampered');
    await expectRefused(browser, back, 'state');
  });

  it('refuses a callback with no sign-in in this popup', async () => {
    const browser = new Browser();
    const back = await pickAtGsis(browser, `${system.url}${login}`, 'User0987654324');
    await expectRefused(new Browser(), back, 'no_pending_login');
  });

  it('refuses a replayed code', async () => {
    const a = new Browser();
    const backA = await pickAtGsis(a, `${system.url}${login}`, 'User0987654324');
    expect((await a.fetch(backA)).status).to.equal(200);
    const b = new Browser();
    const backB = await pickAtGsis(b, `${system.url}${login}`, 'User0555000112');
    backB.searchParams.set('code', backA.searchParams.get('code')!);
    await expectRefused(b, backB, 'token_invalid_grant');
  });

  for (const [fault, reason] of [
    ['error', 'userinfo_error'],
    ['refuse-token', 'access_token_refused'],
    ['no-taxid', 'no_taxid'],
    ['slow', 'userinfo_timeout'],
  ] as const) {
    it(`refuses when userinfo answers ${fault} (${reason})`, async () => {
      const browser = new Browser();
      const back = await pickAtGsis(browser, `${system.url}${login}`, 'User0555000112');
      standIn.gsis.faults.userinfo = fault;
      standIn.gsis.faults.delayMs = 1500;
      const html = await expectRefused(browser, back, reason);
      if (fault === 'slow') expect(html).to.include('δεν απάντησε εγκαίρως');
    });
  }

  it('refuses a taxid that is not a valid ΑΦΜ', async () => {
    const browser = new Browser();
    const back = await pickAtGsis(browser, `${system.url}${login}`, 'User-bad-afm');
    await expectRefused(browser, back, 'bad_taxid');
  });
});
