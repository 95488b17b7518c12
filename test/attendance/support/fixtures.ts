import type { MikroORM } from '@mikro-orm/core';
import { Appointment } from '../../../plugin/db/appointment.entity.js';
import type { Queue } from '../../../plugin/db/queue.entity.js';
import type { AppointmentSource, AppointmentStatus } from '../../../plugin/domain/appointment-status.js';
import { localToInstant } from '../../../plugin/domain/local-time.js';

/** An appointment to insert directly (no API rules apply: any date, any status). */
export interface Fixture {
  queue: Queue;
  /** Local Athens time, `YYYY-MM-DDTHH:mm`. */
  at: string;
  minutes?: number;
  status?: AppointmentStatus;
  source?: AppointmentSource;
  firstName?: string;
  lastName?: string;
  email?: string | null;
  phone?: string | null;
  taxId?: string | null;
  notes?: string | null;
  /** Local Athens time the booking was made; default: `leadDays` (else 7 days) before the start. */
  bookedAt?: string;
  leadDays?: number;
  callStartedAt?: Date | null;
}

/** Athens local time → instant. */
export function athens(local: string): Date {
  const d = localToInstant(local);
  if (!d) throw new Error(`bad local time ${local}`);
  return d;
}

/** Inserts appointments through the ORM, as they would be after the given history; returns them in order. */
export async function insertAppointments(orm: MikroORM, fixtures: readonly Fixture[]): Promise<Appointment[]> {
  const em = orm.em.fork();
  const made = fixtures.map((f) => {
    const startsAt = athens(f.at);
    return em.create(Appointment, {
      store: f.queue.store.id,
      queue: f.queue.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + (f.minutes ?? 15) * 60_000),
      firstName: f.firstName ?? 'Δοκιμή',
      lastName: f.lastName ?? 'Δοκιμαστική',
      email: f.email ?? null,
      phone: f.phone ?? null,
      taxId: f.taxId ?? null,
      notes: f.notes ?? null,
      mode: f.queue.mode,
      status: f.status ?? 'booked',
      source: f.source ?? 'phone',
      createdBy: 'fixture',
      createdAt: f.bookedAt ? athens(f.bookedAt) : new Date(startsAt.getTime() - (f.leadDays ?? 7) * 86_400_000),
      heldUntil: f.status === 'held' ? new Date(startsAt.getTime() - 86_400_000) : null,
      callStartedAt: f.callStartedAt ?? null,
    });
  });
  await em.flush();
  return made;
}
