import { OUTBOX_KINDS, OUTBOX_STATUSES } from '../db/outbox-message.entity.js';
import { z } from '../http/zod-openapi.js';
import { Email } from './appointment-fields.js';

/** `GET /stores/:storeId/outbox` query: one status (default `failed`), newest first, in pages. */
export const OutboxListQuery = z
  .object({
    status: z.enum(OUTBOX_STATUSES, 'Η κατάσταση πρέπει να είναι pending, queued, sent, failed ή skipped.').default('failed'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .openapi('OutboxListQuery');

/** `POST /stores/:storeId/outbox/:messageId/retry` body: optionally a corrected address for the citizen. */
export const OutboxRetryBody = z
  .object({ email: Email.optional().openapi({ description: 'A corrected address; it replaces the appointment’s email (audited)' }) })
  .strict()
  .openapi('OutboxRetryBody');

/** One outbox message as the staff view shows it. */
export const OutboxMessageView = z
  .object({
    id: z.uuid(),
    kind: z.enum(OUTBOX_KINDS),
    status: z.enum(OUTBOX_STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable().openapi({ description: 'The mail server’s reply or the reason it was not sent' }),
    providerMessageId: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    failedAt: z.string().nullable(),
    appointment: z.object({
      id: z.uuid(),
      startsAt: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      email: z.string().nullable(),
      status: z.string(),
      language: z.enum(['el', 'en']),
    }),
  })
  .openapi('OutboxMessage');

/** A page of a KEP's outbox. */
export const OutboxList = z
  .object({ storeId: z.uuid(), status: z.enum(OUTBOX_STATUSES), items: z.array(OutboxMessageView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi('OutboxList');
