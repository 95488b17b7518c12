import type { MikroORM } from '@mikro-orm/core';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { bookingQueries } from '../db/booking.queries.js';
import type { FreeSlot } from '../domain/availability.js';
import { localDateOf } from '../domain/local-day.js';
import { bookableVerdict } from '../booking/assert-bookable.js';
import { inTimeTransaction, isLostRace, type BookingCore } from '../booking/booking-core.js';
import { claimTime, datesAround, queueStateOf } from '../booking/claim-time.js';
import { freeTimes } from '../booking/free-times.js';
import { lastPublicDay, publicTimes } from '../public/public-availability.js';
import { citizenActor, type PublicBookingRules } from '../public/public-settings.js';
import { waitlistQueries, type EntryRow, type WaitingGroup } from './waitlist.queries.js';

/** What the waitlist takes from the plugin: the ORM, the public rules, the core's clock and hook, and the outbox's nudge. */
export interface WaitlistDeps extends BookingCore {
  orm: MikroORM;
  rules: PublicBookingRules;
  /** Called after a pass wrote offers (their emails wait in the outbox). */
  afterChange: () => void;
  log: (message: string, err?: unknown) => void;
}

/** The running offer pass: run it now, have it run soon, stop it. */
export interface WaitlistOffers {
  /** Runs a pass (after the one running, if any) and answers how many offers it made. */
  run(): Promise<number>;
  /**
   * Asks for a pass soon, without waiting for it. With a KEP (the hook after a commit that changed
   * its times), only when the last pass found someone waiting there: a booking elsewhere costs nothing.
   */
  poke(storeId?: string): void;
  stop(): Promise<void>;
}

/** How often the pass runs by itself: cool-downs and offers lapse with time alone, with no commit to tell. */
const PASS_EVERY_MS = 30_000;
/** How many citizens one time is tried with before the pass moves on (each try is one transaction). */
const TRIES_PER_TIME = 5;

/** The holder of an offer's hold: the entry's marker, so the exclusion constraint keeps everyone else off the time. */
export function offerHolder(entryId: string): string {
  return `waitlist:${entryId}`;
}

/** The link of an entry (in the join's answer and in each offer email): the public API's page for it. */
export function waitlistLinkOf(baseUrl: string, token: string): string {
  return `${baseUrl}/api/v1/public/waitlist/${token}`;
}

/**
 * THE one place where freed times reach the waitlist. A pass: offers that lapsed become 'expired'
 * (their holds lapse by themselves), then for each KEP, procedure and mode with citizens waiting it
 * reads the free public times of their dates as the public sees them (a cancellation's time after
 * its cool-down, a time a move let go of, new hours, a removed closure, an offer that lapsed) and
 * offers each, in time order, to the first citizen waiting for its day, one transaction per offer.
 *
 * It runs after every commit that frees a time (`poke`, from the booking core's `slotsChanged`),
 * every 30 seconds (cool-downs and offers lapse with no commit), and when a citizen joins. Several
 * passes at once (instances, or a poke during a tick) are safe: see {@link offerTime}.
 */
export async function offerFreedTimes(deps: WaitlistDeps, waitingAt?: (storeIds: ReadonlySet<string>) => void): Promise<number> {
  const em = deps.orm.em.fork();
  const now = deps.now();
  await waitlistQueries.expire(em, now);
  let offers = 0;
  const groups = await waitlistQueries.waitingGroups(em, null);
  waitingAt?.(new Set(groups.map((g) => g.store_id)));
  for (const group of groups) {
    const zone = group.time_zone;
    const from = max(group.date_from, localDateOf(now.getTime(), zone));
    const to = min(group.date_to, lastPublicDay(zone, deps.rules.horizonDays, now));
    if (group.queues.length === 0 || from > to) continue;
    const policy = publicTimes({ id: group.store_id, timeZone: zone }, group.queues, deps.rules, now);
    for (const day of await freeTimes(em, policy, from, to)) {
      for (const slot of day.slots) {
        const outcome = await offerTime(deps, group, day.date, slot);
        if (outcome === 'nobody') break;
        if (outcome === 'offered') offers++;
      }
    }
  }
  if (offers > 0) deps.afterChange();
  return offers;
}

/**
 * Offers one free time to the first citizen in line for its day: 'offered', 'taken' (someone else
 * took the time first, or the queue no longer offers it), or 'nobody' waits for that day. Each try
 * is one transaction in the booking core's lock order: the citizen's advisory lock (so two passes
 * never give one citizen two offers: the second sees the first's), the queue's row and advisory
 * lock, then the entry FOR UPDATE SKIP LOCKED; the exclusion constraint gives the time to one hold
 * only (the loser's 23P01 moves it on), and the unique index on offered entries per citizen is the
 * last word on one offer each.
 */
