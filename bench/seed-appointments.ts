/**
 * Fills a Rantevou database with a large, realistic load for benchmarks: `stores` KEPs (the existing
 * ones plus generated ones), a default queue each, and `perStore` appointments per KEP spread over
 * consecutive days (28 quarter-hour slots a day from 08:00 Athens time, so nothing overlaps), with
 * Greek names, their search keys and a mix of statuses. One INSERT … SELECT generate_series per table.
 */
import pg from 'pg';
import { searchKey } from '../plugin/domain/search-key.js';
import { WEEKDAY_HOURS } from '../plugin/domain/weekly-hours.js';

const FIRST_NAMES = ['Γεώργιος', 'Μαρία', 'Ιωάννης', 'Ελένη', 'Κωνσταντίνος', 'Αικατερίνη', 'Δημήτριος', 'Βασιλική', 'Νικόλαος', 'Σοφία', 'Παναγιώτης', 'Αγγελική', 'Χρήστος', 'Ευαγγελία', 'Αθανάσιος', 'Δέσποινα', 'Μιχαήλ', 'Ζωή', 'Ευάγγελος', 'Χριστίνα'];
const LAST_NAMES = ['Παπαδόπουλος', 'Παπαδοπούλου', 'Οικονόμου', 'Γεωργίου', 'Νικολάου', 'Μπακογιάννης', 'Ζαχαρίου', 'Αλεξίου', 'Καραγιάννη', 'Δημητρίου', 'Βλάχος', 'Κωνσταντίνου', 'Ιωάννου', 'Μακρή', 'Αντωνίου', 'Σταματοπούλου', 'Λαμπράκης', 'Ζαφειρίου', 'Θεοδώρου', 'Ψυχάρη', 'Χατζηδάκης', 'Πετρόπουλος', 'Ρήγας', 'Τσιρίγος', 'Φραγκιαδάκη'];

/** The first day seeded appointments fall on. */
export const SEED_FIRST_DAY = '2027-01-04';
/** Slots per seeded day (08:00–15:00 in quarter hours). */
export const SEED_SLOTS_PER_DAY = 28;
/** The names the seed uses, for benchmarks that search them. */
export const SEED_LAST_NAMES = LAST_NAMES;

/** Tops the KEPs up to `stores` with generated ones, and gives every KEP without a queue a default weekday queue. */
export async function seedStoresAndQueues(client: pg.Client, stores: number): Promise<void> {
  const existing = Number((await client.query('select count(*) from store')).rows[0].count);
  await client.query(
    `insert into store (code, name, municipality, address)
     select 'BENCH-' || lpad(i::text, 4, '0'), 'ΚΕΠ Δοκιμής ' || i, 'Δήμος Δοκιμής ' || i, 'Οδός Δοκιμής ' || i
     from generate_series(1, $1::int) i`,
    [Math.max(0, stores - existing)],
  );
  await client.query(
    `insert into queue (store_id, name, is_default, weekly_hours)
     select s.id, 'Κύρια ουρά', true, $1::jsonb from store s where not exists (select 1 from queue q where q.store_id = s.id)`,
    [JSON.stringify(WEEKDAY_HOURS)],
  );
}

/** Seeds the database at `url`; returns how many appointments it now holds. */
export async function seedAppointments(url: string, { stores = 1000, perStore = 1000 } = {}): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await seedStoresAndQueues(client, stores);
    const first = FIRST_NAMES.map((n) => [n, searchKey(n)]);
    const last = LAST_NAMES.map((n) => [n, searchKey(n)]);
    await client.query(
      `insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, search_key, status, source, created_by, created_at, phone)
       select q.store_id, q.id, t.starts_at, t.starts_at + interval '15 minutes',
              f.name, l.name, f.key || ' ' || l.key,
              (array['served','served','served','served','served','served','no_show','cancelled','missed_by_staff','booked'])[1 + (n * 7 + q.rn) % 10],
              (array['phone','phone','email','walk_in','online'])[1 + (n + q.rn) % 5],
              'bench', t.starts_at - ((1 + (n + q.rn) % 20) * interval '1 day'),
              '+30691' || lpad(((n * 31 + q.rn) % 10000000)::text, 7, '0')
       from (select id, store_id, row_number() over (order by store_id)::int as rn from queue where is_default) q
       cross join generate_series(0, $1::int - 1) n
       cross join lateral (select (($2::date + (n / $3::int))::timestamp + time '08:00' + (n % $3::int) * interval '15 minutes') at time zone 'Europe/Athens' as starts_at) t
       cross join lateral (select $4::text[] as names, $5::text[] as keys) fa
       cross join lateral (select fa.names[1 + (n * 3 + q.rn) % array_length(fa.names, 1)] as name, fa.keys[1 + (n * 3 + q.rn) % array_length(fa.keys, 1)] as key) f
       cross join lateral (select $6::text[] as names, $7::text[] as keys) la
       cross join lateral (select la.names[1 + (n * 7 + q.rn * 3) % array_length(la.names, 1)] as name, la.keys[1 + (n * 7 + q.rn * 3) % array_length(la.keys, 1)] as key) l`,
      [perStore, SEED_FIRST_DAY, SEED_SLOTS_PER_DAY, first.map((x) => x[0]), first.map((x) => x[1]), last.map((x) => x[0]), last.map((x) => x[1])],
    );
    await client.query('analyze appointment');
    return Number((await client.query('select count(*) from appointment')).rows[0].count);
  } finally {
    await client.end();
  }
}
