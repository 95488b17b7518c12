import { expect } from 'chai';
import {
  dailyRunDay,
  endOfDayCutoff,
  escalationDue,
  missedByStaffAtEndOfDay,
  morningListDay,
  needsAttention,
  outcomeOpensAt,
  prematureOutcomeProblem,
  statusChangeProblem,
  type AttendanceFacts,
} from '../../plugin/domain/attendance.js';
import { byWorst, leadTimesOf, percentileOfHistogram, weeksBetween, type KepReport } from '../../plugin/domain/report.js';
import { athens } from './support/fixtures.js';

const ZONE = 'Europe/Athens';

function booked(at: string, minutes = 15, extra: Partial<AttendanceFacts> = {}): AttendanceFacts {
  const startsAt = athens(at);
  return { status: 'booked', startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), callStartedAt: null, attentionAt: null, ...extra };
}

describe('the attendance rules (pure, any clock)', () => {
  describe('escalation of an appointment nobody acted on', () => {
    const a = booked('2030-03-05T09:00');

    it('is not due before the configured minutes have passed, and is due from then on', () => {
      expect(escalationDue(a, athens('2030-03-05T09:14'), 15)).to.equal(false);
      expect(escalationDue(a, athens('2030-03-05T09:15'), 15)).to.equal(true);
      expect(escalationDue(a, athens('2030-03-05T09:05'), 5)).to.equal(true);
    });

    it('is never due once staff acted, the call was started, or it was flagged already', () => {
      const now = athens('2030-03-05T09:30');
      expect(escalationDue({ ...a, status: 'arrived' }, now, 15)).to.equal(false);
      expect(escalationDue({ ...a, callStartedAt: athens('2030-03-05T09:01') }, now, 15)).to.equal(false);
      expect(escalationDue({ ...a, attentionAt: athens('2030-03-05T09:15') }, now, 15)).to.equal(false);
    });

    it('leaves appointments of earlier days to the end-of-day marking', () => {
      expect(escalationDue(a, athens('2030-03-06T09:30'), 15)).to.equal(false);
    });

    it('shows as needing attention only while flagged and still not acted on', () => {
      const flagged = { ...a, attentionAt: athens('2030-03-05T09:15') };
      expect(needsAttention(flagged)).to.equal(true);
      expect(needsAttention({ ...flagged, status: 'served' })).to.equal(false);
      expect(needsAttention(a)).to.equal(false);
    });
  });

  describe('the end of the day', () => {
    it('closes today at the configured local time, in summer and in winter time', () => {
      // Before 20:00 the open days start today; from 20:00, tomorrow (Athens midnight, UTC+2 or UTC+3).
      expect(endOfDayCutoff(athens('2030-03-05T19:59'), '20:00', ZONE).toISOString()).to.equal('2030-03-04T22:00:00.000Z');
      expect(endOfDayCutoff(athens('2030-03-05T20:00'), '20:00', ZONE).toISOString()).to.equal('2030-03-05T22:00:00.000Z');
      expect(endOfDayCutoff(athens('2030-07-02T21:00'), '20:00', ZONE).toISOString()).to.equal('2030-07-02T21:00:00.000Z');
    });

    it('marks a day’s still-booked appointments once that day has ended, not before', () => {
      const a = booked('2030-03-05T09:00');
      const before = athens('2030-03-05T19:59');
      const after = athens('2030-03-05T20:00');
      expect(missedByStaffAtEndOfDay(a, before, endOfDayCutoff(before, '20:00', ZONE))).to.equal(false);
      expect(missedByStaffAtEndOfDay(a, after, endOfDayCutoff(after, '20:00', ZONE))).to.equal(true);
      // The next morning, the same rule still holds (a plugin that was down catches up).
      const next = athens('2030-03-06T08:00');
      expect(missedByStaffAtEndOfDay(a, next, endOfDayCutoff(next, '20:00', ZONE))).to.equal(true);
    });

    it('waits for an evening appointment to end, and never marks one whose video call was started', () => {
      const evening = booked('2030-03-05T19:50', 20);
      const at2005 = athens('2030-03-05T20:05');
      expect(missedByStaffAtEndOfDay(evening, at2005, endOfDayCutoff(at2005, '20:00', ZONE))).to.equal(false);
      const at2010 = athens('2030-03-05T20:10');
      expect(missedByStaffAtEndOfDay(evening, at2010, endOfDayCutoff(at2010, '20:00', ZONE))).to.equal(true);
      const call = booked('2030-03-05T10:00', 20, { callStartedAt: athens('2030-03-05T10:02') });
      expect(missedByStaffAtEndOfDay(call, at2010, endOfDayCutoff(at2010, '20:00', ZONE))).to.equal(false);
    });

    it('does not reach back further than 30 days (a first start on an old database sends no apologies for history)', () => {
      const old = booked('2030-01-10T09:00');
      const now = athens('2030-03-05T20:30');
      expect(missedByStaffAtEndOfDay(old, now, endOfDayCutoff(now, '20:00', ZONE))).to.equal(false);
    });

    it('counts the day of the clock change by its local hours (29 March 2026, 20:00 is UTC+3)', () => {
      expect(endOfDayCutoff(athens('2026-03-29T20:00'), '20:00', ZONE).toISOString()).to.equal('2026-03-29T21:00:00.000Z');
      expect(endOfDayCutoff(athens('2026-03-29T19:59'), '20:00', ZONE).toISOString()).to.equal('2026-03-28T22:00:00.000Z');
    });
  });

  describe('the daily jobs', () => {
    it('sends the morning list from its time until the end of the day, for today only', () => {
      expect(morningListDay(athens('2030-03-05T07:29'), '07:30', '20:00', ZONE)).to.equal(null);
      expect(morningListDay(athens('2030-03-05T07:30'), '07:30', '20:00', ZONE)).to.equal('2030-03-05');
      expect(morningListDay(athens('2030-03-05T13:00'), '07:30', '20:00', ZONE)).to.equal('2030-03-05');
      expect(morningListDay(athens('2030-03-05T20:00'), '07:30', '20:00', ZONE)).to.equal(null);
    });

    it('runs the nightly job from its local time on', () => {
      expect(dailyRunDay(athens('2030-03-05T02:59'), '03:00', ZONE)).to.equal(null);
      expect(dailyRunDay(athens('2030-03-05T03:00'), '03:00', ZONE)).to.equal('2030-03-05');
    });
  });

  describe('correcting a missed appointment afterwards', () => {
    it('needs a reason, and only what really happened', () => {
      expect(statusChangeProblem('missed_by_staff', 'no_show', undefined)?.code).to.equal('reason-required');
      expect(statusChangeProblem('missed_by_staff', 'no_show', '  ')?.code).to.equal('reason-required');
      expect(statusChangeProblem('missed_by_staff', 'no_show', 'Ο πολίτης δεν ήρθε· ξεχάσαμε να το σημειώσουμε')).to.equal(null);
      expect(statusChangeProblem('missed_by_staff', 'booked', 'λάθος')?.code).to.equal('not-after-the-fact');
      expect(statusChangeProblem('booked', 'no_show', undefined)).to.equal(null);
    });
  });

  describe('report arithmetic', () => {
    it('takes percentiles of whole days as lead times that occurred (percentile_disc)', () => {
      const bins = new Map([[0, 1], [1, 3], [2, 1], [7, 4], [30, 1]]); // 10 appointments
      expect(percentileOfHistogram(bins, 0.5)).to.equal(2); // the 5th
      expect(percentileOfHistogram(bins, 0.9)).to.equal(7); // the 9th
      expect(percentileOfHistogram(new Map(), 0.5)).to.equal(null);
      const lead = leadTimesOf([
        { storeId: 'a', days: 3, count: 2 },
        { storeId: 'b', days: 10, count: 1 },
      ]);
      expect(lead).to.deep.equal([
        { storeId: 'a', median: 3, p90: 3 },
        { storeId: 'b', median: 10, p90: 10 },
        { storeId: null, median: 3, p90: 10 },
      ]);
    });

    it('counts weeks from Monday, and puts the KEPs that miss most first', () => {
      expect(weeksBetween('2030-03-06', '2030-03-18')).to.deep.equal(['2030-03-04', '2030-03-11', '2030-03-18']);
      const kep = (code: string, missedByStaffRate: number | null, missedByStaff = 0) => ({ code, missedByStaffRate, missedByStaff, unrecorded: 0 }) as KepReport;
      const sorted = [kep('C', null), kep('B', 0.1, 1), kep('A', 0.1, 3), kep('D', 0.5, 1)].sort(byWorst).map((k) => k.code);
      expect(sorted).to.deep.equal(['D', 'A', 'B', 'C']);
    });
  });

  describe('outcomes are recorded from their time, never in advance', () => {
    const start = new Date('2030-03-05T09:30:00+02:00');
    const at = (hhmm: string) => new Date(`2030-03-05T${hhmm}:00+02:00`);
    const zone = 'Europe/Athens';
    it('opens arrival 30 minutes before the start and the others at the start', () => {
      expect([outcomeOpensAt('arrived', start), outcomeOpensAt('served', start), outcomeOpensAt('no_show', start)]).to.deep.equal([at('09:00'), start, start]);
      expect(prematureOutcomeProblem('booked', 'arrived', start, at('08:59'), zone)?.code).to.equal('not-started');
      expect(prematureOutcomeProblem('booked', 'arrived', start, at('09:00'), zone)).to.equal(null);
      expect(prematureOutcomeProblem('arrived', 'served', start, at('09:29'), zone)?.message).to.include('(09:30)');
      expect(prematureOutcomeProblem('booked', 'no_show', start, at('09:30'), zone)).to.equal(null);
    });
    it('never stops an undo, nor the correction of a day already closed', () => {
      expect(prematureOutcomeProblem('arrived', 'booked', start, at('08:00'), zone)).to.equal(null);
      expect(prematureOutcomeProblem('missed_by_staff', 'served', start, at('08:00'), zone)).to.equal(null);
    });
  });
});
