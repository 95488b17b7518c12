import type { MikroORM } from '@mikro-orm/core';
import type { StaffUser } from '../auth/session-data.js';
import { recordAudit } from '../db/record-audit.js';
import { callQueries } from './call.queries.js';

/** The KEP's live queue settings: after how many minutes an arrived citizen nobody called raises the call alert. */
export async function liveQueueSettings(orm: MikroORM, storeId: string) {
  return { callAlertMinutes: await callQueries.alertMinutes(orm.em.fork(), storeId) };
}

/** Sets the KEP's call alert minutes (1–120; the store row's check holds them too); audited with the value before. */
export function setLiveQueueSettings(orm: MikroORM, user: StaffUser, storeId: string, settings: { callAlertMinutes: number }) {
  return orm.em.fork().transactional(async (em) => {
    const before = await callQueries.alertMinutes(em, storeId);
    const after = await callQueries.setAlertMinutes(em, storeId, settings.callAlertMinutes);
    recordAudit(em, { actor: user.sub, action: 'store.call_alert', entityType: 'store', entityId: storeId, storeId, before: { callAlertMinutes: before }, after: { callAlertMinutes: after } });
    return { callAlertMinutes: after };
  });
}

