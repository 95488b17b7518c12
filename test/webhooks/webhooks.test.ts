import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'bullmq';
import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { createEmailWorker } from '../../worker/email-worker.js';
import { createSmtpTransport } from '../../worker/smtp-transport.js';
import { createWebhookWorker } from '../../worker/webhook-worker.js';
import { deliverWebhook, WebhookDeliveryError } from '../../plugin/webhooks/deliver-webhook.js';
import { openWebhookSecret, sealWebhookSecret, webhookHeaders } from '../../plugin/webhooks/webhook-secret.js';
import { inlineWebhookDispatch } from '../../plugin/webhooks/webhook-relay.js';
import { checkWebhookUrl, isPrivateAddress } from '../../plugin/webhooks/webhook-url.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { startReceiver } from './webhook-receiver.js';

// Shared with test/api/time-edges.test.ts (Redis has 16 databases), so it is not flushed: its queues are other ones.
const REDIS_DB = 9;

/** The signature as the Standard Webhooks spec defines it, computed without the library. */
function independentSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

describe('signed webhooks (issue 17 item 1)', () => {
  describe('signatures and URLs, without a system', () => {
    it('signs the Standard Webhooks spec’s published example exactly', () => {
      // https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md (the example)
      const headers = webhookHeaders('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(1614265330 * 1000), '{"test": 2432232314}');
      expect(headers).to.deep.equal({
        'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
        'webhook-timestamp': '1614265330',
        'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
      });
    });

    it('seals the secret under WEBHOOKS_SECRET_KEY, and opens it only with that key', () => {
      const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
      const sealed = sealWebhookSecret(secret, 'a passphrase of the deployment');
      expect(sealed).to.match(/^enc:v1:/).and.not.include('MfKQ9r8G');
      expect(openWebhookSecret(sealed, 'a passphrase of the deployment')).to.equal(secret);
      expect(() => openWebhookSecret(sealed, 'another passphrase of sorts')).to.throw();
      expect(() => openWebhookSecret(sealed, undefined)).to.throw();
      expect(sealWebhookSecret(secret, undefined)).to.equal(secret);
    });

    it('refuses loopback, private and link-local addresses, and http, unless allowed', async () => {
      for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '100.64.0.1', '0.0.0.0']) {
        expect(isPrivateAddress(ip), ip).to.equal(true);
      }
      for (const ip of ['8.8.8.8', '2a00:1450:4001::1', '::ffff:8.8.8.8']) expect(isPrivateAddress(ip), ip).to.equal(false);
      for (const url of ['https://127.0.0.1/hook', 'https://localhost/hook', 'https://[::1]/hook', 'https://169.254.169.254/latest', 'http://8.8.8.8/hook', 'ftp://example.org/', 'https://u:p@8.8.8.8/']) {
        const refused = await checkWebhookUrl(url, false).then(() => null, (err: Error) => err.message);
        expect(refused, url).to.be.a('string');
      }
      expect((await checkWebhookUrl('http://127.0.0.1:9/hook', true)).href).to.equal('http://127.0.0.1:9/hook');
    });
  });

  describe('on the running system', () => {
    let system: TestSystem;
    let sink: Awaited<ReturnType<typeof startSmtpSink>>;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let webhookWorker: Worker;
    let emailWorker: Worker;
    let admin: StaffClient;
    let operator: StaffClient;
    let adminB: StaffClient;
    let director: StaffClient;
    let storeA: string;
    let storeB: string;
    const clock = new TestClock();
    const secrets = new Map<string, string>();

    const send = (who: StaffClient, method: string, path: string, body?: unknown) =>
      who.browser.fetch(`${system.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': who.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const subscribe = async (who: StaffClient, base: string, body: Record<string, unknown>) => {
      const res = await who.post(base, body);
      expect(res.status, await res.clone().text()).to.equal(201);
      const created = (await res.json()) as { id: string; secret: string };
      secrets.set(created.id, created.secret);
      return created;
    };
    const book = async (who: StaffClient, storeId: string, startsAt: string, extra: Record<string, unknown> = {}) => {
      const res = await who.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Ανδρέας', lastName: 'Webhookίδης', email: 'andreas@citizen.example.gr', startsAt, ...extra });
      expect(res.status, await res.clone().text()).to.equal(201);
      return ((await res.json()) as { id: string }).id;
    };
    const deliveries = async (who: StaffClient, base: string, id: string) =>
      ((await (await who.get(`${base}/${id}/deliveries`)).json()) as { items: { id: string; type: string; status: string; attempts: number; lastStatusCode: number | null; replayOf: string | null; replayable: boolean }[] }).items;

    before(async () => {
      sink = await startSmtpSink();
      receiver = await startReceiver();
      clock.start(PINNED);
      const dir = await mkdtemp(join(tmpdir(), 'rantevou-webhooks-'));
      const roles = { ...JSON.parse(await readFile(new URL('../../examples/demo-roles.json', import.meta.url), 'utf8')), 'wh-admin-b': [{ storeCode: 'KEP-THE-0201', role: 'store_admin' }], 'wh-director': { stores: [], supervisor: true } };
      await writeFile(join(dir, 'roles.json'), JSON.stringify(roles));
      system = await startTestSystem('webhooks', {
        clock: clock.now,
        redisDb: REDIS_DB,
        env: { WEBHOOKS_ALLOW_PRIVATE_URLS: '1', ROLES_FILE: join(dir, 'roles.json'), ATTENDANCE_JOBS: '0', REMINDER_HOURS_BEFORE: '0' },
        accounts: [
          { sub: 'wh-admin-b', name: 'Διαχειρίστρια Β', email: 'admin-b@kep.example.gr', description: 'Διαχειρίστρια ΚΕΠ Θεσσαλονίκης' },
          { sub: 'wh-director', name: 'Διεύθυνση', email: 'director@kep.example.gr', description: 'Διεύθυνση ΚΕΠ' },
        ],
      });
      webhookWorker = createWebhookWorker({ orm: system.orm, redisUrl: system.redisUrl, settings: { allowPrivateUrls: true, clock: clock.now }, retry: { delayMs: 50, maxDelayMs: 200 } });
      emailWorker = createEmailWorker({
        orm: system.orm,
        redisUrl: system.redisUrl,
        mail: { transport: createSmtpTransport({ url: sink.url, maxConnections: 1, requireTls: false, rejectUnauthorized: true }), from: 'ΚΕΠ <no-reply@kep.example.gr>' },
      });
      [admin, operator, adminB, director] = await Promise.all([signInAs(system.url, 'demo-admin-a'), signInAs(system.url, 'demo-operator-a'), signInAs(system.url, 'wh-admin-b'), signInAs(system.url, 'wh-director')]);
      storeA = admin.me.stores[0]!.id;
      storeB = adminB.me.stores[0]!.id;
    });
    after(async () => {
      await webhookWorker?.close();
      await emailWorker?.close();
      await system?.close();
      await receiver?.close();
      await sink?.close();
    });

    it('lets only the KEP’s store administrator (and the directorate for every KEP) manage subscriptions; bad input is a Greek 400', async () => {
      const body = { url: `${receiver.url}/nobody`, events: ['appointment.created'] };
      expect((await operator.post(`/api/v1/stores/${storeA}/webhooks`, body)).status).to.equal(403);
      expect((await operator.get(`/api/v1/stores/${storeA}/webhooks`)).status).to.equal(403);
      expect((await adminB.get(`/api/v1/stores/${storeA}/webhooks`)).status).to.equal(404);
      expect((await admin.post(`/api/v1/webhooks`, body)).status).to.equal(403);
      const noCsrf = await admin.browser.fetch(`${system.url}/api/v1/stores/${storeA}/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(noCsrf.status).to.equal(403);
      const bad = await admin.post(`/api/v1/stores/${storeA}/webhooks`, { url: 'ftp://example.org/', events: ['appointment.exploded'] });
      expect(bad.status).to.equal(400);
      expect(bad.headers.get('content-type')).to.match(/application\/problem\+json/);
      const problem = (await bad.json()) as { detail?: string; title?: string; errors: { field: string; message: string }[] };
      expect(JSON.stringify(problem)).to.match(/[Α-ω]/);
    });

    it('delivers a KEP’s appointment events signed, with ids only in the «ids» scope, and nothing of another KEP', async () => {
      const sub = await subscribe(admin, `/api/v1/stores/${storeA}/webhooks`, { url: `${receiver.url}/a`, events: ['appointment.created', 'appointment.arrived', 'appointment.cancelled'] });
      expect(sub.secret).to.match(/^whsec_[A-Za-z0-9+/=]{40,}$/);
      const listed = await (await admin.get(`/api/v1/stores/${storeA}/webhooks`)).text();
      expect(listed).to.include(sub.id).and.not.include(sub.secret).and.not.include('secret');

      const operatorB = await signInAs(system.url, 'demo-operator-b');
      await book(operatorB, storeB, `${day(1)}T09:00`);
      const id = await book(operator, storeA, `${day(0)}T08:15`);
      expect((await operator.post(`/api/v1/appointments/${id}/status`, { status: 'arrived' })).status).to.equal(200);
      await eventually(() => receiver.at('/a').length >= 2, 'two deliveries at /a');

      // Deliveries run side by side, so they may arrive in any order (as the Standard Webhooks convention allows).
      const got = receiver.at('/a').map((r) => ({ ...r, json: JSON.parse(r.body) as { type: string; timestamp: string; data: Record<string, unknown> } }));
      const created = got.find((r) => r.json.type === 'appointment.created');
      const arrived = got.find((r) => r.json.type === 'appointment.arrived');
      expect(created!.json.data).to.include({ appointmentId: id, storeId: storeA, status: 'booked', storeCode: 'KEP-ATH-0101' });
      expect(arrived!.json.data).to.include({ appointmentId: id, status: 'arrived', previousStatus: 'booked' });
      expect(created!.body).to.not.include('Ανδρέας').and.not.include('andreas@');
      for (const r of [created!, arrived!]) {
        const h = r.headers as Record<string, string>;
        expect(h['webhook-id']).to.match(/^msg_[0-9a-f-]{36}$/);
        // The library verifies (id, timestamp within its tolerance, signature) …
        expect(new Webhook(sub.secret).verify(r.body, h)).to.deep.equal(JSON.parse(r.body));
        // … and so does code written from the spec alone.
        expect(h['webhook-signature']).to.equal(independentSignature(sub.secret, h['webhook-id']!, h['webhook-timestamp']!, r.body));
        expect(() => new Webhook(sub.secret).verify(r.body.replace('}', ' }'), h)).to.throw();
      }
      // Nothing of KEP B: not sent, not even written.
      expect(receiver.received.map((r) => JSON.parse(r.body).data.storeId)).to.not.include(storeB);
      const [events] = (await system.orm.em.fork().getConnection().execute(`select count(*)::int as n from webhook_event where store_id = ?`, [storeB])) as { n: number }[];
      expect(events!.n).to.equal(0);
    });

    it('tries again after a failure (500, then 200) with the same webhook-id, and logs both attempts', async () => {
      receiver.script('/flaky', [500, 200]);
      const sub = await subscribe(admin, `/api/v1/stores/${storeA}/webhooks`, { url: `${receiver.url}/flaky`, events: ['appointment.created'], scope: 'contact' });
      await book(operator, storeA, `${day(2)}T10:00`);
      await eventually(async () => (await deliveries(admin, `/api/v1/stores/${storeA}/webhooks`, sub.id))[0]?.status === 'delivered', 'delivered on the second attempt');
      const [line] = await deliveries(admin, `/api/v1/stores/${storeA}/webhooks`, sub.id);
      expect(line).to.include({ status: 'delivered', attempts: 2, lastStatusCode: 200, type: 'appointment.created' });
      const tries = receiver.at('/flaky');
      expect(tries).to.have.length(2);
      expect(tries[0]!.headers['webhook-id']).to.equal(tries[1]!.headers['webhook-id']);
      expect(tries[0]!.body).to.equal(tries[1]!.body);
      // The «contact» scope carries the citizen's name and email.
      expect(JSON.parse(tries[1]!.body).data.citizen).to.include({ firstName: 'Ανδρέας', email: 'andreas@citizen.example.gr' });
    });

    it('replays a delivery from the log: the same body and webhook-id, a new log line', async () => {
      const [sub] = ((await (await admin.get(`/api/v1/stores/${storeA}/webhooks`)).json()) as { items: { id: string; url: string }[] }).items.filter((s) => s.url.endsWith('/a'));
      const log = await deliveries(admin, `/api/v1/stores/${storeA}/webhooks`, sub!.id);
      const first = log.at(-1)!;
      expect(first.replayable).to.equal(true);
      const before = receiver.at('/a').length;
      expect((await adminB.post(`/api/v1/stores/${storeA}/webhooks/${sub!.id}/deliveries/${first.id}/replay`, {})).status).to.equal(404);
      const res = await admin.post(`/api/v1/stores/${storeA}/webhooks/${sub!.id}/deliveries/${first.id}/replay`, {});
      expect(res.status, await res.clone().text()).to.equal(202);
      await eventually(() => receiver.at('/a').length > before, 'the replay arrives');
      const replayed = receiver.at('/a').at(-1)!;
      const original = receiver.at('/a').find((r) => r.headers['webhook-id'] === replayed.headers['webhook-id'])!;
      expect(receiver.at('/a').indexOf(original)).to.be.below(before);
      expect(replayed.body).to.equal(original.body);
      expect(replayed.headers['webhook-id']).to.equal(original.headers['webhook-id']);
      expect(new Webhook(secrets.get(sub!.id)!).verify(replayed.body, replayed.headers as Record<string, string>)).to.be.an('object');
      await eventually(async () => (await deliveries(admin, `/api/v1/stores/${storeA}/webhooks`, sub!.id)).some((d) => d.replayOf === first.id && d.status === 'delivered'), 'the replay logged');
    });

    it('gives the directorate every KEP’s events', async () => {
      const sub = await subscribe(director, `/api/v1/webhooks`, { url: `${receiver.url}/all`, events: ['appointment.cancelled'] });
      expect((await director.get(`/api/v1/webhooks`)).status).to.equal(200);
      const operatorB = await signInAs(system.url, 'demo-operator-b');
      const b = await book(operatorB, storeB, `${day(3)}T09:00`);
      expect((await operatorB.post(`/api/v1/appointments/${b}/cancel`, { reason: 'δοκιμή' })).status).to.be.oneOf([200, 204]);
      await eventually(() => receiver.at('/all').length === 1, 'the cancellation in KEP B reaches the directorate');
      expect(JSON.parse(receiver.at('/all')[0]!.body)).to.deep.include({ type: 'appointment.cancelled' });
      expect((await send(director, 'DELETE', `/api/v1/webhooks/${sub.id}`)).status).to.equal(204);
    });

    it('refuses at delivery a URL that is private when the deployment does not allow it (DNS rebinding)', async () => {
      const conn = system.orm.em.fork().getConnection();
      // A copy of a delivered row, marked as handed over just now so the relay leaves it alone.
      const [copy] = (await conn.execute(
        `insert into webhook_delivery (subscription_id, event_id, status, queued_at)
           select subscription_id, event_id, 'queued', now() from webhook_delivery where status = 'delivered' limit 1 returning id`,
      )) as { id: string }[];
      const err = await deliverWebhook(system.orm, { allowPrivateUrls: false, clock: clock.now }, copy!.id).then(() => null, (e: unknown) => e);
      expect(err).to.be.instanceOf(WebhookDeliveryError);
      expect(err).to.include({ permanent: true, final: true });
      const [row] = (await conn.execute(`select status, last_error from webhook_delivery where id = ?`, [copy!.id])) as { status: string; last_error: string }[];
      expect(row).to.deep.equal({ status: 'failed', last_error: 'Η διεύθυνση οδηγεί σε εσωτερικό δίκτυο και δεν επιτρέπεται.' });

      // A name (not an address) that resolves inside: refused on the connection's own lookup.
      const named = await subscribe(admin, `/api/v1/stores/${storeA}/webhooks`, { url: 'https://localhost:9/rebound', events: ['appointment.served'] });
      const [byName] = (await conn.execute(
        `insert into webhook_delivery (subscription_id, event_id, status, queued_at) select ?, event_id, 'queued', now() from webhook_delivery where status = 'delivered' limit 1 returning id`,
        [named.id],
      )) as { id: string }[];
      const refused = await deliverWebhook(system.orm, { allowPrivateUrls: false, clock: clock.now }, byName!.id).then(() => null, (e: unknown) => e);
      expect(refused, 'refused before connecting, not a connection error').to.include({ permanent: true });
      expect((await send(admin, 'DELETE', `/api/v1/stores/${storeA}/webhooks/${named.id}`)).status).to.equal(204);
    });

    it('tells of a status corrected back (changed) and of a citizen’s hold that ended without a booking (hold_lapsed)', async () => {
      await subscribe(admin, `/api/v1/stores/${storeA}/webhooks`, { url: `${receiver.url}/more`, events: ['appointment.changed', 'appointment.hold_lapsed'] });
      const id = await book(operator, storeA, `${day(0)}T08:30`);
      expect((await operator.post(`/api/v1/appointments/${id}/status`, { status: 'arrived' })).status).to.equal(200);
      expect((await operator.post(`/api/v1/appointments/${id}/status`, { status: 'booked' })).status).to.equal(200);
      // A hold as the public booking leaves it, deleted as the sweeper deletes a lapsed one.
      const held = await book(operator, storeA, `${day(7)}T11:00`);
      const conn = system.orm.em.fork().getConnection();
      await conn.execute(`update appointment set status = 'held', holder = 'citizen:test', held_until = now() where id = ?`, [held]);
      await conn.execute(`delete from appointment where id = ?`, [held]);
      await eventually(() => receiver.at('/more').length >= 2, 'both events at /more');
      const types = receiver.at('/more').map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
      expect(types.find((t) => t.type === 'appointment.changed')!.data).to.include({ appointmentId: id, status: 'booked', previousStatus: 'arrived' });
      expect(types.find((t) => t.type === 'appointment.hold_lapsed')!.data).to.include({ appointmentId: held, status: 'held' });
    });

    it('sends in process on the embedded default: a failed attempt waits in the row for its back-off, then goes', async () => {
      receiver.script('/inline', [500, 200]);
      const sub = await subscribe(admin, `/api/v1/stores/${storeA}/webhooks`, { url: `${receiver.url}/inline`, events: ['appointment.served'] });
      const conn = system.orm.em.fork().getConnection();
      // Marked as handed over, so the running system's own relay leaves it to this dispatcher.
      const [row] = (await conn.execute(
        `insert into webhook_delivery (subscription_id, event_id, status, queued_at)
           select ?, event_id, 'queued', now() from webhook_delivery where status = 'delivered' limit 1 returning id`,
        [sub.id],
      )) as { id: string }[];
      const dispatch = inlineWebhookDispatch(system.orm, { allowPrivateUrls: true, clock: clock.now }, { delayMs: 60_000, maxDelayMs: 60_000 }, () => {});
      await dispatch([row!.id]);
      const read = async () =>
        ((await conn.execute(`select status, attempts, last_status_code, next_attempt_at > now() + interval '30 seconds' as later from webhook_delivery where id = ?`, [row!.id])) as Record<string, unknown>[])[0];
      expect(await read()).to.deep.equal({ status: 'pending', attempts: 1, last_status_code: 500, later: true });
      await conn.execute(`update webhook_delivery set status = 'queued', queued_at = now() where id = ?`, [row!.id]);
      await dispatch([row!.id]);
      expect(await read()).to.deep.include({ status: 'delivered', attempts: 2, last_status_code: 200 });
      expect(receiver.at('/inline')).to.have.length(2);
    });

    it('pauses a subscription after a day of failures (by the plugin’s clock) and emails its owner', async () => {
      receiver.script('/down', [503]);
      const base = `/api/v1/stores/${storeA}/webhooks`;
      const sub = await subscribe(admin, base, { url: `${receiver.url}/down`, events: ['appointment.created'], description: 'Σύστημα ουράς' });
      await book(operator, storeA, `${day(4)}T09:00`);
      await eventually(async () => (await deliveries(admin, base, sub.id))[0]?.status === 'failed', 'failed after its attempts');
      let view = ((await (await admin.get(base)).json()) as { items: { id: string; status: string; failingSince: string | null }[] }).items.find((s) => s.id === sub.id)!;
      expect(view.status).to.equal('active');
      expect(view.failingSince).to.be.a('string');

      clock.advance(24 * 3_600_000 + 60_000);
      await book(operator, storeA, `${day(5)}T09:00`);
      await eventually(async () => ((await (await admin.get(base)).json()) as { items: { id: string; status: string }[] }).items.find((s) => s.id === sub.id)!.status === 'paused', 'paused');
      view = ((await (await admin.get(base)).json()) as { items: { id: string; status: string; failingSince: string | null; pausedReason?: string }[] }).items.find((s) => s.id === sub.id)!;
      expect(view).to.include({ status: 'paused', pausedReason: 'failing' });
      await eventually(() => sink.messages.some((m) => m.subject?.includes('Σε παύση το webhook')), 'the owner’s email');
      const mail = sink.messages.find((m) => m.subject?.includes('Σε παύση το webhook'))!;
      expect(JSON.stringify(mail.to)).to.include('georgios.nikolaou@kep.example.gr');
      expect(mail.text).to.include(`${receiver.url}/down`).and.include('Σύστημα ουράς').and.include('HTTP 503');

      // Paused: a new event is not sent; resumed: the next one is.
      const count = receiver.at('/down').length;
      const resumed = await send(admin, 'PATCH', `${base}/${sub.id}`, { status: 'active' });
      expect(resumed.status).to.equal(200);
      expect(((await resumed.json()) as { failingSince: string | null }).failingSince).to.equal(null);
      receiver.script('/down', [200]);
      await book(operator, storeA, `${day(6)}T09:00`);
      await eventually(() => receiver.at('/down').length > count, 'delivered after resuming');
    });

    it('keeps a sent body for replay 7 days (by the plugin’s clock), then no longer', async () => {
      const base = `/api/v1/stores/${storeA}/webhooks`;
      const [sub] = ((await (await admin.get(base)).json()) as { items: { id: string; url: string }[] }).items.filter((s) => s.url.endsWith('/a'));
      clock.advance(7 * 86_400_000);
      await system.host.rantevou.webhooks.purgePayloads();
      const log = await deliveries(admin, base, sub!.id);
      expect(log.map((d) => d.replayable)).to.not.include(true);
      const res = await admin.post(`${base}/${sub!.id}/deliveries/${log[0]!.id}/replay`, {});
      expect(res.status).to.equal(409);
      expect(((await res.json()) as { type: string }).type).to.include('payload-gone');
    });
  });
});
