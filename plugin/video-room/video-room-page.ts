import type { Response } from 'express';
import { escapeHtml } from '../domain/escape-html.js';
import { MANAGE_PAGE_CSS, sendPlainPage } from '../public/manage-page.js';
import type { VideoRoomViewT } from './video-room-view.js';

/**
 * The waiting-room page that the video link of the citizen's emails opens: server-rendered in Greek
 * or English, everything it says written here, so its one script only fetches, shows and hides (no
 * HTML is built in the browser, which the manage page's CSP with Trusted Types would refuse anyway).
 */

const WORDS = {
  el: {
    title: 'Βιντεοκλήση με το ΚΕΠ',
    header: 'ΚΕΠ — Ραντεβού',
    switchTo: 'English',
    kep: 'ΚΕΠ',
    when: 'Ημερομηνία και ώρα',
    wait: 'Περιμένω',
    waitHint: 'Ενημερώνει τον υπάλληλο ότι είστε εδώ και ανοίγει τη βιντεοκλήση σε νέα καρτέλα.',
    open: 'Άνοιγμα της βιντεοκλήσης',
    newTab: '(ανοίγει σε νέα καρτέλα)',
    rebookTitle: 'Δεν θέλετε να περιμένετε άλλο;',
    rebookText: 'Μπορείτε να κλείσετε νέο ραντεβού με προτεραιότητα: οι ώρες που θα δείτε περιλαμβάνουν και όσες δεν είναι ανοιχτές για όλους.',
    rebook: 'Νέο ραντεβού με προτεραιότητα',
    rebookReady: 'Ο σύνδεσμος για νέο ραντεβού με προτεραιότητα ισχύει έως',
    rebookLink: 'Κλείστε νέο ραντεβού με προτεραιότητα',
    rebookNoLink: 'Το ΚΕΠ σας θα σας ενημερώσει για τη νέα σας κράτηση· μπορείτε και να τηλεφωνήσετε.',
    failed: 'Δεν ήταν δυνατή η σύνδεση με το ΚΕΠ. Δοκιμάστε ξανά σε λίγο.',
    goneTitle: 'Ο σύνδεσμος δεν ισχύει',
    gone: [
      'Ο σύνδεσμος της βιντεοκλήσης δεν είναι σωστός ή δεν ισχύει πλέον.',
      'Ανοίξτε τον από το πιο πρόσφατο email που σας στείλαμε για το ραντεβού σας. Για οτιδήποτε άλλο, τηλεφωνήστε στο ΚΕΠ σας.',
    ],
  },
  en: {
    title: 'Video call with the KEP',
    header: 'KEP — Appointments',
    switchTo: 'Ελληνικά',
    kep: 'KEP',
    when: 'Date and time',
    wait: 'I am waiting',
    waitHint: 'Tells the employee you are here and opens the video call in a new tab.',
    open: 'Open the video call',
    newTab: '(opens in a new tab)',
    rebookTitle: 'Do not want to wait any longer?',
    rebookText: 'You can book a new appointment first in line: the times you will see include those not open to everyone.',
    rebook: 'Book again first in line',
    rebookReady: 'The link to book again first in line works until',
    rebookLink: 'Book a new appointment first in line',
    rebookNoLink: 'Your KEP will tell you about your new booking; you may also call them.',
    failed: 'Could not reach the KEP. Please try again in a moment.',
    goneTitle: 'This link does not work',
    gone: ['The video call link is not right or no longer works.', 'Open it from the latest email we sent you about your appointment. For anything else, call your KEP.'],
  },
} as const;

