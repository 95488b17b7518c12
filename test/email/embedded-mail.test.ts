import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startHost } from '../../examples/server.js';
import { eventually } from '../support/smtp-sink.js';
import { signInAs } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';

describe('email in the embedded default: the same sender in-process, mail captured at /dev/mail', () => {
  let dataDir: string;
  let host: Awaited<ReturnType<typeof startHost>>;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rantevou-mail-'));
    const clock = new TestClock();
    clock.start(PINNED); // running on from it: the in-process sender waits in real time
    host = await startHost({ PORT: '0', DATA_DIR: dataDir }, { clock: clock.now });
  });
  after(async () => {
    await host?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('captures the confirmation and the cancellation with their calendar files, viewable in the browser', async () => {
    const staff = await signInAs(host.url, 'demo-operator-a');
    const res = await staff.post(`/api/v1/stores/${staff.me.stores[0]!.id}/appointments`, {
      firstName: 'Δήμητρα',
      lastName: 'Αλεξίου',
      startsAt: `${day(1)}T12:00`,
      email: 'dimitra@citizen.example.gr',
    });
    expect(res.status).to.equal(201);
    const { id } = await res.json();
    await eventually(() => host.mail!.messages.length === 1, 'the captured confirmation');
    expect((await staff.post(`/api/v1/appointments/${id}/cancel`, { reason: 'Λάθος ημέρα' })).status).to.equal(200);
    await eventually(() => host.mail!.messages.length === 2, 'the captured cancellation');

    const list = await (await fetch(`${host.url}/dev/mail`)).text();
    expect(list).to.include('Επιβεβαίωση ραντεβού').and.include('Ακύρωση ραντεβού').and.include('invite.ics').and.include('cancel.ics');
    // Newest first: the cancellation is message 0.
    const cancel = await fetch(`${host.url}/dev/mail/0/attachments/0`);
    expect(cancel.headers.get('content-type')).to.include('text/calendar');
    const cancelIcs = await cancel.text();
    const invite = await (await fetch(`${host.url}/dev/mail/1/attachments/0`)).text();
    expect(invite).to.include('METHOD:REQUEST').and.include(`DTSTART;TZID=Europe/Athens:${day(1).replaceAll('-', '')}T120000`);
    expect(cancelIcs).to.include('METHOD:CANCEL').and.include(`UID:${id}@rantevou.appointment`);
    expect(invite).to.include(`UID:${id}@rantevou.appointment`);

    const html = await fetch(`${host.url}/dev/mail/1/html`);
    expect(html.headers.get('content-security-policy')).to.include("default-src 'none'");
    const page = await html.text();
    expect(page).to.include('Δήμητρα Αλεξίου');
    // The reference's QR code, an inline part in the message, is shown from the page itself (the CSP fetches nothing).
    expect(page).to.match(/<img[^>]+src="data:image\/png;base64,[A-Za-z0-9+/=]{200,}"/).and.not.include('cid:');
    const raw = await (await fetch(`${host.url}/dev/mail/1?raw`)).text();
    expect(raw).to.match(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
  });
});
