import { expect } from 'chai';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { freeStarts, startPublicSystem, type CitizenClient, type PublicSystem } from './public-system.js';

const CITIZENS = 50;
const ATTEMPTS = 10;
const SLOTS = 50;
const GROUP = 5;

describe('a burst of citizens racing for the same slots', () => {
  let system: PublicSystem;

  before(async () => {
    // The per-IP limits would stop a burst from one address: this test is about the race, not the limits.
    system = await startPublicSystem('burst', { env: { PUBLIC_READS_PER_MINUTE: '100000', PUBLIC_WRITES_PER_MINUTE: '100000', PUBLIC_MAX_FUTURE_PER_CITIZEN: '100' } });
  });
  after(async () => system?.close());

  it(`books each of ${SLOTS} slots exactly once among ${CITIZENS * ATTEMPTS} attempts; the rest get 409 with other times and write nothing`, async () => {
    const slots = (await freeStarts(system.url, system.stores.athens, 'in_person', 21)).slice(0, SLOTS);
    expect(slots).to.have.length(SLOTS);
    const procedureId = (await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json())[0].id;
    const citizens: CitizenClient[] = await Promise.all(Array.from({ length: CITIZENS }, (_, i) => system.citizen(`citizen-burst-${i}`)));
    const outcomes = { held: 0, booked: 0, taken: 0, other: [] as string[] };

    // Citizens come in groups of five that try the same ten slots in the same order, each group
    // starting five slots after the previous one: every slot is fought over by ten citizens, and
    // every slot is tried by someone.
    await Promise.all(
      citizens.map(async (citizen, i) => {
        for (let j = 0; j < ATTEMPTS; j++) {
          const startsAt = slots[(Math.floor(i / GROUP) * GROUP + j) % SLOTS]!;
          const { held, booked } = await citizen.holdAndBook({ storeId: system.stores.athens, startsAt, mode: 'in_person', procedureId });
          if (held.status === 201) {
            outcomes.held++;
            if (booked?.status === 201) outcomes.booked++;
            else outcomes.other.push(`booking ${booked?.status} ${await booked?.text()}`);
          } else if (held.status === 409) {
            const problem = await held.json();
            if (problem.type === 'urn:rantevou:problem:slot-taken' && Array.isArray(problem.nextFreeSlots) && !problem.nextFreeSlots.includes(startsAt)) outcomes.taken++;
            else outcomes.other.push(`hold 409 ${JSON.stringify(problem)}`);
          } else {
            outcomes.other.push(`hold ${held.status} ${await held.text()}`);
          }
        }
      }),
    );

    expect(outcomes.other).to.deep.equal([]);
    expect(outcomes).to.include({ held: SLOTS, booked: SLOTS, taken: CITIZENS * ATTEMPTS - SLOTS });
    const em = system.orm.em.fork();
    const rows = await em.find(Appointment, {});
    expect(rows).to.have.length(SLOTS);
    expect(rows.every((r) => r.status === 'booked' && r.source === 'online')).to.equal(true);
    expect(new Set(rows.map((r) => r.startsAt.toISOString()))).to.deep.equal(new Set(slots));
    expect(await em.count(OutboxMessage)).to.equal(SLOTS);
    const actions = (await em.find(AuditEvent, { entityType: 'appointment' })).map((e) => e.action).sort();
    expect(actions).to.deep.equal([...Array(SLOTS).fill('appointment.create'), ...Array(SLOTS).fill('appointment.hold')]);
  });
});
