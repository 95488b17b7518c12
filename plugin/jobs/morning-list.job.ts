import type { MikroORM } from '@mikro-orm/core';
import { deriveGrants } from '../auth/derive-grants.js';
import type { RoleSource } from '../auth/role-source.js';
import { StaffPreference } from '../db/staff-preference.entity.js';
import { JOB_LOCKS, sql, withJobLock } from './job-lock.js';

/** What one morning run did. */
export interface MorningListResult {
  /** Day-list emails written now (0 when they were already written today). */
  written: number;
  /** Subscriptions not sent because the RoleSource no longer (or could not) confirm the person's place at the KEP. */
  unconfirmed: number;
  /** False when another instance held the lock. */
  ran: boolean;
}

/**
 * Writes the morning day list of `date` for every staff member who asked for it, one email per
 * person and KEP. A preference outlives a person's job, so each one is confirmed with the RoleSource
 * first (as at sign-in): someone moved to another KEP, or whom the counter application cannot confirm
 * right now, gets nothing. A unique index makes "once per person, KEP and day" hold however many
 * instances run this, and however often.
 */
export async function sendMorningLists(orm: MikroORM, date: string, roles: RoleSource): Promise<MorningListResult> {
  const em = orm.em.fork();
  const prefs = await em.find(StaffPreference, { dailyList: true }, { orderBy: { sub: 'asc', storeId: 'asc' } });
  const bySub = new Map<string, StaffPreference[]>();
  for (const p of prefs) bySub.set(p.sub, [...(bySub.get(p.sub) ?? []), p]);
  const confirmed: StaffPreference[] = [];
  for (const [sub, list] of bySub) {
    // Outside any transaction: the counter application is asked over HTTP.
    const access = await deriveGrants(em, roles, { sub, name: '', email: list[0]!.email }, 'refresh').catch(() => null);
    const stores = new Set(access?.grants.filter((g) => g.role !== 'supervisor').map((g) => g.storeId) ?? []);
    confirmed.push(...list.filter((p) => stores.has(p.storeId)));
  }
  const locked = await withJobLock(orm, JOB_LOCKS.morningList, async (tx) => {
    let written = 0;
    for (const p of confirmed) {
      const rows = await sql<{ id: string }>(
        tx,
        `insert into outbox_message (kind, store_id, recipient, for_date) values ('staff.day-list', ?, ?, ?)
         on conflict (store_id, recipient, for_date) where kind = 'staff.day-list' do nothing returning id`,
        [p.storeId, p.email, date],
      );
      written += rows.length;
    }
    return written;
  });
  return { written: locked.ran ? locked.value : 0, unconfirmed: prefs.length - confirmed.length, ran: locked.ran };
}
