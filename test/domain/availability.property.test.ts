import { expect } from 'chai';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { freeSlots, isBookable, type AvailabilityInput, type QueueSchedule, type ScheduleException, type TakenInterval } from '../../plugin/domain/availability.js';
import { addDays } from '../../plugin/domain/local-day.js';
import type { HoursInterval, WeeklyHours } from '../../plugin/domain/weekly-hours.js';

const ZONE = 'Europe/Athens';
// Windows start near the two DST changes of 2026 and on ordinary days.
const FIRST_DAYS = ['2026-03-26', '2026-03-28', '2026-10-22', '2026-10-24', '2026-12-21', '2027-04-28'];
const hhmm = (m: number) => (m === 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

/** Non-overlapping intervals from sorted distinct cut points (5-minute grid): [c0,c1), [c2,c3), … */
const dayIntervals = fc
  .uniqueArray(fc.integer({ min: 0, max: 288 }), { maxLength: 6 })
  .map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const out: HoursInterval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) out.push([hhmm(sorted[i]! * 5), hhmm(sorted[i + 1]! * 5)]);
    return out;
  });

const weeklyHours: fc.Arbitrary<WeeklyHours> = fc.record(
  { '1': dayIntervals, '2': dayIntervals, '3': dayIntervals, '4': dayIntervals, '5': dayIntervals, '6': dayIntervals, '7': dayIntervals },
  { requiredKeys: [] },
);

