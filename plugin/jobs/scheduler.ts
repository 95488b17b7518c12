import type { MikroORM } from '@mikro-orm/core';
import type { RoleSource } from '../auth/role-source.js';
import type { Clock } from '../domain/clock.js';
import { dailyRunDay, morningListDay } from '../domain/attendance.js';
import { ATHENS } from '../domain/local-time.js';
import type { AttendanceSettings } from './attendance-options.js';
import { runCallAlert } from './call-alert.job.js';
import { runEndOfDay } from './end-of-day.job.js';
import { runEscalation } from './escalation.job.js';
import type { LiveEvents } from '../live/live-events.js';
import { sendMorningLists } from './morning-list.job.js';
import { runRetention } from './retention.job.js';
import { runVideoAlert } from './video-alert.job.js';

/** What the attendance jobs need from the plugin. */
export interface AttendanceJobsDeps {
  orm: MikroORM;
  settings: AttendanceSettings;
  /** The plugin's clock: what is due is decided at its `now`. */
  clock: Clock;
  roleSource: RoleSource;
  publicUrl?: string | undefined;
  /** Where the alerts tell the KEPs' screens at once (the video late start); without it only email and the next reload. */
  live?: LiveEvents | undefined;
  /** Called after a job wrote email, to relay it at once. */
  afterWrite: () => void;
  onError: (message: string, err: unknown) => void;
}

/** The running scheduler. */
export interface AttendanceJobs {
  /** Runs every job that is due at the clock's `now`, and resolves when they are done (tests, first pass). */
  tick(): Promise<void>;
  /** Idempotent; waits for a running tick. */
  stop(): Promise<void>;
}

/** Most batches one tick runs of a job that has more to do; the next tick carries on. */
const MAX_BATCHES = 20;

/**
 * A small scheduler in the plugin process: every `tickSeconds` it runs, one after the other, the
 * escalation check, the video late-start alert and the end-of-day marking (all cheap when there is nothing to do, so at every
 * tick), the morning day lists (once a day from `morningListAt`) and the retention job (nightly, from
 * `retentionAt`). Every job takes its PostgreSQL advisory lock and is idempotent, so any number of
 * plugin instances may run this: each piece of work is done once. Time comes from `deps.clock`.
 */
export function startAttendanceJobs(deps: AttendanceJobsDeps): AttendanceJobs {
  const { orm, settings, clock } = deps;
  const links = { rebookUrl: settings.rebookUrl, publicUrl: deps.publicUrl };
  let lastMorningList: string | null = null;
  let lastRetention: string | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const step = async (name: string, work: () => Promise<void>) => {
    await work().catch((err: unknown) => deps.onError(`attendance job ${name} failed; it runs again at the next tick`, err));
  };

  const pass = async () => {
    const now = clock();
    let wrote = false;
    await step('escalation', async () => {
      const r = await runEscalation(orm, now, settings);
      wrote ||= r.ran && r.value.alerts > 0;
    });
    await step('call-alert', async () => {
      const r = await runCallAlert(orm, now, settings);
      if (r.ran) for (const event of r.value.events) deps.live?.publish(event);
      wrote ||= r.ran && r.value.alerts > 0;
    });
    await step('video-alert', async () => {
      const r = await runVideoAlert(orm, now, settings, deps.live);
      wrote ||= r.ran && r.value.alerts > 0;
    });
    await step('end-of-day', async () => {
      for (let i = 0; i < MAX_BATCHES && !stopped; i++) {
        const r = await runEndOfDay(orm, now, settings, links);
        wrote ||= r.ran && r.value.apologies > 0;
        if (!r.ran || !r.value.more) break;
      }
    });
    const listDay = morningListDay(now, settings.morningListAt, settings.endOfDay, ATHENS);
    if (listDay && listDay !== lastMorningList) {
      await step('morning-list', async () => {
        const r = await sendMorningLists(orm, listDay, deps.roleSource);
        if (r.ran) lastMorningList = listDay;
        wrote ||= r.written > 0;
      });
    }
    const retentionDay = dailyRunDay(now, settings.retentionAt, ATHENS);
    if (retentionDay && retentionDay !== lastRetention) {
      await step('retention', async () => {
        for (let i = 0; i < MAX_BATCHES && !stopped; i++) {
          const r = await runRetention(orm, now, settings.retentionMonths);
          if (!r.ran) return;
          if (!r.value.more) {
            lastRetention = retentionDay;
            return;
          }
        }
      });
    }
    if (wrote) deps.afterWrite();
  };

  const tick = () => (running ??= pass().finally(() => (running = null)));
  const timer = settings.runJobs ? setInterval(() => void (stopped || tick()), settings.tickSeconds * 1000) : null;
  timer?.unref();

  return {
    tick: async () => {
      await running;
      await tick();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
