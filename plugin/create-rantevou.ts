import { fileURLToPath } from 'node:url';
import { RequestContext, type MikroORM } from '@mikro-orm/core';
import cookieParser from 'cookie-parser';
import express, { Router } from 'express';
import { apiRoutes } from './api/api.routes.js';
import { problemHandler } from './http/error-handler.js';
import { refuseNonJsonBodies } from './http/json-bodies.middleware.js';
import { hostIdentity } from './auth/host-identity.middleware.js';
import { createIdentityProviders, providerConfigs } from './auth/identity-providers.js';
import type { SessionCacheStats } from './auth/cached-session-store.js';
import { openSessionStore } from './auth/session-store-options.js';
import { signInRoutes } from './auth/sign-in.routes.js';
import { loadStaffSession } from './auth/staff-session.middleware.js';
import { parseOptions, type RantevouOptions } from './config/options.js';
import { openDatabase } from './db/orm.js';
import { startAttendanceJobs, type AttendanceJobs } from './jobs/scheduler.js';
import { createBullmqDispatch } from './outbox/bullmq-dispatch.js';
import { startOutboxRelay, type OutboxRelay } from './outbox/outbox-relay.js';
import { startReminderScheduler } from './outbox/reminder-scheduler.js';
import { openRateLimitStores } from './http/rate-limit-stores.js';
import { createAvailabilityCache } from './public/availability-cache.js';
import type { SlotsChange } from './booking/availability-changes.js';
import { liveBroadcast, openLiveEvents } from './live/broadcast-live-events.js';
import type { LiveEvents } from './live/live-events.js';
import { publicRoutes } from './public/public.routes.js';
import { widgetCors } from './public/widget-cors.js';
import { widgetAssets, withHashedWidgets } from './public/widget-assets.js';
import { startWaitlistOffers, type WaitlistOffers } from './waitlist/waitlist-offers.js';
import { startWebhooks, type Webhooks } from './webhooks/webhook-relay.js';

/** A running plugin: mount `router` anywhere in the host app; call `close()` on shutdown. */
export interface Rantevou {
  router: Router;
  orm: MikroORM;
  relay: OutboxRelay;
  /** The attendance jobs (escalation, end of day, day lists, retention); `tick()` runs what is due now. */
  attendance: AttendanceJobs;
  /**
   * A host page (HTML) with its `/widget/….js` scripts pointed at the content-hashed bundles, which
   * are cached for a year; the stable names keep working without it.
   */
  widgetPage(html: string): string;
  /** What this process's staff session cache did: served from it, read from the store, revocations applied. */
  sessionCache: Readonly<SessionCacheStats>;
  /** What the KEPs' screens are told at once: arrivals, calls, the video waiting room, alerts. */
  live: LiveEvents;
  /** Signed webhooks (issue 17): their relay (BullMQ with Redis, sent in this process otherwise). */
  webhooks: Webhooks;
  /** The waitlist's offer pass (issue 17): `run()` offers the freed times now (tests, a rehearsal). */
  waitlist: WaitlistOffers;
  /** Idempotent; runs every cleanup even when one fails. */
  close(): Promise<void>;
}

const DEFAULT_WIDGET_DIR = fileURLToPath(new URL('../widget/dist/', import.meta.url));

/**
 * Creates the plugin: validates the options (refusing unsafe ones), opens the database and runs the
 * migrations, starts the outbox relay, and returns an Express router to mount.
 */
