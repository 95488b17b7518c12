import type { EntityManager } from '@mikro-orm/core';
import { Appointment } from './appointment.entity.js';
import { Queue } from './queue.entity.js';

/**
 * Named queries on appointments. Each takes the caller's store ids and puts them in the WHERE clause
 * itself (tenant scoping in the query, not a check after loading), so a forgotten check cannot leak.
 */
export const appointmentQueries = {
  /** The live and past appointments of one KEP in [start, end), by time. */
  day(em: EntityManager, storeId: string, callerStores: readonly string[], range: { start: Date; end: Date }) {
    return em.find(
      Appointment,
      { store: { $in: scoped(storeId, callerStores) }, startsAt: { $gte: range.start, $lt: range.end } },
      { populate: ['queue'], orderBy: { startsAt: 'asc', queue: { name: 'asc' } } },
    );
  },

  /** A queue of one of the caller's KEPs: the given one, or the KEP's default queue. */
  queueFor(em: EntityManager, storeId: string, callerStores: readonly string[], queueId?: string) {
    const store = { $in: scoped(storeId, callerStores) };
    return em.findOne(Queue, queueId ? { id: queueId, store } : { store, isDefault: true }, { populate: ['store'] });
  },

  /** Intervals a queue already holds between two instants (cancelled ones free their slot). */
  taken(em: EntityManager, queueId: string, range: { start: Date; end: Date }) {
    return em.find(
      Appointment,
      { queue: queueId, status: { $ne: 'cancelled' }, startsAt: { $lt: range.end }, endsAt: { $gt: range.start } },
      { fields: ['startsAt', 'endsAt'] },
    );
  },
};

function scoped(storeId: string, callerStores: readonly string[]): string[] {
  return callerStores.includes(storeId) ? [storeId] : [];
}
