/**
 * The store administrator's journey, in Chromium on the intranet page, production mode: Γιώργος
 * Νικολάου signs in, sees who he is, goes to the queues, adds a queue, makes it public, changes its
 * hours, closes a day that has appointments and decides what happens to them, sees the day closed
 * for staff and for citizens, and signs out on a shared counter PC. Each step is a screenshot; axe
 * runs on every screen.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { Journey, expectNoAxeViolations } from '../support/journey.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import type { TestSystem } from '../support/test-system.js';
import { focused, signOutOfIntranet, startStaffSystem, workingDayAfter, workingDayFrom } from './staff-shell-support.js';

const KEP = 'ΚΕΠ Δήμου Αθηναίων (Λιοσίων)';
/** The day he closes (a working day two weeks or more ahead), and the next working day, which stays open. */
const CLOSED = workingDayFrom(15);
const NEXT = workingDayAfter(CLOSED);
const greek = (day: string) => day.split('-').reverse().join('/');

describe('the store administrator’s journey: queues, hours, closing a booked day, signing out', function () {
  this.timeout(60_000);
  let system: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let journey: Journey;
  let admin: StaffClient;
  let storeId: string;

  before(async () => {
    system = await startStaffSystem('journey_admin');
    browser = await launchChromium();
    journey = await Journey.start('store-admin');
    // Two citizens booked by phone on the day that will close; one gave an email.
    admin = await signInAs(system.url, 'demo-admin-a');
    storeId = admin.me.stores[0]!.id;
    for (const body of [
      { firstName: 'Ελένη', lastName: 'Μαυρίδου', startsAt: `${CLOSED}T09:00`, email: 'eleni.mavridou@citizen.example.gr' },
      { firstName: 'Πέτρος', lastName: 'Αλεξίου', startsAt: `${CLOSED}T10:30`, phone: '6912345678' },
    ]) {
      const res = await admin.post(`/api/v1/stores/${storeId}/appointments`, body);
      expect(res.status, await res.clone().text()).to.equal(201);
    }
    // A desk PC's screen, in Greek, so time fields are 24-hour ones.
    context = await browser.newContext({ locale: 'el-GR', viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  const publicSlots = async (day: string) => {
    const res = await fetch(`${system.url}/api/v1/public/stores/${storeId}/availability?from=${day}&to=${day}&mode=in_person`);
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { days: { date: string; slots: unknown[] }[] };
    return body.days.find((d) => d.date === day)?.slots.length ?? 0;
  };
  const staffSlots = (day: string) =>
    page.evaluate(async ([id, d]) => {
      const body = await (await fetch(`/api/v1/stores/${id}/availability?from=${d}&to=${d}`)).json();
      return (body.days as { date: string; slots: unknown[] }[]).find((x) => x.date === d)?.slots.length ?? 0;
    }, [storeId, day] as const);

  it('signs in from the page that says nobody is signed in, and sees his name, role and KEP in the header', async () => {
    await page.goto(`${system.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Δεν έχετε συνδεθεί' }).waitFor();
    await journey.shot(page, 'not-signed-in');
    await expectNoAxeViolations(page, 'the page before sign-in');
    await page.getByRole('link', { name: 'Σύνδεση', exact: true }).first().click();
    await page.getByRole('button', { name: /Γιώργος Νικολάου/ }).waitFor();
    await journey.shot(page, 'identity-provider');
    await page.getByRole('button', { name: /Γιώργος Νικολάου/ }).click();
    await page.waitForURL(`${system.url}/`);

    const banner = page.getByRole('banner');
    await banner.getByText('Γιώργος Νικολάου').waitFor();
    expect(await banner.innerText()).to.include('Διαχειριστής Καταστήματος').and.include(KEP);
    expect(await banner.getByRole('combobox').count(), 'one KEP: nothing to switch').to.equal(0);
    const nav = page.getByRole('navigation', { name: 'Ενότητες' });
    expect(await nav.getByRole('link').allInnerTexts()).to.deep.equal(['Ραντεβού', 'Ουρά αναμονής', 'Ουρές & ωράριο', 'Διαδικασίες', 'Email που δεν στάλθηκαν', 'Webhooks', 'Αναφορές']);
    expect(await nav.getByRole('link', { name: 'Ραντεβού' }).getAttribute('aria-current')).to.equal('page');
    await page.locator('kep-appointments').getByRole('heading', { level: 2, name: KEP }).waitFor();
    expect(await page.title()).to.equal(`Ραντεβού — ${KEP} — Ενδοδίκτυο ΚΕΠ`);
    await journey.shot(page, 'appointments-today');
    await expectNoAxeViolations(page, 'the appointments of today');
  });

  it('goes to «Ουρές & ωράριο»: a URL of its own, focus on its heading, the item marked current', async () => {
    await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Ουρές & ωράριο' }).click();
    await page.waitForURL(`${system.url}/?view=queues&store=${storeId}`);
    await page.locator('kep-queues').getByRole('table', { name: /Οι ουρές του ΚΕΠ/ }).waitFor();
    expect(await focused(page)).to.deep.include({ tag: 'h1', text: 'Ουρές & ωράριο' });
    const nav = page.getByRole('navigation', { name: 'Ενότητες' });
    expect(await nav.getByRole('link', { name: 'Ουρές & ωράριο' }).getAttribute('aria-current')).to.equal('page');
    expect(await nav.getByRole('link', { name: 'Ραντεβού' }).getAttribute('aria-current')).to.equal(null);
    await journey.shot(page, 'queues');
    await expectNoAxeViolations(page, 'the queues');
  });

  it('adds a queue, makes it public and gives it shorter Friday hours', async () => {
    const widget = page.locator('kep-queues');
    const saved = widget.getByRole('status').filter({ hasText: 'Οι αλλαγές αποθηκεύτηκαν.' });
    await widget.getByLabel('Όνομα ουράς').fill('Πιστοποιητικά');
    await widget.getByRole('button', { name: 'Προσθήκη ουράς' }).click();
    await saved.waitFor();
    const row = widget.locator('tr[data-id]').filter({ hasText: 'Πιστοποιητικά' });
    expect(await row.innerText()).to.include('Δια ζώσης').and.include('Δευ–Παρ 08:00–15:00');
    expect(await widget.getByRole('checkbox', { name: 'Δημόσια: Πιστοποιητικά' }).isChecked(), 'new queues start private').to.equal(false);
    await journey.shot(page, 'queue-added');

    // The box shows the stored state until the server agrees, so it is clicked, not checked.
    await widget.getByRole('checkbox', { name: 'Δημόσια: Πιστοποιητικά' }).click();
    await page.waitForFunction(() => {
      const host = document.querySelector('kep-staff-app')?.shadowRoot?.querySelector('kep-queues');
      return (host?.shadowRoot?.querySelector('input[aria-label="Δημόσια: Πιστοποιητικά"]') as HTMLInputElement | null)?.checked === true;
    });
    await journey.shot(page, 'queue-public');

    await widget.getByRole('button', { name: 'Ωράριο: Πιστοποιητικά' }).click();
    await widget.getByRole('heading', { name: 'Εβδομαδιαίο ωράριο — Πιστοποιητικά' }).waitFor();
    await widget.getByLabel('Παρασκευή 1: Έως').fill('12:00');
    await journey.shot(page, 'hours-editor');
    await expectNoAxeViolations(page, 'the hours editor');
    await widget.getByRole('button', { name: 'Αποθήκευση' }).click();
    await widget.getByRole('heading', { name: 'Εβδομαδιαίο ωράριο — Πιστοποιητικά' }).waitFor({ state: 'detached' });
    expect(await row.innerText()).to.include('Δευ–Πεμ 08:00–15:00 · Παρ 08:00–12:00');
    const queues = (await (await admin.get(`/api/v1/stores/${storeId}/queues`)).json()) as { items: { name: string; public: boolean; weeklyHours: Record<string, string[][]> }[] };
    const stored = queues.items.find((q) => q.name === 'Πιστοποιητικά')!;
    expect([stored.public, stored.weeklyHours['5']]).to.deep.equal([true, [['08:00', '12:00']]]);
    await journey.shot(page, 'hours-saved');
  });

  it('closes a day that has two appointments: the widget lists them and asks keep, cancel or move; he cancels them', async () => {
    expect(await staffSlots(CLOSED), 'the day is open before').to.be.greaterThan(0);
    expect(await publicSlots(CLOSED), 'citizens can book it before').to.be.greaterThan(0);
    const widget = page.locator('kep-queues');
    await widget.getByLabel('Από ημερομηνία').fill(CLOSED);
    await widget.getByLabel('Έως ημερομηνία').fill(CLOSED);
    await widget.getByLabel('Αιτία', { exact: true }).fill('Επιμόρφωση προσωπικού');
    await widget.getByRole('button', { name: 'Προσθήκη εξαίρεσης' }).click();

    const decision = widget.getByRole('group', { name: '2 μελλοντικά ραντεβού μένουν εκτός ωραρίου' });
    await decision.waitFor();
    expect(await focused(page)).to.deep.include({ tag: 'h3', text: '2 μελλοντικά ραντεβού μένουν εκτός ωραρίου' });
    const listed = await decision.getByRole('listitem').allInnerTexts();
    expect(listed.map((s) => s.replace(/\s+/g, ' '))).to.deep.equal([`${greek(CLOSED)} 09:00 — Ελένη Μαυρίδου (με email)`, `${greek(CLOSED)} 10:30 — Πέτρος Αλεξίου (χωρίς email)`]);
    for (const choice of ['Να διατηρηθούν όπως είναι', 'Να ακυρωθούν (όσοι έχουν email ειδοποιούνται)', 'Να μεταφερθούν σε άλλη ουρά, την ίδια ώρα']) {
      expect(await decision.getByRole('radio', { name: choice }).count(), choice).to.equal(1);
    }
    await journey.shot(page, 'closure-asks-what-to-do');
    await expectNoAxeViolations(page, 'the decision about the appointments');

    await decision.getByRole('radio', { name: 'Να ακυρωθούν (όσοι έχουν email ειδοποιούνται)' }).check();
    await decision.getByRole('button', { name: 'Επιβεβαίωση αλλαγής' }).click();
    await widget.getByRole('status').filter({ hasText: 'Οι αλλαγές αποθηκεύτηκαν.' }).waitFor();
    const exceptions = widget.getByRole('table', { name: /Κλεισίματα και αλλαγές ωραρίου/ });
    expect(await exceptions.innerText()).to.include('Επιμόρφωση προσωπικού').and.include('Όλο το ΚΕΠ');
    await journey.shot(page, 'day-closed');
  });

  it('sees the day closed for staff: both appointments cancelled and no free time left', async () => {
    // The appointments' screen of that day, by its URL (a reload, as a bookmark would be).
    await page.goto(`${system.url}/?view=appointments&store=${storeId}&date=${CLOSED}`);
    const widget = page.locator('kep-appointments');
    await widget.locator('tbody tr').filter({ hasText: 'Μαυρίδου' }).waitFor();
    for (const name of ['Μαυρίδου', 'Αλεξίου']) {
      expect(await widget.locator('tbody tr').filter({ hasText: name }).innerText(), name).to.include('Ακυρώθηκε');
    }
    expect(await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Ραντεβού' }).getAttribute('aria-current')).to.equal('page');
    expect(await staffSlots(CLOSED), 'no time to book that day').to.equal(0);
    const list = (await (await admin.get(`/api/v1/stores/${storeId}/appointments?date=${CLOSED}`)).json()) as { items: { status: string }[] };
    expect(list.items.map((a) => a.status)).to.deep.equal(['cancelled', 'cancelled']);
    await journey.shot(page, 'closed-day-for-staff');
    await expectNoAxeViolations(page, 'the closed day for staff');
  });

  it('and for citizens: no time that day in the public availability, the next working day still bookable', async () => {
    expect(await publicSlots(CLOSED)).to.equal(0);
    expect(await publicSlots(NEXT), `${NEXT} stays open`).to.be.greaterThan(0);
  });

  it('signs out: the page says so, a reload stays signed out, the old cookie is worthless and the provider asks again', async () => {
    const cookies = (await context.cookies(system.url)).map((c) => `${c.name}=${c.value}`).join('; ');
    await signOutOfIntranet(page, system.url);
    expect(await page.getByRole('main').innerText()).to.include('Η σύνδεσή σας στην εφαρμογή έληξε');
    expect(await page.getByRole('button', { name: 'Αποσύνδεση' }).count()).to.equal(0);
    await journey.shot(page, 'signed-out');
    await expectNoAxeViolations(page, 'the signed-out page');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Δεν έχετε συνδεθεί' }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/v1/me')).status)).to.equal(401);
    expect((await fetch(`${system.url}/api/v1/me`, { headers: { cookie: cookies } })).status, 'the session ended on the server').to.equal(401);
    await journey.shot(page, 'reloaded-still-signed-out');

    await page.getByRole('link', { name: 'Σύνδεση', exact: true }).first().click();
    await page.getByRole('button', { name: /Γιώργος Νικολάου/ }).waitFor();
    await journey.shot(page, 'provider-asks-again');
  });
});
