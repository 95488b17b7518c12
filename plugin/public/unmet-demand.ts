import type { EntityManager } from '@mikro-orm/core';
import { unmetDemandQueries, type UnmetKey } from '../db/unmet-demand.queries.js';
import type { Queue } from '../db/queue.entity.js';
import type { Store } from '../db/store.entity.js';
import type { AvailabilityDay } from '../domain/availability.js';
import { addDays, localDateOf } from '../domain/local-day.js';
import { weekOf } from '../domain/report.js';
import type { AvailabilityCache } from './availability-cache.js';
import { lastPublicDay } from './public-availability.js';
import type { PublicBookingRules } from './public-settings.js';

/** How long one search burst lasts: the same search id, KEP, procedure, mode and week count once in it. */
const BURST_MS = 30 * 60_000;
/** Bursts remembered at once in this process (the oldest go first). */
const MAX_BURSTS = 100_000;

/** A public search, as the counter needs it: where, what, how, and the citizen's own hold (free to them). */
export interface UnmetSearch {
  store: Store;
  /** The KEP's public, active queues of the mode. */
  queues: readonly Queue[];
  mode: 'in_person' | 'video';
  procedureId: string | null;
  /**
   * The widget's random id of one booking flow (a fresh one per page and per booking), never stored:
   * it only keeps a burst of the same search from counting more than once. Absent: each search counts.
   */
  searchId: string | null;
  now: Date;
  exceptHolder?: string | undefined;
}

/** Counts the public searches that found no time within `days` (option `publicBooking.unmetDemandDays`). */
export interface UnmetDemand {
  readonly days: number;
  /**
   * After an availability answer over local days [from, to]: counts it when its window starts within
   * the days and it found nothing there, and the rest of the days (through the cache) have nothing
   * either. An answer with a time within the days costs nothing more: no read, no write.
   */
  afterSearch(em: EntityManager, s: UnmetSearch, from: string, to: string, answer: readonly AvailabilityDay[]): Promise<void>;
  /** After a hold refused because the time was taken: counts it when nothing else is free within the days. */
  afterRefusedHold(em: EntityManager, s: UnmetSearch): Promise<void>;
  /** The first free time of the KEP's queues within the days (through the cache), or null. */
  firstFree(em: EntityManager, s: Pick<UnmetSearch, 'store' | 'queues' | 'now' | 'exceptHolder'>): Promise<{ date: string; startsAt: string; label: string } | null>;
}

/**
 * The unmet-demand counter of the public API. Only counts, per KEP × procedure × mode × ISO week of
 * the search (table `unmet_demand`): no IP, no subject, no time of day. A burst — the widget asking
 * again on going back, paging to today, a retry — counts once when it sends its random `searchId`:
 * the id lives only in this process's memory, for half an hour, as part of that key (in real time, as TTLs are).
 * Several processes may each count a burst once; a client without the id counts every search.
 */
export function createUnmetDemand({ rules, availability, log }: { rules: PublicBookingRules; availability: AvailabilityCache; log: (message: string, err?: unknown) => void }): UnmetDemand {
  const days = rules.unmetDemandDays;
  const bursts = new Map<string, number>();

  /** The last local day "within the days" (and the public horizon). */
  const lastDay = (s: Pick<UnmetSearch, 'store' | 'now'>) => {
    const within = addDays(localDateOf(s.now.getTime(), s.store.timeZone), days - 1);
    const horizon = lastPublicDay(s.store.timeZone, rules.horizonDays, s.now);
    return within < horizon ? within : horizon;
  };
  const today = (s: Pick<UnmetSearch, 'store' | 'now'>) => localDateOf(s.now.getTime(), s.store.timeZone);

  const hasTime = async (em: EntityManager, s: UnmetSearch, from: string, to: string) => {
    if (to < from) return false;
    const found = await availability.freeSlots(em, { store: s.store, queues: s.queues, from, to, rules, now: s.now, exceptHolder: s.exceptHolder });
    return found.some((d) => d.slots.length > 0);
  };

  const count = async (em: EntityManager, s: UnmetSearch, kind: 'search' | 'hold') => {
    const key: UnmetKey = { storeId: s.store.id, procedureId: s.procedureId, mode: s.mode, week: weekOf(today(s)) };
    if (s.searchId && alreadyCounted(`${kind}|${s.searchId}|${key.storeId}|${key.procedureId}|${key.mode}|${key.week}`)) return;
    // A counter is not worth a citizen's error: log and go on.
    await unmetDemandQueries.count(em, key, kind).catch((err: unknown) => log('unmet demand: a search could not be counted', err instanceof Error ? err.message : err));
  };

  /** True when this burst was already counted (and remembers it otherwise). */
  const alreadyCounted = (key: string) => {
    const at = Date.now();
    const seen = bursts.get(key);
    if (seen !== undefined && at - seen < BURST_MS) return true;
    bursts.delete(key);
    bursts.set(key, at);
    if (bursts.size > MAX_BURSTS) bursts.delete(bursts.keys().next().value!);
    return false;
  };

  return {
    days,
    async afterSearch(em, s, from, to, answer) {
      const last = lastDay(s);
      // A window that starts after the days is a citizen looking further on, already counted (or not) at its first search.
      if (s.queues.length === 0 || from > last) return;
      if (answer.some((d) => d.date <= last && d.slots.length > 0)) return;
      const first = today(s);
      if (await hasTime(em, s, first, addDays(from, -1))) return;
      if (await hasTime(em, s, addDays(to, 1), last)) return;
      await count(em, s, 'search');
    },
    async afterRefusedHold(em, s) {
      if (s.queues.length === 0 || (await hasTime(em, s, today(s), lastDay(s)))) return;
      await count(em, s, 'hold');
    },
    async firstFree(em, s) {
      if (s.queues.length === 0) return null;
      const found = await availability.freeSlots(em, { store: s.store, queues: s.queues, from: today(s), to: lastDay(s), rules, now: s.now, exceptHolder: s.exceptHolder });
      for (const d of found) {
        const slot = d.slots[0];
        if (slot) return { date: d.date, startsAt: slot.start, label: slot.label };
      }
      return null;
    },
  };
}
