/**
 * One live hold per citizen, also under concurrency (issue 13, item 2): holds sent at once by one
 * citizen to different public queues of a KEP and to different KEPs leave exactly one hold, the one
 * placed last; the database itself refuses a second.
 */
import { expect } from 'chai';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { Queue } from '../../plugin/db/queue.entity.js';
import { freeStarts, startPublicSystem, type PublicSystem } from './public-system.js';

describe('one hold per citizen, under concurrency', function () {
  this.timeout(60_000);
  let system: PublicSystem;

  before(async () => {
    system = await startPublicSystem('one_hold');
    // A second public in-person queue at the Athens KEP: the same time is then free in two queues.
    const em = system.orm.em.fork();
    const main = await em.findOneOrFail(Queue, { store: system.stores.athens, isDefault: true });
    em.create(Queue, { store: main.store, name: 'Δεύτερη θυρίδα', isDefault: false, mode: 'in_person', slotMinutes: main.slotMinutes, weeklyHours: main.weeklyHours, active: true, public: true });
    await em.flush();
  });
  after(async () => system?.close());

  const procedures = async (storeId: string) =>
    (await (await fetch(`${system.url}/api/v1/public/stores/${storeId}/procedures`)).json()) as { id: string; videoEligible: boolean }[];
  const liveHolds = (sub: string) => system.orm.em.fork().find(Appointment, { status: 'held', holder: sub });

  it('leaves one hold when the holds are sent at once across queues and KEPs, whichever order they commit in', async () => {
    const [athensProcedures, heraklionProcedures] = await Promise.all([procedures(system.stores.athens), procedures(system.stores.heraklion)]);
    const inPerson = (await freeStarts(system.url, system.stores.athens)).slice(0, 3);
    const video = (await freeStarts(system.url, system.stores.athens, 'video')).slice(0, 2);
    const heraklion = (await freeStarts(system.url, system.stores.heraklion)).slice(0, 2);
    const athensHold = (startsAt: string, mode = 'in_person') => ({
      storeId: system.stores.athens,
      startsAt,
      mode,
      procedureId: (mode === 'video' ? athensProcedures.find((p) => p.videoEligible)! : athensProcedures[0]!).id,
    });
    const wanted = [
      // The same time twice: each lands in another of the two public queues.
      athensHold(inPerson[0]!),
      athensHold(inPerson[0]!),
      athensHold(inPerson[1]!),
      athensHold(inPerson[2]!),
      ...video.map((s) => athensHold(s, 'video')),
      ...heraklion.map((startsAt) => ({ storeId: system.stores.heraklion, startsAt, mode: 'in_person', procedureId: heraklionProcedures[0]!.id })),
    ];

    for (let round = 0; round < 3; round++) {
      const citizen = await system.citizen(`citizen-racer-${round}`);
      const answers = await Promise.all(wanted.map((h) => citizen.post('/api/v1/public/holds', h)));
      const statuses = answers.map((a) => a.status);
      expect(statuses.every((s) => s === 201 || s === 409), statuses.join(',')).to.equal(true);
      const placed = await Promise.all(answers.filter((a) => a.status === 201).map((a) => a.json() as Promise<{ holdId: string }>));
      expect(placed.length, 'holds placed').to.be.at.least(1);
      const live = await liveHolds(`citizen-racer-${round}`);
      expect(live.length, `round ${round}: live holds of one citizen`).to.equal(1);
      expect(placed.map((p) => p.holdId)).to.include(live[0]!.id);
    }
  });

  it('lets the database refuse a second live hold of one citizen, whatever path writes it', async () => {
    const citizen = await system.citizen('citizen-direct');
    const [first, second] = await freeStarts(system.url, system.stores.heraklion);
    const procedureId = (await procedures(system.stores.heraklion))[0]!.id;
    const held = await citizen.post('/api/v1/public/holds', { storeId: system.stores.heraklion, startsAt: first, mode: 'in_person', procedureId });
    expect(held.status).to.equal(201);
    const row = (await liveHolds('citizen-direct'))[0]!;
    const copy = system.orm.em.fork().getConnection().execute(
      `insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, mode, status, source, created_by, held_until, holder, citizen_sub)
       select store_id, queue_id, ?, ? , '', '', mode, 'held', 'online', created_by, held_until, holder, citizen_sub from appointment where id = ?`,
      [second, new Date(Date.parse(second!) + 15 * 60_000).toISOString(), row.id],
    );
    await copy.then(
      () => expect.fail('a second live hold was written'),
      (err: unknown) => expect(String(err)).to.match(/appointment_one_hold_per_citizen/),
    );
  });
});
