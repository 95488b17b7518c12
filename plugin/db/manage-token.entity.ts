import { defineEntity, p } from '@mikro-orm/core';
import { Appointment } from './appointment.entity.js';

/**
 * The secret of a "manage your appointment" link: whoever has the link may see, cancel or move that
 * one appointment without signing in. Only its SHA-256 is stored.
 */
export const ManageTokenSchema = defineEntity({
  name: 'ManageToken',
  tableName: 'manage_token',
  properties: {
    tokenHash: p.string().length(64).primary(),
    appointment: () => p.manyToOne(Appointment),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
  },
});

export class ManageToken extends ManageTokenSchema.class {}
ManageTokenSchema.setClass(ManageToken);
