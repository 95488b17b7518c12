import type { Clock } from '../../plugin/domain/clock.js';

/**
 * A clock a test sets, injected as the plugin's clock (`startTestSystem(label, { clock: clock.now })`,
 * or `createRantevou({ clock })`), so a test says what time it is for the server instead of booking
 * far in the future. Until set it tells the real time.
 *
 * - `set(instant)`: the time is `instant` and stands still (a rule at an exact minute);
 * - `start(instant)`: the time is `instant` and runs on at real speed (a browser test, whose
 *   waits and polls need the time to move);
 * - `advance(ms)`: moves the time on, standing or running.
 *
 * Sign-in stays on the machine's clock (sessions, citizen tokens, Redis TTLs), so a clock far from the
 * real time does not sign anybody out.
 */
export class TestClock {
  /** The instant the clock showed at `#since` (a real `Date.now()`), or null: the real time. */
  #at: number | null = null;
  /** When running, the real time at which the clock showed `#at`; null when it stands still. */
  #since: number | null = null;

  /** The clock function to inject. */
  readonly now: Clock = () => new Date(this.#read());

  /** From now on the time is `instant`, standing still; null: the real time again. */
  set(instant: Date | null): void {
    this.#at = instant === null ? null : instant.getTime();
    this.#since = null;
  }

  /** From now on the time is `instant`, running on at real speed from there. */
  start(instant: Date): void {
    this.#at = instant.getTime();
    this.#since = Date.now();
  }

  /** Moves the time on by `ms`; a running clock (or one still on the real time) runs on from there. */
  advance(ms: number): void {
    const running = this.#at === null || this.#since !== null;
    this.#at = this.#read() + ms;
    this.#since = running ? Date.now() : null;
  }

  #read(): number {
    if (this.#at === null) return Date.now();
    return this.#since === null ? this.#at : this.#at + (Date.now() - this.#since);
  }
}
