import { expect } from 'chai';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { ARRIVAL_OPENS_MINUTES_BEFORE } from '../../plugin/domain/attendance.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, dmy, PINNED, TODAY } from '../support/test-days.js';
import { startAttendanceSystem, type AttendanceSystem, type DemoKeps } from './support/attendance-system.js';
import { athens, insertAppointments } from './support/fixtures.js';

describe('attendance is recorded only from its time, never for the future (issue 12, item 6; controlled clock)', () => {
  let system: AttendanceSystem;
  let keps: DemoKeps;
  let operator: StaffClient;
  const clock = new TestClock();
  const em = () => system.orm.em.fork();
  const status = (id: string, body: Record<string, unknown>) => operator.post(`/api/v1/appointments/${id}/status`, body);
  const audits = (id: string) => em().count(AuditEvent, { entityId: id, action: 'appointment.status' });

  before(async () => {
    clock.set(PINNED);
    system = await startAttendanceSystem('attend_premature', { redisDb: 22, clock: clock.now });
    keps = await system.keps();
    operator = await signInAs(system.url, 'demo-operator-a');
  });
  after(async () => {
    await system?.close();
  });

  it('refuses «Εξυπηρετήθηκε» and «Δεν προσήλθε» before the start with 409 and the time, writing nothing', async () => {
    const [a] = await insertAppointments(system.orm, [{ queue: keps.ath.queue, at: `${day(1)}T09:30`, firstName: 'Σοφία', lastName: 'Καραγιάννη' }]);
    clock.set(athens(`${day(1)}T09:10`));
    for (const outcome of ['served', 'no_show']) {
      const res = await status(a!.id, { status: outcome });
      expect(res.status, outcome).to.equal(409);
      expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
      const problem = await res.json();
      expect(problem.type).to.equal('urn:rantevou:problem:not-started');
      expect(problem.detail).to.include('Το ραντεβού δεν έχει αρχίσει ακόμη (09:30)');
    }
    const saved = await em().findOneOrFail(Appointment, a!.id);
    expect([saved.status, saved.statusChangedAt ?? null, saved.version]).to.deep.equal(['booked', null, a!.version]);
    expect(await audits(a!.id), 'no audit').to.equal(0);

    // Another day: the message names the date too.
    clock.set(athens(`${TODAY}T16:00`));
    const dayBefore = await (await status(a!.id, { status: 'no_show' })).json();
    expect(dayBefore.detail).to.include(`(${dmy(day(1))} 09:30)`);
  });

  it(`accepts the arrival from ${ARRIVAL_OPENS_MINUTES_BEFORE} minutes before the start, the other outcomes from the start`, async () => {
    const [a, b] = await insertAppointments(system.orm, [
      { queue: keps.ath.queue, at: `${day(2)}T10:00`, firstName: 'Νίκος', lastName: 'Αλεξίου' },
      { queue: keps.ath.queue, at: `${day(2)}T10:15`, firstName: 'Άννα', lastName: 'Βλάχου' },
    ]);
    clock.set(athens(`${day(2)}T09:29`));
    const early = await status(a!.id, { status: 'arrived' });
    expect(early.status).to.equal(409);
    expect((await early.json()).detail).to.include('Η άφιξη καταγράφεται από 30 λεπτά πριν').and.include('09:30');

    clock.set(athens(`${day(2)}T09:30`));
    const arrived = await status(a!.id, { status: 'arrived' });
    expect(arrived.status, await arrived.clone().text()).to.equal(200);
    expect(await arrived.json()).to.deep.include({
      status: 'arrived',
      outcomesFrom: { arrived: athens(`${day(2)}T09:30`).toISOString(), served: athens(`${day(2)}T10:00`).toISOString(), no_show: athens(`${day(2)}T10:00`).toISOString() },
    });
    expect((await status(a!.id, { status: 'served' })).status, 'arrived, but not served before the start').to.equal(409);
    expect((await status(a!.id, { status: 'booked' })).status, 'a mistaken mark is undone at any time').to.equal(200);

    clock.set(athens(`${day(2)}T10:00`));
    expect((await status(a!.id, { status: 'served' })).status).to.equal(200);
    expect((await status(b!.id, { status: 'no_show' })).status, 'the next one has not started').to.equal(409);
    clock.set(athens(`${day(2)}T10:15`));
    expect((await status(b!.id, { status: 'no_show' })).status).to.equal(200);
    expect([await audits(a!.id), await audits(b!.id)]).to.deep.equal([3, 1]);
  });
});
