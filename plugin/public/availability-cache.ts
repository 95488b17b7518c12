import type { EntityManager } from '@mikro-orm/core';
import type { AvailabilityChanges, ScheduleChange, SlotsChange } from '../booking/availability-changes.js';
import { availabilityQueries, type LiveHold } from '../db/availability.queries.js';
import type { Queue } from '../db/queue.entity.js';
import type { AvailabilityDay, FreeSlot } from '../domain/availability.js';
import { addDays, localDateOf, localDay } from '../domain/local-day.js';
import { memoryAvailabilityStore, redisAvailabilityStore, type AvailabilityStore, type CachedDay, type QueueDay } from './availability-store.js';
import { publicFreeSlots, type PublicAvailabilityQuery } from './public-availability.js';

/** An entry is recomputed at least this often, whatever happened: the bound on a write whose invalidation was lost (Redis down). */
const ENTRY_TTL_MS = 60_000;
/** Entries kept in this process's memory (the oldest go first). */
const LOCAL_ENTRIES = 50_000;

/** What the public asks: a KEP's public queues of one mode on some days, at the plugin's `now`. */
export type AvailabilityQuestion = PublicAvailabilityQuery & { now: Date };

/** The public availability, answered from a per-queue-and-day cache that every write invalidates. */
export interface AvailabilityCache extends AvailabilityChanges {
  /** The same answer as {@link publicFreeSlots}, from the cache where it can be. */
  freeSlots(em: EntityManager, q: AvailabilityQuestion): Promise<AvailabilityDay[]>;
  close(): Promise<void>;
}

/** How many times free slots were computed from the database (a burst of identical requests should add one). For tests. */
export const availabilityComputations = { count: 0 };

/**
 * The cache of the public availability, one entry per queue and local day: every slot of that day
 * that nothing takes, stored without the clock (minimum notice and times already past are filtered
 * at each read with that request's `now`), with the holds and cool-downs it counted as taken.
 *
 * - Writes invalidate: the booking core's `slotsChanged` bumps the generation of each queue-day it
 *   changed, a schedule change (`scheduleChanged`) the generation of the whole queue, both after the
 *   commit and before the writer answers. An entry is served only under the generations it was
 *   computed under, so a computation that read the database before a write is never served after it.
 * - Time invalidates: an entry lives until the first `held_until` it counted (by the plugin's clock)
 *   and a minute at most (in real time: the bound on an invalidation lost while Redis was down), and
 *   a read that finds holds in its entries checks by primary key that they still hold their times; a
 *   hold that lapsed, or was let go, sends its entries back to the database.
 * - A burst computes once: concurrent misses of one queue-day under one generation share one
 *   computation in this process (several processes compute at most once each).
 * - Personal questions: a priority token (cool-downs are free to its holder) is answered from the
 *   database; a signed-in citizen is answered from the cache unless a hold in it is their own.
 * - Redis (`redisUrl`) holds generations and entries for every process and instance; without it they
 *   live in this process (right only for one process: the embedded default runs one). While Redis is
 *   unreachable availability is computed without the cache, logged once per outage.
 *
 * Staleness never books a taken time: holds and bookings never read this cache, and the exclusion
 * constraint decides.
 */
