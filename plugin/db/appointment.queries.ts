import { raw, type ConnectionType, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { AppointmentSource, AppointmentStatus } from '../domain/appointment-status.js';
import { Appointment } from './appointment.entity.js';
import { Queue } from './queue.entity.js';
import { sqlEm } from './sql-em.js';

/** What the staff list can be narrowed by. */
export interface AppointmentFilters {
  range?: { start: Date; end: Date };
  /** Search terms already in search-key form; each must appear in the name. */
  terms?: string[];
  /** A booking reference in stored form ("K7P-4MX"): the search also finds the appointment that has it. */
  reference?: string | null;
  queueId?: string;
  status?: AppointmentStatus[];
  mode?: 'in_person' | 'video';
  source?: AppointmentSource[];
  /** Only those needing attention: flagged by the escalation and still only booked (issue 8). */
  attention?: boolean;
}

/** How the staff list is ordered and cut into pages. */
export interface ListPage {
  sort: 'startsAt' | '-startsAt' | 'lastName' | '-lastName';
  page: number;
  pageSize: number;
}

/**
 * Named queries on appointments. Each takes the caller's store ids and puts them in the WHERE clause
 * itself (tenant scoping in the query, not a check after loading), so a forgotten check cannot leak.
 */
export const appointmentQueries = {
  /** One appointment of one of the caller's KEPs, with its queue and store; null for anything else. */
  byId(em: EntityManager, id: string, callerStores: readonly string[]) {
    // A hold is a citizen's few minutes (or a cool-down), not an appointment staff may read or change.
    return em.findOne(Appointment, { id, store: { $in: [...callerStores] }, status: { $ne: 'held' } }, { populate: ['queue', 'store'] });
  },

  /**
   * A page of a KEP's appointments with the total and the count per status (over all but the status
   * filter). `read`: from a replica when there is one (the day sheet); the staff list reads the primary.
   */
  async list(em: EntityManager, storeId: string, callerStores: readonly string[], filters: AppointmentFilters, page: ListPage, connectionType: ConnectionType = 'write') {
    const where = listWhere(storeId, callerStores, filters);
    const field = page.sort.replace('-', '') as 'startsAt' | 'lastName';
    const direction = page.sort.startsWith('-') ? 'desc' : 'asc';
    // The page and the counts side by side, each on a connection of its own (the counts read no entity).
    const [items, rows] = await Promise.all([
      em.find(Appointment, filters.status?.length ? { $and: [where, { status: { $in: filters.status } }] } : where, {
        populate: ['queue'],
        orderBy: [{ [field]: direction }, { startsAt: direction }, { id: 'asc' }],
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
        connectionType,
      }),
      sqlEm(em.fork())
        .createQueryBuilder(Appointment, 'a', connectionType)
        .select(['a.status', raw('count(*)').as('n')])
        .where(where as never)
        .groupBy('a.status')
        .execute<{ status: AppointmentStatus; n: string }[]>('all', false),
    ]);
    const counts: Partial<Record<AppointmentStatus, number>> = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    // The total is the counts of the statuses asked for: a count query of its own scanned the same
    // rows a second time (a third of a name search's time on a million appointments).
    const total = [...new Set(filters.status?.length ? filters.status : (Object.keys(counts) as AppointmentStatus[]))].reduce((sum, s) => sum + (counts[s] ?? 0), 0);
    return { items, total, counts };
  },

  /** A queue of one of the caller's KEPs: the given one, or the KEP's default queue. */
  queueFor(em: EntityManager, storeId: string, callerStores: readonly string[], queueId?: string, connectionType: ConnectionType = 'write') {
    const store = { $in: scoped(storeId, callerStores) };
    return em.findOne(Queue, queueId ? { id: queueId, store } : { store, isDefault: true }, { populate: ['store'], connectionType });
  },
};

function listWhere(storeId: string, callerStores: readonly string[], f: AppointmentFilters): FilterQuery<Appointment> {
  // Holds (a citizen booking online right now, or a cancellation's cool-down) are not appointments.
  const and: FilterQuery<Appointment>[] = [{ store: { $in: scoped(storeId, callerStores) } }, { status: { $ne: 'held' } }];
  if (f.range) and.push({ startsAt: { $gte: f.range.start, $lt: f.range.end } });
  if (f.queueId) and.push({ queue: f.queueId });
  if (f.mode) and.push({ mode: f.mode });
  if (f.source?.length) and.push({ source: { $in: f.source } });
  if (f.attention) and.push({ attentionAt: { $ne: null }, status: 'booked', callStartedAt: null });
  // Terms hold only [a-z0-9], so they carry no LIKE wildcards; the trigram index serves these.
  const byName: FilterQuery<Appointment>[] = (f.terms ?? []).map((term) => ({ searchKey: { $like: `%${term}%` } }));
  // Text that can be a reference ("k7p4mx") is searched both ways: a name could look like one.
  if (f.reference) and.push({ $or: [{ reference: f.reference }, ...(byName.length ? [{ $and: byName }] : [])] });
  else and.push(...byName);
  return { $and: and };
}

function scoped(storeId: string, callerStores: readonly string[]): string[] {
  return callerStores.includes(storeId) ? [storeId] : [];
}
