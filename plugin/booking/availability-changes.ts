/**
 * A commit that took, moved or freed time in a queue, on these local days (YYYY-MM-DD in the KEP's
 * zone): what the booking core tells the availability cache after each such commit.
 */
export interface SlotsChange {
  storeId: string;
  queueId: string;
  dates: string[];
}

/** A change of what a queue offers on every day: its hours, activation, mode, public flag, or an exception. */
export interface ScheduleChange {
  storeId: string;
  queueIds: readonly string[];
}

/**
 * What writers tell the availability cache, after their transaction commits and before they answer,
 * so that the next availability answer (on any instance sharing the cache) sees the change. Neither
 * call throws: a cache that cannot be reached is reported by the cache and bounded by its TTL.
 */
export interface AvailabilityChanges {
  slotsChanged(change: SlotsChange): Promise<void>;
  scheduleChanged(change: ScheduleChange): Promise<void>;
}