export function createAvailabilityCache({ redisUrl, log }: { redisUrl?: string; log: (message: string, err?: unknown) => void }): AvailabilityCache {
  let reported = false;
  const unreachable = (err: unknown) => {
    if (reported) return;
    reported = true;
    // The error's message only: no key (queue ids are not personal, but nothing else is needed either).
    log('availability cache (Redis) unreachable: availability is computed without it until Redis is back', err instanceof Error ? err.message : err);
  };
  const store: AvailabilityStore = redisUrl ? redisAvailabilityStore(redisUrl, unreachable) : memoryAvailabilityStore();
  /** A read of the store, which fails as "no cache now" rather than as the request's error. */
  const ask = <T>(read: Promise<T>): Promise<T> =>
    read.catch((err: unknown) => {
      unreachable(err);
      throw new StoreUnreachable();
    });
  const local = new Map<string, CachedDay>();
  const inFlight = new Map<string, Promise<CachedDay>>();

  const remember = (day: QueueDay, entry: CachedDay) => {
    local.delete(keyOf(day));
    local.set(keyOf(day), entry);
    if (local.size > LOCAL_ENTRIES) local.delete(local.keys().next().value!);
  };

  /** One computation for every missing queue-day of the question, shared with concurrent askers. */
  async function compute(em: EntityManager, q: AvailabilityQuestion, days: QueueDay[], stamps: string[]): Promise<CachedDay[]> {
    const mine: { day: QueueDay; stamp: string; resolve: (e: CachedDay) => void; reject: (err: unknown) => void }[] = [];
    const waits = days.map((day, i) => {
      // Another request of this process may have computed it since this one looked.
      const done = usable(local.get(keyOf(day)), stamps[i]!, q.now.getTime());
      if (done) return done;
      const flightKey = `${keyOf(day)}@${stamps[i]}`;
      const running = inFlight.get(flightKey);
      if (running) return running;
      const promise = new Promise<CachedDay>((resolve, reject) => mine.push({ day, stamp: stamps[i]!, resolve, reject }));
      promise.catch(() => {});
      inFlight.set(flightKey, promise);
      return promise;
    });
    if (mine.length > 0) {
      try {
        const entries = await computeDays(em, q, mine.map((m) => m.day), mine.map((m) => m.stamp));
        mine.forEach((m, i) => {
          remember(m.day, entries[i]!);
          m.resolve(entries[i]!);
        });
        store.put(mine.map((m, i) => ({ day: m.day, entry: entries[i]! }))).catch(unreachable);
      } catch (err) {
        for (const m of mine) m.reject(err);
      } finally {
        for (const m of mine) inFlight.delete(`${keyOf(m.day)}@${m.stamp}`);
      }
    }
    return Promise.all(waits);
  }

  async function cached(em: EntityManager, q: AvailabilityQuestion): Promise<AvailabilityDay[] | null> {
    const days: QueueDay[] = [];
    for (let date = q.from; date <= q.to; date = addDays(date, 1)) for (const queue of q.queues) days.push({ queueId: queue.id, date });
    const stamps = await ask(store.stamps(days));
    reported = false;
    const now = q.now.getTime();
    const entries: (CachedDay | undefined)[] = days.map((day, i) => usable(local.get(keyOf(day)), stamps[i]!, now));
    const absent = days.flatMap((_, i) => (entries[i] ? [] : [i]));
    if (absent.length > 0) {
      const shared = await ask(store.entries(absent.map((i) => days[i]!)));
      absent.forEach((i, j) => {
        const entry = usable(shared[j] ?? undefined, stamps[i]!, now);
        if (entry) remember(days[i]!, (entries[i] = entry));
      });
    }
    const missing = days.flatMap((_, i) => (entries[i] ? [] : [i]));
    if (missing.length > 0) {
      const computed = await compute(em, q, missing.map((i) => days[i]!), missing.map((i) => stamps[i]!));
      missing.forEach((i, j) => (entries[i] = computed[j]));
    }
    const holds = [...new Set(entries.flatMap((e) => e!.holds))];
    if (holds.length > 0) {
      const { live, holderHolds } = await availabilityQueries.stillHeld(em, holds, q.exceptHolder, q.now);
      // The citizen's own hold is free to them: a difference only the database can make.
      if (holderHolds) return null;
      const gone = days.flatMap((_, i) => (entries[i]!.holds.some((id) => !live.has(id)) ? [i] : []));
      if (gone.length > 0) {
        for (const i of gone) if (local.get(keyOf(days[i]!)) === entries[i]) local.delete(keyOf(days[i]!));
        const computed = await compute(em, q, gone.map((i) => days[i]!), gone.map((i) => stamps[i]!));
        gone.forEach((i, j) => (entries[i] = computed[j]));
      }
    }
    return assemble(q, days, entries as CachedDay[]);
  }

  return {
    async freeSlots(em, q) {
      if (q.queues.length === 0 || q.to < q.from) return [];
      if (!q.priority) {
        try {
          const answer = await cached(em, q);
          if (answer) return answer;
        } catch (err) {
          if (!(err instanceof StoreUnreachable)) throw err;
        }
      }
      availabilityComputations.count++;
      return publicFreeSlots(em, q);
    },
    async slotsChanged(change: SlotsChange) {
      const days = change.dates.map((date) => ({ queueId: change.queueId, date }));
      for (const day of days) local.delete(keyOf(day));
      await store.bumpDays(days).catch(unreachable);
    },
    async scheduleChanged(change: ScheduleChange) {
      const queues = new Set(change.queueIds);
      for (const key of local.keys()) if (queues.has(key.slice(0, key.indexOf(':')))) local.delete(key);
      await store.bumpQueues(change.queueIds).catch(unreachable);
    },
    close: () => store.close(),
  };
}

