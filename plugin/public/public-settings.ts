import type { MikroORM } from '@mikro-orm/core';
import type { ParsedOptions } from '../config/options.js';
import type { Clock } from '../domain/clock.js';
import type { LiveEvents } from '../live/live-events.js';
import type { RateLimitStores } from '../http/rate-limit-stores.js';
import type { AvailabilityCache } from './availability-cache.js';
import type { SlotsChanged } from '../booking/booking-core.js';
import type { WaitlistOffers } from '../waitlist/waitlist-offers.js';

/** The rules of public booking, as parsed from the options. */
export type PublicBookingRules = ParsedOptions['publicBooking'];

/** What the public API needs from the plugin. */
export interface PublicDeps {
  orm: MikroORM;
  rules: PublicBookingRules;
  /** Origins allowed to call the public API from a browser and to receive a citizen's sign-in. */
  publicOrigins: readonly string[];
  citizenOidc?: ParsedOptions['citizenOidc'];
  citizenGsis?: ParsedOptions['citizenGsis'];
  videoLinkTemplate: string;
  /** The absolute URL where the plugin is mounted, when a proxy hides it from the request. */
  publicUrl?: string;
  /** Called after a change commits, e.g. to relay its email at once. */
  afterChange: () => void;
  /** The public availability, cached per queue and day (plugin/public/availability-cache.ts). */
  availability: AvailabilityCache;
  /** The plugin's clock (`createRantevou({ clock })`): every rule's "now"; never the citizen's sign-in. */
  now: Clock;
  /** Every KEP screen's instant updates (issue 16): publish after a change commits. */
  live: LiveEvents;
  /** Where the public limits count (Redis, shared, when configured). */
  rateLimits: RateLimitStores;
  /** The apology's rebooking rules (`attendance.rebookUrl`, `priorityDays`), which the video waiting room's offer follows too. */
  rebook: { rebookUrl?: string | undefined; priorityDays: number };
  /** Told after each commit that takes, moves or frees a time (see BookingCore.slotsChanged); optional. */
  slotsChanged?: SlotsChanged;
  /** The waitlist's offer pass (plugin/waitlist): with it, `/public/waitlist` is served. */
  waitlist?: WaitlistOffers;
  log: (message: string, err?: unknown) => void;
}

/** The signed-in citizen behind a bearer token. */
export interface Citizen {
  sub: string;
  name: string;
  email: string | null;
  /**
   * The given and family names from the identity provider (`given_name`, `family_name`): when both
   * are known they are the appointment's name, whatever a request says.
   */
  givenName?: string | null;
  familyName?: string | null;
  /** The ΑΦΜ from the identity provider (GSIS `taxid`): the appointment's, whatever a request says. */
  taxId?: string | null;
}

/** The actor an audit event names for a citizen. */
export function citizenActor(citizen: Pick<Citizen, 'sub'>): string {
  return `citizen:${citizen.sub}`.slice(0, 200);
}
