import { defineEntity, p } from '@mikro-orm/core';

/**
 * An `Idempotency-Key` a citizen sent with a booking: the hash of the request it came with and the
 * response it got, so the same request again answers the same response and books nothing more.
 * Written in the booking's own transaction; kept for a day.
 */
export const IdempotencyKeySchema = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_key',
  properties: {
    citizenSub: p.string().length(200).primary(),
    key: p.string().length(200).primary(),
    requestHash: p.string().length(64),
    responseStatus: p.integer().nullable(),
    responseBody: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class IdempotencyKey extends IdempotencyKeySchema.class {}
IdempotencyKeySchema.setClass(IdempotencyKey);
