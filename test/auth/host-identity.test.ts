/**
 * Host-platform mode: the host says who is signed in (here: its own session, read from a header its
 * front end sets); the plugin trusts that and still derives the roles through the RoleSource.
 */
import { expect } from 'chai';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { Browser } from '../support/browser.js';
import { startSsoSystem, type SsoSystem } from './support/sso-system.js';

describe('host-platform mode (getIdentity)', () => {
  let system: SsoSystem;

  before(async () => {
    system = await startSsoSystem('sso_host_identity', {
      getIdentity: async (req) => {
        const sub = req.get('x-host-user');
        return sub ? { sub, name: `Host ${sub}`, email: null } : null;
      },
    });
  });
  after(() => system?.close());

  const me = (browser: Browser, user?: string) => browser.fetch(`${system.url}/api/v1/me`, { headers: user ? { 'x-host-user': user } : {} });

  it('signs the host’s person in with roles from the RoleSource, and keeps one session while they stay', async () => {
    const browser = new Browser();
    const first = await me(browser, 'demo-admin-a');
    expect(first.status).to.equal(200);
    const body = await first.json();
    expect(body.user).to.include({ sub: 'demo-admin-a', name: 'Host demo-admin-a' });
    expect(body.stores.map((s: { code: string; role: string }) => `${s.code}:${s.role}`)).to.deep.equal(['KEP-ATH-0101:store_admin']);
    await me(browser, 'demo-admin-a');
    const signIns = await system.orm.em.fork().count(AuditEvent, { actor: 'demo-admin-a', action: 'staff.sign_in' });
    expect(signIns, 'one sign-in, then the session is reused').to.equal(1);
  });

  it('starts a new session when the host’s person changes, and ends it when the host signs out', async () => {
    const browser = new Browser();
    expect((await (await me(browser, 'demo-operator-a')).json()).user.sub).to.equal('demo-operator-a');
    expect((await (await me(browser, 'demo-operator-b')).json()).user.sub).to.equal('demo-operator-b');
    expect((await me(browser)).status, 'the host says nobody is signed in').to.equal(401);
  });

  it('refuses a person the RoleSource gives no KEP', async () => {
    const res = await me(new Browser(), 'nobody-at-any-kep');
    expect(res.status).to.equal(403);
    expect((await res.json()).detail).to.include('Δεν έχετε ρόλο');
  });
});
