import { expect } from 'chai';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, dmy, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

describe('finding appointments: name search, filters, pages, the printed day', () => {
  let system: TestSystem;
  let staff: StaffClient;
  let storeId: string;
  const list = async (query: string) => {
    const res = await staff.get(`/api/v1/stores/${storeId}/appointments?${query}`);
    expect(res.status, await res.clone().text()).to.equal(200);
    return res.json();
  };
  const names = (body: { items: { lastName: string }[] }) => body.items.map((a) => a.lastName);

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startTestSystem('search', { clock: clock.now, redisDb: 12 });
    staff = await signInAs(system.url, 'demo-operator-a');
    storeId = staff.me.stores[0]!.id;
    const people = [
      ['Νίκος', 'Παπαδόπουλος', `${day(1)}T09:00`, 'phone'],
      ['Μαρία', 'Παπαδοπούλου', `${day(1)}T09:15`, 'email'],
      ['Γιώργος', 'Οικονόμου', `${day(1)}T09:30`, 'walk_in'],
      ['Αγγελική', 'Μπακογιάννη', `${day(2)}T10:00`, 'phone'],
      ['Χρήστος', 'Ζαχαρίου', `${day(3)}T10:00`, 'phone'],
      ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil")', `${day(1)}T10:00`, 'phone'],
    ];
    for (const [firstName, lastName, startsAt, source] of people) {
      const res = await staff.post(`/api/v1/stores/${storeId}/appointments`, { firstName, lastName, startsAt, source, phone: '2101234567' });
      expect(res.status).to.equal(201);
    }
  });
  after(async () => system?.close());

  describe('searching by name across dates', () => {
    const cases: [string, string[]][] = [
      ['papadopoulos', ['Παπαδόπουλος']],
      ['ΠΑΠΑΔΟΠΟΥΛΟΣ', ['Παπαδόπουλος']],
      ['παπαδοπουλος', ['Παπαδόπουλος']],
      ['papad', ['Παπαδόπουλος', 'Παπαδοπούλου']],
      ['bakogianni', ['Μπακογιάννη']],
      ['aggeliki', ['Μπακογιάννη']],
      ['xristos zachariou', ['Ζαχαρίου']],
      ['Οικονομου Γιωργος', ['Οικονόμου']],
      // First name, a space, the start of the last name, as staff type it (issue 12, item 5), either order.
      ['Μαρία Παπαδ', ['Παπαδοπούλου']],
      ['maria papad', ['Παπαδοπούλου']],
      ['papad maria', ['Παπαδοπούλου']],
      ['  Νίκος   Παπ ', ['Παπαδόπουλος']],
      ['nobody', []],
    ];
    for (const [q, expected] of cases) {
      it(`«${q}» finds ${expected.length ? expected.join(', ') : 'nobody'}`, async () => {
        expect(names(await list(`q=${encodeURIComponent(q)}`))).to.have.members(expected);
      });
    }
  });

  it('filters by date range, status and source, sorts, pages and counts', async () => {
    const oneDay = await list(`date=${day(1)}&sort=lastName`);
    expect(oneDay.total).to.equal(4);
    expect(oneDay.counts).to.deep.equal({ booked: 4 });
    const range = await list(`from=${day(1)}&to=${day(3)}&source=phone&sort=-startsAt&pageSize=2&page=1`);
    expect(range.total).to.equal(4);
    expect(names(range)).to.deep.equal(['Ζαχαρίου', 'Μπακογιάννη']);
    const page2 = await list(`from=${day(1)}&to=${day(3)}&source=phone&sort=-startsAt&pageSize=2&page=2`);
    expect(names(page2)).to.deep.equal(['=HYPERLINK("http://evil")', 'Παπαδόπουλος']);
    const cancelledOnly = await list(`date=${day(1)}&status=cancelled`);
    expect(cancelledOnly.total).to.equal(0);
    expect(cancelledOnly.counts).to.deep.equal({ booked: 4 });
    const twoStatuses = await list(`date=${day(1)}&status=booked,cancelled,booked&pageSize=1`);
    expect([twoStatuses.total, twoStatuses.items.length], 'the total counts every page, each status once').to.deep.equal([4, 1]);
  });

  it('answers 400 for a bad filter and a range longer than a quarter', async () => {
    for (const q of ['status=lost', 'date=2027-02-30', `from=${day(3)}&to=${day(1)}`, 'from=2027-01-01&to=2027-12-31', 'pageSize=100000']) {
      const res = await staff.get(`/api/v1/stores/${storeId}/appointments?${q}`);
      expect(res.status, q).to.equal(400);
      expect(res.headers.get('content-type')).to.match(/problem\+json/);
    }
  });

  it('prints the day as an A4 page with the KEP, the date, the names as text and a tick column', async () => {
    const res = await staff.get(`/api/v1/stores/${storeId}/day-sheet?date=${day(1)}`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    const html = await res.text();
    expect(html).to.include('ΚΕΠ Δήμου Αθηναίων').and.include(dmy(day(1))).and.include('Παπαδόπουλος Νίκος').and.include('@media print');
    expect(html).to.include('Προσήλθε');
    expect(html).not.to.include('<img src=x');
    expect(html).to.include('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('exports the same day as CSV for spreadsheets, with formulas neutralised', async () => {
    const res = await staff.get(`/api/v1/stores/${storeId}/day-sheet?date=${day(1)}&format=csv`);
    expect(res.headers.get('content-type')).to.match(/^text\/csv/);
    const csv = await res.text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).to.equal('Ημερομηνία;Ώρα;Κωδικός;Επώνυμο;Όνομα;Τηλέφωνο;Email;Διαδικασία;Σημειώσεις;Ουρά;Κατάσταση');
    expect(lines).to.have.length(5);
    expect(lines[1]).to.match(new RegExp(`^${dmy(day(1))};09:00;[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3};Παπαδόπουλος;Νίκος;\\+302101234567;`));
    expect(csv).to.include(`"'=HYPERLINK(""http://evil"")"`);
  });
});
