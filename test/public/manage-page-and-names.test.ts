import { expect } from 'chai';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { issueCitizenToken } from '../../plugin/public/citizen-auth.js';
import { CitizenClient, freeStarts, startPublicSystem, type PublicSystem } from './public-system.js';

describe('the email link opens a page in a browser, and online bookings carry the identity provider’s name', () => {
  let system: PublicSystem;
  let procedureId: string;
  let starts: string[];

  before(async () => {
    system = await startPublicSystem('managepage', { env: { MANAGE_URL: 'https://www.gov.gr.example/kep/?manage={token}' } });
    const procedures = await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json();
    procedureId = procedures.find((p: { name: string }) => p.name.startsWith('Έκδοση πιστοποιητικού οικογενειακής')).id;
    starts = await freeStarts(system.url, system.stores.athens);
  });
  after(async () => system?.close());

  /** A citizen whose identity provider said their given and family names (as TaxisNet does). */
  async function taxisCitizen(sub: string): Promise<CitizenClient> {
    const who = { sub, name: 'Ελένη Ρήγα', email: `${sub}@citizen.example.gr`, givenName: 'Ελένη', familyName: 'Ρήγα' };
    return new CitizenClient(system.url, (await issueCitizenToken(system.orm, who, 60)).token);
  }
  const hold = (startsAt: string) => ({ storeId: system.stores.athens, startsAt, mode: 'in_person', procedureId });

  it('books under the identity’s names when the body leaves them out, and refuses a body naming someone else (400, nothing booked)', async () => {
    const eleni = await taxisCitizen('citizen-names-1');
    const other = await eleni.holdAndBook(hold(starts[0]!), { firstName: 'Μαρία', lastName: 'Ρήγα' });
    expect(other.booked!.status).to.equal(400);
    const problem = await other.booked!.json();
    expect(problem.errors).to.deep.equal([{ path: 'firstName', message: 'Το όνομα είναι αυτό του λογαριασμού σας στον πάροχο ταυτότητας και δεν αλλάζει εδώ.' }]);
    expect(await system.orm.em.fork().count(Appointment, { citizenSub: 'citizen-names-1', status: 'booked' })).to.equal(0);

    const { booked } = await eleni.holdAndBook(hold(starts[1]!), { firstName: undefined, lastName: undefined });
    expect(booked!.status).to.equal(201);
    const row = await system.orm.em.fork().findOneOrFail(Appointment, { citizenSub: 'citizen-names-1', status: 'booked' });
    expect([row.firstName, row.lastName]).to.deep.equal(['Ελένη', 'Ρήγα']);
  });

  it('a provider that gave only a display name leaves the name to the body, which must then have it', async () => {
    const plain = await system.citizen('citizen-names-2', 'Νίκος Σ.');
    const missing = await plain.holdAndBook(hold(starts[2]!), { firstName: undefined, lastName: undefined });
    expect(missing.booked!.status).to.equal(400);
    expect((await missing.booked!.json()).errors.map((e: { path: string }) => e.path)).to.deep.equal(['firstName', 'lastName']);
  });

  it('points manageUrl at MANAGE_URL; the API URL answers a browser with the page under a strict CSP, API clients with JSON, a dead link with a polite page', async () => {
    const eleni = await taxisCitizen('citizen-names-3');
    const { booked } = await eleni.holdAndBook(hold(starts[3]!), { firstName: undefined, lastName: undefined });
    const { manageUrl } = await booked!.json();
    expect(manageUrl).to.match(/^https:\/\/www\.gov\.gr\.example\/kep\/\?manage=[A-Za-z0-9_-]{43}$/);
    const token = new URL(manageUrl).searchParams.get('manage')!;
    const api = `${system.url}/api/v1/public/manage/${token}`;

    const page = await fetch(api, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.include('text/html');
    expect(page.headers.get('content-security-policy')).to.include("script-src 'self'").and.include("require-trusted-types-for 'script'");
    expect(page.headers.get('vary')).to.include('Accept');
    const html = await page.text();
    expect(html).to.include(`<kep-manage-booking token="${token}" api-base="${system.url}" lang="el">`).and.include(`${system.url}/widget/kep-booking.js`);
    expect(await (await fetch(`${api}?lang=en`, { headers: { accept: 'text/html' } })).text()).to.include('lang="en"');

    const json = await fetch(api);
    expect(json.headers.get('content-type')).to.include('application/json');
    expect((await json.json()).status).to.equal('booked');

    const dead = await fetch(`${system.url}/api/v1/public/manage/${'z'.repeat(43)}`, { headers: { accept: 'text/html' } });
    expect(dead.status).to.equal(404);
    expect(dead.headers.get('content-type')).to.include('text/html');
    const text = await dead.text();
    expect(text).to.include('Ο σύνδεσμος δεν ισχύει').and.include('πιο πρόσφατο email').and.not.include('kep-manage-booking');
    expect((await fetch(`${system.url}/api/v1/public/manage/${'z'.repeat(43)}`)).headers.get('content-type')).to.include('application/problem+json');
  });
});
