import { expect } from 'chai';
import { greekHolidayDates, greekPublicHolidays, greekPublicHolidaysBetween, orthodoxEaster } from '../../plugin/domain/greek-holidays.js';

describe('Greek public holidays', () => {
  describe('Orthodox Easter (Meeus, Julian calendar + 13 days)', () => {
    // Published dates of Orthodox Easter Sunday.
    const known: [number, string][] = [
      [1900, '1900-04-22'],
      [2000, '2000-04-30'],
      [2016, '2016-05-01'],
      [2018, '2018-04-08'],
      [2021, '2021-05-02'],
      [2023, '2023-04-16'],
      [2024, '2024-05-05'],
      [2025, '2025-04-20'],
      [2026, '2026-04-12'],
      [2027, '2027-05-02'],
      [2028, '2028-04-16'],
      [2029, '2029-04-08'],
      [2030, '2030-04-28'],
    ];
    for (const [year, date] of known) {
      it(`falls on ${date} in ${year}`, () => expect(orthodoxEaster(year)).to.equal(date));
    }

    it('is always a Sunday between 4 April and 8 May (1900–2099)', () => {
      for (let y = 1900; y <= 2099; y++) {
        const easter = orthodoxEaster(y);
        expect(new Date(`${easter}T00:00:00Z`).getUTCDay(), easter).to.equal(0);
        expect(easter.slice(5) >= '04-04' && easter.slice(5) <= '05-08', easter).to.equal(true);
      }
    });

    it('refuses years it was not checked for', () => {
      expect(() => orthodoxEaster(1899)).to.throw(RangeError);
      expect(() => orthodoxEaster(2026.5)).to.throw(RangeError);
    });
  });

  describe('the moving holidays follow Easter, so they differ from year to year', () => {
    const moving = (year: number) => Object.fromEntries(greekPublicHolidays(year).filter((h) => h.moving).map((h) => [h.nameEn, h.date]));

    it('2026 (Easter 12 April)', () => {
      expect(moving(2026)).to.deep.equal({
        'Clean Monday': '2026-02-23',
        'Good Friday': '2026-04-10',
        'Holy Saturday': '2026-04-11',
        'Easter Sunday': '2026-04-12',
        'Easter Monday': '2026-04-13',
        'Whit Monday': '2026-06-01',
      });
    });

    it('2027 (Easter 2 May, so Holy Saturday is also 1 May)', () => {
      expect(moving(2027)).to.deep.equal({
        'Clean Monday': '2027-03-15',
        'Good Friday': '2027-04-30',
        'Holy Saturday': '2027-05-01',
        'Easter Sunday': '2027-05-02',
        'Easter Monday': '2027-05-03',
        'Whit Monday': '2027-06-21',
      });
      expect(greekPublicHolidays(2027).filter((h) => h.date === '2027-05-01').map((h) => h.nameEn)).to.have.members(['Labour Day', 'Holy Saturday']);
    });
  });

  it('lists the fixed holidays of every year, in Greek and English, by date', () => {
    const list = greekPublicHolidays(2026);
    const fixed = list.filter((h) => !h.moving).map((h) => h.date);
    expect(fixed).to.deep.equal(['2026-01-01', '2026-01-06', '2026-03-25', '2026-05-01', '2026-08-15', '2026-10-28', '2026-12-25', '2026-12-26']);
    expect(list.map((h) => h.date)).to.deep.equal([...list.map((h) => h.date)].sort());
    expect(list.find((h) => h.date === '2026-10-28')!.nameEl).to.equal('Επέτειος του «Όχι»');
  });

  it('finds the holidays between two dates across a new year', () => {
    expect(greekPublicHolidaysBetween('2026-12-20', '2027-01-10').map((h) => h.date)).to.deep.equal(['2026-12-25', '2026-12-26', '2027-01-01', '2027-01-06']);
    expect([...greekHolidayDates('2026-04-06', '2026-04-19')]).to.deep.equal(['2026-04-10', '2026-04-11', '2026-04-12', '2026-04-13']);
  });
});
