/**
 * Roles come from the counter (θυρίδες) application at every sign-in and every few minutes after:
 * it being down refuses sign-in (fail closed), a change shows at the next sign-in, a removal within
 * the refresh interval, and each change is an audit event. The directorate reads every KEP, writes none.
 */
import { expect } from 'chai';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { signedSamlResponse } from '../../examples/demo-saml-idp/saml-response.js';
import { Browser } from '../support/browser.js';
import { chooseAccount, formAction, signInAs, type StaffClient } from '../support/staff-client.js';
import { postToAcs, startSamlSignIn } from './support/saml-client.js';
import { afterRevocations, SESSION_ENDED_CHANNEL } from './support/session-changes.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startSsoSystem, type SsoSystem } from './support/sso-system.js';

describe('roles from the counter application', () => {
  let system: SsoSystem;

  before(async () => {
    // No cache: every refresh asks the counter application, as after the 5-minute interval.
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startSsoSystem('sso_roles', { clock: clock.now }, { counterCacheMs: 0 });
  });
  after(() => system?.close());

  const auditOf = (sub: string, action: string) => system.orm.em.fork().find(AuditEvent, { actor: sub, action }, { orderBy: { id: 'asc' } });

  /** Signs in through the SAML test IdP (signed by the key the test holds) and returns a client. */
  async function samlClient(nameId: string): Promise<StaffClient> {
    const browser = new Browser();
    const { requestId } = await startSamlSignIn(browser, system.url, 'saml-test');
    const xml = signedSamlResponse({ idpEntityId: system.testIdp.entityId, ...system.testIdp.sp(), inResponseTo: requestId, nameId }, system.testIdp.privateKeyPem);
    expect((await postToAcs(browser, system.url, 'saml-test', xml)).status).to.equal(303);
    const me = await (await browser.fetch(`${system.url}/api/v1/me`)).json();
    const send = (method: string) => (path: string, body: unknown) =>
      browser.fetch(`${system.url}${path}`, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) });
    return { browser, csrfToken: me.csrfToken, me, get: (path) => browser.fetch(`${system.url}${path}`), post: send('POST') };
  }

  it('refuses sign-in with a clear page while the counter application cannot be reached (fail closed)', async () => {
    await system.stopCounter();
    try {
      const browser = new Browser();
      const page = await browser.follow(`${system.url}/auth/login?returnTo=%2F`);
      const landed = await chooseAccount(browser, formAction(await page.res.text(), page.url), 'demo-operator-b');
      expect(landed.res.status).to.equal(503);
      expect(await landed.res.text()).to.include('Η εφαρμογή θυρίδων δεν απαντά');
      expect((await browser.fetch(`${system.url}/api/v1/me`)).status).to.equal(401);
      const failed = await auditOf('demo-operator-b', 'staff.sign_in_failed');
      expect(failed.map((e) => (e.after as { reason: string }).reason)).to.deep.equal(['role_source_unavailable']);
    } finally {
      await system.startCounter();
    }
    expect((await signInAs(system.url, 'demo-operator-b')).me.user.sub).to.equal('demo-operator-b');
  });

  it('answers 503 to API calls, showing nothing, when the roles are due and the application is down', async () => {
    const staff = await signInAs(system.url, 'demo-admin-a');
    await ageGrants('demo-admin-a');
    await system.stopCounter();
    try {
      const res = await staff.get(`/api/v1/stores/${staff.me.stores[0]!.id}/appointments?date=${day(1)}`);
      expect(res.status).to.equal(503);
      expect((await res.json()).detail).to.include('Η εφαρμογή θυρίδων δεν απαντά');
    } finally {
      await system.startCounter();
    }
    expect((await staff.get(`/api/v1/stores/${staff.me.stores[0]!.id}/appointments?date=${day(1)}`)).status).to.equal(200);
  });

  it('reflects a change of KEP at the next sign-in, and records it', async () => {
    system.counter.setStaff('demo-moving', { kepAssignments: [{ kepCode: 'KEP-THE-0201', position: 'counter_staff' }], directorate: false });
    const before = await samlClient('demo-moving');
    expect(before.me.stores.map((s) => `${s.code}:${s.role}`)).to.deep.equal(['KEP-THE-0201:operator']);
    system.counter.setStaff('demo-moving', { kepAssignments: [{ kepCode: 'KEP-HER-0301', position: 'head' }], directorate: false });
    const after = await samlClient('demo-moving');
    expect(after.me.stores.map((s) => `${s.code}:${s.role}`)).to.deep.equal(['KEP-HER-0301:store_admin']);
    const changes = await auditOf('demo-moving', 'staff.roles_changed');
    expect(changes).to.have.length(1);
    expect((changes[0]!.before as { grants: { role: string }[] }).grants.map((g) => g.role)).to.deep.equal(['operator']);
    expect((changes[0]!.after as { grants: { role: string }[] }).grants.map((g) => g.role)).to.deep.equal(['store_admin']);
  });

  it('takes a KEP away within the refresh interval when the person is removed from it', async () => {
    system.counter.setStaff('demo-leaving', { kepAssignments: [{ kepCode: 'KEP-ATH-0101', position: 'counter_staff' }], directorate: false });
    const staff = await samlClient('demo-leaving');
    const storeId = staff.me.stores[0]!.id;
    expect((await staff.get(`/api/v1/stores/${storeId}/appointments?date=${day(1)}`)).status).to.equal(200);
    system.counter.setStaff('demo-leaving', null);
    await ageGrants('demo-leaving');
    expect((await staff.get(`/api/v1/stores/${storeId}/appointments?date=${day(1)}`)).status).to.equal(404);
    const changes = await auditOf('demo-leaving', 'staff.roles_changed');
    expect(changes.map((e) => (e.after as { when: string; grants: unknown[] }))).to.deep.equal([{ when: 'refresh', grants: [], supervisor: false }]);
  });

  it('lists every KEP of a person who works in two, each with its role', async () => {
    const staff = await samlClient('demo-lead-two-keps');
    expect(staff.me.stores.map((s) => `${s.code}:${s.role}`).sort()).to.deep.equal(['KEP-HER-0301:operator', 'KEP-THE-0201:store_admin']);
    for (const s of staff.me.stores) expect((await staff.get(`/api/v1/stores/${s.id}/appointments?date=${day(1)}`)).status).to.equal(200);
  });

  describe('a member of the directorate (central supervisor)', () => {
    let supervisor: StaffClient;
    const booked: { storeId: string; id: string }[] = [];

    before(async () => {
      for (const account of ['demo-operator-a', 'demo-operator-b']) {
        const staff = await signInAs(system.url, account);
        const storeId = staff.me.stores[0]!.id;
        const res = await staff.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Ελένη', lastName: 'Κωνσταντίνου', startsAt: `${day(2)}T10:00` });
        expect(res.status).to.equal(201);
        booked.push({ storeId, id: (await res.json()).id });
      }
      supervisor = await samlClient('demo-supervisor');
    });

    it('sees every KEP in /me, marked supervisor', () => {
      expect(supervisor.me.user).to.include({ sub: 'demo-supervisor', supervisor: true });
      expect(supervisor.me.stores.map((s) => `${s.code}:${s.role}`).sort()).to.deep.equal(['KEP-ATH-0101:supervisor', 'KEP-HER-0301:supervisor', 'KEP-THE-0201:supervisor']);
    });

    it('reads the appointments of every KEP', async () => {
      for (const b of booked) {
        const list = await (await supervisor.get(`/api/v1/stores/${b.storeId}/appointments?date=${day(2)}`)).json();
        expect(list.items.map((a: { id: string }) => a.id)).to.deep.equal([b.id]);
        expect((await supervisor.get(`/api/v1/appointments/${b.id}`)).status).to.equal(200);
        expect((await supervisor.get(`/api/v1/stores/${b.storeId}/day-sheet?date=${day(2)}`)).status).to.equal(200);
      }
    });

    it('changes nothing: every write answers 403 and the appointments stay as they were', async () => {
      const { storeId, id } = booked[0]!;
      const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
        supervisor.browser.fetch(`${system.url}${path}`, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': supervisor.csrfToken, ...headers }, body: JSON.stringify(body) });
      const writes: [string, string, unknown, Record<string, string>?][] = [
        ['POST', `/api/v1/stores/${storeId}/appointments`, { firstName: 'Α', lastName: 'Β', startsAt: `${day(2)}T11:00` }],
        ['PATCH', `/api/v1/appointments/${id}`, { notes: 'εποπτεία' }, { 'if-match': '"1"' }],
        ['POST', `/api/v1/appointments/${id}/cancel`, { reason: 'εποπτεία' }],
        ['POST', `/api/v1/appointments/${id}/status`, { status: 'arrived' }],
        ['POST', `/api/v1/stores/${storeId}/queues`, { name: 'Ουρά εποπτείας' }],
        ['POST', `/api/v1/stores/${storeId}/exceptions`, { startDate: day(3), endDate: day(3), reason: 'εποπτεία' }],
      ];
      for (const [method, path, body, headers] of writes) {
        const res = await send(method, path, body, headers);
        expect(res.status, `${method} ${path}`).to.equal(403);
      }
      const a = await (await supervisor.get(`/api/v1/appointments/${id}`)).json();
      expect(a).to.include({ status: 'booked', version: 1 });
      const list = await (await supervisor.get(`/api/v1/stores/${storeId}/appointments?date=${day(2)}`)).json();
      expect(list.total).to.equal(1);
    });
  });

  /** Makes the session's roles due for a refresh, as five minutes of use would, and announces the change to the session caches. */
  async function ageGrants(sub: string) {
    await afterRevocations(system.rantevou, () =>
      system.orm.em.fork().getConnection().execute(
        `with aged as (update staff_session set data = jsonb_set(data, '{user,grantsAt}', '0') where data->'user'->>'sub' = ? returning id_hash)
         select pg_notify(?, id_hash) from aged`,
        [sub, SESSION_ENDED_CHANNEL],
      ),
    );
  }
});
