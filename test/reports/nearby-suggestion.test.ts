import { expect } from 'chai';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { Queue } from '../../plugin/db/queue.entity.js';
import { ScheduleException } from '../../plugin/db/schedule-exception.entity.js';
import { Store } from '../../plugin/db/store.entity.js';
import { addDays } from '../../plugin/domain/local-day.js';
import { ATHENS, todayIn } from '../../plugin/domain/local-time.js';
import { WEEKDAY_HOURS } from '../../plugin/domain/weekly-hours.js';
import { headingOf, launchCookieless, newCitizenContext, openBookingPage, startBookingSystem, type BookingSystem } from '../booking/booking-browser.js';
import { Journey, expectNoAxeViolations } from '../support/journey.js';

const CERTIFICATE = 'Έκδοση πιστοποιητικού οικογενειακής κατάστασης';

/**
 * The booking widget when the chosen KEP has no free time within the unmet-demand days (14): it
 * names the nearest KEPs that have one, with their first free time, and one press takes the citizen
 * to that KEP's times with the same procedure and mode. Heraklion is closed for the next 14 days; a
 * second Cretan KEP, Hersonissos (about 14 km east), is open, and so is Athens (about 320 km).
 * The plugin runs on the real clock here, as the browser does.
 */
describe('<kep-booking> suggests nearby KEPs with an earlier time (unmet demand)', () => {
  let sys: BookingSystem;
  let browser: Browser;
  let context: BrowserContext;
  let heraklion: string;

  before(async () => {
    sys = await startBookingSystem('nearby_suggestion');
    const em = sys.system.orm.em.fork();
    const her = await em.findOneOrFail(Store, { code: 'KEP-HER-0301' });
    heraklion = her.id;
    const today = todayIn(ATHENS, new Date());
    em.create(ScheduleException, { store: her, queue: null, startDate: today, endDate: addDays(today, 13), hours: null, reason: 'Ανακαίνιση', createdBy: 'fixture' });
    const hersonissos = em.create(Store, {
      code: 'KEP-HER-0302', name: 'ΚΕΠ Δήμου Χερσονήσου', municipality: 'Χερσονήσου', address: 'Γούβες, 700 14', timeZone: 'Europe/Athens',
      latitude: 35.3307, longitude: 25.2891, prefecture: 'Ηρακλείου',
    });
    em.create(Queue, { store: hersonissos, name: 'Κύρια ουρά', isDefault: true, mode: 'in_person', slotMinutes: 15, weeklyHours: WEEKDAY_HOURS, active: true, public: true });
    await em.flush();
    await em.getConnection().execute('insert into store_procedure (store_id, procedure_id, created_at) select ?, procedure_id, now() from store_procedure where store_id = ?', [hersonissos.id, her.id]);
    browser = await launchCookieless();
    context = await newCitizenContext(browser, sys.apiBase);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await sys?.close();
  });

  it('names the nearest KEPs with their first free time, and takes the citizen to one with the same procedure and mode', async () => {
    const journey = await Journey.start('nearby-suggestion');
    const b = await openBookingPage(context, sys.site.url, sys.apiBase);
    const { page, widget } = b;
    page.setDefaultTimeout(10_000);
    await widget.getByLabel('Αναζήτηση ΚΕΠ').fill('Ηράκλειο');
    await widget.getByRole('radio', { name: /ΚΕΠ Δήμου Ηρακλείου/ }).check();
    await next(widget, 'Συνέχεια', /Για ποια υπόθεση έρχεστε;/);
    await widget.getByRole('radio', { name: CERTIFICATE }).check();
    await next(widget, 'Συνέχεια', /Πώς θέλετε να εξυπηρετηθείτε;/);
    // Heraklion has no video queue: the step only says the citizen comes in person.
    await next(widget, 'Συνέχεια', /Επιλέξτε ημέρα και ώρα/);

    const box = widget.locator('[part=nearby]');
    await box.waitFor();
    expect(await box.locator('.strong').innerText()).to.equal('Το ΚΕΠ Δήμου Ηρακλείου δεν έχει ελεύθερη ώρα τις επόμενες 14 ημέρες. Κοντινά ΚΕΠ έχουν νωρίτερα:');
    const choices = box.getByRole('list', { name: /Κοντινά ΚΕΠ έχουν νωρίτερα/ }).getByRole('button');
    const texts = await choices.allInnerTexts();
    expect(texts).to.have.length(3);
    expect(texts[0]).to.match(/^ΚΕΠ Δήμου Χερσονήσου: .+ στις \d\d:\d\d \(14(,\d)? χλμ\.\)$/);
    expect(texts[1]).to.match(/^ΚΕΠ Δήμου Αθηναίων \(Λιοσίων\): .+ \(3\d\d(,\d)? χλμ\.\)$/);
    expect(texts[2]).to.match(/^ΚΕΠ Δήμου Θεσσαλονίκης/);
    await journey.shot(page, 'heraklion-full-nearby-suggested');
    await expectNoAxeViolations(page, 'the time step with nearby KEPs');

    // The availability search named the procedure and the flow, and was counted once.
    const searches = b.requests.filter((r) => r.url.includes(`/stores/${heraklion}/availability`));
    expect(searches.length).to.be.at.least(1);
    for (const s of searches) expect(new URL(s.url).searchParams.get('searchId')).to.match(/^[0-9a-f-]{36}$/);
    const [row] = await sys.system.orm.em.fork().getConnection().execute('select searches, holds, mode from unmet_demand where store_id = ?', [heraklion]);
    expect(row).to.deep.equal({ searches: 1, holds: 0, mode: 'in_person' });

    await choices.first().click();
    await widget.getByRole('heading', { level: 2, name: /Επιλέξτε ημέρα και ώρα/ }).waitFor();
    const checked = widget.locator('input[name=time]:checked');
    await checked.waitFor();
    const time = await widget.locator(`label[for="${await checked.getAttribute('id')}"]`).innerText();
    expect(texts[0]).to.include(`στις ${time}`);
    expect(await box.count(), 'no more suggestions at a KEP with times').to.equal(0);
    await widget.getByRole('status').filter({ hasText: 'Επιλέξατε το ΚΕΠ Δήμου Χερσονήσου. Διαλέξτε ώρα.' }).waitFor();
    expect(await headingOf(widget)).to.equal('Βήμα 4 από 5 Επιλέξτε ημέρα και ώρα');
    await journey.shot(page, 'hersonissos-first-time-chosen');
    // Back to the procedure step: the procedure is still the one chosen, at the new KEP.
    await widget.getByRole('button', { name: 'Πίσω' }).click();
    await widget.getByRole('button', { name: 'Πίσω' }).click();
    expect(await widget.getByRole('radio', { name: CERTIFICATE }).isChecked()).to.equal(true);
    expect(await b.cspViolations()).to.deep.equal([]);
    await page.close();
  });
});

async function next(widget: Locator, button: string, heading: RegExp): Promise<void> {
  await widget.getByRole('button', { name: button, exact: true }).click();
  await widget.getByRole('heading', { level: 2, name: heading }).waitFor();
}
