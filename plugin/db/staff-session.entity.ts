import { defineEntity, p } from '@mikro-orm/core';
import type { SessionData } from '../auth/session-data.js';

/**
 * A server-side staff session. Only the SHA-256 of the cookie value is stored, so a leaked table
 * does not hand out live sessions.
 */
export const StaffSessionSchema = defineEntity({
  name: 'StaffSession',
  tableName: 'staff_session',
  properties: {
    idHash: p.string().length(64).primary(),
    data: p.json<SessionData>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastSeenAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
  },
});

export class StaffSession extends StaffSessionSchema.class {}
StaffSessionSchema.setClass(StaffSession);
