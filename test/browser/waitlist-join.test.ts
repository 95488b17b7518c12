import { expect } from 'chai';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { ScheduleException } from '../../plugin/db/schedule-exception.entity.js';
import { Store } from '../../plugin/db/store.entity.js';
import { addDays } from '../../plugin/domain/local-day.js';
import { ATHENS, todayIn } from '../../plugin/domain/local-time.js';
import { launchCookieless, newCitizenContext, openBookingPage, signInInPopup, startBookingSystem, type BookingSystem } from '../booking/booking-browser.js';
import { Journey, expectNoAxeViolations } from '../support/journey.js';

/**
 * `<kep-booking>`'s time step when the KEP has no free time in the two weeks shown: the citizen asks
 * to be told when one frees up (the waitlist), signing in within the press, and leaves the list again.
 * Heraklion is closed for the next four weeks. The plugin runs on the real clock, as the browser does.
 */
describe('<kep-booking> offers the waitlist when no time is found, in Chromium', function () {
  // A booking walk of five steps with a sign-in popup: as the other browser journeys, more than mocha's default.
  this.timeout(90_000);
  let sys: BookingSystem;
  let browser: Browser;
  let context: BrowserContext;
  let heraklion: string;

  before(async () => {
    sys = await startBookingSystem('waitlist_join', {}, 2);
    const em = sys.system.orm.em.fork();
    const her = await em.findOneOrFail(Store, { code: 'KEP-HER-0301' });
    heraklion = her.id;
    const today = todayIn(ATHENS, new Date());
    em.create(ScheduleException, { store: her, queue: null, startDate: today, endDate: addDays(today, 27), hours: null, reason: 'Ανακαίνιση', createdBy: 'fixture' });
    await em.flush();
    browser = await launchCookieless();
    context = await newCitizenContext(browser, sys.apiBase);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await sys?.close();
  });

  it('puts the signed-in citizen on the list for the dates they give, says their place, and takes them off', async () => {
    const journey = await Journey.start('waitlist-join');
    const { page, widget, cspViolations } = await openBookingPage(context, sys.site.url, sys.apiBase);
    page.setDefaultTimeout(10_000);
    await widget.getByLabel('Αναζήτηση ΚΕΠ').fill('Ηράκλειο');
    await widget.getByRole('radio', { name: /ΚΕΠ Δήμου Ηρακλείου/ }).check();
    await next(widget, /Για ποια υπόθεση έρχεστε;/);
    await widget.getByRole('radio').first().check();
    await next(widget, /Πώς θέλετε να εξυπηρετηθείτε;/);
    await next(widget, /Επιλέξτε ημέρα και ώρα/);

    const box = widget.locator('[part=waitlist]');
    await box.getByRole('heading', { name: 'Δεν βρήκατε ώρα; Ενημερωθείτε όταν ελευθερωθεί' }).waitFor();
    const today = todayIn(ATHENS, new Date());
    expect(await box.getByLabel('Από').inputValue()).to.equal(today);
    expect(await box.getByLabel('Έως').inputValue()).to.equal(addDays(today, 13));
    await journey.shot(page, 'no-time-waitlist-offered');
    await expectNoAxeViolations(page, 'the time step with the waitlist');

    // An empty email is refused in the browser, with the GOV.UK summary linking to the field.
    await box.getByRole('button', { name: 'Ενημερώστε με' }).click();
    await box.getByRole('alert').getByRole('link', { name: /Συμπληρώστε το email σας/ }).waitFor();
    await box.getByLabel('Email').fill('dimitris@citizen.example.gr');
    await signInInPopup(page, () => box.getByRole('button', { name: 'Ενημερώστε με' }).click());
    await box.filter({ hasText: 'Είστε στη λίστα αναμονής (θέση 1)' }).waitFor();
    // Said to a screen reader through the booking element's live region.
    await widget.getByRole('status').filter({ hasText: 'Είστε στη λίστα αναμονής (θέση 1)' }).waitFor();
    await journey.shot(page, 'on-the-list');
    const sql = (q: string, p: unknown[]) => sys.system.orm.em.fork().getConnection().execute(q, p);
    const [entry] = await sql(`select status, email, date_from::text as "from", date_to::text as "to" from waitlist_entry where store_id = ?`, [heraklion]);
    expect(entry).to.deep.equal({ status: 'waiting', email: 'dimitris@citizen.example.gr', from: today, to: addDays(today, 13) });

    await box.getByRole('button', { name: 'Αποχώρηση από τη λίστα' }).click();
    await widget.getByRole('status').filter({ hasText: 'Αποχωρήσατε από τη λίστα αναμονής.' }).waitFor();
    const [after] = await sql(`select status from waitlist_entry where store_id = ?`, [heraklion]);
    expect(after).to.deep.equal({ status: 'left' });
    await journey.shot(page, 'left-the-list');
    expect(await cspViolations()).to.deep.equal([]);
    await page.close();
  });
});

async function next(widget: Locator, heading: RegExp): Promise<void> {
  await widget.getByRole('button', { name: 'Συνέχεια', exact: true }).click();
  await widget.getByRole('heading', { level: 2, name: heading }).waitFor();
}