const scenario = fc
  .record({
    first: fc.constantFrom(...FIRST_DAYS),
    days: fc.integer({ min: 1, max: 6 }),
    queues: fc.array(
      fc.record({ weeklyHours, slotMinutes: fc.constantFrom(10, 15, 20, 25, 30, 45, 60), active: fc.constantFrom(true, true, true, false) }),
      { minLength: 1, maxLength: 3 },
    ),
    exceptions: fc.array(
      fc.record({
        queue: fc.integer({ min: -1, max: 2 }),
        startOffset: fc.integer({ min: -2, max: 7 }),
        length: fc.integer({ min: 0, max: 3 }),
        hours: fc.option(dayIntervals.filter((h) => h.length > 0), { nil: null }),
        recursYearly: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
    holidayOffsets: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 2 }),
    taken: fc.array(fc.record({ queue: fc.integer({ min: 0, max: 2 }), offsetMinutes: fc.integer({ min: 0, max: 7 * 288 }), minutes: fc.integer({ min: 1, max: 24 }) }), { maxLength: 30 }),
    nowOffsetMinutes: fc.integer({ min: -1440, max: 4 * 1440 }),
    minNoticeMinutes: fc.integer({ min: 0, max: 600 }),
    horizonDays: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
  })
  .map((s): AvailabilityInput => {
    const from = s.first;
    const to = addDays(from, s.days - 1);
    const start = DateTime.fromISO(from, { zone: ZONE }).toMillis();
    const queues: QueueSchedule[] = s.queues.map((q, i) => ({ id: `q${i}`, ...q }));
    const exceptions: ScheduleException[] = s.exceptions.map((e) => {
      const startDate = addDays(from, e.startOffset - (e.recursYearly ? 365 : 0));
      return { queueId: e.queue < 0 ? null : `q${e.queue}`, startDate, endDate: addDays(startDate, e.length), hours: e.hours, recursYearly: e.recursYearly };
    });
    const taken: TakenInterval[] = s.taken.map((t) => ({
      queueId: `q${t.queue}`,
      start: new Date(start + t.offsetMinutes * 5 * 60_000),
      end: new Date(start + (t.offsetMinutes + t.minutes) * 5 * 60_000),
    }));
    return {
      queues, exceptions, taken, from, to,
      holidays: s.holidayOffsets.map((o) => addDays(from, o)),
      now: new Date(start + s.nowOffsetMinutes * 60_000),
      minNoticeMinutes: s.minNoticeMinutes,
      horizonDays: s.horizonDays,
      zone: ZONE,
    };
  });

// ---------------------------------------------------------------------------------------------
// An independent oracle: the same rules written plainly, with luxon doing every local time.

function covers(e: ScheduleException, date: string): boolean {
  if (!e.recursYearly) return e.startDate <= date && date <= e.endDate;
  const first = Number(e.startDate.slice(0, 4));
  for (let y = first; y <= Number(date.slice(0, 4)); y++) {
    const shift = (d: string) => DateTime.fromISO(d, { zone: 'UTC' }).plus({ years: y - first }).toISODate()!;
    if (shift(e.startDate) <= date && date <= shift(e.endDate)) return true;
  }
  return false;
}

function effectiveHours(input: AvailabilityInput, q: QueueSchedule, date: string): HoursInterval[] {
  if ((input.holidays as string[]).includes(date)) return [];
  const here = input.exceptions.filter((e) => (e.queueId === null || e.queueId === q.id) && covers(e, date));
  if (here.some((e) => e.hours === null)) return [];
  const own = here.filter((e) => e.queueId === q.id).flatMap((e) => e.hours!);
  const kep = here.filter((e) => e.queueId === null).flatMap((e) => e.hours!);
  const weekday = String(DateTime.fromISO(date, { zone: ZONE }).weekday) as keyof WeeklyHours;
  return own.length ? own : kep.length ? kep : (q.weeklyHours[weekday] ?? []);
}

function instant(date: string, time: string): number {
  const day = DateTime.fromISO(date, { zone: ZONE });
  if (time === '24:00') return day.plus({ days: 1 }).startOf('day').toMillis();
  const [h, m] = time.split(':').map(Number);
  return day.set({ hour: h, minute: m }).toMillis();
}

function merged(intervals: HoursInterval[]): [number, number][] {
  const mins = intervals.map(([a, b]) => [a, b].map((t) => (t === '24:00' ? 1440 : Number(t.slice(0, 2)) * 60 + Number(t.slice(3))))).sort((x, y) => x[0]! - y[0]!);
  const out: [number, number][] = [];
  for (const [a, b] of mins) {
    const last = out.at(-1);
    if (last && a! <= last[1]) last[1] = Math.max(last[1], b!);
    else out.push([a!, b!]);
  }
  return out;
}

function oracle(input: AvailabilityInput): string[] {
  const out: string[] = [];
  const earliest = input.now.getTime() + (input.minNoticeMinutes ?? 0) * 60_000;
  const today = DateTime.fromJSDate(input.now, { zone: ZONE }).toISODate()!;
  const horizon = input.horizonDays === undefined ? Infinity : instant(addDays(today, input.horizonDays), '00:00');
  // One citizen at a time per queue: where hours meet a DST gap, a slot waits for the previous one to end.
  const laidOutUntil = new Map<string, number>();
  for (let date = input.from; date <= input.to; date = addDays(date, 1)) {
    for (const q of input.queues) {
      if (!q.active) continue;
      for (const [a, b] of merged(effectiveHours(input, q, date))) {
        const close = instant(date, hhmm(b));
        const len = q.slotMinutes * 60_000;
        for (let s = instant(date, hhmm(a)); s + len <= close; s += len) {
          if (s < (laidOutUntil.get(q.id) ?? -Infinity)) continue;
          laidOutUntil.set(q.id, s + len);
          const clash = input.taken.some((t) => t.queueId === q.id && t.start.getTime() < s + len && s < t.end.getTime());
          if (s >= earliest && s < horizon && !clash) out.push(`${q.id} ${new Date(s).toISOString()}`);
        }
      }
    }
  }
  return out.sort();
}

// ---------------------------------------------------------------------------------------------

describe('the availability engine, for any hours, exceptions, holidays and appointments (fast-check)', () => {
  const runs = { numRuns: 400 };
  const all = (input: AvailabilityInput) => freeSlots(input).flatMap((d) => d.slots.map((s) => ({ ...s, date: d.date })));

  it('returns exactly the slots an independent luxon-based reading of the rules gives', () => {
    fc.assert(fc.property(scenario, (input) => {
      expect(all(input).map((s) => `${s.queueId} ${s.start}`).sort()).to.deep.equal(oracle(input));
    }), runs);
  });

  it('no slot overlaps a live appointment of its queue, and slots of a queue never overlap each other', () => {
    fc.assert(fc.property(scenario, (input) => {
      const slots = all(input);
      for (const s of slots) {
        const [a, b] = [Date.parse(s.start), Date.parse(s.end)];
        expect(input.taken.some((t) => t.queueId === s.queueId && t.start.getTime() < b && a < t.end.getTime())).to.equal(false);
      }
      for (const q of input.queues) {
        const mine = slots.filter((s) => s.queueId === q.id).sort((x, y) => x.start.localeCompare(y.start));
        for (let i = 1; i < mine.length; i++) expect(mine[i]!.start >= mine[i - 1]!.end, `${mine[i - 1]!.end} > ${mine[i]!.start}`).to.equal(true);
      }
    }), runs);
  });

  it('every slot lies inside its day\'s hours, on no holiday and no closure, with the right local label', () => {
    fc.assert(fc.property(scenario, (input) => {
      for (const s of all(input)) {
        const q = input.queues.find((x) => x.id === s.queueId)!;
        const local = DateTime.fromISO(s.start, { zone: ZONE });
        expect(local.toISODate()).to.equal(s.date);
        expect(local.toFormat('HH:mm')).to.equal(s.label);
        expect((input.holidays as string[]).includes(s.date)).to.equal(false);
        const closures = input.exceptions.filter((e) => e.hours === null && (e.queueId === null || e.queueId === q.id) && covers(e, s.date));
        expect(closures).to.deep.equal([]);
        // Touching intervals (10:00–12:00 and 12:00–13:00) are one stretch of opening time.
        const inside = merged(effectiveHours(input, q, s.date)).some(([a, b]) => instant(s.date, hhmm(a)) <= Date.parse(s.start) && Date.parse(s.end) <= instant(s.date, hhmm(b)));
        expect(inside, `${s.label} ${s.date}`).to.equal(true);
        expect(Date.parse(s.start)).to.be.at.least(input.now.getTime() + (input.minNoticeMinutes ?? 0) * 60_000);
      }
    }), runs);
  });

  it('booking a returned slot always succeeds when nothing else changed, and then it is no longer offered', () => {
    fc.assert(fc.property(scenario, fc.nat(), (input, pick) => {
      const slots = all(input);
      if (slots.length === 0) return;
      const s = slots[pick % slots.length]!;
      const q = input.queues.find((x) => x.id === s.queueId)!;
      const booking = { queueId: q.id, start: new Date(s.start), end: new Date(s.end) };
      expect(isBookable({ queue: q, start: booking.start, end: booking.end, exceptions: input.exceptions, holidays: input.holidays, now: input.now, taken: input.taken, zone: ZONE }))
        .to.deep.equal({ ok: true });
      const after = all({ ...input, taken: [...input.taken, booking] });
      expect(after.some((x) => x.queueId === s.queueId && x.start === s.start)).to.equal(false);
      expect(after).to.have.length(slots.length - 1);
    }), runs);
  });
});
