import type { MikroORM } from '@mikro-orm/core';
import type { StaffUser } from '../auth/session-data.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { recordAudit } from '../db/record-audit.js';
import type { Clock } from '../domain/clock.js';
import { notFound } from '../http/app-error.js';
import { arrivalQueries, type DeviceKind, type DeviceRow } from './arrival.queries.js';
import type { ArrivalWindow } from './arrival-window.js';

/** A device as the API answers it (never its key hash). */
export function toDeviceView(d: DeviceRow) {
  const iso = (t: Date | null) => (t === null ? null : new Date(t).toISOString());
  return { id: d.id, name: d.name, kind: d.kind, createdAt: iso(d.createdAt)!, createdBy: d.createdBy, lastUsedAt: iso(d.lastUsedAt), revokedAt: iso(d.revokedAt) };
}

/**
 * Issues a key for a ticket machine or kiosk of the KEP (kind 'arrivals') or for a waiting-room call
 * display ('display'): a fresh 256-bit secret, of which only the hash is stored, so the answer is the
 * one time anybody sees it. Audited, without the secret.
 */
export function issueDevice(orm: MikroORM, user: StaffUser, storeId: string, issue: { name: string; kind: DeviceKind }, now: Clock) {
  return orm.em.transactional(async (em) => {
    const key = newSecret();
    const device = await arrivalQueries.insertDevice(em, { storeId, name: issue.name, kind: issue.kind, keyHash: hashSecret(key), createdBy: user.sub, now: now() });
    recordAudit(em, { actor: user.sub, action: 'device.issue', entityType: 'arrival_device', entityId: device.id, storeId, after: toDeviceView(device) });
    return { ...toDeviceView(device), key };
  });
}

/** Revokes a device key of the KEP: from the commit on, it answers 401. Revoking twice changes nothing more. */
export function revokeDevice(orm: MikroORM, user: StaffUser, storeId: string, deviceId: string, now: Clock) {
  return orm.em.transactional(async (em) => {
    const revoked = await arrivalQueries.revokeDevice(em, storeId, deviceId, user.sub, now());
    if (!revoked) throw notFound('Η συσκευή δεν βρέθηκε σε αυτό το ΚΕΠ.');
    if (revoked.before.revokedAt === null) {
      recordAudit(em, { actor: user.sub, action: 'device.revoke', entityType: 'arrival_device', entityId: deviceId, storeId, before: toDeviceView(revoked.before), after: toDeviceView(revoked.after) });
    }
    return toDeviceView(revoked.after);
  });
}

/** Sets how early and how late the KEP takes arrivals by reference; audited with the window before. */
export function setArrivalWindow(orm: MikroORM, user: StaffUser, storeId: string, window: ArrivalWindow) {
  return orm.em.transactional(async (em) => {
    const before = await arrivalQueries.window(em, storeId);
    const after = await arrivalQueries.setWindow(em, storeId, window);
    recordAudit(em, { actor: user.sub, action: 'store.arrival_window', entityType: 'store', entityId: storeId, storeId, before: { ...before }, after: { ...after } });
    return after;
  });
}
