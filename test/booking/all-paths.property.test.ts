import { expect } from 'chai';
import fc from 'fast-check';
import { issueCitizenToken } from '../../plugin/public/citizen-auth.js';
import { CitizenClient, GOVGR_ORIGIN } from '../public/public-system.js';
import { batchesOf, bookingWindow, patchAs, runCommand, type Known, type Outcome, type Paths } from '../support/booking-commands.js';
import { liveOverlaps } from '../support/live-overlaps.js';
import { signInAs } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/** Printed by fast-check with a failure; a run repeats its commands, not the order the database serves their races in. */
const SEED = 140_2026;
const CITIZENS = 3;

describe('every path of taking a time, all at once (property)', () => {
  let system: TestSystem;
  let paths: Paths;
  const clock = new TestClock();
  /** The one text of every slot-taken 409, staff's and citizens' alike. */
  let slotTakenText: string | undefined;
  let run = 0;

  before(async function () {
    this.timeout(120_000);
    clock.set(PINNED);
    system = await startTestSystem('all-paths', {
      redisDb: 14,
      clock: clock.now,
      // No rate limit or per-citizen cap in the way: the property is about the slots.
      env: { ATTENDANCE_JOBS: '0', PUBLIC_ORIGINS: GOVGR_ORIGIN, PUBLIC_READS_PER_MINUTE: '100000', PUBLIC_WRITES_PER_MINUTE: '100000',
        PUBLIC_MAX_FUTURE_PER_CITIZEN: '1000' },
    });
    const [operator, admin] = await Promise.all([signInAs(system.url, 'demo-operator-a'), signInAs(system.url, 'demo-admin-a')]);
    const storeId = operator.me.stores[0]!.id;
    expect(admin.me.stores.map((s) => s.id)).to.include(storeId);
    const procedureId = (await (await fetch(`${system.url}/api/v1/public/stores/${storeId}/procedures`)).json())[0].id;
    // Only our three queues take in-person times: the default one steps aside.
    const [defaultQueue] = (await (await admin.get(`/api/v1/stores/${storeId}/queues`)).json()).items;
    const stepAside = await patchAs(system, admin, `/api/v1/stores/${storeId}/queues/${defaultQueue.id}`, { active: false });
    expect(stepAside.status).to.equal(200);
    const hours = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [['08:00', '20:00']]]));
    const queues: string[] = [];
    for (const [name, isPublic] of [['Δημόσια Α', true], ['Δημόσια Β', true], ['Εσωτερική', false]] as const) {
      const res = await admin.post(`/api/v1/stores/${storeId}/queues`, { name, mode: 'in_person', slotMinutes: 15, weeklyHours: hours, public: isPublic });
      expect(res.status, await res.clone().text()).to.equal(201);
      queues.push((await res.json()).id);
    }
    const citizens = await Promise.all(
      Array.from({ length: CITIZENS }, async (_, i) => {
        const citizen = { sub: `citizen-all-paths-${i}`, name: `Πολίτης ${i}`, email: `citizen${i}@citizen.example.gr` };
        const { token } = await issueCitizenToken(system.orm, citizen, 120);
        return new CitizenClient(system.url, token);
      }),
    );
    paths = { url: system.url, orm: system.orm, operator, admin, citizens, storeId, procedureId, queues };
  });
  after(async () => system?.close());

  it('keeps live rows apart, writes one audit event and the emails due per success, nothing per refusal, and answers lost races alike', async function () {
    this.timeout(180_000);
    await fc.assert(
      fc.asyncProperty(batchesOf(CITIZENS), async (batches) => {
        const window = bookingWindow(run++);
        // Every run starts at the pinned time: the minutes that passed in the last one do not add up.
        clock.set(PINNED);
        await reactivateQueues();
        const mark = await watermark();
        const known: Known[] = [];
        const holds: { id: string; citizen: number }[] = [];
        const outcomes: Outcome[] = [];
        for (const { commands, minutesPassing } of batches) {
          const active = await refresh(known);
          const toggled = new Set<number>();
          // One change per queue per batch, so that each success is known to change the queue.
          const sent = commands.filter((c) => c.kind !== 'queue-toggle' || (!toggled.has(c.queue) && toggled.add(c.queue)));
          const state = { window, known: [...known], holds: [...holds], active };
          const done = await Promise.all(sent.map((c) => runCommand(paths, state, c)));
          for (const o of done) {
            outcomes.push(o);
            known.push(...o.known);
            holds.push(...o.holds);
          }
          if (minutesPassing) letTimePass(minutesPassing);
        }
        await checkRun(mark, outcomes);
      }),
      { numRuns: 25, seed: SEED, endOnFailure: true },
    );
  });

  async function checkRun(mark: { auditId: string; at: Date }, outcomes: Outcome[]) {
    const unexpected = outcomes.flatMap((o) => o.answers.filter((a) => !a.expected).map((a) => `${o.label}: ${a.status} ${JSON.stringify(a.body)}`));
    expect(unexpected, `answers outside the API contract:\n${unexpected.join('\n')}\n`).to.deep.equal([]);

    expect(await liveOverlaps(system.orm, clock.now()), 'overlapping live rows').to.deep.equal([]);

    const audit = await select<{ key: string }>(
      `select entity_id || ' ' || action as key from audit_event where id > ? and entity_type in ('appointment', 'queue')`,
      [mark.auditId],
    );
    const expectedAudit = outcomes.flatMap((o) => o.audit.map(([id, action]) => `${id} ${action}`)).sort();
    expect(audit.map((r) => r.key).sort(), 'audit events: one per success and action, none per refusal').to.deep.equal(expectedAudit);

    const mailed = outcomes.flatMap((o) => o.mail);
    const withEmail = new Set<string>();
    if (mailed.length) {
      const ids = [...new Set(mailed.map(([id]) => id))];
      const addressed = await select<{ id: string }>(`select id from appointment where email is not null and id in (${ids.map(() => '?').join(', ')})`, ids);
      for (const r of addressed) withEmail.add(r.id);
    }
    const outbox = await select<{ key: string }>(
      `select appointment_id || ' ' || kind as key from outbox_message
        where created_at >= ? and kind in ('appointment.confirmation', 'appointment.change', 'appointment.cancellation')`,
      [mark.at],
    );
    const expectedOutbox = mailed.filter(([id]) => withEmail.has(id)).map(([id, kind]) => `${id} ${kind}`).sort();
    expect(outbox.map((r) => r.key).sort(), 'emails: the one each success owes a citizen with an address').to.deep.equal(expectedOutbox);

    const created = new Set(outcomes.flatMap((o) => o.created));
    const made = await select<{ id: string }>(`select id from appointment where created_at >= ? and holder is distinct from 'cooldown'`, [mark.at]);
    expect(made.map((r) => r.id).filter((id) => !created.has(id)), 'rows no success created').to.deep.equal([]);

    const taken = outcomes.flatMap((o) => o.answers.filter((a) => a.code === 'slot-taken').map((a) => ({ label: o.label, body: a.body })));
    for (const { label, body } of taken) {
      const next = body.nextFreeSlots as unknown[];
      expect(Array.isArray(next) && next.every((s) => typeof s === 'string' && !Number.isNaN(Date.parse(s))), `${label}: next free times`).to.equal(true);
    }
    const texts = [...new Set([...(slotTakenText ? [slotTakenText] : []), ...taken.map((t) => t.body.detail as string)])];
    expect(texts.length, `one text for every slot-taken 409, staff and citizen paths alike; got: ${texts.map((t) => `«${t}»`).join(' and ')}`).to.be.at.most(1);
    slotTakenText = texts[0];
  }

  /**
   * The audit id and the instant before a run: what the run wrote comes after them. The instant is
   * the machine's, not the clock's: rows are stamped with the real time they were written.
   */
  async function watermark() {
    const [row] = await select<{ id: string | null }>(`select max(id)::text as id from audit_event`);
    return { auditId: row?.id ?? '0', at: new Date() };
  }

  /** Brings the run's rows up to date (versions, statuses) and tells which queues are active now. */
  async function refresh(known: Known[]): Promise<boolean[]> {
    if (known.length) {
      const found = await select<{ id: string; version: number; status: string }>(
        `select id, version, status from appointment where id in (${known.map(() => '?').join(', ')})`,
        known.map((k) => k.id),
      );
      const byId = new Map(found.map((r) => [r.id, r]));
      for (const k of known) Object.assign(k, byId.get(k.id) ?? { status: 'gone' });
    }
    const queues = await select<{ id: string; active: boolean }>(`select id, active from queue where id in (?, ?, ?)`, paths.queues);
    return paths.queues.map((id) => queues.find((q) => q.id === id)!.active);
  }

  /** Every run starts with its three queues open (opening one leaves no appointment out: no decision). */
  async function reactivateQueues() {
    const active = await refresh([]);
    for (const [i, id] of paths.queues.entries()) {
      if (!active[i]) expect((await patchAs(paths, paths.admin, `/api/v1/stores/${paths.storeId}/queues/${id}`, { active: true })).status).to.equal(200);
    }
  }

  /** Lets `minutes` pass on the plugin's clock: holds lapse after 5, a cancellation's cool-down after 10. */
  function letTimePass(minutes: number) {
    clock.advance(minutes * 60_000);
  }

  /** The rows of one SQL statement, on a connection of the test's own (not a request's). */
  function select<T>(query: string, params: unknown[] = []): Promise<T[]> {
    return system.orm.em.fork().getConnection().execute(query, params);
  }
});
