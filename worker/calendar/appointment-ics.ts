import ical, { ICalAlarmType, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';

/** What an invitation says; the caller has already put the words in the citizen's language. */
export interface InvitationInput {
  /** Stable across every message of one appointment, so the calendar updates one event. */
  uid: string;
  /** Grows with every change (the appointment's version), so a calendar takes the newest message. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  summary: string;
  description: string;
  location: string;
  url: string | null;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  language: 'el' | 'en';
}

/** The UID of an appointment's calendar event. */
export function appointmentUid(appointmentId: string): string {
  return `${appointmentId}@rantevou.appointment`;
}

/**
 * An iTIP invitation (RFC 5546 over RFC 5545): `METHOD:REQUEST` puts the appointment in the citizen's
 * calendar, `METHOD:CANCEL` with the same UID and a higher SEQUENCE takes it out. Times are written
 * in the KEP's zone with its VTIMEZONE, so the calendar shows the wall-clock time the KEP agreed.
 */
export function renderInvitation(input: InvitationInput): string {
  const calendar = ical({
    prodId: { company: 'Rantevou', product: 'KEP appointments', language: input.language.toUpperCase() },
    method: input.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.timezone({ name: null, generator: (tz) => vtimezone(tz) });
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: new Date(),
    start: DateTime.fromJSDate(input.startsAt).setZone(input.timeZone),
    end: DateTime.fromJSDate(input.endsAt).setZone(input.timeZone),
    timezone: input.timeZone,
    summary: input.summary,
    description: input.description,
    location: input.location,
    url: input.url,
    organizer: input.organizer,
    attendees: [
      {
        name: input.attendee.name,
        email: input.attendee.email,
        role: ICalAttendeeRole.REQ,
        // The citizen agreed the time with the KEP; the calendar need not ask them to accept it.
        status: input.method === 'CANCEL' ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      },
    ],
    status: input.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    alarms: input.method === 'CANCEL' ? [] : [{ type: ICalAlarmType.display, trigger: 60 * 60, description: input.summary }],
  });
  return calendar.toString();
}

// Built once per zone: the library assembles the block from its tables on every call.
const vtimezones = new Map<string, string | null>();

function vtimezone(tz: string): string | null {
  if (!vtimezones.has(tz)) {
    const block = tzlib_get_ical_block(tz);
    vtimezones.set(tz, Array.isArray(block) ? (block[0] ?? null) : null);
  }
  return vtimezones.get(tz)!;
}
