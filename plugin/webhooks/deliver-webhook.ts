import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { Appointment } from '../db/appointment.entity.js';
import { sqlEm } from '../db/sql-em.js';
import { Store } from '../db/store.entity.js';
import type { Clock } from '../domain/clock.js';
import { WebhookDelivery, type WebhookEvent } from './webhook.entities.js';
import type { WebhookScope } from './webhook-events.js';
import { openWebhookSecret, webhookHeaders } from './webhook-secret.js';
import { guardedLookup, isPrivateAddress, WebhookUrlRefused } from './webhook-url.js';

/** What the sender of webhooks needs: the same in the plugin (embedded default) and in the worker. */
export interface WebhookSettings {
  /** Loopback, private and link-local addresses (and plain http) are allowed: tests, the demo, a closed network. */
  allowPrivateUrls: boolean;
  /** Seals the subscriptions' secrets (`WEBHOOKS_SECRET_KEY`); without it they are stored as given. */
  secretKey?: string | null | undefined;
  /** The plugin's clock: the day of failures that pauses a subscription, and how long a payload is kept. */
  clock: Clock;
  /** A receiver that has not answered after this long failed (default 10 s). */
  timeoutMs?: number;
  /** Failures for this long pause the subscription (default 24 h). */
  pauseAfterHours?: number;
  /** The body sent is kept this many days for replay (default 7). */
  payloadDays?: number;
  /** Attempts of one delivery in all, the first included (default 8), when the caller does not say which is the last (the in-process sender; a BullMQ job knows its own). */
  maxAttempts?: number;
}

/** What became of one delivery row. */
export type WebhookOutcome = 'delivered' | 'already-finished' | 'skipped';

/** A failed attempt; `message` holds no personal data (a status code or a network error's code). */
export class WebhookDeliveryError extends Error {
  override name = 'WebhookDeliveryError';
  constructor(
    message: string,
    /** Trying again cannot help (the URL is refused). */
    readonly permanent: boolean,
    /** The row was marked failed: this was its last attempt. */
    readonly final: boolean,
  ) {
    super(message);
  }
}

export const DEFAULT_WEBHOOK_ATTEMPTS = 8;
const FINISHED = new Set(['delivered', 'failed', 'skipped']);
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/**
 * Sends one delivery (one event to one subscription), at-least-once: a finished row is not sent
 * again, and every attempt carries the event's id as `webhook-id`, so a receiver recognises a repeat.
 * The body is built once, at the first attempt (and kept for replay), with no more of the citizen
 * than the subscription's scope. Every attempt is logged on the row; a failure counts towards the
 * subscription's day of failures, after which it is paused and its owner emailed (through the outbox).
 * A failed attempt throws {@link WebhookDeliveryError} so the caller's retry policy runs.
 */
