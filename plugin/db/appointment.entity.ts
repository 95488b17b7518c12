import { defineEntity, p } from '@mikro-orm/core';
import { APPOINTMENT_SOURCES, APPOINTMENT_STATUSES } from '../domain/appointment-status.js';
import { searchKey } from '../domain/search-key.js';
import { Queue } from './queue.entity.js';
import { Store } from './store.entity.js';

/** A citizen's visit (or video call) in one queue; overlap is refused by the database itself. */
export const AppointmentSchema = defineEntity({
  name: 'Appointment',
  tableName: 'appointment',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    store: () => p.manyToOne(Store),
    queue: () => p.manyToOne(Queue),
    startsAt: p.datetime(),
    endsAt: p.datetime(),
    firstName: p.string().length(100),
    lastName: p.string().length(100),
    email: p.string().length(254).nullable(),
    phone: p.string().length(32).nullable(),
    notes: p.string().length(2000).nullable(),
    taxId: p.string().length(9).nullable(),
    businessName: p.string().length(200).nullable(),
    businessTaxId: p.string().length(9).nullable(),
    procedure: p.string().length(300).nullable(),
    /**
     * The booking reference ("K7P-4MX", see plugin/domain/booking-reference.ts), unique per KEP. The
     * database gives it on insert (a trigger, for every insert path) and it never changes, not even
     * when the appointment moves; read back with RETURNING.
     */
    reference: p.string().length(7).defaultRaw(`''`).returning(),
    // Kept in step with the names on every write, so search never has to transform the table.
    searchKey: p
      .string()
      .length(300)
      .default('')
      .onCreate((a: PersonName) => nameSearchKey(a))
      .onUpdate((a: PersonName) => nameSearchKey(a)),
    mode: p.enum(['in_person', 'video'] as const).default('in_person'),
    status: p.enum(APPOINTMENT_STATUSES).default('booked'),
    source: p.enum(APPOINTMENT_SOURCES).default('phone'),
    createdBy: p.string().length(200),
    statusChangedAt: p.datetime().nullable(),
    statusChangedBy: p.string().length(200).nullable(),
    cancelledReason: p.string().length(500).nullable(),
    /** Status 'held': when the hold lapses by itself (a citizen's few minutes, or a cancellation's cool-down). */
    heldUntil: p.datetime().nullable(),
    /** Status 'held': the citizen's subject holding it, or 'cooldown'. */
    holder: p.string().length(200).nullable(),
    /**
     * Status 'held': the hash of the priority token the citizen held it with; the booking uses the
     * token up. Hidden: it is the key to the token row, and no view has a use for it.
     */
    priorityTokenHash: p.string().length(64).nullable().hidden(),
    /** The citizen who booked it online (subject at the citizen identity provider). */
    citizenSub: p.string().length(200).nullable(),
    /** The meeting link of a video appointment (myKEPLive). */
    videoLink: p.string().length(500).nullable(),
    /** The catalogue procedure, when chosen from it (online bookings); `procedure` keeps its name. */
    procedureId: p.uuid().nullable(),
    /** The language the citizen booked in; their emails are written in it. */
    language: p.enum(['el', 'en'] as const).default('el'),
    /** When the escalation check flagged it: no action some minutes after its start (the alert went out then). */
    attentionAt: p.datetime().nullable(),
    /** A video appointment: when and by whom the call was started (staff were there). */
    callStartedAt: p.datetime().nullable(),
    callStartedBy: p.string().length(200).nullable(),
    /** A video appointment: the citizen's first «Περιμένω» in the waiting room (later presses keep it). */
    videoWaitingAt: p.datetime().nullable(),
    /** A video appointment: when the late-start alert was raised (no call some minutes after the later of start and waiting). */
    videoAlertAt: p.datetime().nullable(),
    /** When the citizen arrived: set by the one status change to 'arrived', kept after it (served, no-show). */
    arrivedAt: p.datetime().nullable(),
    /** The latest «Κλήση» of the citizen's number at the counter, and by whom (a recall moves both). */
    calledAt: p.datetime().nullable(),
    calledBy: p.string().length(200).nullable(),
    /** When the call alert was raised: arrived and not called for the KEP's `call_alert_minutes`. */
    callAlertAt: p.datetime().nullable(),
    /** Why the status is what it is, when staff recorded it after the fact (a missed one found to be a no-show). */
    statusReason: p.string().length(500).nullable(),
    /** When the retention job removed its personal data (the counts stay for the reports). */
    redactedAt: p.datetime().nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class Appointment extends AppointmentSchema.class {}

interface PersonName {
  firstName: string;
  lastName: string;
}

function nameSearchKey(a: PersonName): string {
  return `${searchKey(a.firstName)} ${searchKey(a.lastName)}`.slice(0, 300);
}
AppointmentSchema.setClass(Appointment);
