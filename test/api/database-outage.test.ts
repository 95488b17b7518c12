/**
 * PostgreSQL out of reach (a proxy between the plugin and the database is cut, as a lost network or
 * a restarting server): staff get a 503 that says so, never a 500 or a crash, /healthz tells the load
 * balancer, and once the database is back the same process serves again without a restart.
 */
import { expect } from 'chai';
import { eventually } from '../support/smtp-sink.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

describe('while PostgreSQL cannot be reached', () => {
  let proxy: TcpProxy;
  let system: TestSystem;
  let staff: StaffClient;

  before(async () => {
    proxy = await startTcpProxy(5432);
    system = await startTestSystem('db_outage', { redisDb: 5, databasePort: proxy.port });
    staff = await signInAs(system.url, 'demo-operator-a');
  });
  after(async () => {
    await proxy?.restore();
    await system?.close();
    await proxy?.close();
  });

  it('answers 503 problems saying the database does not answer, and serves again once it is back', async () => {
    const storeId = staff.me.stores[0]!.id;
    expect((await staff.get(`/api/v1/stores/${storeId}/appointments`)).status).to.equal(200);

    await proxy.cut();
    const res = await staff.get(`/api/v1/stores/${storeId}/appointments`);
    expect(res.status).to.equal(503);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(res.headers.get('retry-after')).to.equal('5');
    const problem = await res.json();
    expect([problem.type, problem.detail]).to.deep.equal(['urn:rantevou:problem:database-unavailable', 'Η βάση δεδομένων δεν απαντά αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγο.']);
    const health = await fetch(`${system.url}/healthz`);
    expect([health.status, await health.json()]).to.deep.equal([503, { status: 'database unavailable' }]);

    await proxy.restore();
    await eventually(async () => (await staff.get(`/api/v1/stores/${storeId}/appointments`)).status === 200, 'the list served again');
    expect((await fetch(`${system.url}/healthz`)).status).to.equal(200);
  });
});
