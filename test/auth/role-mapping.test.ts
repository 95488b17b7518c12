/** The pure mapping from the counter application's positions to our roles, and the RoleSource adapters that use it. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createClaimsRoleSource } from '../../plugin/auth/claims-role-source.js';
import { createStaticFileRoleSource } from '../../plugin/auth/static-file-role-source.js';
import { canAdministerStore, canManageAppointments, canReadStore, rolesFromAssignments } from '../../plugin/domain/roles.js';

describe('roles from the counter application’s positions', () => {
  it('makes the head of a KEP and the employee in charge of counters store administrators, other counter staff operators', () => {
    const roles = rolesFromAssignments(
      [
        { kepCode: 'KEP-A', position: 'head' },
        { kepCode: 'KEP-B', position: 'counter_lead' },
        { kepCode: 'KEP-C', position: 'counter_staff' },
      ],
      false,
    );
    expect(roles).to.deep.equal({
      stores: [
        { storeCode: 'KEP-A', role: 'store_admin' },
        { storeCode: 'KEP-B', role: 'store_admin' },
        { storeCode: 'KEP-C', role: 'operator' },
      ],
      supervisor: false,
    });
  });

  it('gives the stronger role to a person listed twice in one KEP, whatever the order', () => {
    expect(rolesFromAssignments([{ kepCode: 'K', position: 'head' }, { kepCode: 'K', position: 'counter_staff' }], false).stores).to.deep.equal([{ storeCode: 'K', role: 'store_admin' }]);
    expect(rolesFromAssignments([{ kepCode: 'K', position: 'counter_staff' }, { kepCode: 'K', position: 'counter_lead' }], false).stores).to.deep.equal([{ storeCode: 'K', role: 'store_admin' }]);
  });

  it('makes a member of the directorate a supervisor, who reads but never writes', () => {
    expect(rolesFromAssignments([], true)).to.deep.equal({ stores: [], supervisor: true });
    const view = [{ storeId: 's1', role: 'supervisor' as const }];
    expect(canReadStore(view, 's1')).to.equal(true);
    expect(canManageAppointments(view, 's1')).to.equal(false);
    expect(canAdministerStore(view, 's1')).to.equal(false);
  });

  it('reads roles from IdP claims or SAML attributes ("KEP:position" strings or objects)', async () => {
    const source = createClaimsRoleSource();
    const roles = await source.rolesFor({
      sub: 'x',
      name: 'x',
      email: null,
      claims: { kep_assignments: ['KEP-A:head', 'KEP-B:counter_staff', 'KEP-C:janitor', { kepCode: 'KEP-D', position: 'counter_lead' }], kep_directorate: 'true' },
    });
    expect(roles).to.deep.equal({
      stores: [
        { storeCode: 'KEP-A', role: 'store_admin' },
        { storeCode: 'KEP-B', role: 'operator' },
        { storeCode: 'KEP-D', role: 'store_admin' },
      ],
      supervisor: true,
    });
    expect(await source.rolesFor({ sub: 'y', name: 'y', email: null })).to.deep.equal({ stores: [], supervisor: false });
  });

  it('reads a static file in either form: a list of KEPs, or KEPs with the supervisor flag', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rantevou-roles-'));
    const file = join(dir, 'roles.json');
    await writeFile(file, JSON.stringify({ a: [{ storeCode: 'KEP-A', role: 'operator' }], d: { stores: [], supervisor: true } }));
    const source = createStaticFileRoleSource(file);
    expect(await source.rolesFor({ sub: 'a', name: 'a', email: null })).to.deep.equal({ stores: [{ storeCode: 'KEP-A', role: 'operator' }], supervisor: false });
    expect(await source.rolesFor({ sub: 'd', name: 'd', email: null })).to.deep.equal({ stores: [], supervisor: true });
    expect(await source.rolesFor({ sub: 'z', name: 'z', email: null })).to.deep.equal({ stores: [], supervisor: false });
  });
});
