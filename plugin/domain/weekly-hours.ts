/** ISO weekdays as the keys of {@link WeeklyHours}: "1" = Monday … "7" = Sunday. */
export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening interval of a day, as local wall-clock "HH:mm" times: [open, close). */
export type HoursInterval = [string, string];

/** Opening intervals per ISO weekday ("1" = Monday … "7" = Sunday), as local "HH:mm" pairs. */
export type WeeklyHours = Partial<Record<Weekday, HoursInterval[]>>;

/** The usual KEP week: Monday to Friday, 08:00–15:00. */
export const WEEKDAY_HOURS: WeeklyHours = {
  '1': [['08:00', '15:00']],
  '2': [['08:00', '15:00']],
  '3': [['08:00', '15:00']],
  '4': [['08:00', '15:00']],
  '5': [['08:00', '15:00']],
};

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Minutes since local midnight of "HH:mm" ("00:00" … "23:59"); "24:00" is accepted as the end of
 * the day, so that a queue can stay open until midnight. Null for anything else.
 */
export function minutesOf(hhmm: string): number | null {
  if (hhmm === '24:00') return 1440;
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * What is wrong with one day's intervals, in Greek, or null when they are fine: each must be
 * "HH:mm"–"HH:mm" with the close after the open, and no two may overlap (touching is fine).
 */
export function intervalsProblem(intervals: readonly HoursInterval[]): string | null {
  const parsed: [number, number][] = [];
  for (const [open, close] of intervals) {
    const a = open === '24:00' ? null : minutesOf(open);
    const b = minutesOf(close);
    if (a === null || b === null) return `Οι ώρες πρέπει να έχουν τη μορφή ΩΩ:ΛΛ (π.χ. 08:00–14:00).`;
    if (b <= a) return `Η ώρα λήξης (${close}) πρέπει να είναι μετά την ώρα έναρξης (${open}).`;
    parsed.push([a, b]);
  }
  parsed.sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i]![0] < parsed[i - 1]![1]) return 'Τα διαστήματα ωραρίου μιας ημέρας δεν πρέπει να επικαλύπτονται.';
  }
  return null;
}

/** The intervals sorted by opening time (a copy); assumes {@link intervalsProblem} found nothing. */
export function sortIntervals(intervals: readonly HoursInterval[]): HoursInterval[] {
  return [...intervals].sort((x, y) => minutesOf(x[0])! - minutesOf(y[0])!);
}

/** Every weekday sorted, empty days left out: the stored form of weekly hours. */
export function normaliseWeeklyHours(hours: WeeklyHours): WeeklyHours {
  const out: WeeklyHours = {};
  for (const day of WEEKDAYS) {
    const intervals = hours[day];
    if (intervals?.length) out[day] = sortIntervals(intervals);
  }
  return out;
}
