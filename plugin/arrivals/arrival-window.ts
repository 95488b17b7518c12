import { addDays, localDateOf, localDay } from '../domain/local-day.js';

const MINUTE_MS = 60_000;

/** How early and how late a KEP takes an arrival by reference (a store setting; see the devices migration). */
export interface ArrivalWindow {
  /** Minutes before the start; at most the attendance rule's ARRIVAL_OPENS_MINUTES_BEFORE (30). */
  earlyMinutes: number;
  /** Minutes after the start; later, the citizen takes a walk-in ticket. */
  lateMinutes: number;
}

/** Why an arrival at `now` is outside the window, with the Greek text the kiosk shows; null when it is inside. */
export type ArrivalWindowProblem =
  | { code: 'arrival-too-early'; message: string; opensAt: Date }
  | { code: 'arrival-too-late'; message: string };

/**
 * Whether a citizen whose appointment starts at `startsAt` may check in at `now`: from
 * `earlyMinutes` before the start until `lateMinutes` after it, and only on the appointment's own
 * local day. Too early says when to come back; too late sends the citizen to the walk-in queue.
 */
export function arrivalWindowProblem(startsAt: Date, now: Date, window: ArrivalWindow, zone: string): ArrivalWindowProblem | null {
  const opensAt = new Date(startsAt.getTime() - window.earlyMinutes * MINUTE_MS);
  const closesAt = startsAt.getTime() + window.lateMinutes * MINUTE_MS;
  const day = localDateOf(startsAt.getTime(), zone);
  const today = localDateOf(now.getTime(), zone);
  const time = localDay(day, zone).label(startsAt.getTime());
  if (now.getTime() < opensAt.getTime() && day >= today) {
    const from = localDay(localDateOf(opensAt.getTime(), zone), zone).label(opensAt.getTime());
    const message =
      day === today
        ? `Είναι νωρίς για την άφιξή σας: το ραντεβού σας είναι στις ${time}. Ελάτε ξανά από τις ${from}.`
        : `Το ραντεβού σας είναι ${day === addDays(today, 1) ? 'αύριο' : `στις ${dmy(day)}`}, στις ${time}. Ελάτε εκείνη την ημέρα, από τις ${from}.`;
    return { code: 'arrival-too-early', message, opensAt };
  }
  if (now.getTime() > closesAt || day < today) {
    const when = day === today ? `στις ${time}` : `στις ${dmy(day)} ${time}`;
    return {
      code: 'arrival-too-late',
      message: `Το ραντεβού σας ήταν ${when} και η προθεσμία άφιξης (${window.lateMinutes} λεπτά) πέρασε. Πάρτε εισιτήριο χωρίς ραντεβού από το μηχάνημα προτεραιότητας.`,
    };
  }
  return null;
}

function dmy(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
