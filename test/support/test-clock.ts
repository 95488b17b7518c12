/**
 * A clock a test sets: the plugin reads it through `attendance.now` (see `startTestSystem({ clock })`),
 * so a test says what time it is for the server instead of booking far in the future. Until set,
 * it tells the real time.
 */
export class TestClock {
  #at: number | null = null;

  /** The clock function to inject. */
  readonly now = (): Date => new Date(this.#at ?? Date.now());

  /** From now on the server's time is `instant` (standing still); null: the real time again. */
  set(instant: Date | null): void {
    this.#at = instant === null ? null : instant.getTime();
  }
}
