import type { MikroORM } from '@mikro-orm/core';

/** Two live rows of one queue whose times overlap: what must never exist. */
export interface Overlap {
  queueId: string;
  a: string;
  b: string;
}

/**
 * Every pair of live rows of a queue whose times overlap, read with SQL (a self-join on
 * `tstzrange && tstzrange`), not through the rules that wrote them. Live: not cancelled, and a hold
 * or cool-down only while `held_until` is after `now` (a lapsed one no longer keeps its time).
 */
export async function liveOverlaps(orm: MikroORM, now: Date): Promise<Overlap[]> {
  const live = (t: string) => `${t}.status <> 'cancelled' and (${t}.status <> 'held' or ${t}.held_until > ?)`;
  return orm.em.fork().getConnection().execute<Overlap[]>(
    `select a.queue_id as "queueId", a.id as a, b.id as b
       from appointment a join appointment b on a.queue_id = b.queue_id and a.id < b.id
      where ${live('a')} and ${live('b')}
        and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)`,
    [now, now],
  );
}