/** The page's CSS: the manage page's, larger text, the facts, the status box, a large button with the focus ring GOV.UK uses. */
export const VIDEO_ROOM_CSS = `${MANAGE_PAGE_CSS}body { font-size: 1.125rem; line-height: 1.5; }
button:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c; }
h2 { font-size: 1.375rem; margin: 2rem 0 0.5rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1.5rem; }
dt { font-weight: 700; }
dd { margin: 0; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.5rem; } }
.status { border-left: 5px solid #003476; padding: 0.5rem 1rem; margin: 0 0 1.5rem; background: #f3f2f1; }
.status[data-state="alerted"] { border-left-color: #b58800; }
.status[data-state="started"] { border-left-color: #00703c; }
button { font: inherit; font-weight: 700; color: #fff; background: #00703c; border: 0; border-bottom: 2px solid #002d18; padding: 0.6rem 1.25rem; cursor: pointer; }
button.secondary { color: #0b0c0c; background: #f3f2f1; border-bottom-color: #929191; }
button[disabled] { opacity: 0.6; cursor: default; }
.hint { color: #505a5f; margin: 0.5rem 0 1rem; }
.problem { color: #b60202; font-weight: 700; }
[hidden] { display: none !important; }
`;

/**
 * The page's one script: «Περιμένω» posts, then opens the call in a new tab (noopener: the meeting
 * provider gets no handle on this page). While anything can still change it listens to the room's
 * server-sent events (`EventSource`: same origin, the token already in the URL, so no header is
 * needed: its «Περιμένω», the alert, the call's start) and reads the room again on each; it also
 * reads it every 10 seconds, which covers a stream that a proxy cut or a browser without one.
 */
export const VIDEO_ROOM_SCRIPT = `(function () {
  var root = document.getElementById('room');
  if (!root) return;
  var api = root.getAttribute('data-api');
  var lang = document.documentElement.lang;
  var status = document.getElementById('room-status');
  var wait = document.getElementById('room-wait');
  var hint = document.getElementById('room-wait-hint');
  var join = document.getElementById('room-join');
  var problem = document.getElementById('room-problem');
  var rebook = document.getElementById('room-rebook');
  var rebookButton = document.getElementById('room-rebook-button');
  var rebookDone = document.getElementById('room-rebook-done');
  var rebookUntil = document.getElementById('room-rebook-until');
  var rebookLink = document.getElementById('room-rebook-link');
  var rebookNoLink = document.getElementById('room-rebook-nolink');
  var timer = null;
  var stream = null;
  var LIVE = { early: 1, open: 1, waiting: 1, alerted: 1 };
  function request(path, method) {
    return fetch(api + path + '?lang=' + lang, { method: method, headers: { accept: 'application/json' }, cache: 'no-store' }).then(function (res) {
      return res.json().then(function (body) { if (!res.ok) throw body; return body; });
    });
  }
  function show(view) {
    if (status.textContent !== view.message) status.textContent = view.message;
    status.setAttribute('data-state', view.state);
    root.setAttribute('data-state', view.state);
    var waited = !!view.waitingSince;
    wait.hidden = !view.mayWait || waited;
    hint.hidden = wait.hidden;
    if (view.meetingUrl) join.href = view.meetingUrl;
    join.hidden = !view.meetingUrl || !(waited || view.state === 'started');
    rebook.hidden = !view.rebookOffered && rebookDone.hidden;
    clearTimeout(timer);
    if (LIVE[view.state]) timer = setTimeout(poll, 10000);
    else if (stream) { stream.close(); stream = null; }
  }
  function listen() {
    if (stream || !window.EventSource) return;
    stream = new EventSource(api + '/events');
    stream.onmessage = function () { poll(); };
  }
  function fail(body) {
    problem.textContent = (body && body.detail) || problem.getAttribute('data-failed');
    problem.hidden = false;
  }
  function poll() {
    request('', 'GET').then(function (view) { problem.hidden = true; show(view); }, function () { timer = setTimeout(poll, 30000); });
  }
  wait.addEventListener('click', function () {
    wait.disabled = true;
    request('/waiting', 'POST').then(function (view) {
      problem.hidden = true;
      show(view);
      if (view.meetingUrl) window.open(view.meetingUrl, '_blank', 'noopener,noreferrer');
      join.focus();
    }, fail).then(function () { wait.disabled = false; });
  });
  rebookButton.addEventListener('click', function () {
    rebookButton.disabled = true;
    request('/rebook', 'POST').then(function (offer) {
      rebookButton.hidden = true;
      rebookDone.hidden = false;
      rebookUntil.textContent = new Date(offer.validUntil).toLocaleDateString(lang === 'en' ? 'en-GB' : 'el-GR', { timeZone: 'Europe/Athens' });
      if (offer.rebookUrl) { rebookLink.href = offer.rebookUrl; rebookLink.hidden = false; rebookLink.focus(); }
      else { rebookNoLink.hidden = false; }
    }, fail).then(function () { rebookButton.disabled = false; });
  });
  var initial = root.getAttribute('data-state');
  if (LIVE[initial]) { timer = setTimeout(poll, 10000); listen(); }
})();
`;

