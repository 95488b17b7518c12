/**
 * Writes are JSON (issue 13, item 5): a body of any other type answers 415 and changes nothing, and an
 * edit that changes nothing leaves no audit event and no email.
 */
import { expect } from 'chai';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const GOVGR = 'https://www.gov.gr.example';

describe('bodies that are not JSON', () => {
  let system: TestSystem;
  let admin: StaffClient;
  let storeId: string;
  let appointment: { id: string; version: number; notes: string | null; email: string | null };

  before(async () => {
    system = await startTestSystem('json_bodies', { redisDb: 12, env: { ATTENDANCE_JOBS: '0', PUBLIC_ORIGINS: GOVGR } });
    admin = await signInAs(system.url, 'demo-admin-a');
    storeId = admin.me.stores[0]!.id;
    const free = await (await admin.get(`/api/v1/stores/${storeId}/availability`)).json();
    const slot = free.days.flatMap((d: { slots: { start: string }[] }) => d.slots)[0];
    const booked = await admin.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Ελένη', lastName: 'Σταύρου', startsAt: slot.start, email: 'eleni@citizen.example.gr', notes: 'Πρώτη σημείωση' });
    expect(booked.status, await booked.clone().text()).to.equal(201);
    appointment = await booked.json();
  });
  after(async () => system?.close());

  const write = (method: string, path: string, body: string, contentType: string, client = admin) =>
    client.browser.fetch(`${system.url}${path}`, { method, headers: { 'content-type': contentType, 'x-csrf-token': client.csrfToken, 'if-match': `"${appointment.version}"` }, body });
  const auditsOf = (entityId: string) => system.orm.em.fork().count(AuditEvent, { entityId });
  const outboxOf = (id: string) => system.orm.em.fork().count(OutboxMessage, { appointment: id });

  async function expect415(res: Response) {
    expect(res.status, await res.clone().text()).to.equal(415);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const problem = await res.json();
    expect(problem.type).to.equal('urn:rantevou:problem:unsupported-media-type');
    expect(problem.detail).to.match(/JSON/).and.match(/[α-ω]/);
  }

  it('answers 415 to a PATCH whose JSON comes as text/plain, and changes and records nothing', async () => {
    const audits = await auditsOf(appointment.id);
    const res = await write('PATCH', `/api/v1/appointments/${appointment.id}`, JSON.stringify({ notes: 'Αλλαγή μέσω text/plain' }), 'text/plain;charset=UTF-8');
    await expect415(res);
    const now = await (await admin.get(`/api/v1/appointments/${appointment.id}`)).json();
    expect(now).to.include({ notes: 'Πρώτη σημείωση', version: appointment.version });
    expect(await auditsOf(appointment.id)).to.equal(audits);
  });

  it('answers 415 to staff writes sent as a form or without a type, and to the public API', async () => {
    await expect415(await write('POST', `/api/v1/stores/${storeId}/appointments`, 'firstName=%CE%91&lastName=%CE%92', 'application/x-www-form-urlencoded'));
    await expect415(await write('PUT', '/api/v1/me/preferences', '{"dailyListStores":[]}', 'application/octet-stream'));
    const hold = await fetch(`${system.url}/api/v1/public/holds`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: GOVGR }, body: '{}' });
    await expect415(hold);
    expect(hold.headers.get('access-control-allow-origin'), 'the widget can read the answer').to.equal(GOVGR);
    await expect415(await fetch(`${system.url}/api/v1/public/manage/${'x'.repeat(43)}/cancel`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }));
  });

  it('accepts +json types, a write without a body, and the form posts of the SAML bindings', async () => {
    const merged = await write('PATCH', `/api/v1/appointments/${appointment.id}`, JSON.stringify({ notes: 'Δεύτερη σημείωση' }), 'application/merge-patch+json');
    expect(merged.status, await merged.clone().text()).to.equal(200);
    appointment = await merged.json();
    expect(appointment.notes).to.equal('Δεύτερη σημείωση');

    const acs = await fetch(`${system.url}/auth/saml/no-such-idp/acs`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'SAMLResponse=PHNhbWw%2B' });
    expect(acs.status, 'reaches the SAML route').to.equal(404);
    expect(await acs.text()).to.include('Άγνωστος πάροχος ταυτότητας');
    await expect415(await fetch(`${system.url}/auth/saml/no-such-idp/acs`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'SAMLResponse=x' }));

    const other = await signInAs(system.url, 'demo-operator-a');
    const out = await other.browser.fetch(`${system.url}/auth/logout`, { method: 'POST', headers: { origin: system.url, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(out.status, 'an empty form post signs out').to.equal(303);
  });

  it('records no audit event and no email for an edit that changes nothing', async () => {
    const audits = await auditsOf(appointment.id);
    const emails = await outboxOf(appointment.id);
    const same = await write('PATCH', `/api/v1/appointments/${appointment.id}`, JSON.stringify({ notes: appointment.notes, startsAt: (appointment as { startsAt?: string }).startsAt }), 'application/json');
    expect(same.status, await same.clone().text()).to.equal(200);
    expect((await same.json()).version).to.equal(appointment.version);
    const empty = await write('PATCH', `/api/v1/appointments/${appointment.id}`, '{}', 'application/json');
    expect(empty.status).to.equal(200);
    expect(await auditsOf(appointment.id)).to.equal(audits);
    expect(await outboxOf(appointment.id)).to.equal(emails);

    const queues = await (await admin.get(`/api/v1/stores/${storeId}/queues`)).json();
    const queue = (queues.items ?? queues)[0];
    const queueAudits = await auditsOf(queue.id);
    const renamed = await write('PATCH', `/api/v1/stores/${storeId}/queues/${queue.id}`, JSON.stringify({ name: queue.name, slotMinutes: queue.slotMinutes }), 'application/json');
    expect(renamed.status, await renamed.clone().text()).to.equal(200);
    expect(await auditsOf(queue.id)).to.equal(queueAudits);

    const prefs = (dailyListStores: string[]) => write('PUT', '/api/v1/me/preferences', JSON.stringify({ dailyListStores }), 'application/json');
    const staffAudits = () => system.orm.em.fork().count(AuditEvent, { action: 'staff.preferences' });
    expect((await prefs([storeId])).status).to.equal(200);
    const afterFirst = await staffAudits();
    expect((await prefs([storeId])).status).to.equal(200);
    expect(await staffAudits()).to.equal(afterFirst);
  });
});
