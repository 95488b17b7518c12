/**
 * Read replicas (DATABASE_REPLICA_URLS, issue 14 item 5): reports, their CSV and the day sheet read
 * from a replica; availability, bookings and the staff list never do. The "replica" is the same
 * PostgreSQL database reached as another role that may only read, so the test sees in
 * pg_stat_activity which statements went there, and a write sent there would fail.
 */
import { expect } from 'chai';
import pg from 'pg';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { PINNED, TODAY } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const READER = `rantevou_reader_${process.pid}`;

describe('read replicas', () => {
  const clock = new TestClock();
  let system: TestSystem;
  let replicaHost: string;
  let staff: StaffClient;
  let storeId: string;

  const admin = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], database = system.databaseUrl) => {
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  /** The database's clock now: statements the reader role starts after it went to the replica. */
  const mark = async () => (await admin<{ at: Date }>('select clock_timestamp() as at'))[0]!.at;
  const onReplicaSince = async (since: Date) =>
    (await admin<{ n: number }>('select count(*)::int as n from pg_stat_activity where usename = $1 and datname = current_database() and query_start >= $2', [READER, since]))[0]!.n;

  before(async () => {
    clock.set(PINNED);
    system = await startTestSystem('read_replicas', { redisDb: 11, clock: clock.now, env: { ATTENDANCE_JOBS: '0' } });
    await admin(`create role ${READER} login`);
    await admin(`grant usage on schema public to ${READER}; grant select on all tables in schema public to ${READER}`);
    const replica = new URL(system.databaseUrl);
    replica.username = READER;
    replicaHost = (await system.startAnotherHost({ replicaUrls: [replica.href] })).url;
    staff = await signInAs(system.url, 'demo-operator-a');
    storeId = staff.me.stores[0]!.id;
  });
  after(async () => {
    const adminUrl = system ? new URL(system.databaseUrl) : null;
    await system?.close();
    if (adminUrl) {
      adminUrl.pathname = '/postgres';
      await admin(`drop role if exists ${READER}`, [], adminUrl.href);
    }
  });

  const get = (path: string) => staff.browser.fetch(`${replicaHost}${path}`);

  it('books, and reads availability and the staff list, on the primary only', async () => {
    const since = await mark();
    expect((await get(`/api/v1/stores/${storeId}/availability`)).status).to.equal(200);
    const res = await staff.browser.fetch(`${replicaHost}/api/v1/stores/${storeId}/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': staff.csrfToken },
      body: JSON.stringify({ firstName: 'Ελένη', lastName: 'Πρωτεύουσα', startsAt: `${TODAY}T09:00` }),
    });
    expect(res.status, await res.clone().text()).to.equal(201);
    const list = await (await get(`/api/v1/stores/${storeId}/appointments?date=${TODAY}`)).json();
    expect(list.items.map((i: { lastName: string }) => i.lastName)).to.include('Πρωτεύουσα');
    expect(await onReplicaSince(since), 'statements on the replica').to.equal(0);
  });

  for (const [what, path] of [
    ['the report', '/api/v1/reports'],
    ['the report as CSV', '/api/v1/reports?format=csv'],
    ['the day sheet', `/api/v1/stores/{store}/day-sheet?date=${TODAY}`],
    ['the day sheet as CSV', `/api/v1/stores/{store}/day-sheet?date=${TODAY}&format=csv`],
  ] as const) {
    it(`reads ${what} from the replica`, async () => {
      const since = await mark();
      const res = await get(path.replace('{store}', storeId));
      expect(res.status, await res.clone().text()).to.equal(200);
      if (path.includes('day-sheet')) expect(await res.text()).to.include('Πρωτεύουσα');
      expect(await onReplicaSince(since), 'statements on the replica').to.be.greaterThan(0);
    });
  }
});
