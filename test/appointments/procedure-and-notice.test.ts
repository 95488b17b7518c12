import { expect } from 'chai';
import type { MikroORM } from '@mikro-orm/core';
import { Procedure } from '../../plugin/db/procedure.entity.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const DAY = day(3); // a Thursday: the video queue serves 09:00–14:00 in slots of 20 minutes

/** The SQL statements the ORM runs while `work` does (the whole host shares this ORM). */
async function queriesDuring(orm: MikroORM, work: () => Promise<unknown>): Promise<string[]> {
  const logger = orm.config.getLogger();
  const logQuery = logger.logQuery;
  const seen: string[] = [];
  logger.logQuery = (context) => {
    seen.push(context.query ?? '');
    logQuery.call(logger, context);
  };
  try {
    await work();
  } finally {
    logger.logQuery = logQuery;
  }
  // The outbox relay, the reminder scheduler and the waitlist's 30-second pass poll on the same ORM meanwhile: not the request's.
  return seen.filter((q) => !/^\s*(update|insert into) outbox_message\b|^\s*select now\(\) as at|\bwaitlist_entry\b/i.test(q));
}

describe('what the staff view tells of the catalogue procedure and the polite notice', () => {
  let system: TestSystem;
  let staff: StaffClient;
  let storeId: string;
  let videoQueueId: string;
  const procedureIds: Record<string, string> = {};

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startTestSystem('procedure_notice', { clock: clock.now, redisDb: 5, env: { ATTENDANCE_JOBS: '0' } });
    staff = await signInAs(system.url, 'demo-operator-a');
    storeId = staff.me.stores[0]!.id;
    const queues: { id: string; mode: string }[] = await (await staff.get(`/api/v1/stores/${storeId}/queues`)).json().then((q) => q.items ?? q);
    videoQueueId = queues.find((q) => q.mode === 'video')!.id;
    for (const p of await system.orm.em.fork().find(Procedure, {})) procedureIds[p.code] = p.id;
  });
  after(async () => system?.close());

  async function book(time: string, extra: Record<string, unknown>) {
    const res = await staff.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Ελένη', lastName: 'Ραφαηλίδου', startsAt: `${DAY}T${time}`, queueId: videoQueueId, ...extra });
    expect(res.status, await res.clone().text()).to.equal(201);
    return res.json();
  }
  const patch = (id: string, body: unknown, version: number) =>
    staff.browser.fetch(`${system.url}/api/v1/appointments/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': staff.csrfToken, 'if-match': `"${version}"` },
      body: JSON.stringify(body),
    });
  const list = async () => (await (await staff.get(`/api/v1/stores/${storeId}/appointments?date=${DAY}&pageSize=200`)).json()).items as Record<string, unknown>[];

  describe('a staff booking', () => {
    it('names the catalogue procedure whose Greek or English name was typed, accents and case aside, and says whether video serves it', async () => {
      const greek = await book('09:00', { procedure: 'ΑΔΕΙΑ ΔΙΑΜΟΝΗΣ (ανανεωση)' });
      expect(greek).to.include({ procedure: 'ΑΔΕΙΑ ΔΙΑΜΟΝΗΣ (ανανεωση)', procedureId: procedureIds['ADEIA-DIAM'], procedureVideoEligible: false, politeNoticeSentAt: null });
      const english = await book('09:20', { procedure: 'birth certificate' });
      expect(english).to.include({ procedureId: procedureIds['PIST-GEN'], procedureVideoEligible: true });
      const free = await book('09:40', { procedure: 'Βεβαίωση για την εφορία' });
      expect(free).to.include({ procedureId: null, procedureVideoEligible: null });
    });

    it('takes a picked procedure by its id (its Greek name when no text came), and refuses one not active in the catalogue with 400', async () => {
      const picked = await book('10:00', { procedureId: procedureIds['EPIK-ANT'] });
      expect(picked).to.include({ procedure: 'Επικύρωση αντιγράφων', procedureId: procedureIds['EPIK-ANT'], procedureVideoEligible: false });

      const retired = system.orm.em.fork().create(Procedure, { code: 'RETIRED-1', name: 'Παλιά διαδικασία', nameEn: 'Old procedure', bring: [], active: false, alternativeText: 'Στο ΚΕΠ.' });
      await system.orm.em.fork().persist(retired).flush();
      for (const procedureId of [retired.id, crypto.randomUUID()]) {
        const res = await staff.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Α', lastName: 'Β', startsAt: `${DAY}T10:20`, queueId: videoQueueId, procedureId });
        expect(res.status).to.equal(400);
        expect((await res.json()).errors[0]).to.include({ path: 'procedureId' });
      }
      const named = await book('10:20', { procedure: 'Παλιά διαδικασία' });
      expect(named.procedureId, 'a retired procedure is not named by its text either').to.equal(null);
    });

    it('is linked again when an edit changes the text, and keeps its link when the text stays', async () => {
      const a = await book('10:40', { procedure: 'Έκδοση πιστοποιητικού γέννησης' });
      expect(a.procedureId).to.equal(procedureIds['PIST-GEN']);
      const notes = await (await patch(a.id, { notes: 'Θα καλέσει νωρίτερα.' }, a.version)).json();
      expect(notes.procedureId).to.equal(procedureIds['PIST-GEN']);
      const renamed = await (await patch(a.id, { procedure: 'επικυρωση αντιγραφων' }, notes.version)).json();
      expect(renamed).to.include({ procedureId: procedureIds['EPIK-ANT'], procedureVideoEligible: false });
      const free = await (await patch(a.id, { procedure: 'Κάτι άλλο' }, renamed.version)).json();
      expect(free).to.include({ procedureId: null, procedureVideoEligible: null });
      const picked = await (await patch(a.id, { procedureId: procedureIds['ADEIA-DIAM'] }, free.version)).json();
      expect(picked).to.include({ procedure: 'Άδεια διαμονής (ανανέωση)', procedureId: procedureIds['ADEIA-DIAM'] });
      expect((await patch(a.id, { procedureId: crypto.randomUUID() }, picked.version)).status).to.equal(400);
    });
  });

  describe('the polite notice', () => {
    it('is null in the list and the single view until sent, then the time the notice went, in both', async () => {
      const a = await book('11:00', { procedure: 'Άδεια διαμονής (ανανέωση)', email: 'eleni@citizen.example.gr' });
      expect((await list()).find((x) => x.id === a.id)).to.include({ procedureVideoEligible: false, politeNoticeSentAt: null });

      const res = await staff.post(`/api/v1/appointments/${a.id}/polite-notice`, {});
      expect(res.status, await res.clone().text()).to.equal(202);
      const { appointment } = await res.json();
      expect(Date.parse(appointment.politeNoticeSentAt)).to.be.closeTo(Date.now(), 60_000);

      const single = await (await staff.get(`/api/v1/appointments/${a.id}`)).json();
      expect(single.politeNoticeSentAt).to.equal(appointment.politeNoticeSentAt);
      expect((await list()).find((x) => x.id === a.id)!.politeNoticeSentAt).to.equal(appointment.politeNoticeSentAt);
      const edited = await (await patch(a.id, { notes: 'Ενημερώθηκε.' }, single.version)).json();
      expect(edited.politeNoticeSentAt, 'after an edit too').to.equal(appointment.politeNoticeSentAt);
      expect((await staff.post(`/api/v1/appointments/${a.id}/polite-notice`, {})).status, 'once').to.equal(409);
    });

    it('costs the list the same number of queries whatever the page holds', async () => {
      const date = day(8);
      const count = async () => {
        const queries = await queriesDuring(system.orm, () => staff.get(`/api/v1/stores/${storeId}/appointments?date=${date}`));
        expect(queries.filter((q) => q.includes('outbox_message')), 'the notices of the page, in one query').to.have.length(1);
        return queries.length;
      };
      await staff.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Α', lastName: 'Β', startsAt: `${date}T09:00`, queueId: videoQueueId, procedure: 'Επικύρωση αντιγράφων' });
      const one = await count();
      for (const time of ['09:20', '09:40', '10:00', '10:20', '10:40']) {
        await staff.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Α', lastName: 'Β', startsAt: `${date}T${time}`, queueId: videoQueueId, procedure: 'Έκδοση πιστοποιητικού γέννησης' });
      }
      expect(await count(), 'six appointments, as for one').to.equal(one);
    });
  });
});
