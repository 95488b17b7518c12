import type { MikroORM } from '@mikro-orm/core';
import type { StaffUser } from '../auth/session-data.js';
import { recordAudit, sameSnapshot } from '../db/record-audit.js';
import { StaffPreference } from '../db/staff-preference.entity.js';
import { AppError, notFound } from '../http/app-error.js';

/**
 * Saves which of their KEPs (where they work: not a supervisor's read-only view of every KEP) a staff
 * member gets the morning day list of, at the address their sign-in gave; each change is audited.
 */
export async function savePreferences(orm: MikroORM, user: StaffUser, dailyListStores: readonly string[]): Promise<void> {
  const wanted = [...new Set(dailyListStores)];
  const own = new Set(user.grants.filter((g) => g.role !== 'supervisor').map((g) => g.storeId));
  // Another KEP's id reveals nothing: 404, as everywhere.
  if (wanted.some((id) => !own.has(id))) throw notFound('Το ΚΕΠ δεν βρέθηκε στα ΚΕΠ όπου εργάζεστε.');
  const email = user.email;
  if (wanted.length > 0 && !email) {
    const message = 'Ο λογαριασμός σας δεν έχει διεύθυνση email· ζητήστε να προστεθεί στον πάροχο ταυτότητας.';
    throw new AppError(409, 'no-email', message);
  }
  await orm.em.transactional(async (em) => {
    const rows = await em.find(StaffPreference, { sub: user.sub });
    const before = rows.filter((r) => r.dailyList).map((r) => r.storeId).sort();
    for (const row of rows) if (!wanted.includes(row.storeId)) em.remove(row);
    for (const storeId of wanted) {
      const row = rows.find((r) => r.storeId === storeId);
      if (row) {
        row.email = email!;
        row.dailyList = true;
      } else em.create(StaffPreference, { sub: user.sub, storeId, email: email!, dailyList: true });
    }
    // The same choice again (the address kept up to date aside) is no change and leaves no audit event.
    if (!sameSnapshot(before, [...wanted].sort())) {
      recordAudit(em, {
        actor: user.sub,
        action: 'staff.preferences',
        entityType: 'staff',
        entityId: user.sub.slice(0, 64),
        before: { dailyListStores: before },
        after: { dailyListStores: [...wanted].sort() },
      });
    }
    await em.flush();
  });
}
