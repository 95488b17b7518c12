import { LockMode, type MikroORM } from '@mikro-orm/core';
import type { StaffUser } from '../auth/session-data.js';
import { OutboxMessage } from '../db/outbox-message.entity.js';
import { recordAudit } from '../db/record-audit.js';
import { AppError, notFound } from '../http/app-error.js';
import { auditSnapshot } from '../booking/appointment-view.js';
import type { OutboxRetryBody } from '../schemas/outbox.schema.js';
import type { z } from '../http/zod-openapi.js';

/**
 * Puts a message that failed for good back in the outbox, optionally to a corrected address (which
 * replaces the appointment's email), with the audit events, in one transaction; the row is locked so
 * the relay never sees it half changed. Returns it with its appointment.
 */
export async function retryMessage(
  orm: MikroORM,
  user: StaffUser,
  storeId: string,
  messageId: string,
  input: z.infer<typeof OutboxRetryBody>,
): Promise<OutboxMessage> {
  return orm.em.transactional(async (em) => {
    const where = { id: messageId, appointment: { store: storeId } };
    const m = await em.findOne(OutboxMessage, where, { populate: ['appointment'], lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!m) throw notFound('Το μήνυμα δεν βρέθηκε σε αυτό το ΚΕΠ.');
    if (m.status !== 'failed') throw new AppError(409, 'outbox-not-failed', 'Ξανά στέλνονται μόνο μηνύματα που απέτυχαν οριστικά.');
    const a = m.appointment;
    if (input.email && input.email !== a.email) {
      const before = auditSnapshot(a);
      a.email = input.email;
      recordAudit(em, { actor: user.sub, action: 'appointment.update', entityType: 'appointment', entityId: a.id, storeId, before, after: auditSnapshot(a) });
    }
    if (!a.email) throw new AppError(409, 'no-email', 'Το ραντεβού δεν έχει διεύθυνση email· συμπληρώστε τη για να σταλεί το μήνυμα.');
    recordAudit(em, {
      actor: user.sub,
      action: 'outbox.retry',
      entityType: 'outbox_message',
      entityId: m.id,
      storeId,
      before: { status: m.status, attempts: m.attempts, lastError: m.lastError ?? null },
      after: { status: 'pending', addressCorrected: Boolean(input.email) },
    });
    m.status = 'pending';
    m.failedAt = null;
    m.queuedAt = null;
    m.lastError = null;
    await em.flush();
    return m;
  });
}
