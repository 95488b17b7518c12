import type { EntityManager } from '@mikro-orm/core';

/** A hold or cool-down that the public availability counts as taken right now. */
export interface LiveHold {
  id: string;
  queueId: string;
  startsAt: Date;
  endsAt: Date;
  heldUntil: Date;
}

/**
 * What the availability cache reads beside the free slots it caches: the holds that make an entry
 * perishable. Public information only (ids and times); the holder is never read into the cache.
 */
export const availabilityQueries = {
  /**
   * The live holds and cool-downs (at `now`, the plugin's clock) of some queues of a KEP that touch
   * [start, end): the ones the public availability counts as taken, by the (store_id, starts_at)
   * index as the free-time query scans it.
   */
  async liveHolds(em: EntityManager, storeId: string, queueIds: readonly string[], range: { start: Date; end: Date }, now: Date): Promise<LiveHold[]> {
    if (queueIds.length === 0) return [];
    type Row = { id: string; queue_id: string; starts_at: Date | string; ends_at: Date | string; held_until: Date | string };
    const rows: Row[] = await em.getConnection().execute(
      `select id, queue_id, starts_at, ends_at, held_until from appointment
        where store_id = ? and queue_id = any(array[?]::uuid[]) and status = 'held' and held_until > ?
          and starts_at < ? and starts_at > ? and ends_at > ?`,
      [storeId, [...queueIds], now, range.end, new Date(range.start.getTime() - 86_400_000), range.start],
    );
    return rows.map((r) => ({
      id: r.id,
      queueId: r.queue_id,
      startsAt: new Date(r.starts_at),
      endsAt: new Date(r.ends_at),
      heldUntil: new Date(r.held_until),
    }));
  },

  /**
   * Which of these holds still keep their time at `now`, and whether one of them is `holder`'s (a
   * citizen's own hold is free to them): one look-up by primary key.
   */
  async stillHeld(em: EntityManager, ids: readonly string[], holder: string | undefined, now: Date): Promise<{ live: Set<string>; holderHolds: boolean }> {
    const rows: { id: string; mine: boolean }[] = await em.getConnection().execute(
      `select id, holder = ? as mine from appointment where id = any(array[?]::uuid[]) and status = 'held' and held_until > ?`,
      [holder ?? '', [...ids], now],
    );
    return { live: new Set(rows.map((r) => r.id)), holderHolds: rows.some((r) => r.mine) };
  },
};
