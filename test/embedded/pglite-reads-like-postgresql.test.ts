import { expect } from 'chai';
import type { Orm } from '../../plugin/db/orm.js';
import { openDatabase } from '../../plugin/db/orm.js';
import { createSystemDatabase, createTestDatabase } from '../support/test-database.js';

/** A value of every kind the plugin's columns and raw queries hold, written as SQL. */
const SAMPLES: Record<string, string> = {
  uuid: `'6f1c1f0e-5b7a-4c55-9d6e-1a2b3c4d5e6f'::uuid`,
  varchar: `'Σοφία'::varchar`,
  bpchar: `'GR'::char(2)`,
  text: `'Σοφία'::text`,
  int2: '7::int2',
  int4: '7::int4',
  int8: '7::int8',
  numeric: '1.50::numeric',
  float8: '1.5::float8',
  bool: 'true',
  date: `'2026-12-09'::date`,
  timestamptz: `'2026-12-09 10:00+02'::timestamptz`,
  timestamp: `'2026-12-09 10:00'::timestamp`,
  interval: `'1 hour'::interval`,
  time: `'10:00'::time`,
  json: `'{"a":[1,"b"]}'::json`,
  jsonb: `'{"a":[1,"b"]}'::jsonb`,
  bytea: `'\\x0102'::bytea`,
  tstzrange: `tstzrange('2026-12-09 10:00+00', '2026-12-09 11:00+00')`,
  _int4: 'array[1, 2]::int4[]',
  _int8: 'array[1, 2]::int8[]',
  _text: `array['α', 'b']::text[]`,
  _uuid: `array['6f1c1f0e-5b7a-4c55-9d6e-1a2b3c4d5e6f']::uuid[]`,
  _date: `array['2026-12-09']::date[]`,
  _timestamptz: `array['2026-12-09 10:00+00']::timestamptz[]`,
  _numeric: 'array[1.5]::numeric[]',
};

/** What the plugin's raw queries compute (reports, free slots, jobs), as whole queries answering `v`. */
const ROWS = `(values (1), (2)) t(x)`;
const QUERIES: Record<string, string> = {
  'count(*)': `select count(*) as v from ${ROWS}`,
  'count(*) filter': `select count(*) filter (where x > 1) as v from ${ROWS}`,
  'sum(int4)': `select sum(x) as v from ${ROWS}`,
  'avg(int4)': `select avg(x) as v from ${ROWS}`,
  'round(avg)': `select round(avg(x), 1) as v from ${ROWS}`,
  'date_trunc': `select date_trunc('week', '2026-12-09 10:00+00'::timestamptz) as v`,
  'date + int': `select '2026-12-09'::date + 1 as v`,
  'generated days': `select d::date as v from generate_series('2026-12-01'::date, '2026-12-03'::date, '1 day') d limit 1`,
  'array_agg(date)': `select array_agg('2026-12-09'::date + x order by x) as v from ${ROWS}`,
  'json_agg': `select json_agg(x order by x) as v from ${ROWS}`,
  'string_agg': `select string_agg(x::text, ',' order by x) as v from ${ROWS}`,
  'to_char(date)': `select to_char('2026-12-09'::date, 'YYYY-MM-DD') as v`,
  'epoch as bigint': `select (extract(epoch from '2026-12-09 10:00+00'::timestamptz) * 1000)::bigint as v`,
};

/** The JS value a query answers, with its kind: `"2"` and `2`, or a Date and a string, differ. */
function described(value: unknown): string {
  return `${value === null ? 'null' : (value as object).constructor.name}:${JSON.stringify(value)}`;
}

async function read(orm: Orm, sql: string): Promise<string> {
  const [row]: { v: unknown }[] = await orm.em.getConnection().execute(sql);
  return described(row!.v);
}

/**
 * The embedded default must read every value as PostgreSQL does: the plugin is written against the
 * PostgreSQL driver, and PGlite's own readers (dates as Date objects, bigint as numbers) once kept a
 * KEP's closure from ever matching a day.
 */
describe('PGlite reads every value as the PostgreSQL driver does', function () {
  this.timeout(120_000);
  let postgres: Orm;
  let pglite: Orm;
  const drops: (() => Promise<void>)[] = [];

  before(async () => {
    const pgDb = await createTestDatabase('pglite_reads');
    const liteDb = await createSystemDatabase('pglite_reads', 'pglite');
    drops.push(pgDb.drop, liteDb.drop);
    [postgres, pglite] = await Promise.all([openDatabase({ url: pgDb.url }), openDatabase(liteDb.options)]);
  });
  after(async () => {
    await Promise.allSettled([postgres?.close(true), pglite?.close(true)]);
    await Promise.allSettled(drops.map((drop) => drop()));
  });

  it('has a sample of every column type of the migrated schema', async () => {
    const columns: { udt_name: string }[] = await postgres.em.getConnection().execute(
      `select distinct udt_name from information_schema.columns where table_schema = 'public' order by 1`,
    );
    expect(columns.map((c) => c.udt_name).filter((t) => !(t in SAMPLES)), 'column types without a sample here').to.deep.equal([]);
  });

  for (const [type, sql] of Object.entries(SAMPLES)) {
    it(`a ${type} value`, async () => {
      const query = `select ${sql} as v`;
      expect(await read(pglite, query)).to.equal(await read(postgres, query));
    });
  }

  for (const [what, query] of Object.entries(QUERIES)) {
    it(`the result of ${what}`, async () => {
      expect(await read(pglite, query)).to.equal(await read(postgres, query));
    });
  }
});