/** Computes the entries of some queue-days of the question's KEP, from one read of the database. */
async function computeDays(em: EntityManager, q: AvailabilityQuestion, days: readonly QueueDay[], stamps: readonly string[]): Promise<CachedDay[]> {
  availabilityComputations.count++;
  const zone = q.store.timeZone;
  const dates = days.map((d) => d.date).sort();
  const from = dates[0]!;
  const to = dates[dates.length - 1]!;
  const queueIds = new Set(days.map((d) => d.queueId));
  const queues: Queue[] = q.queues.filter((x) => queueIds.has(x.id));
  const range = { start: new Date(localDay(from, zone).at(0)), end: new Date(localDay(addDays(to, 1), zone).at(0)) };
  // The holds first: one that lapses between the two reads is then listed (and found lapsed at the
  // next read) rather than counted as taken by an entry that does not know it.
  const holds = await availabilityQueries.liveHolds(em, q.store.id, [...queueIds], range, q.now);
  // Minimum notice 0: it is applied at each read. Times already past at `now` are left out (a later read leaves out more).
  const rules = { minNoticeMinutes: 0, horizonDays: q.rules.horizonDays };
  const computed = await publicFreeSlots(em, { store: q.store, queues, from, to, rules, now: q.now });
  const slotsOf = new Map<string, [string, string, string][]>();
  for (const day of computed) {
    for (const s of day.slots) {
      const key = keyOf({ queueId: s.queueId, date: day.date });
      let list = slotsOf.get(key);
      if (!list) slotsOf.set(key, (list = []));
      list.push([s.start, s.end, s.label]);
    }
  }
  const holdsOf = new Map<string, LiveHold[]>();
  for (const h of holds) {
    for (const date of new Set([localDateOf(h.startsAt.getTime(), zone), localDateOf(h.endsAt.getTime() - 1, zone)])) {
      const key = keyOf({ queueId: h.queueId, date });
      holdsOf.set(key, [...(holdsOf.get(key) ?? []), h]);
    }
  }
  const now = q.now.getTime();
  const expiresAt = Date.now() + ENTRY_TTL_MS;
  return days.map((day, i) => {
    const counted = holdsOf.get(keyOf(day)) ?? [];
    const until = counted.length ? Math.min(...counted.map((h) => h.heldUntil.getTime())) : null;
    return { stamp: stamps[i]!, computedAt: now, until, expiresAt, holds: counted.map((h) => h.id), slots: slotsOf.get(keyOf(day)) ?? [] };
  });
}

/** The answer: each day's slots of every queue, in queue order for equal times, from `now` plus the notice. */
function assemble(q: AvailabilityQuestion, days: readonly QueueDay[], entries: readonly CachedDay[]): AvailabilityDay[] {
  const earliest = new Date(q.now.getTime() + q.rules.minNoticeMinutes * 60_000).toISOString();
  const byDate = new Map<string, FreeSlot[]>();
  days.forEach((day, i) => {
    let slots = byDate.get(day.date);
    if (!slots) byDate.set(day.date, (slots = []));
    for (const [start, end, label] of entries[i]!.slots) if (start >= earliest) slots.push({ queueId: day.queueId, start, end, label });
  });
  // Queue after queue, each ascending: a stable sort by time keeps queue order for ties, as the engine does.
  return [...byDate].map(([date, slots]) => ({ date, slots: slots.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)) }));
}

/**
 * An entry that may answer at `now` (the plugin's clock): computed under these generations, at or
 * before `now`, before its first hold lapses, and not yet expired in real time.
 */
function usable(entry: CachedDay | undefined, stamp: string, now: number): CachedDay | undefined {
  if (!entry || entry.stamp !== stamp || entry.computedAt > now || (entry.until !== null && now >= entry.until)) return undefined;
  return Date.now() < entry.expiresAt ? entry : undefined;
}

function keyOf(day: QueueDay): string {
  return `${day.queueId}:${day.date}`;
}

/** The cache's store could not be read (already reported): answer without the cache. */
class StoreUnreachable extends Error {}
