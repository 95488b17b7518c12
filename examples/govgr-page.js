// The gov.gr example page's own script (a file, so the page needs no 'unsafe-inline').
// It shows what a host page may do with <kep-booking>: choose its language and follow its steps.

const params = new URLSearchParams(location.search);
const english = params.get('lang') === 'en';
// The "book again first in line" link of an apology for a missed appointment comes here with
// ?priority=<token>; the widget asks the plugin what it is good for.
const priority = params.get('priority');
// The confirmation email's "change or cancel" link comes here with ?manage=<token> (MANAGE_URL):
// the page shows <kep-manage-booking> instead of the booking.
const manage = params.get('manage');
let booking = document.querySelector('kep-booking');
if (manage && booking) {
  const managed = document.createElement('kep-manage-booking');
  managed.setAttribute('token', manage);
  managed.setAttribute('api-base', booking.getAttribute('api-base') ?? '');
  managed.setAttribute('lang', 'el');
  booking.replaceWith(managed);
  booking = managed;
  const heading = document.querySelector('h1');
  heading.textContent = 'Το ραντεβού σας σε ΚΕΠ';
  heading.dataset.en = 'Your KEP appointment';
  const lead = document.querySelector('.lead');
  lead.textContent = 'Δείτε το ραντεβού σας, αλλάξτε την ημέρα και την ώρα ή ακυρώστε το.';
  lead.dataset.en = 'See your appointment, change its day and time, or cancel it.';
  document.querySelector('[aria-current=page]').dataset.en = 'Your KEP appointment';
  document.querySelector('[aria-current=page]').textContent = 'Το ραντεβού σας';
}
if (priority && !manage) booking?.setAttribute('priority-token', priority);
const siteName = manage
  ? english ? 'Your KEP appointment — gov.gr' : 'Το ραντεβού σας σε ΚΕΠ — gov.gr'
  : english ? 'Book an appointment at a KEP — gov.gr' : 'Κλείστε ραντεβού σε ΚΕΠ — gov.gr';

if (english) {
  document.documentElement.lang = 'en';
  for (const el of document.querySelectorAll('[data-en]')) el.textContent = el.dataset.en;
  for (const el of document.querySelectorAll('[data-en-label]')) el.setAttribute('aria-label', el.dataset.enLabel);
  const toggle = document.getElementById('language-switch');
  toggle.textContent = 'Ελληνικά';
  toggle.lang = 'el';
  toggle.hreflang = 'el';
  toggle.href = '?lang=el';
  booking?.setAttribute('lang', 'en');
}
for (const [name, value] of [['priority', priority], ['manage', manage]]) {
  if (!value) continue;
  // Switching language keeps the priority or the booking being managed.
  const toggle = document.getElementById('language-switch');
  toggle.href = `${toggle.getAttribute('href')}&${name}=${encodeURIComponent(value)}`;
}
document.title = siteName;

// As GOV.UK advises for multi-step services, the page title names the step, so that a screen reader
// user who switches tabs, and the browser history, say where the citizen is. A step with errors
// says «Σφάλμα: » first.
booking?.addEventListener('kep-booking-step', (event) => {
  const { title, step, errors } = event.detail;
  document.title = step === 'store' && !errors ? siteName : `${title} — ${siteName}`;
});
booking?.addEventListener('kep-manage-booking-step', (event) => {
  document.title = `${event.detail.title} — ${siteName}`;
});
