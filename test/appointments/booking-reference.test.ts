import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { expect } from 'chai';
import { openDatabase, type DatabaseOptions, type Orm } from '../../plugin/db/orm.js';
import { referenceFromTyped } from '../../plugin/domain/booking-reference.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { createTestDatabase } from '../support/test-database.js';
import { TestClock } from '../support/test-clock.js';
import { day, dmy, PINNED, TODAY } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const REFERENCE = /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/;

/** Issue 16 item 1 (and issue 12 item 8): the booking reference a citizen quotes and staff type. */
describe('the booking reference', () => {
  describe('at the counter (staff API)', () => {
    let system: TestSystem;
    let staff: StaffClient;
    let storeId: string;

    before(async () => {
      const clock = new TestClock();
      clock.set(PINNED);
      system = await startTestSystem('reference', { clock: clock.now, redisDb: 12 });
      staff = await signInAs(system.url, 'demo-operator-a');
      storeId = staff.me.stores[0]!.id;
    });
    after(async () => system?.close());

    const book = async (body: Record<string, unknown>) => {
      const res = await staff.post(`/api/v1/stores/${storeId}/appointments`, body);
      expect(res.status, await res.clone().text()).to.equal(201);
      return res.json();
    };
    const search = async (q: string, date = day(1)) => {
      const res = await staff.get(`/api/v1/stores/${storeId}/appointments?date=${date}&q=${encodeURIComponent(q)}`);
      expect(res.status).to.equal(200);
      return ((await res.json()).items as { id: string }[]).map((a) => a.id);
    };

    it('is given to every booking: six characters without 0/O or 1/I/L, in two groups, different for each appointment', async () => {
      const booked = await Promise.all(['09:00', '09:15', '09:30'].map((t, i) => book({ firstName: 'Σοφία', lastName: `Καραγιάννη${i}`, startsAt: `${day(1)}T${t}` })));
      for (const a of booked) expect(a.reference).to.match(REFERENCE);
      expect(new Set(booked.map((a) => a.reference)).size).to.equal(3);
      const view = await (await staff.get(`/api/v1/appointments/${booked[0].id}`)).json();
      expect(view.reference).to.equal(booked[0].reference);
    });

    it('finds the appointment by its reference typed in any case, with or without the dash, as well as by name', async () => {
      const a = await book({ firstName: 'Δημήτρης', lastName: 'Παπαδόπουλος', startsAt: `${day(1)}T10:00` });
      await book({ firstName: 'Άλλος', lastName: 'Πολίτης', startsAt: `${day(1)}T10:15` });
      const compact = (a.reference as string).replace('-', '');
      for (const typed of [a.reference, compact, compact.toLowerCase(), ` ${a.reference.toLowerCase()} `, `${compact.slice(0, 3)} ${compact.slice(3)}`]) {
        expect(await search(typed), `typed "${typed}"`).to.deep.equal([a.id]);
      }
      expect(await search('Παπαδόπουλος')).to.deep.equal([a.id]);
      // Another KEP's staff do not find it by its reference.
      const other = await signInAs(system.url, 'demo-operator-b');
      const res = await other.get(`/api/v1/stores/${other.me.stores[0]!.id}/appointments?date=${day(1)}&q=${a.reference}`);
      expect((await res.json()).items).to.deep.equal([]);
    });

    it('stays the same when the appointment moves, and is on the printed day sheet and in its CSV', async () => {
      const a = await book({ firstName: 'Ελένη', lastName: 'Ρήγα', startsAt: `${day(1)}T11:00` });
      const res = await staff.browser.fetch(`${system.url}/api/v1/appointments/${a.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': staff.csrfToken, 'if-match': `"${a.version}"` },
        body: JSON.stringify({ startsAt: `${day(2)}T12:00` }),
      });
      expect(res.status, await res.clone().text()).to.equal(200);
      expect((await res.json()).reference).to.equal(a.reference);
      expect(await search(a.reference, day(2))).to.deep.equal([a.id]);

      const sheet = await (await staff.get(`/api/v1/stores/${storeId}/day-sheet?date=${day(2)}`)).text();
      expect(sheet).to.include('<th>Κωδικός</th>').and.include(`<td class="ref">${a.reference}</td>`);
      const csv = await (await staff.get(`/api/v1/stores/${storeId}/day-sheet?date=${day(2)}&format=csv`)).text();
      const [header, row] = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
      expect(header!.split(';').slice(0, 4)).to.deep.equal(['Ημερομηνία', 'Ώρα', 'Κωδικός', 'Επώνυμο']);
      expect(row!.split(';').slice(0, 4)).to.deep.equal([dmy(day(2)), '12:00', a.reference, 'Ρήγα']);
    });
  });

  describe('read from what a person types', () => {
    it('takes the reference with any case, dash or spaces, and nothing with a character the alphabet leaves out', () => {
      expect(referenceFromTyped('k7p4mx')).to.equal('K7P-4MX');
      expect(referenceFromTyped(' K7P - 4MX ')).to.equal('K7P-4MX');
      // Read off a phone with the Greek keyboard on: look-alike letters, an en dash, an accent.
      expect(referenceFromTyped('κ7ρ–4μχ')).to.equal('K7P-4MX');
      expect(referenceFromTyped('Κ7Ρ 4ΜΧ')).to.equal('K7P-4MX');
      for (const text of ['K7P-4M', 'K7P-4MXX', 'K0P-4MX', 'KOP-4MX', 'K1P-4MX', 'KIP-4MX', 'KLP-4MX', 'Σοφία', 'Maria', '']) expect(referenceFromTyped(text), text).to.equal(null);
    });
  });

  for (const kind of ['postgresql', 'pglite'] as const) {
    describe(`given by the database itself (${kind})`, () => {
      let orm: Orm;
      let drop: () => Promise<void>;
      let stores: string[];
      let queues: string[];

      before(async function () {
        this.timeout(120_000);
        let options: DatabaseOptions;
        if (kind === 'postgresql') {
          const db = await createTestDatabase('reference_db');
          options = { url: db.url };
          drop = db.drop;
        } else {
          const dir = mkdtempSync(join(tmpdir(), 'rantevou-reference-'));
          options = { embeddedDir: dir };
          drop = async () => rmSync(dir, { recursive: true, force: true });
        }
        // The database as it was before references, with appointments in it: the migration fills them in.
        orm = await openDatabase(options, { migrate: false });
        await orm.migrator.up({ to: 'Migration20261126020000_priority_rebooking' });
        const em = orm.em.fork();
        for (const code of ['A', 'B']) await sql(em, `insert into store (code, name, municipality, address) values (?, ?, 'Δήμος', 'Οδός 1')`, [code, `ΚΕΠ ${code}`]);
        stores = (await sql<{ id: string }>(em, `select id from store order by code`)).map((r) => r.id);
        for (const id of stores) await sql(em, `insert into queue (store_id, name) values (?, 'Κύρια')`, [id]);
        queues = (await sql<{ id: string }>(em, `select q.id from queue q join store s on s.id = q.store_id order by s.code`)).map((r) => r.id);
        await sql(
          em,
          `insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, created_by)
           select ?, ?, t, t + interval '5 minutes', 'Α', 'Β', 'test' from generate_series(timestamptz '${TODAY} 08:00+02', timestamptz '${TODAY} 08:00+02' + interval '2995 minutes', interval '5 minutes') t`,
          [stores[0], queues[0]],
        );
        await orm.migrator.up();
      });
      after(async () => {
        await orm?.close(true);
        await drop?.();
      });

      const insert = (em: EntityManager, store: number, minute: number, reference: string | null = null) =>
        sql<{ reference: string }>(
          em,
          `insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, created_by, reference)
           values (?, ?, timestamptz '${day(5)} 08:00+02' + make_interval(mins => ?), timestamptz '${day(5)} 08:05+02' + make_interval(mins => ?), 'Γ', 'Δ', 'test', ?) returning reference`,
          [stores[store], queues[store], minute, minute, reference],
        ).then((rows) => rows[0]!.reference);

      it('fills in a distinct reference for every appointment already there', async () => {
        const [row] = await sql<{ n: number; distinct: number; valid: number }>(
          orm.em.fork(),
          `select count(*)::int as n, count(distinct reference)::int as distinct, count(*) filter (where reference ~ '^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$')::int as valid from appointment`,
        );
        expect(row).to.deep.equal({ n: 600, distinct: 600, valid: 600 });
      });

      it('gives one to a plain INSERT, draws again when the KEP already has the drawn one, and lets another KEP have it', async () => {
        await orm.em.fork().transactional(async (em) => {
          // The same seed makes the same draw: the second appointment of KEP A meets the first one's reference.
          await sql(em, `select setseed(0.25)`);
          const first = await insert(em, 0, 0);
          await sql(em, `select setseed(0.25)`);
          const second = await insert(em, 0, 5);
          await sql(em, `select setseed(0.25)`);
          const otherKep = await insert(em, 1, 0);
          expect(first).to.match(REFERENCE);
          expect(second).to.match(REFERENCE).and.not.equal(first);
          expect(otherKep, 'unique per KEP, not across KEPs').to.equal(first);
        });
      });

      if (kind === 'postgresql') {
        it('draws again when another booking of the KEP drew the same reference at the same moment: both are booked', async () => {
          let release!: () => void;
          const held = new Promise<void>((resolve) => (release = resolve));
          let drawn!: () => void;
          const firstDrew = new Promise<void>((resolve) => (drawn = resolve));
          // The same seed in both sessions makes the same first draw; the first stays uncommitted meanwhile.
          const first = orm.em.fork().transactional(async (em) => {
            await sql(em, `select setseed(0.5)`);
            const reference = await insert(em, 0, 40);
            drawn();
            await held;
            return reference;
          });
          await firstDrew;
          const second = orm.em.fork().transactional(async (em) => {
            await sql(em, `select setseed(0.5)`);
            return insert(em, 0, 45);
          });
          await new Promise((resolve) => setTimeout(resolve, 300));
          release();
          const [a, b] = await Promise.all([first, second]);
          expect(a).to.match(REFERENCE);
          expect(b).to.match(REFERENCE).and.not.equal(a);
        });
      }

      it('refuses a second appointment of the same KEP with a reference it already has', async () => {
        const em = orm.em.fork();
        const taken = await insert(em, 0, 30);
        const refused = await insert(em, 0, 35, taken).then(
          () => null,
          (err: Error) => err,
        );
        expect(refused?.message).to.match(/appointment_store_reference|duplicate key|unique/i);
        expect(await insert(em, 1, 35, taken)).to.equal(taken);
      });
    });
  }
});

/** Raw SQL in `em`'s transaction, when it is in one. */
function sql<T = unknown>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  return (em as SqlEntityManager).execute(query, params) as Promise<T[]>;
}