async function offerTime(deps: WaitlistDeps, group: WaitingGroup, date: string, slot: FreeSlot): Promise<'offered' | 'taken' | 'nobody'> {
  const em = deps.orm.em.fork();
  const skip: string[] = [];
  for (let i = 0; i < TRIES_PER_TIME; i++) {
    const entry = await waitlistQueries.firstInLine(em, { storeId: group.store_id, procedureId: group.procedure_id, mode: group.mode, date, skip });
    if (!entry) return 'nobody';
    const outcome = await tryOffer(deps, group, entry, slot).catch((err: unknown) => {
      if (isLostRace(err)) return 'taken' as const;
      if ((err as { code?: string })?.code === '23505') return 'busy' as const;
      throw err;
    });
    if (outcome !== 'busy') return outcome;
    skip.push(entry.id);
  }
  return 'taken';
}

function tryOffer(deps: WaitlistDeps, group: WaitingGroup, entry: EntryRow, slot: FreeSlot): Promise<'offered' | 'taken' | 'busy'> {
  const startsAt = new Date(slot.start);
  const endsAt = new Date(slot.end);
  const dates = datesAround(startsAt);
  return inTimeTransaction(deps.orm, deps, async (em, changed) => {
    const now = deps.now();
    const locked = await bookingQueries.lockTimes(em, {
      storeId: group.store_id,
      queueIds: [slot.queueId],
      citizenKey: citizenActor({ sub: entry.citizen_sub }),
      dates,
      procedureId: group.procedure_id,
    });
    const queue = locked.queues[0];
    if (!queue || !locked.store || !locked.procedure || !queue.public || !queue.active || queue.mode !== group.mode) return 'taken';
    const check = { queue: queueStateOf(queue), startsAt, endsAt, exceptions: locked.schedule.exceptions, now, zone: locked.store.time_zone };
    if (!bookableVerdict(check).ok || startsAt.getTime() <= now.getTime()) return 'taken';
    const waiting = await waitlistQueries.lockWaiting(em, entry.id);
    if (!waiting) return 'busy';
    const until = new Date(now.getTime() + deps.rules.waitlistOfferMinutes * 60_000);
    const hold = await claimTime(em, changed, {
      store: locked.store,
      queue,
      startsAt,
      endsAt,
      now,
      schedule: { dates, fingerprint: locked.schedule.fingerprint },
      // A cool-down keeps a freed time from everyone, the waitlist too, until it lapses.
      cooldownToo: false,
      appointment: {
        // The email of the offer is written from the hold, which goes (with its email) when it lapses.
        firstName: waiting.first_name,
        lastName: waiting.last_name,
        email: waiting.email,
        mode: queue.mode,
        status: 'held',
        heldUntil: until,
        holder: offerHolder(waiting.id),
        citizenSub: waiting.citizen_sub,
        procedureId: locked.procedure.id,
        procedure: locked.procedure.name,
        source: 'online',
        createdBy: 'system:waitlist',
      },
      audit: { actor: 'system:waitlist', action: 'appointment.hold', extra: { waitlist: true } },
      outboxKind: null,
    });
    const token = newSecret();
    await waitlistQueries.markOffered(em, { entryId: waiting.id, holdId: hold.id, startsAt, until, linkHash: hashSecret(token), url: waitlistLinkOf(waiting.base_url, token), now });
    return 'offered';
  });
}

/**
 * Starts the offer pass: every 30 seconds, and soon after each `poke`. Passes run one after the
 * other in this process (a poke during a pass asks for one more after it, not for one each). The
 * KEPs with someone waiting are those the last pass found: another instance's join is known here at
 * its next tick (the tick, not the poke, is what makes sure every freed time is offered).
 */
export function startWaitlistOffers(deps: WaitlistDeps): WaitlistOffers {
  let current: Promise<unknown> = Promise.resolve();
  let queued: Promise<number> | null = null;
  let stopped = false;
  let waiting: ReadonlySet<string> | null = null;
  const run = (): Promise<number> => {
    if (queued) return queued;
    const next = current
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return stopped ? 0 : offerFreedTimes(deps, (stores) => (waiting = stores));
      });
    queued = next;
    current = next;
    return next;
  };
  const poke = (storeId?: string) => {
    if (storeId !== undefined && waiting !== null && !waiting.has(storeId)) return;
    void run().catch((err: unknown) => deps.log('waitlist offer pass failed; it runs again in 30 seconds', err));
  };
  const timer = setInterval(() => poke(), PASS_EVERY_MS);
  timer.unref();
  // The first pass at once: it finds the KEPs with someone waiting, and what lapsed while no process ran.
  poke();
  return {
    run,
    poke,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await current.catch(() => undefined);
    },
  };
}

const max = (a: string, b: string) => (a > b ? a : b);
const min = (a: string, b: string) => (a < b ? a : b);
