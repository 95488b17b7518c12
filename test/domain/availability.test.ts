import { expect } from 'chai';
import { freeSlots, isBookable, type AvailabilityInput, type QueueSchedule, type ScheduleException } from '../../plugin/domain/availability.js';
import { greekHolidayDates } from '../../plugin/domain/greek-holidays.js';
import { WEEKDAY_HOURS, type WeeklyHours } from '../../plugin/domain/weekly-hours.js';

const LONG_AGO = new Date('2020-01-01T00:00:00Z');

function queue(over: Partial<QueueSchedule> = {}): QueueSchedule {
  return { id: 'q1', weeklyHours: WEEKDAY_HOURS, slotMinutes: 15, active: true, ...over };
}

/** The free slots of one day, as "HH:mm" labels. */
function labels(q: QueueSchedule, date: string, over: Partial<AvailabilityInput> = {}): string[] {
  const [day] = freeSlots({ queues: [q], exceptions: [], holidays: greekHolidayDates(date, date), taken: [], now: LONG_AGO, from: date, to: date, ...over });
  return day!.slots.map((s) => s.label);
}

function startsOf(q: QueueSchedule, date: string, over: Partial<AvailabilityInput> = {}): string[] {
  const [day] = freeSlots({ queues: [q], exceptions: [], holidays: [], taken: [], now: LONG_AGO, from: date, to: date, ...over });
  return day!.slots.map((s) => s.start);
}

const SUNDAY_NIGHT: WeeklyHours = { '7': [['00:00', '06:00']] };