/** Sends the waiting room (the manage page's shell, CSP and headers) for `view`, or (view null) the polite 404 page. `apiBase`: the plugin's public URL. */
export function sendVideoRoomPage(res: Response, o: { token: string; view: VideoRoomViewT | null; apiBase: string; lang: 'el' | 'en' }): void {
  const w = WORDS[o.lang];
  const assets = `${o.apiBase}/api/v1/public`;
  const v = o.view;
  const e = escapeHtml;
  const title = v ? w.title : `${w.goneTitle} — ${w.title}`;
  let body: string;
  if (!v) {
    body = `<h1>${e(w.goneTitle)}</h1>${w.gone.map((p) => `<p>${e(p)}</p>`).join('')}`;
  } else {
    const waited = v.waitingSince !== null;
    const hidden = (yes: boolean) => (yes ? ' hidden' : '');
    body =
      `<div id="room" data-state="${v.state}" data-api="${e(`${assets}/video/${o.token}`)}">` +
      `<h1>${e(w.title)}</h1>` +
      `<dl><dt>${e(w.kep)}</dt><dd>${e(v.storeName)}</dd><dt>${e(w.when)}</dt><dd>${e(v.when)}</dd></dl>` +
      `<p id="room-status" class="status" role="status" data-state="${v.state}">${e(v.message)}</p>` +
      `<p id="room-problem" class="problem" role="alert" data-failed="${e(w.failed)}" hidden></p>` +
      `<button id="room-wait" type="button" aria-describedby="room-wait-hint"${hidden(!v.mayWait || waited)}>${e(w.wait)}</button>` +
      `<p id="room-wait-hint" class="hint"${hidden(!v.mayWait || waited)}>${e(w.waitHint)}</p>` +
      `<p><a id="room-join" href="${e(v.meetingUrl ?? '#')}" target="_blank" rel="noopener noreferrer"${hidden(!v.meetingUrl || !(waited || v.state === 'started'))}>${e(w.open)} <span>${e(w.newTab)}</span></a></p>` +
      `<section id="room-rebook" aria-labelledby="room-rebook-title"${hidden(!v.rebookOffered)}>` +
      `<h2 id="room-rebook-title">${e(w.rebookTitle)}</h2><p>${e(w.rebookText)}</p>` +
      `<button id="room-rebook-button" class="secondary" type="button">${e(w.rebook)}</button>` +
      `<div id="room-rebook-done" hidden><p>${e(w.rebookReady)} <strong id="room-rebook-until"></strong>.</p>` +
      `<p><a id="room-rebook-link" href="#" hidden>${e(w.rebookLink)}</a></p><p id="room-rebook-nolink" hidden>${e(w.rebookNoLink)}</p></div>` +
      `</section></div>`;
  }
  const script = v ? `<script src="${e(assets)}/video-room.js" defer></script>` : '';
  sendPlainPage(res, { status: v ? 200 : 404, lang: o.lang, title, stylesheet: `${assets}/video-room.css`, head: script, header: w.header, switchTo: w.switchTo, body });
}
