/**
 * The Greek public holidays on which every KEP is closed, without anyone typing them: the fixed
 * ones and those that move with Orthodox Easter. Local holidays (a town's patron saint) are not
 * here: each KEP adds them as exceptions.
 *
 * The list follows the days off of the civil service (Κώδικας Δημοσίων Υπαλλήλων, ν. 3528/2007,
 * άρθρο 48). When 1 May falls in Holy Week the state moves it by a decision of that year; that cannot
 * be computed, so a KEP records such a day as an exception.
 */

/** A public holiday: the calendar day and its name in Greek and English. */
export interface PublicHoliday {
  /** YYYY-MM-DD. */
  date: string;
  nameEl: string;
  nameEn: string;
  /** True for the holidays that follow Orthodox Easter. */
  moving: boolean;
}

const FIXED: readonly [month: number, day: number, el: string, en: string][] = [
  [1, 1, 'Πρωτοχρονιά', "New Year's Day"],
  [1, 6, 'Θεοφάνεια', 'Epiphany'],
  [3, 25, 'Ευαγγελισμός της Θεοτόκου — Εθνική Εορτή', 'Annunciation — Independence Day'],
  [5, 1, 'Πρωτομαγιά', 'Labour Day'],
  [8, 15, 'Κοίμηση της Θεοτόκου', 'Dormition of the Mother of God'],
  [10, 28, 'Επέτειος του «Όχι»', 'Ohi Day'],
  [12, 25, 'Χριστούγεννα', 'Christmas Day'],
  [12, 26, 'Σύναξη της Υπεραγίας Θεοτόκου', 'Synaxis of the Mother of God'],
];

/** Days after Orthodox Easter Sunday (negative: before). */
const MOVING: readonly [offset: number, el: string, en: string][] = [
  [-48, 'Καθαρά Δευτέρα', 'Clean Monday'],
  [-2, 'Μεγάλη Παρασκευή', 'Good Friday'],
  [-1, 'Μεγάλο Σάββατο', 'Holy Saturday'],
  [0, 'Κυριακή του Πάσχα', 'Easter Sunday'],
  [1, 'Δευτέρα του Πάσχα', 'Easter Monday'],
  [50, 'Δευτέρα του Αγίου Πνεύματος', 'Whit Monday'],
];

/** Years the computation is checked for; the Julian–Gregorian gap formula holds from 1583. */
export const HOLIDAY_YEARS = { min: 1900, max: 2199 } as const;

/**
 * Orthodox Easter Sunday of `year` as a Gregorian date (YYYY-MM-DD): Meeus's Julian algorithm,
 * then the Julian calendar's lag (13 days for 1900–2099, 14 for 2100–2199).
 */
export function orthodoxEaster(year: number): string {
  assertYear(year);
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  const julianLag = Math.floor(year / 100) - Math.floor(year / 400) - 2;
  return isoDate(new Date(Date.UTC(year, month - 1, day + julianLag)));
}

/** Every public holiday of `year`, by date (two may share a day, e.g. 1 May 2027 is Holy Saturday too). */
export function greekPublicHolidays(year: number): PublicHoliday[] {
  assertYear(year);
  const easter = Date.parse(`${orthodoxEaster(year)}T00:00:00Z`);
  const list: PublicHoliday[] = [
    ...FIXED.map(([m, d, nameEl, nameEn]) => ({ date: isoDate(new Date(Date.UTC(year, m - 1, d))), nameEl, nameEn, moving: false })),
    ...MOVING.map(([offset, nameEl, nameEn]) => ({ date: isoDate(new Date(easter + offset * 86_400_000)), nameEl, nameEn, moving: true })),
  ];
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** The holidays between two dates (YYYY-MM-DD, both included), across years. */
export function greekPublicHolidaysBetween(from: string, to: string): PublicHoliday[] {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  const out: PublicHoliday[] = [];
  for (let y = Math.max(first, HOLIDAY_YEARS.min); y <= Math.min(last, HOLIDAY_YEARS.max); y++) {
    for (const h of greekPublicHolidays(y)) if (h.date >= from && h.date <= to) out.push(h);
  }
  return out;
}

/** Just the closed dates between `from` and `to`, for the availability engine. */
export function greekHolidayDates(from: string, to: string): Set<string> {
  return new Set(greekPublicHolidaysBetween(from, to).map((h) => h.date));
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < HOLIDAY_YEARS.min || year > HOLIDAY_YEARS.max) {
    throw new RangeError(`year must be an integer from ${HOLIDAY_YEARS.min} to ${HOLIDAY_YEARS.max}`);
  }
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