describe('the availability engine', () => {
  describe('an ordinary weekday', () => {
    it('cuts 08:00–15:00 into 28 slots of 15 minutes, with instants in Athens winter time', () => {
      const [day] = freeSlots({ queues: [queue()], exceptions: [], holidays: [], taken: [], now: LONG_AGO, from: '2026-12-01', to: '2026-12-01' });
      expect(day!.slots).to.have.length(28);
      expect(day!.slots[0]).to.deep.equal({ queueId: 'q1', start: '2026-12-01T06:00:00.000Z', end: '2026-12-01T06:15:00.000Z', label: '08:00' });
      expect(day!.slots.at(-1)!.label).to.equal('14:45');
      expect(day!.slots.at(-1)!.end).to.equal('2026-12-01T13:00:00.000Z');
    });

    it('uses summer time in summer', () => {
      expect(startsOf(queue(), '2026-07-01')[0]).to.equal('2026-07-01T05:00:00.000Z');
    });

    it('offers two intervals of one day, and a last slot only when it ends by the closing time', () => {
      const q = queue({ weeklyHours: { '2': [['08:00', '14:00'], ['17:00', '19:10']] }, slotMinutes: 30 });
      const got = labels(q, '2026-12-01');
      expect(got).to.have.length(12 + 4);
      expect(got.slice(10)).to.deep.equal(['13:00', '13:30', '17:00', '17:30', '18:00', '18:30']);
    });

    it('offers nothing on a day without hours, nor in an inactive queue', () => {
      expect(labels(queue(), '2026-12-05')).to.deep.equal([]); // Saturday
      expect(labels(queue({ active: false }), '2026-12-01')).to.deep.equal([]);
    });

    it('keeps a queue open until midnight with "24:00"', () => {
      expect(labels(queue({ weeklyHours: { '2': [['22:00', '24:00']] }, slotMinutes: 60 }), '2026-12-01')).to.deep.equal(['22:00', '23:00']);
    });
  });

  describe('the days the clocks change (29 March and 25 October 2026 are Sundays)', () => {
    it('29 March has no 03:00–03:59: 00:00–06:00 gives 5 hourly slots, 02:00 then 04:00', () => {
      const q = queue({ weeklyHours: SUNDAY_NIGHT, slotMinutes: 60 });
      expect(labels(q, '2026-03-29')).to.deep.equal(['00:00', '01:00', '02:00', '04:00', '05:00']);
      expect(startsOf(q, '2026-03-29')).to.deep.equal([
        '2026-03-28T22:00:00.000Z',
        '2026-03-28T23:00:00.000Z',
        '2026-03-29T00:00:00.000Z',
        '2026-03-29T01:00:00.000Z',
        '2026-03-29T02:00:00.000Z',
      ]);
    });

    it('29 March with 15-minute slots: 20 slots and none labelled 03:xx', () => {
      const got = labels(queue({ weeklyHours: SUNDAY_NIGHT }), '2026-03-29');
      expect(got).to.have.length(20);
      expect(got.filter((l) => l.startsWith('03:'))).to.deep.equal([]);
      expect(got.slice(10, 14)).to.deep.equal(['02:30', '02:45', '04:00', '04:15']);
    });

    it('hours that lie wholly in the missing hour offer nothing', () => {
      expect(labels(queue({ weeklyHours: { '7': [['03:00', '04:00']] } }), '2026-03-29')).to.deep.equal([]);
    });

    it('hours ending inside the missing hour never overlap the next interval (found by the property test)', () => {
      // 03:10 does not exist on 29 March; read forward it is 04:10, past the start of the 04:00 interval.
      const starts = startsOf(queue({ weeklyHours: { '7': [['00:00', '03:10'], ['04:00', '04:10']] }, slotMinutes: 10 }), '2026-03-29');
      expect(new Set(starts).size).to.equal(starts.length);
      for (let i = 1; i < starts.length; i++) expect(Date.parse(starts[i]!) - Date.parse(starts[i - 1]!)).to.be.at.least(10 * 60_000);
    });

    it('25 October has 03:00–03:59 twice: each real instant is offered once, so 7 hourly slots', () => {
      const q = queue({ weeklyHours: SUNDAY_NIGHT, slotMinutes: 60 });
      expect(labels(q, '2026-10-25')).to.deep.equal(['00:00', '01:00', '02:00', '03:00', '03:00', '04:00', '05:00']);
      const starts = startsOf(q, '2026-10-25');
      expect(starts[3]).to.equal('2026-10-25T00:00:00.000Z'); // 03:00 summer time (UTC+3)
      expect(starts[4]).to.equal('2026-10-25T01:00:00.000Z'); // 03:00 again, winter time (UTC+2)
      expect(new Set(starts).size).to.equal(7);
    });

    it('25 October with 15-minute slots: 28 slots, eight of them labelled 03:xx', () => {
      const got = labels(queue({ weeklyHours: SUNDAY_NIGHT }), '2026-10-25');
      expect(got).to.have.length(28);
      expect(got.filter((l) => l.startsWith('03:'))).to.deep.equal(['03:00', '03:15', '03:30', '03:45', '03:00', '03:15', '03:30', '03:45']);
    });

    it('the ordinary hours of a change day are untouched', () => {
      const q = queue({ weeklyHours: { '7': [['08:00', '15:00']] } });
      expect(labels(q, '2026-03-29')).to.have.length(28);
      expect(startsOf(q, '2026-03-29')[0]).to.equal('2026-03-29T05:00:00.000Z');
      expect(startsOf(q, '2026-10-25')[0]).to.equal('2026-10-25T06:00:00.000Z');
    });
  });

  describe('holidays', () => {
    it('closes a holiday that falls on a weekday (Wednesday 28 October 2026)', () => {
      expect(labels(queue(), '2026-10-28')).to.deep.equal([]);
      expect(labels(queue(), '2026-10-27')).to.have.length(28);
    });

    it('closes the moving holidays of each year on their own dates', () => {
      // Easter Monday 2026 is 13 April; in 2027 Easter is 2 May, so 12 April 2027 is an ordinary Monday.
      expect(labels(queue(), '2026-04-13')).to.deep.equal([]);
      expect(labels(queue(), '2026-04-10')).to.deep.equal([]); // Good Friday 2026
      expect(labels(queue(), '2026-02-23')).to.deep.equal([]); // Clean Monday 2026
      expect(labels(queue(), '2026-06-01')).to.deep.equal([]); // Whit Monday 2026
      expect(labels(queue(), '2027-04-12')).to.have.length(28);
      expect(labels(queue(), '2027-05-03')).to.deep.equal([]); // Easter Monday 2027
      expect(labels(queue(), '2027-03-15')).to.deep.equal([]); // Clean Monday 2027
      expect(labels(queue(), '2027-06-21')).to.deep.equal([]); // Whit Monday 2027
      expect(labels(queue(), '2026-06-22')).to.have.length(28);
    });
  });

  describe('exceptions', () => {
    const on = (date: string, exceptions: ScheduleException[], q: QueueSchedule = queue()) => labels(q, date, { exceptions });

    it('a closure of the KEP closes every queue for its dates', () => {
      const closure: ScheduleException = { queueId: null, startDate: '2026-12-01', endDate: '2026-12-02', hours: null };
      expect(on('2026-12-01', [closure])).to.deep.equal([]);
      expect(on('2026-12-02', [closure], queue({ id: 'q2' }))).to.deep.equal([]);
      expect(on('2026-12-03', [closure])).to.have.length(28);
    });

    it('a closure of one queue leaves the others open', () => {
      const closure: ScheduleException = { queueId: 'q1', startDate: '2026-12-01', endDate: '2026-12-01', hours: null };
      expect(on('2026-12-01', [closure])).to.deep.equal([]);
      expect(on('2026-12-01', [closure], queue({ id: 'q2' }))).to.have.length(28);
    });

    it('changed hours replace the weekly hours, also on a day normally closed', () => {
      const short: ScheduleException = { queueId: null, startDate: '2026-12-01', endDate: '2026-12-01', hours: [['09:00', '10:00']] };
      expect(on('2026-12-01', [short])).to.deep.equal(['09:00', '09:15', '09:30', '09:45']);
      const saturday: ScheduleException = { queueId: 'q1', startDate: '2026-12-05', endDate: '2026-12-05', hours: [['10:00', '11:00']] };
      expect(on('2026-12-05', [saturday])).to.have.length(4);
    });

    it("a queue's changed hours win over the KEP's, a closure wins over both, a holiday over everything", () => {
      const kep: ScheduleException = { queueId: null, startDate: '2026-12-01', endDate: '2026-12-01', hours: [['09:00', '10:00']] };
      const mine: ScheduleException = { queueId: 'q1', startDate: '2026-12-01', endDate: '2026-12-01', hours: [['12:00', '12:30']] };
      expect(on('2026-12-01', [kep, mine])).to.deep.equal(['12:00', '12:15']);
      expect(on('2026-12-01', [kep, mine, { ...kep, hours: null }])).to.deep.equal([]);
      expect(on('2026-10-28', [{ ...mine, startDate: '2026-10-28', endDate: '2026-10-28' }])).to.deep.equal([]);
    });

    it("a yearly exception (the town's patron saint) repeats on the same day every year", () => {
      const saint: ScheduleException = { queueId: null, startDate: '2025-11-11', endDate: '2025-11-11', hours: null, recursYearly: true };
      expect(on('2026-11-11', [saint])).to.deep.equal([]);
      expect(on('2027-11-11', [saint])).to.deep.equal([]);
      expect(on('2026-11-12', [saint])).to.have.length(28);
      expect(on('2024-11-11', [saint])).to.have.length(28); // not before it was recorded
    });
  });

  describe('taken time, notice and horizon', () => {
    it('leaves out every slot that overlaps a live appointment, also one off the grid', () => {
      const taken = [
        { queueId: 'q1', start: new Date('2026-12-01T06:00:00Z'), end: new Date('2026-12-01T06:15:00Z') }, // 08:00–08:15
        { queueId: 'q1', start: new Date('2026-12-01T08:05:00Z'), end: new Date('2026-12-01T08:20:00Z') }, // 10:05–10:20
        { queueId: 'other', start: new Date('2026-12-01T06:15:00Z'), end: new Date('2026-12-01T06:30:00Z') },
      ];
      const got = labels(queue(), '2026-12-01', { taken });
      expect(got).to.have.length(28 - 3);
      expect(got).to.not.include.members(['08:00', '10:00', '10:15']);
      expect(got).to.include.members(['08:15', '09:45', '10:30']);
    });

    it('offers nothing earlier than now plus the notice, and nothing beyond the horizon', () => {
      const now = new Date('2026-12-01T08:10:00Z'); // 10:10 in Athens
      const [today, tomorrow, after] = freeSlots({
        queues: [queue()], exceptions: [], holidays: [], taken: [], now, from: '2026-12-01', to: '2026-12-03', minNoticeMinutes: 60, horizonDays: 2,
      });
      expect(today!.slots[0]!.label).to.equal('11:15');
      expect(tomorrow!.slots).to.have.length(28);
      expect(after!.slots).to.deep.equal([]);
    });

    it('lists every day asked for, empty ones too, and merges queues by time', () => {
      const days = freeSlots({
        queues: [queue({ slotMinutes: 60 }), queue({ id: 'q2', slotMinutes: 30 })], exceptions: [], holidays: [], taken: [], now: LONG_AGO, from: '2026-12-04', to: '2026-12-06',
      });
      expect(days.map((d) => d.date)).to.deep.equal(['2026-12-04', '2026-12-05', '2026-12-06']);
      expect(days[0]!.slots.slice(0, 4).map((s) => `${s.label} ${s.queueId}`)).to.deep.equal(['08:00 q1', '08:00 q2', '08:30 q2', '09:00 q1']);
    });
  });

  describe('isBookable', () => {
    const base = { queue: queue(), exceptions: [], holidays: greekHolidayDates('2026-01-01', '2026-12-31'), now: new Date('2026-12-01T10:00:00Z') };
    const at = (start: string, minutes = 15) => ({ ...base, start: new Date(start), end: new Date(new Date(start).getTime() + minutes * 60_000) });

    it('accepts a time inside the hours, on the grid or not, later today or on a later day', () => {
      expect(isBookable(at('2026-12-01T07:05:00Z'))).to.deep.equal({ ok: true }); // 09:05 today, already past: staff record it
      expect(isBookable(at('2026-12-02T12:45:00Z'))).to.deep.equal({ ok: true }); // 14:45–15:00
    });

    it('names the reason for a refusal', () => {
      expect(isBookable(at('2026-11-30T08:00:00Z'))).to.deep.equal({ ok: false, reason: 'past' });
      expect(isBookable(at('2026-12-02T12:50:00Z'))).to.deep.equal({ ok: false, reason: 'outside-hours' }); // ends 15:05
      expect(isBookable(at('2026-12-05T08:00:00Z'))).to.deep.equal({ ok: false, reason: 'outside-hours' }); // Saturday
      expect(isBookable(at('2026-12-25T08:00:00Z'))).to.deep.equal({ ok: false, reason: 'holiday' });
      expect(isBookable({ ...at('2026-12-02T08:00:00Z'), queue: queue({ active: false }) })).to.deep.equal({ ok: false, reason: 'inactive' });
      const closed = { ...at('2026-12-02T08:00:00Z'), exceptions: [{ queueId: 'q1', startDate: '2026-12-02', endDate: '2026-12-02', hours: null }] };
      expect(isBookable(closed)).to.deep.equal({ ok: false, reason: 'closed' });
      const taken = { ...at('2026-12-02T08:00:00Z'), taken: [{ queueId: 'q1', start: new Date('2026-12-02T08:10:00Z'), end: new Date('2026-12-02T08:25:00Z') }] };
      expect(isBookable(taken)).to.deep.equal({ ok: false, reason: 'taken' });
    });
  });
});
