import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { DateTime } from 'luxon';
import { Appointment } from '../db/appointment.entity.js';
import { appointmentQueries } from '../db/appointment.queries.js';
import type { Queue } from '../db/queue.entity.js';
import { recordAudit } from '../db/record-audit.js';
import { localToInstant } from '../domain/local-time.js';
import { nextFreeSlots } from '../domain/next-free-slots.js';
import type { StaffUser } from '../auth/session-data.js';
import { addToOutbox } from '../outbox/outbox-writer.js';
import { AppError, notFound } from './app-error.js';
import type { CreateAppointmentInput } from './schemas/appointment.schema.js';

const OVERLAP_CONSTRAINT = 'appointment_no_overlap';

/**
 * Books an appointment: the row, its audit event and (with an email) its outbox message in one
 * transaction. The database's exclusion constraint decides races; the loser gets 409 and the next
 * free slots.
 */
export async function bookAppointment(
  orm: MikroORM,
  user: StaffUser,
  storeId: string,
  input: CreateAppointmentInput,
): Promise<Appointment> {
  const callerStores = user.grants.map((g) => g.storeId);
  const queue = await appointmentQueries.queueFor(orm.em, storeId, callerStores, input.queueId);
  if (!queue) throw notFound(input.queueId ? 'Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.' : 'Το ΚΕΠ δεν βρέθηκε.');
  const zone = queue.store.timeZone;
  const startsAt = localToInstant(input.startsAt, zone);
  if (!startsAt) {
    throw new AppError(400, 'validation', 'Η ημερομηνία ή η ώρα δεν υπάρχει.', {
      errors: [{ path: 'startsAt', message: 'Η ημερομηνία ή η ώρα δεν υπάρχει.' }],
    });
  }
  const endsAt = new Date(startsAt.getTime() + queue.slotMinutes * 60_000);
  try {
    return await orm.em.transactional(async (em) => {
      const appointment = em.create(Appointment, {
        store: storeId,
        queue: queue.id,
        startsAt,
        endsAt,
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        notes: input.notes || null,
        mode: queue.mode,
        source: 'phone',
        createdBy: user.sub,
      });
      recordAudit(em, {
        actor: user.sub,
        action: 'appointment.create',
        entityType: 'appointment',
        entityId: appointment.id,
        storeId,
        after: { queueId: queue.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
      });
      if (appointment.email) addToOutbox(em, 'appointment.confirmation', appointment);
      await em.flush();
      return appointment;
    });
  } catch (err) {
    if (!isOverlap(err)) throw err;
    throw await slotTaken(orm.em, queue, startsAt);
  }
}

function isOverlap(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23P01' || e?.constraint === OVERLAP_CONSTRAINT || !!e?.message?.includes(OVERLAP_CONSTRAINT);
}

async function slotTaken(
  em: EntityManager,
  queue: Queue,
  wanted: Date,
): Promise<AppError> {
  const zone = queue.store.timeZone;
  const from = DateTime.fromJSDate(wanted, { zone }).startOf('day');
  const taken = await appointmentQueries.taken(em, queue.id, { start: from.toJSDate(), end: from.plus({ days: 14 }).toJSDate() });
  const slots = nextFreeSlots(
    { weeklyHours: queue.weeklyHours, slotMinutes: queue.slotMinutes, zone },
    taken.map((t) => ({ start: t.startsAt, end: t.endsAt })),
    new Date(Math.max(wanted.getTime(), Date.now())),
  );
  return new AppError(409, 'slot-taken', 'Η ώρα αυτή μόλις κλείστηκε ή επικαλύπτεται με άλλο ραντεβού της ουράς.', {
    nextFreeSlots: slots.map((s) => s.toISOString()),
  });
}
