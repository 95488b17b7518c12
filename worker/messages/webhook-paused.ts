import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/core';
import { DateTime } from 'luxon';
import Mustache from 'mustache';
import { sqlEm } from '../../plugin/db/sql-em.js';
import { DEFAULT_TEMPLATES_DIR, type Language } from './mail-templates.js';
import type { StaffEmail } from './staff-notices.js';

const plain = { escape: (value: unknown) => String(value) };
const cache = new Map<string, string>();
const file = (lang: Language, name: string) => {
  const key = `${lang}/${name}`;
  if (!cache.has(key)) cache.set(key, readFileSync(join(DEFAULT_TEMPLATES_DIR, lang, name), 'utf8'));
  return cache.get(key)!;
};

/**
 * The email to the owner of a webhook subscription that failed for a day and was paused (issue 17),
 * in the subscription's language, from `worker/templates/<lang>/webhook-paused.{txt,html}`: which
 * URL, since when it fails, the last error, and how to resume. Skipped when it was resumed meanwhile.
 */
export async function webhookPausedNotice(em: EntityManager, outboxId: string): Promise<StaffEmail | string> {
  const [row] = await sqlEm(em).execute<
    { url: string; status: string; language: Language; failing_since: Date | null; paused_at: Date | null; description: string | null; store_name: string | null; last_error: string | null }[]
  >(
    `select s.url, s.status, s.language, s.failing_since, s.paused_at, s.description, st.name as store_name,
            (select d.last_error from webhook_delivery d where d.subscription_id = s.id and d.last_error is not null order by d.last_attempt_at desc nulls last limit 1) as last_error
       from outbox_message m join webhook_subscription s on s.id = m.webhook_subscription_id left join store st on st.id = s.store_id
      where m.id = ?`,
    [outboxId],
  );
  if (!row) return 'Η συνδρομή webhook δεν υπάρχει πια.';
  if (row.status !== 'paused') return 'Η συνδρομή webhook συνεχίστηκε ήδη.';
  const lang = row.language === 'en' ? 'en' : 'el';
  const when = (t: Date | null) => (t ? DateTime.fromJSDate(new Date(t), { zone: 'Europe/Athens' }).setLocale(lang).toFormat('dd/MM/yyyy HH:mm') : '');
  const view = {
    url: row.url,
    description: row.description ?? '',
    kep: { name: row.store_name ?? (lang === 'el' ? 'Όλα τα ΚΕΠ' : 'All KEPs') },
    failingSince: when(row.failing_since),
    pausedAt: when(row.paused_at),
    lastError: row.last_error ?? '',
  };
  const [subjectLine = '', ...rest] = Mustache.render(file(lang, 'webhook-paused.txt'), view, {}, plain).split('\n');
  const subject = subjectLine.replace(/^Subject:/, '').replace(/\s+/g, ' ').trim();
  const body = Mustache.render(file(lang, 'webhook-paused.html'), view);
  return { subject, text: rest.join('\n').trim() + '\n', html: Mustache.render(file(lang, 'layout.html'), { ...view, subject, body }) };
}
