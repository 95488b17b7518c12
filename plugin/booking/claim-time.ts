import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Appointment } from '../db/appointment.entity.js';
import { APPOINTMENT_COLUMNS, bookingQueries, type DateRange, type FreedRow, type LockedQueueRow, type StoreJson } from '../db/booking.queries.js';
import { Queue } from '../db/queue.entity.js';
import { Store } from '../db/store.entity.js';
import { addDays } from '../domain/local-day.js';
import { searchKey } from '../domain/search-key.js';
import type { QueueState } from '../queues/queue-view.js';
import { auditSnapshot } from './appointment-view.js';
import { ScheduleChanged, type ChangedTimes } from './booking-core.js';

/** The local dates whose exceptions a write of a typed time needs: its day and one either side (the zone is read with them). */
export function datesAround(typed: Date): DateRange {
  const day = typed.toISOString().slice(0, 10);
  return { from: addDays(day, -1), to: addDays(day, 1) };
}

/** A locked queue row in the engine's terms. */
export function queueStateOf(q: LockedQueueRow): QueueState {
  return { id: q.id, weeklyHours: q.weekly_hours, slotMinutes: q.slot_minutes, active: q.active, mode: q.mode };
}

/** What a new appointment row says (the rest of its columns are defaults). */
export interface NewAppointment {
  firstName: string;
  lastName: string;
  email?: string | null;
  phone?: string | null;
  notes?: string | null;
  taxId?: string | null;
  businessName?: string | null;
  businessTaxId?: string | null;
  procedure?: string | null;
  procedureId?: string | null;
  mode: 'in_person' | 'video';
  status: 'booked' | 'held';
  source: Appointment['source'];
  createdBy: string;
  videoLink?: string | null;
  heldUntil?: Date | null;
  holder?: string | null;
  citizenSub?: string | null;
  priorityTokenHash?: string | null;
}

/** Everything {@link claimTime} writes in its one statement. */
export interface Claim {
  store: StoreJson;
  queue: LockedQueueRow;
  startsAt: Date;
  endsAt: Date;
  now: Date;
  /** The exceptions the caller checked, as `lockTimes` read them. */
  schedule: { dates: DateRange; fingerprint: string };
  /** Cool-downs give way too (staff, a priority token's holder); lapsed holds always do. */
  cooldownToo: boolean;
  /** A citizen's hold: their previous hold goes. */
  releaseHolder?: string | null;
  appointment: NewAppointment;
  audit: { actor: string; action: string; extra?: Record<string, unknown> };
  outboxKind: 'appointment.confirmation' | null;
}

/**
 * Takes a time: in ONE statement (see `bookingQueries.insertAppointment`) lets go of what no longer
 * keeps it, writes the appointment or hold, its audit event and its email. Runs under the locks of
 * `lockTimes`; a schedule that changed since it was read throws {@link ScheduleChanged} (the
 * transaction runs again), an overlap the exclusion constraint's error. Answers the row as a managed
 * entity (queue and KEP loaded) and records the changed times for the hook.
 */
export async function claimTime(em: SqlEntityManager, changed: ChangedTimes, c: Claim): Promise<Appointment> {
  const id = randomUUID();
  const n = c.appointment;
  const row: Record<(typeof APPOINTMENT_COLUMNS)[number], unknown> = {
    id,
    store_id: c.store.id,
    queue_id: c.queue.id,
    starts_at: c.startsAt,
    ends_at: c.endsAt,
    first_name: n.firstName,
    last_name: n.lastName,
    email: n.email ?? null,
    phone: n.phone ?? null,
    notes: n.notes ?? null,
    tax_id: n.taxId ?? null,
    business_name: n.businessName ?? null,
    business_tax_id: n.businessTaxId ?? null,
    procedure: n.procedure ?? null,
    procedure_id: n.procedureId ?? null,
    search_key: `${searchKey(n.firstName)} ${searchKey(n.lastName)}`.slice(0, 300),
    mode: n.mode,
    status: n.status,
    source: n.source,
    created_by: n.createdBy,
    video_link: n.videoLink ?? null,
    held_until: n.heldUntil ?? null,
    holder: n.holder ?? null,
    citizen_sub: n.citizenSub ?? null,
    priority_token_hash: n.priorityTokenHash ?? null,
  };
  const after =
    n.status === 'held'
      ? { queueId: c.queue.id, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString(), heldUntil: n.heldUntil?.toISOString() ?? null, ...c.audit.extra }
      : { ...auditSnapshot({ ...n, queue: { id: c.queue.id }, startsAt: c.startsAt, endsAt: c.endsAt, cancelledReason: null }), ...c.audit.extra };
  const written = await bookingQueries.insertAppointment(em, {
    guard: { storeId: c.store.id, dates: c.schedule.dates, fingerprint: c.schedule.fingerprint },
    clear: { queueId: c.queue.id, startsAt: c.startsAt, endsAt: c.endsAt, now: c.now, cooldownToo: c.cooldownToo },
    releaseHolder: c.releaseHolder ?? null,
    row,
    audit: { actor: c.audit.actor, action: c.audit.action, after },
    outboxKind: c.outboxKind && n.email ? c.outboxKind : null,
  });
  if (!written) throw new ScheduleChanged();
  changed.add(c.store.id, c.queue.id, c.store.time_zone, c.startsAt, c.endsAt);
  recordFreed(changed, c.store, written.freed);
  return managedAppointment(em, c.store, c.queue, written.row);
}

/** Records the times a statement freed (holds and cool-downs it deleted) for the hook. */
export function recordFreed(changed: ChangedTimes, store: Pick<StoreJson, 'id' | 'time_zone'>, freed: readonly FreedRow[]): void {
  for (const f of freed) changed.add(store.id, f.queue_id, store.time_zone, f.starts_at, f.ends_at);
}

/** A row written by SQL as the managed entity the routes answer with (its queue and KEP loaded). */
export function managedAppointment(em: SqlEntityManager, store: StoreJson, queue: LockedQueueRow, row: Record<string, unknown>): Appointment {
  em.merge(Store, {
    id: store.id,
    code: store.code,
    name: store.name,
    municipality: store.municipality,
    address: store.address,
    timeZone: store.time_zone,
    contactEmail: store.contact_email,
    phone: store.phone,
  });
  em.merge(Queue, {
    id: queue.id,
    store: store.id,
    name: queue.name,
    isDefault: queue.is_default,
    mode: queue.mode,
    slotMinutes: queue.slot_minutes,
    weeklyHours: queue.weekly_hours,
    active: queue.active,
    public: queue.public,
    employeeSub: queue.employee_sub,
    employeeName: queue.employee_name,
  });
  return em.map(Appointment, row);
}
