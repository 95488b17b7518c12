import { Appointment } from '../../plugin/db/appointment.entity.js';
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { Procedure } from '../../plugin/db/procedure.entity.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { freeStarts, startPublicSystem, type CitizenClient, type PublicSystem } from '../public/public-system.js';

/** What the catalogue API answers for one procedure. */
interface CatalogueItem {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  videoEligible: boolean;
  alternativeText: string | null;
  bring: string[];
  active: boolean;
  version: number;
}

const NEW_PROCEDURE = {
  code: 'pist-pol ',
  name: '  Πιστοποιητικό πολιτογράφησης ',
  nameEn: 'Certificate of naturalisation',
  videoEligible: false,
  alternativeText: 'Κλείστε ραντεβού δια ζώσης ή στείλτε την αίτηση με ΕΛΤΑ.',
  alternativeTextEn: 'Book an in-person appointment, or send the application by post (ΕΛΤΑ).',
  bring: ['Αστυνομική ταυτότητα ή διαβατήριο', 'Απόφαση πολιτογράφησης'],
};

describe('the procedures catalogue: editors chosen by the directorate, offers chosen by each KEP', () => {
  let system: PublicSystem;
  let rolesDir: string;
  let editor: StaffClient;
  let otherAdmin: StaffClient;
  let operator: StaffClient;
  let citizen: CitizenClient;
  let thessaloniki: string;

  before(async () => {
    // Three people: KEP A's administrator, named by email (another case than the SSO's); KEP B's
    // administrator, not named; and an operator who is named but administers no KEP.
    rolesDir = await mkdtemp(join(tmpdir(), 'rantevou-catalogue-'));
    const rolesFile = join(rolesDir, 'roles.json');
    await writeFile(
      rolesFile,
      JSON.stringify({
        'demo-admin-a': [{ storeCode: 'KEP-ATH-0101', role: 'store_admin' }],
        'demo-operator-b': [{ storeCode: 'KEP-THE-0201', role: 'store_admin' }],
        'demo-operator-a': [{ storeCode: 'KEP-ATH-0101', role: 'operator' }],
      }),
    );
    system = await startPublicSystem('catalogue', { redisDb: 6, env: { ROLES_FILE: rolesFile, CATALOGUE_EDITORS: 'Georgios.Nikolaou@KEP.example.gr, demo-operator-a' } });
    [editor, otherAdmin, operator] = await Promise.all([signInAs(system.url, 'demo-admin-a'), signInAs(system.url, 'demo-operator-b'), signInAs(system.url, 'demo-operator-a')]);
    thessaloniki = otherAdmin.me.stores[0]!.id;
    citizen = await system.citizen('citizen-catalogue-1', 'Αθανασία Ρήγα');
  });
  after(async () => {
    await system?.close();
    if (rolesDir) await rm(rolesDir, { recursive: true, force: true });
  });

  const send = (client: StaffClient, method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    client.browser.fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken, ...headers },
      body: JSON.stringify(body),
    });
  const catalogue = async (client: StaffClient) => ((await (await client.get('/api/v1/procedures')).json()) as { items: CatalogueItem[] }).items;
  const publicNames = async (storeId = system.stores.athens) =>
    ((await (await fetch(`${system.url}/api/v1/public/stores/${storeId}/procedures`)).json()) as { name: string }[]).map((p) => p.name);
  const procedureCount = () => system.orm.em.fork().count(Procedure);
  const auditOf = (id: string) => system.orm.em.fork().find(AuditEvent, { entityType: 'procedure', entityId: id }, { orderBy: { at: 'asc', id: 'asc' } });

  async function create(body: Record<string, unknown> = {}): Promise<CatalogueItem> {
    const res = await send(editor, 'POST', '/api/v1/procedures', { ...NEW_PROCEDURE, code: `T-${crypto.randomUUID().slice(0, 8)}`, ...body });
    expect(res.status, await res.clone().text()).to.equal(201);
    return res.json();
  }

  it('tells each person in /me whether they edit the catalogue', async () => {
    const flag = async (client: StaffClient) => (await (await client.get('/api/v1/me')).json()).canEditCatalogue;
    expect(await flag(editor)).to.equal(true);
    expect(await flag(otherAdmin), 'an administrator the directorate did not name').to.equal(false);
    expect(await flag(operator), 'named, but administers no KEP').to.equal(false);
  });

  describe('an editor', () => {
    it('adds a procedure: trimmed, audited, in the catalogue, and offered by no KEP until its administrator says so', async () => {
      const res = await send(editor, 'POST', '/api/v1/procedures', NEW_PROCEDURE);
      expect(res.status, await res.clone().text()).to.equal(201);
      const created = (await res.json()) as CatalogueItem;
      expect(res.headers.get('etag')).to.equal('"1"');
      expect(created).to.include({ code: 'PIST-POL', name: 'Πιστοποιητικό πολιτογράφησης', videoEligible: false, active: true, version: 1 });
      expect(created.bring).to.deep.equal(NEW_PROCEDURE.bring);
      expect((await catalogue(operator)).map((p) => p.id)).to.include(created.id);
      expect(await publicNames()).to.not.include(created.name);
      const [event] = await auditOf(created.id);
      expect(event).to.include({ actor: 'demo-admin-a', action: 'procedure.create' });
      expect(event!.after).to.include({ code: 'PIST-POL', name: 'Πιστοποιητικό πολιτογράφησης' });

      const offered = await send(editor, 'PUT', `/api/v1/stores/${system.stores.athens}/procedures/${created.id}`, { offered: true });
      expect(offered.status).to.equal(200);
      expect(await publicNames()).to.include(created.name);
    });

    it('changes a procedure against the version it read; the change is audited with before and after', async () => {
      const p = await create();
      const res = await send(editor, 'PATCH', `/api/v1/procedures/${p.id}`, { videoEligible: true, bring: ['ΑΜΚΑ'] }, { 'if-match': '"1"' });
      expect(res.status, await res.clone().text()).to.equal(200);
      expect(res.headers.get('etag')).to.equal('"2"');
      expect(await res.json()).to.include({ videoEligible: true, version: 2 });
      const events = await auditOf(p.id);
      expect(events.map((e) => e.action)).to.deep.equal(['procedure.create', 'procedure.update']);
      expect(events[1]!.before).to.include({ videoEligible: false });
      expect(events[1]!.after).to.include({ videoEligible: true });
    });

    it('refuses a stale edit with 412 and an edit without a version with 428, overwriting nothing', async () => {
      const p = await create();
      expect((await send(editor, 'PATCH', `/api/v1/procedures/${p.id}`, { nameEn: 'First edit', version: 1 })).status).to.equal(200);
      const stale = await send(editor, 'PATCH', `/api/v1/procedures/${p.id}`, { nameEn: 'Second edit' }, { 'if-match': '"1"' });
      expect(stale.status).to.equal(412);
      expect(stale.headers.get('content-type')).to.match(/application\/problem\+json/);
      expect((await send(editor, 'PATCH', `/api/v1/procedures/${p.id}`, { nameEn: 'Third edit' })).status).to.equal(428);
      const stored = await system.orm.em.fork().findOneOrFail(Procedure, p.id);
      expect(stored.nameEn).to.equal('First edit');
      expect(stored.version).to.equal(2);
    });

    it('refuses a code already in use with 409 naming the field, on adding and on changing', async () => {
      const before = await procedureCount();
      const taken = await send(editor, 'POST', '/api/v1/procedures', { ...NEW_PROCEDURE, code: 'amka' });
      expect(taken.status).to.equal(409);
      expect((await taken.json()).errors).to.deep.equal([{ path: 'code', message: 'Υπάρχει ήδη διαδικασία με αυτόν τον κωδικό.' }]);
      expect(await procedureCount()).to.equal(before);
      const p = await create();
      const renamed = await send(editor, 'PATCH', `/api/v1/procedures/${p.id}`, { code: 'AMKA', version: 1 });
      expect(renamed.status).to.equal(409);
      expect((await system.orm.em.fork().findOneOrFail(Procedure, p.id)).code).to.equal(p.code);
    });

    it('refuses invalid fields with 400, each with its message, and writes nothing', async () => {
      const before = await procedureCount();
      const res = await send(editor, 'POST', '/api/v1/procedures', {
        code: 'ΚΩΔ 1',
        name: '   ',
        nameEn: 'x'.repeat(301),
        videoEligible: false,
        alternativeText: '  ',
        bring: ['Ταυτότητα', ''],
      });
      expect(res.status).to.equal(400);
      const problem = await res.json();
      expect(problem.type).to.equal('urn:rantevou:problem:validation');
      expect(problem.errors.map((e: { path: string }) => e.path)).to.have.members(['code', 'name', 'nameEn', 'bring.1', 'alternativeText']);
      expect(problem.errors.find((e: { path: string }) => e.path === 'alternativeText').message).to.match(/αντί για βιντεοκλήση/);
      const latin = await send(editor, 'POST', '/api/v1/procedures', { ...NEW_PROCEDURE, code: 'LATIN', name: 'Birth certificate' });
      expect((await latin.json()).errors).to.deep.equal([{ path: 'name', message: 'Γράψτε το όνομα της διαδικασίας στα ελληνικά.' }]);
      expect(await procedureCount()).to.equal(before);
      expect(await system.orm.em.fork().count(AuditEvent, { entityType: 'procedure', action: 'procedure.create', after: { code: 'LATIN' } })).to.equal(0);

      const p = await create({ videoEligible: true, alternativeText: null });
      const noAlternative = await send(editor, 'PATCH', `/api/v1/procedures/${p.id}`, { videoEligible: false, version: 1 });
      expect(noAlternative.status).to.equal(400);
      expect((await noAlternative.json()).errors.map((e: { path: string }) => e.path)).to.deep.equal(['alternativeText']);
      expect((await system.orm.em.fork().findOneOrFail(Procedure, p.id)).videoEligible).to.equal(true);
    });

    it('keeps markup as the text it is', async () => {
      const name = 'Βεβαίωση <img src=x onerror="alert(1)"> & <script>alert(2)</script>';
      const p = await create({ name });
      expect(p.name).to.equal(name);
      expect((await catalogue(editor)).find((x) => x.id === p.id)!.name).to.equal(name);
    });

    it('retires a procedure: gone from KEP and public lists and from new holds, while a booked appointment keeps its procedure', async () => {
      const p = await create({ name: 'Βεβαίωση προς απόσυρση', videoEligible: true, alternativeText: null });
      expect((await send(editor, 'PUT', `/api/v1/stores/${system.stores.athens}/procedures/${p.id}`, { offered: true })).status).to.equal(200);
      const [first, second] = await freeStarts(system.url, system.stores.athens);
      const { booked } = await citizen.holdAndBook({ storeId: system.stores.athens, startsAt: first, mode: 'in_person', procedureId: p.id });
      expect(booked?.status).to.equal(201);
      const appointmentId = (await booked!.json()).id as string;

      const retired = await send(editor, 'PATCH', `/api/v1/procedures/${p.id}`, { active: false }, { 'if-match': '"1"' });
      expect(retired.status, await retired.clone().text()).to.equal(200);
      expect((await auditOf(p.id)).at(-1)!.action).to.equal('procedure.deactivate');

      expect(await publicNames()).to.not.include('Βεβαίωση προς απόσυρση');
      const kepList = (await (await operator.get(`/api/v1/stores/${system.stores.athens}/procedures`)).json()).items as { id: string }[];
      expect(kepList.map((x) => x.id)).to.not.include(p.id);
      expect((await catalogue(operator)).map((x) => x.id), 'staff read active procedures only').to.not.include(p.id);
      expect((await catalogue(editor)).find((x) => x.id === p.id), 'editors still see it, to bring it back').to.include({ active: false });
      const hold = await citizen.post('/api/v1/public/holds', { storeId: system.stores.athens, startsAt: second, mode: 'in_person', procedureId: p.id });
      expect(hold.status).to.equal(400);
      expect((await hold.json()).errors[0].path).to.equal('procedureId');
      expect((await send(editor, 'PUT', `/api/v1/stores/${system.stores.athens}/procedures/${p.id}`, { offered: true })).status).to.equal(404);

      const appointment = await (await operator.get(`/api/v1/appointments/${appointmentId}`)).json();
      expect(appointment).to.include({ status: 'booked', procedure: 'Βεβαίωση προς απόσυρση' });
      expect(await system.orm.em.fork().count(Procedure, { id: p.id }), 'never deleted').to.equal(1);

      const back = await send(editor, 'PATCH', `/api/v1/procedures/${p.id}`, { active: true }, { 'if-match': '"2"' });
      expect(back.status).to.equal(200);
      expect(await publicNames(), 'the KEP’s offer stands once it is active again').to.include('Βεβαίωση προς απόσυρση');
    });
  });

  describe('a citizen filling in the form while the procedure is withdrawn', () => {
    it('cannot book it (409, saying so), and the held time is free for everyone again at once', async () => {
      const p = await create({ name: 'Βεβαίωση που αποσύρεται', videoEligible: true, alternativeText: null });
      const offer = (offered: boolean) => send(editor, 'PUT', `/api/v1/stores/${system.stores.athens}/procedures/${p.id}`, { offered });
      expect((await offer(true)).status).to.equal(200);
      const [startsAt] = await freeStarts(system.url, system.stores.athens);
      const held = await citizen.post('/api/v1/public/holds', { storeId: system.stores.athens, startsAt, mode: 'in_person', procedureId: p.id });
      expect(held.status).to.equal(201);
      const { holdId } = await held.json();
      expect(await freeStarts(system.url, system.stores.athens)).to.not.include(startsAt);

      expect((await offer(false)).status).to.equal(200);
      const book = { holdId, firstName: 'Αθανασία', lastName: 'Ρήγα', email: 'athanasia@citizen.example.gr', language: 'el' };
      const key = { 'idempotency-key': crypto.randomUUID() };
      const booked = await citizen.post('/api/v1/public/bookings', book, key);
      const problem = await booked.json();
      expect([booked.status, problem.type]).to.deep.equal([409, 'urn:rantevou:problem:procedure-withdrawn']);
      const again = await citizen.post('/api/v1/public/bookings', book, key);
      expect([again.status, (await again.json()).type], 'the same click again: the hold is gone, not “in progress”').to.deep.equal([404, 'urn:rantevou:problem:hold-not-found']);
      expect(problem.detail).to.include('δεν προσφέρεται πλέον');
      expect(await system.orm.em.fork().count(Appointment, { id: holdId }), 'the hold is let go').to.equal(0);
      expect(await freeStarts(system.url, system.stores.athens)).to.include(startsAt);
    });
  });

  describe('everyone else', () => {
    it('refuses a store administrator the directorate did not name with 403, and writes nothing', async () => {
      const before = await procedureCount();
      const created = await send(otherAdmin, 'POST', '/api/v1/procedures', { ...NEW_PROCEDURE, code: 'NOT-MINE' });
      expect(created.status).to.equal(403);
      expect((await created.json()).type).to.equal('urn:rantevou:problem:not-catalogue-editor');
      const p = await create();
      expect((await send(otherAdmin, 'PATCH', `/api/v1/procedures/${p.id}`, { active: false, version: 1 })).status).to.equal(403);
      expect(await procedureCount()).to.equal(before + 1);
      expect((await system.orm.em.fork().findOneOrFail(Procedure, p.id)).active).to.equal(true);
    });

    it('refuses an operator with 403 even when named: an editor must administer a KEP', async () => {
      const p = await create();
      expect((await send(operator, 'POST', '/api/v1/procedures', { ...NEW_PROCEDURE, code: 'OPERATOR' })).status).to.equal(403);
      expect((await send(operator, 'PATCH', `/api/v1/procedures/${p.id}`, { nameEn: 'Changed', version: 1 })).status).to.equal(403);
      expect((await system.orm.em.fork().findOneOrFail(Procedure, p.id)).nameEn).to.equal(NEW_PROCEDURE.nameEn);
    });

    it('lets each KEP’s administrator choose its offers, and no other KEP’s (404 there, 403 for an operator)', async () => {
      const [copies] = (await catalogue(editor)).filter((p) => p.code === 'EPIK-ANT');
      expect((await send(editor, 'PUT', `/api/v1/stores/${thessaloniki}/procedures/${copies!.id}`, { offered: false })).status).to.equal(404);
      expect((await send(operator, 'PUT', `/api/v1/stores/${system.stores.athens}/procedures/${copies!.id}`, { offered: false })).status).to.equal(403);
      const withdrawn = await send(otherAdmin, 'PUT', `/api/v1/stores/${thessaloniki}/procedures/${copies!.id}`, { offered: false });
      expect(withdrawn.status).to.equal(200);
      const offeredAt = async (client: StaffClient, storeId: string) =>
        ((await (await client.get(`/api/v1/stores/${storeId}/procedures`)).json()).items as { id: string; offered: boolean }[]).find((x) => x.id === copies!.id)!.offered;
      expect(await offeredAt(otherAdmin, thessaloniki)).to.equal(false);
      expect(await offeredAt(editor, system.stores.athens), 'KEP A still offers it').to.equal(true);
      expect(await publicNames(), 'KEP A still offers it').to.include(copies!.name);
    });

    it('describes the catalogue endpoints in the OpenAPI document', async () => {
      const doc = await (await fetch(`${system.url}/api/v1/openapi.json`)).json();
      expect(Object.keys(doc.paths['/api/v1/procedures'])).to.have.members(['get', 'post']);
      expect(Object.keys(doc.paths['/api/v1/procedures/{procedureId}'])).to.have.members(['get', 'patch']);
    });
  });
});
