// The gov.gr example page's own script (a file, so the page needs no 'unsafe-inline').
// It shows what a host page may do with <kep-booking>: choose its language and follow its steps.

const booking = document.querySelector('kep-booking');
const params = new URLSearchParams(location.search);
const english = params.get('lang') === 'en';
// The "book again first in line" link of an apology for a missed appointment comes here with
// ?priority=<token>; the widget asks the plugin what it is good for.
const priority = params.get('priority');
if (priority) booking?.setAttribute('priority-token', priority);
const siteName = english ? 'Book an appointment at a KEP — gov.gr' : 'Κλείστε ραντεβού σε ΚΕΠ — gov.gr';

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
if (priority) {
  // Switching language keeps the priority.
  const toggle = document.getElementById('language-switch');
  toggle.href = `${toggle.getAttribute('href')}&priority=${encodeURIComponent(priority)}`;
}
document.title = siteName;

// As GOV.UK advises for multi-step services, the page title names the step, so that a screen reader
// user who switches tabs, and the browser history, say where the citizen is.
booking?.addEventListener('kep-booking-step', (event) => {
  const { title, step } = event.detail;
  document.title = step === 'store' ? siteName : `${title} — ${siteName}`;
});