export async function createRantevou(input: RantevouOptions): Promise<Rantevou> {
  const options = parseOptions(input);
  const log = options.log ?? ((message: string, err?: unknown) => console.error(`[rantevou] ${message}`, err ?? ''));
  const orm = await openDatabase(options.database);
  const email = options.email;
  const bullmq = 'redisUrl' in email ? createBullmqDispatch(email.redisUrl) : null;
  const dispatch = 'inline' in email ? email.inline(orm) : bullmq!.dispatch;
  const relay = startOutboxRelay(orm, dispatch, {
    intervalMs: bullmq ? 1000 : 500,
    dispatchTimeoutMs: bullmq ? 10_000 : 0,
    ...(bullmq ? { jobsLost: bullmq.jobsLost } : {}),
    onError: (err) => log('outbox relay pass failed; rows stay pending', err),
  });
  const webhookSettings = { allowPrivateUrls: options.webhooks.allowPrivateUrls, secretKey: options.webhooks.secretKey, clock: options.clock, payloadDays: options.webhooks.payloadDays };
  const webhooks = startWebhooks(orm, { redisUrl: bullmq ? (email as { redisUrl: string }).redisUrl : undefined, settings: webhookSettings, log });
  const reminders = startReminderScheduler(orm, {
    hoursBefore: options.reminders.hoursBefore,
    intervalMs: options.reminders.checkEverySeconds * 1000,
    onWritten: relay.nudge,
    onError: (err) => log('reminder pass failed; it runs again at the next check', err),
    clock: options.clock,
  });
  // Across processes and instances: the Redis of the sessions or the job queue, else LISTEN/NOTIFY, else (PGlite) this process.
  const redisUrl = options.sessions.redisUrl ?? ('redisUrl' in email ? email.redisUrl : undefined);
  const live = await openLiveEvents(liveBroadcast({ redisUrl, database: options.database }, log), log);
  const attendance = startAttendanceJobs({
    orm,
    settings: options.attendance,
    clock: options.clock,
    roleSource: options.roleSource,
    publicUrl: options.publicUrl,
    afterWrite: relay.nudge,
    onError: log,
    live,
  });
  const sessions = await openSessionStore(options.sessions, options.database, log);

  const router = Router();
  router.use(cookieParser());
  router.get('/healthz', async (_req, res) => {
    const [database, sessionStore] = await Promise.all([orm.em.fork().getConnection().execute('select 1').then(() => true, () => false), sessions.healthy()]);
    const status = !database ? 'database unavailable' : !sessionStore ? 'session store unavailable' : 'ok';
    res.status(status === 'ok' ? 200 : 503).json({ status });
  });
  const widgetDir = options.widgetDir ?? DEFAULT_WIDGET_DIR;
  router.use('/widget', widgetCors([...options.publicOrigins, ...options.allowedOrigins]), widgetAssets(widgetDir), express.static(widgetDir, { maxAge: '5m' }));
  router.use((_req, _res, next) => RequestContext.create(orm.em, next));
  // Shared through the Redis of the job queue when there is one (several processes or instances), in memory otherwise.
  const availability = createAvailabilityCache({ redisUrl: 'redisUrl' in email ? email.redisUrl : undefined, log });
  // The one hook of every booking path, staff and citizen, after each commit that took, moved or freed a time.
  const slotsChanged = async (change: SlotsChange) => {
    await availability.slotsChanged(change);
    // A freed time may be what someone on the waitlist waits for (plugin/waitlist/waitlist-offers.ts).
    waitlist.poke(change.storeId);
    live.publish({ kind: 'appointments-changed', storeId: change.storeId, queueId: change.queueId, at: options.clock().toISOString() });
  };
  const waitlist = startWaitlistOffers({ orm, rules: options.publicBooking, now: options.clock, slotsChanged, afterChange: relay.nudge, log });
  // Before the staff session: the public API reads no cookie, and has its own CORS and limits.
  // The public limits and the device keys' failed attempts, counted in one Redis when configured.
  const rateLimits = openRateLimitStores(options.publicBooking.rateLimitRedisUrl, { deployment: orm.config.get('dbName') ?? 'rantevou', log });
  const publicApi = publicRoutes({
    orm,
    rules: options.publicBooking,
    publicOrigins: options.publicOrigins,
    citizenOidc: options.citizenOidc,
    citizenGsis: options.citizenGsis,
    videoLinkTemplate: options.videoLinkTemplate,
    publicUrl: options.publicUrl,
    afterChange: relay.nudge,
    availability,
    slotsChanged,
    waitlist,
    now: options.clock,
    live,
    rateLimits,
    rebook: { rebookUrl: options.attendance.rebookUrl, priorityDays: options.attendance.priorityDays },
    log,
  });
  router.use('/api/v1/public', publicApi.router);
  // Writes of the staff API and sign-in are JSON; only the SAML bindings receive the IdP's form posts.
  router.use(['/api/v1', '/auth'], refuseNonJsonBodies({ formPaths: [/^\/saml\/[^/]+\/(acs|slo)$/] }));
  router.use(loadStaffSession(orm, sessions, options.roleSource));
  const signIn = { orm, sessions, roles: options.roleSource };
  if (options.getIdentity) router.use(hostIdentity(signIn, options.getIdentity));
  const providers = createIdentityProviders(orm, providerConfigs(options), options.publicUrl);
  for (const p of providers.list) {
    if (p.kind === 'saml' && p.config.allowSha1) log(`SAML identity provider '${p.id}': signatures made with SHA-1 are accepted (allowSha1); ask the IdP for RSA-SHA256`);
  }
  const staffWrites = { videoLinkTemplate: options.videoLinkTemplate, cooldownMinutes: options.publicBooking.cooldownMinutes, now: options.clock, slotsChanged };
  router.use('/auth', signInRoutes({ ...signIn, providers, allowedOrigins: options.allowedOrigins, publicUrl: options.publicUrl }));
  router.use('/api/v1', apiRoutes({ orm, allowedOrigins: options.allowedOrigins, afterChange: relay.nudge, availability, now: options.clock, catalogueEditors: options.catalogueEditors, staffWrites, live, rateLimits, webhooks: { allowPrivateUrls: webhookSettings.allowPrivateUrls, secretKey: webhookSettings.secretKey, nudge: webhooks.relay.nudge } }));
  router.use(problemHandler(log));

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      const results = await Promise.allSettled([waitlist.stop(), attendance.stop(), reminders.stop(), relay.stop(), webhooks.close(), bullmq?.close(), publicApi.close(), sessions.close(), availability.close(), live.close(), rateLimits.close()]);
      results.push(...(await Promise.allSettled([orm.close(true)])));
      for (const r of results) if (r.status === 'rejected') log('cleanup step failed', r.reason);
    })());

  return { router, orm, relay, attendance, widgetPage: (html) => withHashedWidgets(html, widgetDir), sessionCache: sessions.stats, live, waitlist, webhooks, close };
}
