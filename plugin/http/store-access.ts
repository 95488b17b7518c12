import type { Request } from 'express';
import type { StaffUser } from '../auth/session-data.js';
import { canAdministerStore, canReadStore } from '../domain/roles.js';
import { AppError, notFound } from './app-error.js';
import { z } from './zod-openapi.js';

const Uuid = z.uuid();

/** A path id that is not a UUID names nothing: 404, like another KEP's id. */
export function pathId(value: unknown): string {
  const parsed = Uuid.safeParse(value);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

/** The `:storeId` of a router mounted with `mergeParams`. */
export function storeIdOf(req: Request): string {
  return pathId((req.params as Record<string, unknown>).storeId);
}

/** The caller may read the KEP's queues and schedule; any other KEP answers 404. */
export function assertReader(user: StaffUser, storeId: string): void {
  if (!canReadStore(user.grants, storeId)) throw notFound();
}

/**
 * The caller administers the KEP. Another KEP answers 404 (nothing is revealed); the caller's own
 * KEP without the administrator role answers 403, since they already see it.
 */
export function assertAdministrator(user: StaffUser, storeId: string): void {
  assertReader(user, storeId);
  if (!canAdministerStore(user.grants, storeId)) {
    throw new AppError(403, 'not-store-admin', 'Μόνο ο Διαχειριστής Καταστήματος αλλάζει ουρές, ωράρια και εξαιρέσεις.');
  }
}
