import type { MikroORM } from '@mikro-orm/core';
import { systemClock, type Clock } from '../domain/clock.js';

/** When reminders are written. */
export interface ReminderOptions {
  /** A reminder goes out this many hours before the appointment; 0 sends none. */
  hoursBefore: number;
  /** How often due reminders are looked for. */
  intervalMs?: number;
  /** Called after a pass wrote rows, e.g. to relay them at once. */
  onWritten?: (count: number) => void;
  onError?: (err: unknown) => void;
  /** The plugin's clock: the window is `hoursBefore` from its `now` (default: the machine's). */
  clock?: Clock;
}

/** A running reminder scheduler. */
export interface ReminderScheduler {
  /** Writes the reminders due now; resolves with how many it wrote. For tests and the first pass. */
  runNow(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Writes an 'appointment.reminder' outbox row for each booked appointment with an email that starts
 * within the next `hoursBefore` hours — once per appointment and start time. The unique index
 * `outbox_message_one_reminder` makes "once" hold even when several plugin instances run this at the
 * same moment (`on conflict do nothing`), so no leader is needed; a moved appointment gets a
 * reminder of its new time. An appointment booked inside the window gets none: its confirmation has
 * just told the citizen. The worker skips a reminder whose appointment was cancelled or moved since.
 */
export function startReminderScheduler(orm: MikroORM, options: ReminderOptions): ReminderScheduler {
  const { hoursBefore, intervalMs = 60_000, onWritten = () => {}, onError = () => {}, clock = systemClock } = options;
  let running: Promise<number> | null = null;
  let stopped = false;

  const pass = async (): Promise<number> => {
    if (hoursBefore <= 0) return 0;
    const window = hoursBefore * 3600;
    const now = clock();
    const rows = (await orm.em.fork().getConnection().execute(
      `insert into outbox_message (kind, appointment_id, reminder_for)
       select 'appointment.reminder', a.id, a.starts_at
         from appointment a
        where a.status = 'booked' and a.email is not null
          and a.starts_at > ?::timestamptz and a.starts_at <= ?::timestamptz + make_interval(secs => ?)
          and a.created_at < a.starts_at - make_interval(secs => ?)
       on conflict (appointment_id, reminder_for) where kind = 'appointment.reminder' do nothing
       returning id`,
      [now, now, window, window],
    )) as { id: string }[];
    if (rows.length > 0) onWritten(rows.length);
    return rows.length;
  };

  const run = () =>
    (running ??= pass()
      .catch((err: unknown) => {
        onError(err);
        return 0;
      })
      .finally(() => (running = null)));

  const timer = setInterval(() => {
    if (!stopped) void run();
  }, intervalMs);
  timer.unref();

  return {
    runNow: async () => {
      await running;
      return run();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
