import { expect } from 'chai';
import { createRequire } from 'node:module';
import type pgTypes from 'pg';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TEST_DATABASE } from '../support/test-database.js';
import { freeStarts, startPublicSystem, type CitizenClient, type PublicSystem } from '../public/public-system.js';

/**
 * Counts the statements the plugin sends to PostgreSQL for one request: every `query` of the `pg`
 * driver the ORM uses (BEGIN and COMMIT included), on the real database, while the request runs.
 * The plugin's background loops (outbox relay, reminders, public sweeper, attendance jobs, the waitlist's pass) name
 * themselves in their async stacks and are left out; so are the sign-in lookups (staff session,
 * citizen token), counted apart: the limits are for the work after them. (Statements inside a
 * transaction lose their async stack in the driver, so a statement is the request's unless named.)
 */
// The driver's own copy of `pg` (MikroORM's PostgreSQL driver may bring its own version).
const pg = createRequire(import.meta.resolve('@mikro-orm/postgresql'))('pg') as typeof pgTypes;

const SIGN_IN = /staff-session|citizen-auth|session-store/;
const BACKGROUND = /outbox-relay|reminder|public-sweeper|plugin\/jobs\/|waitlist-offers/;

class StatementCounter {
  #sql: { text: string; stack: string }[] | null = null;
  readonly #original = pg.Client.prototype.query;

  install(): void {
    // Deep enough to reach the route below the ORM's and the driver's frames.
    Error.stackTraceLimit = 200;
    const counter = this;
    const original = this.#original;
    pg.Client.prototype.query = function (this: pgTypes.Client, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      counter.#sql?.push({ text: typeof first === 'string' ? first : (first?.text ?? ''), stack: counter.#sql ? (new Error().stack ?? '') : '' });
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
  }

  uninstall(): void {
    Error.stackTraceLimit = 10;
    pg.Client.prototype.query = this.#original;
  }

  /** The statements of `run`, split into sign-in lookups and the rest. */
  async during<T>(run: () => Promise<T>): Promise<{ result: T; work: string[]; signIn: string[] }> {
    this.#sql = [];
    try {
      const result = await run();
      const request = this.#sql.filter((s) => !BACKGROUND.test(s.stack));
      const text = (rows: typeof request) => rows.map((s) => s.text);
      return { result, work: text(request.filter((s) => !SIGN_IN.test(s.stack))), signIn: text(request.filter((s) => SIGN_IN.test(s.stack))) };
    } finally {
      this.#sql = null;
    }
  }
}

(TEST_DATABASE === 'postgresql' ? describe : describe.skip)('statement round trips per booking (PostgreSQL)', () => {
  let system: PublicSystem;
  let staff: StaffClient;
  let citizen: CitizenClient;
  let procedureId: string;
  const counter = new StatementCounter();

  before(async () => {
    system = await startPublicSystem('round_trips');
    staff = await signInAs(system.url, 'demo-operator-a');
    citizen = await system.citizen('citizen-round-trips', 'Δημήτρης Αλεξίου');
    const procedures = await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json();
    procedureId = procedures[0].id;
    counter.install();
  });
  after(async () => {
    counter.uninstall();
    await system?.close();
  });

  it('books for staff in at most 4 statements after the session check', async () => {
    const [startsAt] = (await freeStarts(system.url, system.stores.athens)).slice(-1);
    const { result, work } = await counter.during(() =>
      staff.post(`/api/v1/stores/${system.stores.athens}/appointments`, { firstName: 'Ελένη', lastName: 'Σταματοπούλου', email: 'eleni@example.gr', startsAt }),
    );
    expect(result.status, await result.clone().text()).to.equal(201);
    expect(work, work.join('\n---\n')).to.have.length.at.most(4);
  });

  it('holds a time for a citizen in at most 5 statements, and books it in at most 5', async () => {
    const [startsAt] = await freeStarts(system.url, system.stores.athens);
    const held = await counter.during(() => citizen.post('/api/v1/public/holds', { storeId: system.stores.athens, startsAt, mode: 'in_person', procedureId }));
    expect(held.result.status, await held.result.clone().text()).to.equal(201);
    const { holdId } = await held.result.json();
    const booked = await counter.during(() =>
      citizen.post(
        '/api/v1/public/bookings',
        { holdId, firstName: 'Δημήτρης', lastName: 'Αλεξίου', email: 'dimitris@citizen.example.gr', language: 'el' },
        { 'idempotency-key': crypto.randomUUID() },
      ),
    );
    expect(booked.result.status, await booked.result.clone().text()).to.equal(201);
    const counts = `hold ${held.work.length}, booking ${booked.work.length}`;
    expect(held.work, `${counts}:\n${held.work.join('\n---\n')}`).to.have.length.at.most(5);
    expect(booked.work, `${counts}:\n${booked.work.join('\n---\n')}`).to.have.length.at.most(5);
  });
});
