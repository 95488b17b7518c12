import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { DateTime } from 'luxon';
import { ATHENS } from '../domain/local-time.js';
import { JOB_LOCKS, sql, withJobLock, type Locked } from './job-lock.js';

/** The actor of the audit events this job writes. */
export const RETENTION_ACTOR = 'system:retention';

/**
 * The keys of an appointment's audit snapshots that hold the citizen's personal data (or free text
 * that may): removed from the before/after of the audit events of a redacted appointment. What was
 * done, by whom and when stays; so do times, queue, status, source and procedure.
 */
export const PERSONAL_AUDIT_KEYS = [
  'firstName', 'lastName', 'email', 'phone', 'taxId', 'businessName', 'businessTaxId', 'notes',
  'cancelledReason', 'statusReason', 'reason', 'citizenSub', 'videoLink',
] as const;

/** What one batch did; `more` when another batch is waiting. */
export interface RetentionResult {
  redacted: number;
  more: boolean;
}

const BATCH = 1000;

/** The instant before which appointments lose their personal data: `months` before `now`, in Athens. */
export function retentionCutoff(now: Date, months: number): Date {
  return DateTime.fromJSDate(now, { zone: ATHENS }).minus({ months }).toJSDate();
}

/** One batch of the retention job under its advisory lock; the scheduler repeats it while `more`. */
export function runRetention(orm: MikroORM, now: Date, months: number): Promise<Locked<RetentionResult>> {
  return withJobLock(orm, JOB_LOCKS.retention, (em) => redactBatch(em, now, months));
}

/**
 * Removes the personal data of appointments that started more than `months` ago: names become «—»,
 * contacts, tax ids, business, notes, reasons, the citizen's subject, the video link, the hash of a
 * priority token it was booked with and the search key are cleared and `redacted_at` is set. Store,
 * queue, times, status, source and procedure stay, so the reports count exactly what they counted
 * before. Their audit events lose the same fields (a citizen actor becomes `citizen`); their link
 * secrets are deleted; error texts of their email (a mail server's reply may quote the address) are
 * cleared. Each redaction is itself an audit event.
 */
export async function redactBatch(em: EntityManager, now: Date, months: number): Promise<RetentionResult> {
  const rows = await sql<{ id: string }>(
    em,
    `select id from appointment where redacted_at is null and starts_at < ? and status <> 'held'
      order by starts_at limit ${BATCH} for update skip locked`,
    [retentionCutoff(now, months)],
  );
  if (rows.length === 0) return { redacted: 0, more: false };
  const ids = rows.map((r) => r.id);
  await sql(
    em,
    `update appointment set first_name = '—', last_name = '—', email = null, phone = null, tax_id = null,
            business_name = null, business_tax_id = null, notes = null, search_key = '', citizen_sub = null,
            video_link = null, cancelled_reason = null, status_reason = null, holder = null, priority_token_hash = null,
            redacted_at = ?, version = version + 1
      where id = any(array[?]::uuid[])`,
    [now, ids],
  );
  // The audit trail is append-only except for this: the law that limits keeping personal data wins.
  await sql(
    em,
    `update audit_event
        set before = before - array[?]::text[], after = after - array[?]::text[],
            actor = case when actor like 'citizen:%' then 'citizen' else actor end
      where entity_type = 'appointment' and entity_id = any(array[?]::text[])`,
    [[...PERSONAL_AUDIT_KEYS], [...PERSONAL_AUDIT_KEYS], ids],
  );
  await sql(em, `delete from manage_token where appointment_id = any(array[?]::uuid[])`, [ids]);
  await sql(em, `delete from priority_token where appointment_id = any(array[?]::uuid[])`, [ids]);
  await sql(em, `update outbox_message set last_error = null, manage_url = null where appointment_id = any(array[?]::uuid[]) or about_appointment_id = any(array[?]::uuid[])`, [ids, ids]);
  await sql(
    em,
    `insert into audit_event (store_id, actor, action, entity_type, entity_id, after)
     select store_id, ?, 'appointment.redact', 'appointment', id::text, jsonb_build_object('retentionMonths', cast(? as int))
       from appointment where id = any(array[?]::uuid[])`,
    [RETENTION_ACTOR, months, ids],
  );
  return { redacted: ids.length, more: ids.length === BATCH };
}