export async function deliverWebhook(orm: MikroORM, settings: WebhookSettings, deliveryId: string, { lastAttempt }: { lastAttempt?: boolean } = {}): Promise<WebhookOutcome> {
  const em = orm.em.fork();
  const d = await em.findOne(WebhookDelivery, deliveryId, { populate: ['subscription', 'subscription.secret', 'event', 'payload'] });
  if (!d || FINISHED.has(d.status)) return 'already-finished';
  const sub = d.subscription;
  if (sub.status !== 'active') {
    // The error of its last attempt, if any, stays: it is what the owner's email and the log explain.
    await em.nativeUpdate(WebhookDelivery, { id: d.id }, { status: 'skipped', lastError: d.lastError ?? 'Η συνδρομή είναι σε παύση.' });
    return 'skipped';
  }
  const now = settings.clock();
  const body = d.payload ?? JSON.stringify(await payloadOf(em, d.event, sub.scope));
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  let permanent = false;
  try {
    const secret = openWebhookSecret(sub.secret, settings.secretKey);
    statusCode = await post(sub.url, { ...webhookHeaders(secret, `msg_${d.event.id}`, new Date(), body) }, body, settings);
    if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`;
  } catch (err) {
    permanent = err instanceof WebhookUrlRefused;
    error = permanent ? 'Η διεύθυνση οδηγεί σε εσωτερικό δίκτυο και δεν επιτρέπεται.' : networkError(err);
  }
  const attempt = {
    attempts: d.attempts + 1,
    lastStatusCode: statusCode,
    lastError: error,
    lastDurationMs: Date.now() - started,
    lastAttemptAt: new Date(),
    firstAttemptAt: d.firstAttemptAt ?? new Date(),
    nextAttemptAt: null,
    payload: body,
    payloadUntil: d.payloadUntil ?? new Date(now.getTime() + (settings.payloadDays ?? 7) * 86_400_000),
  };
  if (!error) {
    await em.nativeUpdate(WebhookDelivery, { id: d.id }, { ...attempt, status: 'delivered', deliveredAt: new Date() });
    await em.getConnection().execute(`update webhook_subscription set failing_since = null where id = ? and failing_since is not null`, [sub.id]);
    return 'delivered';
  }
  const final = permanent || (lastAttempt ?? attempt.attempts >= (settings.maxAttempts ?? DEFAULT_WEBHOOK_ATTEMPTS));
  await em.nativeUpdate(WebhookDelivery, { id: d.id }, { ...attempt, ...(final ? { status: 'failed' as const } : {}) });
  await recordFailure(orm, sub.id, now, settings.pauseAfterHours ?? 24);
  throw new WebhookDeliveryError(error, permanent, final);
}

/**
 * A failure of the subscription: the first of a run starts its day; one a day (or more) after that
 * pauses it and writes its owner's email, in one transaction. Answers whether it paused it now.
 */
export async function recordFailure(orm: MikroORM, subscriptionId: string, now: Date, pauseAfterHours: number): Promise<boolean> {
  return orm.em.fork().transactional(async (em) => {
    const sql = sqlEm(em);
    const [row] = await sql.execute<{ failing_since: Date; owner_email: string | null; store_id: string | null }[]>(
      `update webhook_subscription set failing_since = coalesce(failing_since, ?), updated_at = now() where id = ? and status = 'active'
        returning failing_since, owner_email, store_id`,
      [now, subscriptionId],
    );
    if (!row || now.getTime() - new Date(row.failing_since).getTime() < pauseAfterHours * 3_600_000) return false;
    await sql.execute(`update webhook_subscription set status = 'paused', paused_at = ?, paused_reason = 'failing', updated_at = now() where id = ?`, [now, subscriptionId]);
    if (row.owner_email) {
      await sql.execute(`insert into outbox_message (kind, recipient, store_id, webhook_subscription_id) values ('staff.webhook-paused', ?, ?, ?)`, [
        row.owner_email,
        row.store_id,
        subscriptionId,
      ]);
    }
    return true;
  });
}

/**
 * The body of an event, in the Standard Webhooks shape `{ type, timestamp, data }`. `ids`: the
 * appointment's and KEP's ids and code, its booking reference, queue, times, status, mode and
 * source; `contact` adds `citizen` (name, email, phone) while the appointment still exists.
 */
async function payloadOf(em: EntityManager, event: WebhookEvent, scope: WebhookScope): Promise<Record<string, unknown>> {
  const [store, a] = await Promise.all([
    em.findOne(Store, event.storeId, { fields: ['code'] }),
    em.findOne(Appointment, event.appointmentId, { fields: ['reference', 'firstName', 'lastName', 'email', 'phone'] }),
  ]);
  const data: Record<string, unknown> = { ...event.data, storeCode: store?.code ?? null, reference: a?.reference || null };
  if (scope === 'contact' && a) data.citizen = { firstName: a.firstName, lastName: a.lastName, email: a.email ?? null, phone: a.phone ?? null };
  return { type: event.type, timestamp: event.occurredAt.toISOString(), data };
}

/** POSTs the body; answers the status code. Redirects are not followed (a 3xx is a failure). */
function post(rawUrl: string, headers: Record<string, string>, body: string, settings: WebhookSettings): Promise<number> {
  const url = new URL(rawUrl);
  const allow = settings.allowPrivateUrls;
  if (url.protocol !== 'https:' && !(allow && url.protocol === 'http:')) return Promise.reject(new WebhookUrlRefused('not https'));
  // An address written in the URL is not looked up, so it is checked here.
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!allow && isIP(literal) && isPrivateAddress(literal)) return Promise.reject(new WebhookUrlRefused('private address'));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        agent: url.protocol === 'https:' ? agents.https : agents.http,
        lookup: guardedLookup(allow),
        timeout: settings.timeoutMs ?? 10_000,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Rantevou-Webhooks/1' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}

/** A network error as a short code (no URL, no personal data). */
function networkError(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code.slice(0, 60) : err instanceof Error ? err.name : 'error';
}
