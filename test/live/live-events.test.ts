/**
 * Live updates of a KEP (issue 16 item 5): `GET /api/v1/stores/:storeId/events` streams the KEP's
 * events as server-sent events to its staff, after the change committed, on whichever instance the
 * change came through: two plugins on one PostgreSQL database and one Redis deliver the same events.
 * Without Redis they travel by LISTEN/NOTIFY; on PGlite (the PGlite run) within the one process.
 */
import type { ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { openLiveEvents } from '../../plugin/live/broadcast-live-events.js';
import type { LiveEvent, LiveEvents } from '../../plugin/live/live-events.js';
import { postgresBroadcast } from '../../plugin/live/postgres-broadcast.js';
import { openEventStream, type EventStreamReader } from '../support/event-stream.js';
import { freePort } from '../support/free-port.js';
import { startRedisServer, stopProcess } from '../support/redis-server.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { instant, PINNED, TODAY } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

describe('live events of a KEP, streamed to its staff', function () {
  this.timeout(60_000);
  const clock = new TestClock();
  let redis: ChildProcess;
  let system: TestSystem;
  let operator: StaffClient;
  let admin: StaffClient;
  let stranger: StaffClient;
  let storeId: string;
  let deviceKey: string;
  const streams: EventStreamReader[] = [];

  before(async () => {
    clock.set(PINNED);
    const port = await freePort();
    redis = await startRedisServer(port);
    system = await startTestSystem('live_events', { redisUrl: `redis://127.0.0.1:${port}`, clock: clock.now, env: { ATTENDANCE_JOBS: '0' } });
    [operator, admin, stranger] = await Promise.all([signInAs(system.url, 'demo-operator-a'), signInAs(system.url, 'demo-admin-a'), signInAs(system.url, 'demo-operator-b')]);
    storeId = operator.me.stores[0]!.id;
    const device = await admin.post(`/api/v1/stores/${storeId}/devices`, { name: 'Κιόσκι εισόδου' });
    expect(device.status, await device.clone().text()).to.equal(201);
    deviceKey = (await device.json()).key;
  });
  afterEach(() => {
    for (const s of streams.splice(0)) s.close();
  });
  after(async () => {
    await system?.close();
    if (redis) await stopProcess(redis);
  });

  const eventsPath = () => `/api/v1/stores/${storeId}/events`;
  const listen = async (base: string, who: StaffClient = operator) => {
    const stream = await openEventStream((url, init) => who.browser.fetch(url, init), `${base}${eventsPath()}`);
    streams.push(stream);
    return stream;
  };
  const book = async (base: string, hhmm: string, lastName: string) => {
    const res = await operator.browser.fetch(`${base}/api/v1/stores/${storeId}/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': operator.csrfToken },
      body: JSON.stringify({ firstName: 'Ζωή', lastName, startsAt: `${TODAY}T${hhmm}` }),
    });
    expect(res.status, await res.clone().text()).to.equal(201);
    return (await res.json()) as { id: string; reference: string; queueId: string };
  };
  const arrive = async (base: string, reference: string) => {
    const res = await fetch(`${base}/api/v1/stores/${storeId}/arrivals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${deviceKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference }),
    });
    expect(res.status, await res.clone().text()).to.equal(200);
    return (await res.json()) as { number: number; appointmentId: string };
  };

  describe('who may listen', () => {
    it('answers 401 problem+json without a session and 404 to another KEP’s staff, as for a KEP that does not exist, streaming nothing', async () => {
      const anonymous = await fetch(`${system.url}${eventsPath()}`, { headers: { accept: 'text/event-stream' } });
      expect(anonymous.status).to.equal(401);
      expect(anonymous.headers.get('content-type')).to.match(/^application\/problem\+json/);
      const foreign = await stranger.get(eventsPath());
      const missing = await stranger.get('/api/v1/stores/00000000-0000-4000-8000-000000000000/events');
      expect([foreign.status, missing.status]).to.deep.equal([404, 404]);
      expect((await foreign.json()).detail).to.equal((await missing.json()).detail);
    });
  });

  describe('on one instance', () => {
    it('streams text/event-stream, unbuffered, starting with how long to wait before reconnecting', async () => {
      const abort = new AbortController();
      const res = await operator.browser.fetch(`${system.url}${eventsPath()}`, { signal: abort.signal });
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('text/event-stream; charset=utf-8');
      expect(res.headers.get('cache-control')).to.equal('no-store, no-transform');
      expect(res.headers.get('x-accel-buffering')).to.equal('no');
      const first = await res.body!.pipeThrough(new TextDecoderStream()).getReader().read();
      expect(first.value).to.match(/^retry: \d+\n/);
      abort.abort();
    });

    it('tells a staff booking and a kiosk arrival after they commit, with ids and the ticket number, never the citizen’s name', async () => {
      const stream = await listen(system.url);
      const booked = await book(system.url, '09:00', 'Παπαδημητρίου');
      const changed = await stream.next((e) => e.kind === 'appointments-changed');
      expect(changed).to.deep.equal({ kind: 'appointments-changed', storeId, queueId: booked.queueId, at: PINNED.toISOString() });

      clock.set(instant(TODAY, '08:45'));
      const ticket = await arrive(system.url, booked.reference);
      const arrived = await stream.next((e) => e.kind === 'arrived');
      expect(arrived).to.deep.equal({
        kind: 'arrived',
        storeId,
        queueId: booked.queueId,
        appointmentId: booked.id,
        number: ticket.number,
        queueName: 'Κύρια ουρά',
        at: instant(TODAY, '08:45').toISOString(),
      });
      expect(JSON.stringify(stream.events)).not.to.match(/Παπαδημητρίου|Ζωή/);
    });
  });

  describe('across two instances on one database and one Redis', () => {
    let b: string;
    before(async function () {
      if (system.database === 'pglite') this.skip();
      b = (await system.startAnotherHost()).url;
    });

    it('delivers the same events to a stream on either instance, whichever instance the change came through', async () => {
      const onA = await listen(system.url);
      const onB = await listen(b);
      clock.set(PINNED);
      const booked = await book(b, '09:15', 'Αλεξίου');
      clock.set(instant(TODAY, '08:50'));
      await arrive(system.url, booked.reference);
      const sameEvents = (s: EventStreamReader) => s.next((e) => e.kind === 'arrived' && e.appointmentId === booked.id).then(() => s.events);
      const [a, bs] = await Promise.all([sameEvents(onA), sameEvents(onB)]);
      expect(a.map((e) => e.kind)).to.deep.equal(['appointments-changed', 'arrived']);
      expect(bs).to.deep.equal(a);
    });
  });

  describe('without Redis, on PostgreSQL alone', () => {
    const opened: LiveEvents[] = [];
    before(function () {
      if (system.database === 'pglite') this.skip();
    });
    after(() => Promise.all(opened.map((l) => l.close())));

    it('delivers between two plugins through LISTEN/NOTIFY, each listener once', async () => {
      const open = () => openLiveEvents(postgresBroadcast(system.databaseUrl, () => {}), () => {});
      const [one, two] = await Promise.all([open(), open()]);
      opened.push(one, two);
      const heard: Record<string, LiveEvent[]> = { one: [], two: [] };
      one.subscribe(storeId, (e) => heard.one!.push(e));
      two.subscribe(storeId, (e) => heard.two!.push(e));
      two.subscribe('another-kep', () => expect.fail('another KEP’s listener'));
      const event: LiveEvent = { kind: 'called', storeId, queueId: storeId, number: 7, queueName: 'Κύρια ουρά', at: PINNED.toISOString() };
      one.publish(event);
      for (let waited = 0; heard.two!.length === 0 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      expect(heard).to.deep.equal({ one: [event], two: [event] });
    });
  });
});
