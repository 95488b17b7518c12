import { expect } from 'chai';
import fc from 'fast-check';
import { liveOverlaps } from '../support/live-overlaps.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day as workingDay, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

type Step = { kind: 'create'; slot: number; minutes: number } | { kind: 'move'; target: number; slot: number } | { kind: 'cancel'; target: number };

const SLOT_COUNT = 16; // 08:00 … 11:45 in quarter hours: crowded on purpose, so steps collide
const slotTime = (day: string, slot: number) => `${day}T${String(8 + Math.floor(slot / 4)).padStart(2, '0')}:${String((slot % 4) * 15).padStart(2, '0')}`;

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), slot: fc.nat(SLOT_COUNT - 1), minutes: fc.constantFrom(15, 30, 45) }),
  fc.record({ kind: fc.constant('move' as const), target: fc.nat(20), slot: fc.nat(SLOT_COUNT - 1) }),
  fc.record({ kind: fc.constant('cancel' as const), target: fc.nat(20) }),
);

describe('no two live appointments ever overlap in a queue (property)', () => {
  let system: TestSystem;
  let staff: StaffClient;
  let storeId: string;
  let run = 0;

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startTestSystem('property', { clock: clock.now, redisDb: 14 });
    staff = await signInAs(system.url, 'demo-operator-a');
    storeId = staff.me.stores[0]!.id;
  });
  after(async () => system?.close());

  async function apply(day: string, ids: { id: string; version: number }[], s: Step) {
    if (s.kind === 'create') {
      const res = await staff.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Α', lastName: 'Β', startsAt: slotTime(day, s.slot), durationMinutes: s.minutes });
      if (res.status === 201) ids.push(await res.json());
      else expect(res.status).to.equal(409);
      return;
    }
    const target = ids[s.target % Math.max(ids.length, 1)];
    if (!target) return;
    const res =
      s.kind === 'move'
        ? await staff.browser.fetch(`${system.url}/api/v1/appointments/${target.id}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json', 'x-csrf-token': staff.csrfToken },
            body: JSON.stringify({ startsAt: slotTime(day, s.slot), version: target.version }),
          })
        : await staff.post(`/api/v1/appointments/${target.id}/cancel`, { reason: 'δοκιμή' });
    expect(res.status).to.be.oneOf([200, 409, 412]);
    if (res.status === 200) Object.assign(target, await res.json());
  }

  it('holds for random sequences of create, move and cancel, some of them concurrent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), async (batches) => {
        // Each run books on its own working day after the pinned clock, so runs do not see each other's appointments.
        const day = workingDay(run + 1);
        run++;
        const ids: { id: string; version: number }[] = [];
        for (const batch of batches) await Promise.all(batch.map((s) => apply(day, ids, s)));
        expect(await liveOverlaps(system.orm, new Date())).to.deep.equal([]);
      }),
      { numRuns: 40 },
    );
  });
});
