import type { EntityManager } from '@mikro-orm/core';
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
};
