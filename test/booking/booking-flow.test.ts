import { expect } from 'chai';
import { videoRoomUrl } from '../../plugin/domain/video-room.js';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { Store } from '../../plugin/db/store.entity.js';
import {
  focused,
  headingOf,
  launchCookieless,
  newCitizenContext,
  openBookingPage,
  signInInPopup,
  startBookingSystem,
  type BookingPage,
  type BookingSystem,
} from './booking-browser.js';

const ATHENS = /ΚΕΠ Δήμου Αθηναίων/;
const CERTIFICATE = 'Έκδοση πιστοποιητικού οικογενειακής κατάστασης';
const SIGNATURE = 'Βεβαίωση γνησίου υπογραφής';

describe('a citizen books through <kep-booking> on a gov.gr page of another site (real plugin, third-party cookies blocked)', () => {
  let sys: BookingSystem;
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    sys = await startBookingSystem('bookingflow');
    // A KEP whose name is markup: it must show as text.
    const em = sys.system.orm.em.fork();
    const heraklion = await em.findOneOrFail(Store, { code: 'KEP-HER-0301' });
    heraklion.name = '<img src=x onerror="window.__xss=1">ΚΕΠ Δήμου Ηρακλείου';
    await em.flush();
    browser = await launchCookieless();
  });
  // A context per test: its own cookie jar, so each sign-in shows the identity provider's picker.
  beforeEach(async () => {
    context = await newCitizenContext(browser, sys.apiBase);
  });
  afterEach(async () => context?.close());
  after(async () => {
    await browser?.close();
    await sys?.close();
  });

  /** KEP → procedure → mode, with the mouse; leaves the page at the day-and-time step. */
  async function toTimeStep(b: BookingPage, procedure: string, mode: RegExp): Promise<void> {
    const { widget } = b;
    await widget.getByLabel('Αναζήτηση ΚΕΠ').fill('Αθήνα');
    await widget.locator('.result-count', { hasText: 'Βρέθηκε 1 ΚΕΠ.' }).waitFor();
    await widget.getByRole('radio', { name: ATHENS }).check();
    await next(widget, 'Συνέχεια', /Για ποια υπόθεση έρχεστε;/);
    await widget.getByRole('radio', { name: procedure }).check();
    await next(widget, 'Συνέχεια', /Πώς θέλετε να εξυπηρετηθείτε;/);
    await widget.getByRole('radio', { name: mode }).check();
    await next(widget, 'Συνέχεια', /Επιλέξτε ημέρα και ώρα/);
  }

  it('books in person from KEP to confirmation: no cookie sent, CORS from the page origin, no CSP violation, Athens times', async () => {
    const b = await openBookingPage(context, sys.site.url, sys.apiBase);
    const { page, widget } = b;
    expect(await headingOf(widget)).to.equal('Βήμα 1 από 5 Επιλέξτε ΚΕΠ');
    await toTimeStep(b, CERTIFICATE, /Με φυσική παρουσία/);

    const first = widget.locator('input[name=time]').first();
    const startsAt = (await first.inputValue()) ?? '';
    const label = await widget.locator(`label[for="${await first.getAttribute('id')}"]`).innerText();
    expect(label).to.equal(athensTime(startsAt));
    await first.check();
    await signInInPopup(page, () => widget.getByRole('button', { name: 'Σύνδεση και συνέχεια' }).click());
    await widget.getByRole('heading', { name: /Τα στοιχεία σας/ }).waitFor();
    expect(await widget.locator('[part=countdown]').innerText()).to.include('Η ώρα κρατείται για εσάς για 5 λεπτά.');

    // The name is the identity provider's, shown as text; the email comes filled in from it.
    expect(await widget.locator('kep-booking-details').innerText()).to.include('Ονοματεπώνυμο').and.include('Δημήτρης Αλεξίου');
    expect(await widget.getByLabel('Όνομα', { exact: true }).count()).to.equal(0);
    expect(await widget.getByLabel('Email').inputValue()).to.equal('dimitris.alexiou@citizen.example.gr');
    await widget.getByLabel('Κινητό τηλέφωνο (προαιρετικό)').fill('6912345678');
    await next(widget, 'Επιβεβαίωση ραντεβού', /Το ραντεβού σας κλείστηκε/);

    const panel = await widget.locator('[part=confirmation]').innerText();
    expect(panel).to.include(label).and.include('ΚΕΠ Δήμου Αθηναίων');
    expect(await widget.locator('[part=base]').innerText()).to.include('Τι να έχετε μαζί σας').and.include('Αστυνομική ταυτότητα ή διαβατήριο');
    expect(await widget.getByRole('link', { name: 'Αλλαγή ή ακύρωση του ραντεβού' }).getAttribute('href')).to.match(/^http:\/\/localhost:\d+\//);
    expect(await page.title()).to.equal('Το ραντεβού σας κλείστηκε — Κλείστε ραντεβού σε ΚΕΠ — gov.gr');

    const [row] = await sys.system.orm.em
      .fork()
      .getConnection()
      .execute(`select first_name, last_name, mode, status, source, starts_at from appointment where last_name like 'Αλεξίου%'`);
    expect(row).to.include({ first_name: 'Δημήτρης', last_name: 'Αλεξίου', mode: 'in_person', status: 'booked', source: 'online' });
    expect(new Date(row.starts_at).toISOString()).to.equal(new Date(startsAt).toISOString());

    const events = await b.events();
    expect(events.filter((e) => e.type === 'kep-booking-step').map((e) => e.detail.step)).to.deep.equal(['store', 'procedure', 'mode', 'slot', 'details', 'done']);
    const confirmed = events.find((e) => e.type === 'kep-booking-confirmed');
    expect(confirmed?.detail).to.include({ storeName: 'ΚΕΠ Δήμου Αθηναίων (Λιοσίων)', mode: 'in_person', videoLink: null });

    expect(b.requests.length).to.be.above(4);
    for (const r of b.requests) {
      expect(r.headers, `${r.method} ${r.url}`).to.not.have.property('cookie');
      if (r.method !== 'OPTIONS') expect(r.headers.origin, r.url).to.equal(sys.site.url);
    }
    const writes = b.requests.filter((r) => r.method === 'POST');
    expect(writes.map((r) => new URL(r.url).pathname)).to.deep.equal(['/api/v1/public/holds', '/api/v1/public/bookings']);
    for (const w of writes) expect(w.headers.authorization).to.match(/^Bearer \S{20,}$/);
    expect(writes[1]!.headers['idempotency-key']).to.match(/^[0-9a-f-]{36}$/);
    expect(await b.cspViolations()).to.deep.equal([]);
    await page.close();
  });

  it('says a procedure cannot be served by video, with its alternative, before any time is chosen; then books by video for one that can', async () => {
    const b = await openBookingPage(context, sys.site.url, sys.apiBase);
    const { page, widget } = b;
    await widget.getByLabel('Αναζήτηση ΚΕΠ').fill('Αθήνα');
    await widget.getByRole('radio', { name: ATHENS }).check();
    await next(widget, 'Συνέχεια', /Για ποια υπόθεση/);
    const signature = widget.getByRole('radio', { name: SIGNATURE });
    expect(await descriptionOf(signature)).to.equal('Μόνο με φυσική παρουσία');
    await signature.check();
    await next(widget, 'Συνέχεια', /Πώς θέλετε να εξυπηρετηθείτε/);
    const notice = await widget.locator('[part=notice]').innerText();
    expect(notice).to.include(`Η υπόθεση «${SIGNATURE}» δεν μπορεί να εξυπηρετηθεί με βιντεοκλήση.`);
    expect(notice).to.include('Η υπογραφή βεβαιώνεται μόνο μπροστά στον υπάλληλο');
    expect(await widget.getByRole('radio', { name: /βιντεοκλήση/ }).count()).to.equal(0);
    expect(b.requests.filter((r) => r.method === 'POST')).to.have.length(0);

    await next(widget, 'Πίσω', /Για ποια υπόθεση/);
    await widget.getByRole('radio', { name: CERTIFICATE }).check();
    await next(widget, 'Συνέχεια', /Πώς θέλετε να εξυπηρετηθείτε/);
    await widget.getByRole('radio', { name: /Με βιντεοκλήση/ }).check();
    await next(widget, 'Συνέχεια', /Επιλέξτε ημέρα και ώρα/);
    await widget.locator('input[name=time]').first().check();
    await signInInPopup(page, () => widget.getByRole('button', { name: 'Σύνδεση και συνέχεια' }).click(), 'Κατερίνα Βλάχου');
    await widget.getByRole('heading', { name: /Τα στοιχεία σας/ }).waitFor();
    await next(widget, 'Επιβεβαίωση ραντεβού', /Το ραντεβού σας κλείστηκε/);
    const text = await widget.locator('[part=base]').innerText();
    expect(text).to.include('Με βιντεοκλήση (myKEPLive)').and.include('Σύνδεσμος βιντεοκλήσης');
    const [row] = await sys.system.orm.em.fork().getConnection().execute(`select mode, video_link from appointment where last_name = 'Βλάχου'`);
    expect(row.mode).to.equal('video');
    // The confirmation links to the plugin's waiting room for the call, as the email does.
    const room = videoRoomUrl(sys.apiBase, row.video_link);
    expect(await widget.getByRole('link', { name: room }).getAttribute('href')).to.equal(room);
    await page.close();
  });

  it('offers the nearest free times when someone else takes the chosen time first (409)', async () => {
    const b = await openBookingPage(context, sys.site.url, sys.apiBase);
    const { page, widget } = b;
    await toTimeStep(b, CERTIFICATE, /Με φυσική παρουσία/);
    const first = widget.locator('input[name=time]').first();
    const wanted = await first.inputValue();
    await first.check();

    const procedures = (await (await fetch(`${sys.apiBase}/api/v1/public/stores/${sys.system.stores.athens}/procedures`)).json()) as { id: string; name: string }[];
    const rival = await sys.system.citizen('citizen-rival', 'Άλλος Πολίτης');
    const held = await rival.post('/api/v1/public/holds', { storeId: sys.system.stores.athens, startsAt: wanted, mode: 'in_person', procedureId: procedures.find((p) => p.name === CERTIFICATE)!.id });
    expect(held.status).to.equal(201);

    await signInInPopup(page, () => widget.getByRole('button', { name: 'Σύνδεση και συνέχεια' }).click());
    const summary = widget.locator('[part=error-summary]');
    await summary.waitFor();
    expect(await summary.innerText()).to.include('Η ώρα που επιλέξατε μόλις κλείστηκε από άλλον.');
    expect(await summary.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), 'focus on the summary').to.equal(true);
    const offers = widget.locator('.inset button');
    expect(await offers.count()).to.be.within(1, 3);
    await offers.first().click();
    const chosen = widget.locator('input[name=time]:checked');
    await chosen.waitFor();
    expect(await chosen.inputValue()).to.not.equal(wanted);
    await next(widget, 'Συνέχεια', /Τα στοιχεία σας/);
    await page.close();
  });

  it('books once when the answer to the confirmation is lost and the citizen presses again (one Idempotency-Key)', async () => {
    const b = await openBookingPage(context, sys.site.url, sys.apiBase);
    const { page, widget } = b;
    await toTimeStep(b, CERTIFICATE, /Με φυσική παρουσία/);
    await widget.locator('input[name=time]').nth(1).check();
    await signInInPopup(page, () => widget.getByRole('button', { name: 'Σύνδεση και συνέχεια' }).click(), 'Νίκος Σταθόπουλος');
    await widget.getByRole('heading', { name: /Τα στοιχεία σας/ }).waitFor();

    // The email emptied: the GOV.UK error summary, focused, links to the field.
    await widget.getByLabel('Email').fill('');
    await widget.getByRole('button', { name: 'Επιβεβαίωση ραντεβού' }).click();
    const summary = widget.locator('[part=error-summary]');
    await summary.waitFor();
    expect(await summary.getByRole('link').allInnerTexts()).to.deep.equal(['Συμπληρώστε το email σας']);
    expect(await page.title()).to.equal('Σφάλμα: Τα στοιχεία σας — Κλείστε ραντεβού σε ΚΕΠ — gov.gr');
    await summary.getByRole('link', { name: 'Συμπληρώστε το email σας' }).click();
    expect((await focused(page)).id).to.equal('email');

    await widget.getByLabel('Email').fill('nikos.stathopoulos@business.example.gr');
    await widget.getByLabel(/ως νόμιμος εκπρόσωπος/).check();
    await widget.getByLabel('Επωνυμία επιχείρησης').fill('Σταθόπουλος Ο.Ε.');
    await widget.getByLabel('ΑΦΜ επιχείρησης').fill('094014298');

    // The server books, but the answer never reaches the page.
    let dropped = 0;
    await page.route(`${sys.apiBase}/api/v1/public/bookings`, async (route) => {
      if (route.request().method() !== 'POST' || dropped++ > 0) return route.fallback();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await widget.getByRole('button', { name: 'Επιβεβαίωση ραντεβού' }).click();
    await summary.getByText('Δεν ήταν δυνατή η επικοινωνία με την υπηρεσία.').waitFor();
    await widget.getByRole('button', { name: 'Επιβεβαίωση ραντεβού' }).dblclick();
    await widget.getByRole('heading', { name: /Το ραντεβού σας κλείστηκε/ }).waitFor();

    const rows = await sys.system.orm.em.fork().getConnection().execute(`select business_name from appointment where last_name = 'Σταθόπουλος' and status = 'booked'`);
    expect(rows).to.have.length(1);
    const keys = b.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/bookings')).map((r) => r.headers['idempotency-key']);
    expect(keys.length).to.be.within(2, 3);
    expect(new Set(keys).size).to.equal(1);
    await page.close();
  });

  it('shows names from the server as text, never as markup', async () => {
    const b = await openBookingPage(context, sys.site.url, sys.apiBase);
    await b.widget.getByLabel('Αναζήτηση ΚΕΠ').fill('Ηράκλειο');
    const radio = b.widget.getByRole('radio', { name: /ΚΕΠ Δήμου Ηρακλείου/ });
    await radio.waitFor();
    expect(await b.widget.locator('label', { hasText: 'Ηρακλείου' }).innerText()).to.equal('<img src=x onerror="window.__xss=1">ΚΕΠ Δήμου Ηρακλείου');
    expect(await b.widget.locator('img').count()).to.equal(0);
    expect(await b.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).to.equal(undefined);
    await b.page.close();
  });
});

/** Presses a button of the step and waits for the next step's heading. */
async function next(widget: Locator, button: string, heading: RegExp): Promise<void> {
  await widget.getByRole('button', { name: button, exact: true }).click();
  await widget.getByRole('heading', { level: 2, name: heading }).waitFor();
}

/** The accessible description of a control (its aria-describedby text). */
function descriptionOf(control: Locator): Promise<string> {
  return control.evaluate((el) => {
    const root = el.getRootNode() as ShadowRoot;
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return ids.map((id) => root.getElementById(id)?.textContent?.trim() ?? '').join(' ');
  });
}

/** "09:30" in Athens. */
function athensTime(instant: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Athens', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}
