import { fileURLToPath } from 'node:url';
import { RequestContext, type MikroORM } from '@mikro-orm/core';
import cookieParser from 'cookie-parser';
import express, { Router } from 'express';
import { apiRoutes } from './api/api.routes.js';
import { problemHandler } from './api/error-handler.js';
import { createOidcClient } from './auth/oidc-client.js';
import { SessionStore } from './auth/session-store.js';
import { signInRoutes } from './auth/sign-in.routes.js';
import { loadStaffSession } from './auth/staff-session.middleware.js';
import { parseOptions, type RantevouOptions } from './config/options.js';
import { openDatabase } from './db/orm.js';
import { createBullmqDispatch } from './outbox/bullmq-dispatch.js';
import { startOutboxRelay, type OutboxRelay } from './outbox/outbox-relay.js';

/** A running plugin: mount `router` anywhere in the host app; call `close()` on shutdown. */
export interface Rantevou {
  router: Router;
  orm: MikroORM;
  relay: OutboxRelay;
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
    onError: (err) => log('outbox relay pass failed; rows stay pending', err),
  });
  const sessions = new SessionStore();

  const router = Router();
  router.use(cookieParser());
  router.get('/healthz', async (_req, res) => {
    const ok = await orm.em.fork().getConnection().execute('select 1').then(() => true, () => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'database unavailable' });
  });
  router.use('/widget', express.static(options.widgetDir ?? DEFAULT_WIDGET_DIR, { maxAge: '5m' }));
  router.use((_req, _res, next) => RequestContext.create(orm.em, next));
  router.use(loadStaffSession(orm, sessions, options.roleSource));
  router.use(
    '/auth',
    signInRoutes({
      orm,
      sessions,
      roles: options.roleSource,
      oidc: createOidcClient({ ...options.oidc, allowInsecureHttp: isLoopbackHttp(options.oidc.issuer) }),
      publicUrl: options.publicUrl,
    }),
  );
  router.use('/api/v1', apiRoutes({ orm, allowedOrigins: options.allowedOrigins, afterChange: relay.nudge }));
  router.use(problemHandler(log));

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      const results = await Promise.allSettled([relay.stop(), bullmq?.close()]);
      results.push(...(await Promise.allSettled([orm.close(true)])));
      for (const r of results) if (r.status === 'rejected') log('cleanup step failed', r.reason);
    })());

  return { router, orm, relay, close };
}

/** Plain http is accepted only for a provider on this machine (the demo, tests); anything else must be https. */
function isLoopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
