import { defineEntity, p } from '@mikro-orm/core';
import { Appointment } from './appointment.entity.js';

/**
 * The secret of a "book again first in line" link, given with the apology to a citizen whose
 * appointment the KEP missed: it names the KEP and the period in which its holder books with priority.
 * Only its SHA-256 is stored, like every other link secret.
 */
export const PriorityTokenSchema = defineEntity({
  name: 'PriorityToken',
  tableName: 'priority_token',
  properties: {
    tokenHash: p.string().length(64).primary(),
    /** The missed appointment it makes up for. */
    appointment: () => p.manyToOne(Appointment),
    storeId: p.uuid(),
    validFrom: p.datetime(),
    expiresAt: p.datetime(),
    /** Set by the public booking (`POST /public/bookings`) of a hold placed with it, in its transaction: one use. */
    usedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class PriorityToken extends PriorityTokenSchema.class {}
PriorityTokenSchema.setClass(PriorityToken);
