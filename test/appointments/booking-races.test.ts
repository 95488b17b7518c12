import { expect } from 'chai';
import pg from 'pg';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { Queue } from '../../plugin/db/queue.entity.js';
import { addDays } from '../../plugin/domain/local-day.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { CLEAN_MONDAY, day, PINNED, utc } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/**
 * Staff bookings racing other writers. The other side is often a plain PostgreSQL session of the
 * test: it holds a row lock at the right moment, so that a request under test is caught mid-flight,
 * deterministically, where production would meet the same interleaving only now and then.
 */
describe('staff booking against concurrent writers', () => {
  let system: TestSystem;
  let operator: StaffClient;
  let admin: StaffClient;
  let storeId: string;
  let session: pg.Client;
  let monitor: pg.Client;

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startTestSystem('races', { redisDb: 4, clock: clock.now });
    [operator, admin] = await Promise.all([signInAs(system.url, 'demo-operator-a'), signInAs(system.url, 'demo-admin-a')]);
    storeId = operator.me.stores[0]!.id;
    session = new pg.Client({ connectionString: system.databaseUrl });
    monitor = new pg.Client({ connectionString: system.databaseUrl });
    await Promise.all([session.connect(), monitor.connect()]);
  });
  after(async () => {
    await Promise.all([session?.end(), monitor?.end()]);
    await system?.close();
  });

  const book = (queueId: string | undefined, startsAt: string) => operator.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Νίκος', lastName: 'Πέτρου', startsAt, ...(queueId ? { queueId } : {}) });
  const patchQueue = (queueId: string, body: unknown) =>
    admin.browser.fetch(`${system.url}/api/v1/stores/${storeId}/queues/${queueId}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrfToken }, body: JSON.stringify(body) });
  const newQueue = async (name: string): Promise<string> => {
    const res = await admin.post(`/api/v1/stores/${storeId}/queues`, { name });
    expect(res.status).to.equal(201);
    return (await res.json()).id;
  };
  const defaultQueue = async () => (await system.orm.em.fork().findOneOrFail(Queue, { store: storeId, isDefault: true })).id;
  /** A row as the public booking writes it: a citizen's hold (lapsed or live) or a cancellation's cool-down. */
  let holders = 0;
  const insertHeld = async (queueId: string, start: string, end: string, holder: string, live: boolean): Promise<string> => {
    const { rows } = await monitor.query(
      `insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, mode, status, source, created_by, held_until, holder)
       values ($1, $2, $3, $4, '', '', 'in_person', 'held', 'online', 'test', $5, $6) returning id`,
      // One live-or-lapsed hold per citizen is a unique index: each row here is a citizen of its own (cool-downs share one holder).
      // Live after the pinned clock, lapsed before the machine's: the same to rules that read either.
      [storeId, queueId, start, end, new Date(live ? PINNED.getTime() + 3_600_000 : Date.now() - 3_600_000), holder === 'cooldown' ? holder : `${holder}-${++holders}`],
    );
    return rows[0].id;
  };
  /** Runs `start` while the test's session holds the row `id` FOR UPDATE, and lets it go after. */
  const whileRowLocked = async <T>(id: string, start: () => Promise<T>): Promise<T> => {
    await session.query('begin');
    try {
      await session.query('select id from appointment where id = $1 for update', [id]);
      return await start();
    } finally {
      await session.query('commit');
    }
  };
  /** Resolves once `count` sessions of the test database wait for a lock; false if that never happens. */
  const lockWaits = async (count: number, timeoutMs = 5000): Promise<boolean> => {
    for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
      const { rows } = await monitor.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      if (rows[0].n >= count) return true;
    }
    return false;
  };

  describe('a slot lost to another booking', () => {
    it('offers the next free times after the public holiday and the closure that follow', async () => {
      const [friday, tuesday, wednesday] = [-3, 1, 2].map((n) => addDays(CLEAN_MONDAY, n));
      expect((await admin.post(`/api/v1/stores/${storeId}/exceptions`, { startDate: tuesday, endDate: tuesday, reason: 'Απεργία' })).status).to.equal(201);
      expect((await book(undefined, `${friday}T14:45`)).status).to.equal(201); // Friday's last slot
      const lost = await book(undefined, `${friday}T14:45`);
      expect(lost.status).to.equal(409);
      const problem = await lost.json();
      expect(problem.type).to.equal('urn:rantevou:problem:slot-taken');
      // Monday is a public holiday (Clean Monday), Tuesday is closed: Wednesday.
      expect(problem.nextFreeSlots).to.deep.equal([utc(wednesday, '08:00'), utc(wednesday, '08:15'), utc(wednesday, '08:30')]);
    });

    it('answers 409 with other times, not 500, when PostgreSQL breaks a deadlock by aborting the booking', async () => {
      const queueId = await defaultQueue();
      // 09:00–09:05 (winter time) held by a lapsed hold, which the booking deletes first (locking its row)...
      const lapsed = await insertHeld(queueId, `${day(3)}T07:00Z`, `${day(3)}T07:05Z`, 'citizen-lapsed', false);
      await session.query('begin');
      let booking: Promise<Response> | undefined;
      try {
        // (this session is never the one PostgreSQL picks to abort)
        await session.query(`set local deadlock_timeout = '10s'`);
        // ...while this session books 09:05–09:15 and has not committed: the booking waits for it...
        await session.query(
          `insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, created_by) values ($1, $2, '${day(3)}T07:05Z', '${day(3)}T07:15Z', 'Άλλος', 'Πολίτης', 'test')`,
          [storeId, queueId],
        );
        booking = book(undefined, `${day(3)}T09:00`);
        expect(await lockWaits(1)).to.equal(true);
        // ...and then waits for the lapsed hold's row, which the booking holds: a deadlock.
        await session.query('select id from appointment where id = $1 for update', [lapsed]);
      } finally {
        await session.query('commit');
      }
      const res = await booking;
      expect(res.status).to.equal(409);
      const problem = await res.json();
      expect(problem.type).to.equal('urn:rantevou:problem:slot-taken');
      expect(problem.nextFreeSlots).to.deep.equal([`${day(3)}T07:15:00.000Z`, `${day(3)}T07:30:00.000Z`, `${day(3)}T07:45:00.000Z`]);
      expect(await system.orm.em.fork().count(Appointment, { createdBy: 'demo-operator-a', startsAt: new Date(`${day(3)}T07:00Z`) })).to.equal(0);
    });
  });

  describe('a booking and a deactivation of its queue at the same moment', () => {
    it('a booking already under way commits first, and the deactivation then asks about it (409) instead of orphaning it', async () => {
      const queueId = await newQueue('Ουρά Α');
      const lapsed = await insertHeld(queueId, `${day(5)}T07:00Z`, `${day(5)}T07:15Z`, 'citizen-lapsed', false);
      // Holding the lapsed hold's row stops the booking after its checks, just before its insert.
      const [booked, deactivated] = await whileRowLocked(lapsed, async () => {
        const booking = book(queueId, `${day(5)}T09:00`);
        expect(await lockWaits(1)).to.equal(true);
        const deactivation = patchQueue(queueId, { active: false });
        await lockWaits(2, 1000); // the deactivation waits for the booking (before the fix it did not)
        return [booking, deactivation];
      }).then((pending) => Promise.all(pending));
      expect(booked.status).to.equal(201);
      const { id } = await booked.json();
      expect(deactivated.status).to.equal(409);
      const problem = await deactivated.json();
      expect(problem.type).to.equal('urn:rantevou:problem:future-appointments');
      expect(problem.affectedAppointments.map((a: { id: string }) => a.id)).to.deep.equal([id]);
      expect((await system.orm.em.fork().findOneOrFail(Queue, queueId)).active).to.equal(true);
    });

    it('a booking that comes during the deactivation waits for it, and is then refused: the queue is inactive (409)', async () => {
      const queueId = await newQueue('Ουρά Β');
      const live = await insertHeld(queueId, `${day(6)}T07:00Z`, `${day(6)}T07:15Z`, 'citizen-live', true);
      // Holding a citizen's hold stops the deactivation after it locked the queue, as it lets the hold go.
      const [deactivated, booked] = await whileRowLocked(live, async () => {
        const deactivation = patchQueue(queueId, { active: false });
        expect(await lockWaits(1)).to.equal(true);
        const booking = book(queueId, `${day(6)}T11:00`);
        await lockWaits(2, 1000);
        return [deactivation, booking];
      }).then((pending) => Promise.all(pending));
      expect(deactivated.status).to.equal(200);
      expect(booked.status).to.equal(409);
      expect((await booked.json()).type).to.equal('urn:rantevou:problem:queue-inactive');
      expect(await system.orm.em.fork().count(Appointment, { queue: queueId })).to.equal(0);
    });
  });

  describe('a deactivation that cancels, while one of its appointments is cancelled elsewhere', () => {
    it('waits for that cancel, then cancels the rest and leaves the cancelled one as it was (no 500)', async () => {
      const queueId = await newQueue('Ουρά Δ');
      const booked = await Promise.all(['10:00', '10:30'].map((t) => operator.post(`/api/v1/stores/${storeId}/appointments`, {
        firstName: 'Ελένη', lastName: 'Σταύρου', startsAt: `${day(8)}T${t}`, queueId, email: 'eleni@example.gr',
      })));
      const [first, second] = await Promise.all(booked.map(async (r) => (expect(r.status).to.equal(201), r.json())));
      // The citizen's own cancel of the first, caught mid-flight: its row locked, not yet committed.
      await session.query('begin');
      await session.query('select id from appointment where id = $1 for update', [first.id]);
      const deactivating = patchQueue(queueId, { active: false, onFutureAppointments: 'cancel', cancelReason: 'Η ουρά καταργείται.' });
      expect(await lockWaits(1)).to.equal(true);
      await session.query(`update appointment set status = 'cancelled', cancelled_reason = 'Ακύρωση από τον πολίτη.', version = version + 1 where id = $1`, [first.id]);
      await session.query('commit');

      const res = await deactivating;
      expect(res.status, await res.clone().text()).to.equal(200);
      const em = system.orm.em.fork();
      const rows = await em.find(Appointment, { id: { $in: [first.id, second.id] } }, { orderBy: { startsAt: 'asc' } });
      expect(rows.map((a) => [a.status, a.cancelledReason])).to.deep.equal([
        ['cancelled', 'Ακύρωση από τον πολίτη.'],
        ['cancelled', 'Η ουρά καταργείται.'],
      ]);
    });
  });

  describe('deactivating a queue with holds and cool-downs in it', () => {
    it('asks only about the appointments, and lets the holds and cool-downs go', async () => {
      const queueId = await newQueue('Ουρά Γ');
      const res = await book(queueId, `${day(7)}T09:00`);
      expect(res.status).to.equal(201);
      const appointment = await res.json();
      await insertHeld(queueId, `${day(7)}T08:00Z`, `${day(7)}T08:15Z`, 'citizen-live', true);
      await insertHeld(queueId, `${day(7)}T08:15Z`, `${day(7)}T08:30Z`, 'cooldown', true);

      const asked = await patchQueue(queueId, { active: false });
      expect(asked.status).to.equal(409);
      expect((await asked.json()).affectedAppointments.map((a: { id: string }) => a.id)).to.deep.equal([appointment.id]);

      expect((await operator.post(`/api/v1/appointments/${appointment.id}/cancel`, { reason: 'Ακύρωση.' })).status).to.equal(200);
      expect((await patchQueue(queueId, { active: false })).status).to.equal(200);
      expect(await system.orm.em.fork().count(Appointment, { queue: queueId, status: 'held' })).to.equal(0);
    });
  });
});
