import type { EntityManager } from '@mikro-orm/core';
import type { TakenInterval } from '../domain/availability.js';
import { Queue } from '../db/queue.entity.js';
import { Store } from '../db/store.entity.js';

/** A KEP as the public sees it. */
export interface PublicStoreRow {
  id: string;
  name: string;
  municipality: string;
  address: string;
  offersVideo: boolean;
}

/**
 * Read queries of the public API. Everything here is public by nature (KEPs, public queues, free
 * time); nothing returns a person's data, and only public, active queues are ever looked at.
 */
export const publicQueries = {
  /** Every KEP with at least one public, active queue, and whether one of them is for video calls. */
  async stores(em: EntityManager): Promise<PublicStoreRow[]> {
    const rows: { id: string; name: string; municipality: string; address: string; offers_video: boolean }[] = await em.getConnection().execute(
      `select s.id, s.name, s.municipality, s.address, bool_or(q.mode = 'video') as offers_video
         from store s join queue q on q.store_id = s.id and q.public and q.active
        group by s.id order by s.municipality, s.name`,
    );
    return rows.map((r) => ({ id: r.id, name: r.name, municipality: r.municipality, address: r.address, offersVideo: r.offers_video }));
  },

  /** The KEP, when it takes public bookings at all (a public, active queue of any mode). */
  async store(em: EntityManager, storeId: string): Promise<Store | null> {
    return (await publicQueries.storeWithQueues(em, storeId))?.store ?? null;
  },

  /** The KEP and its public, active queues of every mode, in one query; null when it has none. */
  async storeWithQueues(em: EntityManager, storeId: string): Promise<{ store: Store; queues: Queue[] } | null> {
    const queues = await em.find(Queue, { store: storeId, public: true, active: true }, { populate: ['store'], orderBy: { isDefault: 'desc', name: 'asc', id: 'asc' } });
    return queues.length ? { store: queues[0]!.store as Store, queues } : null;
  },

  /** The KEP's public, active queues of one mode. */
  queues(em: EntityManager, storeId: string, mode: 'in_person' | 'video') {
    return em.find(Queue, { store: storeId, public: true, active: true, mode }, { orderBy: { isDefault: 'desc', name: 'asc', id: 'asc' } });
  },

  /**
   * The stretches the given queues hold between two instants: live appointments and holds that have
   * not lapsed. `exceptHolder`'s own holds count as free, since a new hold of theirs replaces them;
   * with `cooldownsFree` (a priority token's holder) so do the cool-downs after cancellations.
   */
  async taken(
    em: EntityManager,
    queueIds: readonly string[],
    range: { start: Date; end: Date },
    exceptHolder?: string,
    { cooldownsFree = false }: { cooldownsFree?: boolean } = {},
  ): Promise<TakenInterval[]> {
    if (queueIds.length === 0) return [];
    const rows: { queue_id: string; s: string; e: string }[] = await em.getConnection().execute(
      `select queue_id, (extract(epoch from starts_at) * 1000)::bigint as s, (extract(epoch from ends_at) * 1000)::bigint as e
         from appointment
        where queue_id in (${queueIds.map(() => '?').join(', ')}) and status <> 'cancelled' and starts_at < ? and ends_at > ?
          and not (status = 'held' and (held_until <= now() or holder = ? or (? and holder = 'cooldown')))`,
      [...queueIds, range.end, range.start, exceptHolder ?? '', cooldownsFree],
    );
    return rows.map((r) => ({ queueId: r.queue_id, start: new Date(Number(r.s)), end: new Date(Number(r.e)) }));
  },
};
