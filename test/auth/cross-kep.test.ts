/**
 * Tenancy across the whole API as it stands: every path of the OpenAPI document that takes a KEP,
 * an appointment, a queue or an exception id answers another KEP's id exactly as it answers an id
 * that does not exist — 404, same message — and changes nothing.
 */
import { expect } from 'chai';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startSsoSystem, type SsoSystem } from './support/sso-system.js';

const MISSING = '00000000-0000-4000-8000-000000000000';
const KNOWN_PARAMS = new Set(['storeId', 'id', 'queueId', 'exceptionId']);

/** A body each write would accept in the caller's own KEP, so only the id decides the answer. */
const BODIES: [RegExp, unknown][] = [
  [/\/appointments$/, { firstName: 'Α', lastName: 'Β', startsAt: `${day(1)}T10:00` }],
  [/\/cancel$/, { reason: 'ξένο' }],
  [/\/status$/, { status: 'arrived' }],
  [/\/appointments\/\{id\}$/, { notes: 'ξένο' }],
  [/\/queues(\/\{queueId\})?$/, { name: 'Ξένη ουρά' }],
  [/\/exceptions(\/\{exceptionId\})?$/, { startDate: day(4), endDate: day(4), reason: 'ξένο' }],
];

describe('another KEP’s objects by id, on every endpoint', () => {
  let system: SsoSystem;
  let stranger: StaffClient;
  let foreign: Record<string, string>;
  let operations: { method: string; path: string }[];

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startSsoSystem('sso_cross_kep', { clock: clock.now });
    const admin = await signInAs(system.url, 'demo-admin-a');
    stranger = await signInAs(system.url, 'demo-operator-b');
    const storeId = admin.me.stores[0]!.id;
    const booked = await (await admin.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Ιωάννα', lastName: 'Δημητρίου', startsAt: `${day(1)}T09:00` })).json();
    const queues = await (await admin.get(`/api/v1/stores/${storeId}/queues`)).json();
    const queueId = (queues.items ?? queues)[0].id as string;
    const exception = await admin.post(`/api/v1/stores/${storeId}/exceptions`, { startDate: day(3), endDate: day(3), reason: 'Τοπική αργία' });
    expect(exception.status, await exception.clone().text()).to.equal(201);
    const exceptionId = (await exception.json()).id as string;
    foreign = { storeId, id: booked.id, queueId, exceptionId };

    const doc = await (await fetch(`${system.url}/api/v1/openapi.json`)).json();
    operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => /\{(storeId|id|queueId|exceptionId)\}/.test(path) && !path.includes('/public/'))
      .filter(([path]) => [...path.matchAll(/\{(\w+)\}/g)].every((m) => KNOWN_PARAMS.has(m[1]!)))
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m)).map((m) => ({ method: m.toUpperCase(), path })));
  });
  after(() => system?.close());

  const fill = (path: string, ids: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_m, name: string) => ids[name]!);
  const send = (method: string, template: string, ids: Record<string, string>) =>
    stranger.browser.fetch(`${system.url}${fill(template, ids)}${method === 'GET' ? `?date=${day(1)}` : ''}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': stranger.csrfToken, 'if-match': '"1"' },
      ...(method === 'GET' || method === 'DELETE' ? {} : { body: JSON.stringify(BODIES.find(([re]) => re.test(template))?.[1] ?? {}) }),
    });

  it('finds the endpoints in the OpenAPI document', () => {
    expect(operations.length, operations.map((o) => `${o.method} ${o.path}`).join('\n')).to.be.greaterThan(8);
  });

  it('answers 404, the same as for a missing id, and changes nothing', async () => {
    const audit = await system.orm.em.fork().count(AuditEvent, { storeId: foreign.storeId });
    const missing = Object.fromEntries(Object.keys(foreign).map((k) => [k, MISSING]));
    for (const { method, path } of operations) {
      const res = await send(method, path, foreign);
      const control = await send(method, path, missing);
      expect(res.status, `${method} ${path}`).to.equal(404);
      expect(control.status, `${method} ${path} (missing id)`).to.equal(404);
      const [a, b] = [await res.text(), await control.text()];
      if (res.headers.get('content-type')?.includes('json')) expect(JSON.parse(a).detail, `${method} ${path}`).to.equal(JSON.parse(b).detail);
    }
    expect(await system.orm.em.fork().count(AuditEvent, { storeId: foreign.storeId }), 'no audit event: nothing changed').to.equal(audit);
    const row = await system.orm.em.fork().findOneOrFail(Appointment, foreign.id!);
    expect(row).to.include({ status: 'booked', version: 1 });
  });
});
