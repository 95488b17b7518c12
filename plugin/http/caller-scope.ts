import type { StaffUser } from '../auth/session-data.js';
import { canManageAppointments } from '../domain/roles.js';
import { AppError } from './app-error.js';

/** The store ids whose data the caller may read; every query puts them in its WHERE clause. */
export function readableStores(user: StaffUser): string[] {
  return user.grants.map((g) => g.storeId);
}

/** Refuses a change in a store the caller can see but not change (403: they know it exists). */
export function assertCanWrite(user: StaffUser, storeId: string): void {
  if (!canManageAppointments(user.grants, storeId)) {
    throw new AppError(403, 'read-only', 'Έχετε μόνο δικαίωμα ανάγνωσης σε αυτό το ΚΕΠ.');
  }
}
