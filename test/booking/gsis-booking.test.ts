/**
 * A citizen signs in with TaxisNet through GSIS OAuth 2.0 in the popup of <kep-booking> on the
 * gov.gr page (real plugin, the GSIS stand-in on its own port): the details step shows the name and
 * the ΑΦΜ the service returned as text, with no field to change them, and the booking is made under them.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { startGsisStandIn } from '../auth/support/gsis-stand-in.js';
import { expectNoAxeViolations, Journey } from '../support/journey.js';
import { launchCookieless, newCitizenContext, openBookingPage, signInInPopup, startBookingSystem, type BookingSystem } from './booking-browser.js';

describe('a citizen signed in through GSIS (TaxisNet) books with the name and ΑΦΜ the service returned', () => {
  let sys: BookingSystem;
  let standIn: Awaited<ReturnType<typeof startGsisStandIn>>;
  let browser: Browser;
  let context: BrowserContext;
  const CLIENT = { clientId: 'rantevou-citizen-gsis-browser', clientSecret: 'citizen-gsis-browser-secret' };

  before(async () => {
    standIn = await startGsisStandIn('citizens');
    sys = await startBookingSystem('gsisbooking', {
      GSIS_CITIZEN_BASE_URL: standIn.gsis.baseUrl,
      GSIS_CITIZEN_CLIENT_ID: CLIENT.clientId,
      GSIS_CITIZEN_CLIENT_SECRET: CLIENT.clientSecret,
    });
    standIn.clients.push({ ...CLIENT, redirectUris: [`${sys.apiBase}/api/v1/public/auth/gsis/callback`], logoutUrls: [sys.apiBase] });
    browser = await launchCookieless();
    context = await newCitizenContext(browser, sys.apiBase);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await sys?.close();
    await standIn?.close();
  });

  it('shows «ΑΦΜ: 123456783» and the name as text, asks for neither, and books under them', async () => {
    const journey = await Journey.start('gsis-citizen-booking');
    const { page, widget } = await openBookingPage(context, sys.site.url, sys.apiBase);
    await widget.getByLabel('Αναζήτηση ΚΕΠ').fill('Αθήνα');
    await widget.locator('.result-count', { hasText: 'Βρέθηκε 1 ΚΕΠ.' }).waitFor();
    await widget.getByRole('radio', { name: /ΚΕΠ Δήμου Αθηναίων/ }).check();
    await next(widget, 'Συνέχεια', /Για ποια υπόθεση έρχεστε;/);
    await widget.getByRole('radio', { name: 'Έκδοση πιστοποιητικού οικογενειακής κατάστασης' }).check();
    await next(widget, 'Συνέχεια', /Πώς θέλετε να εξυπηρετηθείτε;/);
    await widget.getByRole('radio', { name: /Με φυσική παρουσία/ }).check();
    await next(widget, 'Συνέχεια', /Επιλέξτε ημέρα και ώρα/);
    await widget.locator('input[name=time]').first().check();
    await journey.shot(page, 'time-chosen');

    // The stand-in's picker lists each person by name, as GSIS's own sign-in page would ask.
    await signInInPopup(page, () => widget.getByRole('button', { name: 'Σύνδεση και συνέχεια' }).click(), 'Δημήτρης Αλεξίου');
    await widget.getByRole('heading', { name: /Τα στοιχεία σας/ }).waitFor();
    await journey.shot(page, 'details-from-gsis');

    const details = widget.locator('kep-booking-details');
    expect(await details.innerText()).to.include('Δημήτρης Αλεξίου').and.include('ΑΦΜ: 123456783');
    expect(await widget.locator('[part=tax-id]').innerText()).to.equal('ΑΦΜ: 123456783');
    // Nothing to edit them with: no name fields, and no field holds the ΑΦΜ.
    expect(await widget.getByLabel('Όνομα', { exact: true }).count()).to.equal(0);
    expect(await widget.getByLabel('Επώνυμο', { exact: true }).count()).to.equal(0);
    const values = await details.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(values).to.not.include('123456783');
    await expectNoAxeViolations(page, 'the details step after a GSIS sign-in');

    await widget.getByLabel('Email').fill('dimitris.alexiou@citizen.example.gr');
    await next(widget, 'Επιβεβαίωση ραντεβού', /Το ραντεβού σας κλείστηκε/);
    await journey.shot(page, 'booked');
    const [row] = await sys.system.orm.em
      .fork()
      .getConnection()
      .execute(`select first_name, last_name, tax_id from appointment where last_name like 'Αλεξίου%' order by created_at desc limit 1`);
    expect(row).to.include({ first_name: 'Δημήτρης', last_name: 'Αλεξίου', tax_id: '123456783' });
  });
});

/** Presses a button of the step and waits for the next step's heading. */
async function next(widget: Locator, button: string, heading: RegExp): Promise<void> {
  await widget.getByRole('button', { name: button, exact: true }).click();
  await widget.getByRole('heading', { level: 2, name: heading }).waitFor();
}
