import cluster from 'node:cluster';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createRantevou, parseTrustProxy, RantevouConfigError, type Clock, type RantevouOptions } from '../plugin/index.js';
import { createDemoIdp, loadDemoAccounts } from './demo-idp/demo-idp.js';
import { seedDemoData } from './demo-data.js';
import { HostEnv, isProduction } from './host-env.js';
import { loadDemoCitizens, publicBookingSetup } from './public-booking-setup.js';
import { createMailCapture } from './mail-capture.js';
import { startGovgrSite } from './govgr-site.js';
import { ssoSetup } from './sso-setup.js';
import { gsisSetup } from './gsis-setup.js';
import { loadExtraDemoAccounts } from './demo-counter/demo-counter.js';
import { createInlineDispatch } from '../worker/inline-dispatch.js';
import { CONFIG_ERROR_EXIT, runPrimary, webConcurrency, workerSlot } from './cluster.js';
import { loadMailTemplates } from '../worker/messages/mail-templates.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const DEMO_CLIENT = { client_id: 'rantevou-demo', client_secret: 'demo-secret-not-for-production' };

/**
 * The reference host: an Express app that mounts the plugin, as a government platform would.
 * For tests: `clock` is the plugin's clock (`createRantevou({ clock })`: every rule's time, not sign-in's);
 * `database` is the plugin's database (a test's PostgreSQL or PGlite) while the rest of the host runs
 * as in production.
 */
export async function startHost(
  rawEnv: NodeJS.ProcessEnv = process.env,
  { clock, database }: { clock?: Clock; database?: RantevouOptions['database'] } = {},
) {
  const env = HostEnv.parse(rawEnv);
  const production = isProduction(env) || database !== undefined;
  const pluginDatabase = database ?? (production ? { url: env.DATABASE_URL!, replicaUrls: env.DATABASE_REPLICA_URLS } : { embeddedDir: env.DATA_DIR });
  const app = express();
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if (trustProxy !== undefined) app.set('trust proxy', trustProxy);
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(env.PORT, () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');

  const useDemoIdp = !env.OIDC_ISSUER;
  const demoIdp = useDemoIdp && !production
    ? createDemoIdp({
        issuer: `${publicUrl}/demo-idp`,
        clients: [{ ...DEMO_CLIENT, redirect_uris: [`${publicUrl}/auth/callback`], post_logout_redirect_uris: [`${publicUrl}/`] }],
        accounts: loadDemoAccounts(),
      })
    : null;
  const mail = production ? null : createMailCapture();
  const sso = ssoSetup(env, production, publicUrl, here('./demo-roles.json'));
  const gsis = gsisSetup(env, production, publicUrl);
  const publicBooking = publicBookingSetup(env, production, publicUrl);

  const rantevou = await createRantevou({
    // On PGlite (the embedded default, or a test's) the plugin is in embedded mode: production mode refuses that database.
    mode: production && 'url' in pluginDatabase ? 'production' : 'embedded',
    database: pluginDatabase,
    oidc: useDemoIdp && production && sso.identityProviders.length + gsis.identityProviders.length > 0
      ? undefined
      : useDemoIdp
      ? { issuer: `${publicUrl}/demo-idp`, clientId: DEMO_CLIENT.client_id, clientSecret: DEMO_CLIENT.client_secret, demo: true }
      : { issuer: env.OIDC_ISSUER!, clientId: env.OIDC_CLIENT_ID ?? '', clientSecret: env.OIDC_CLIENT_SECRET ?? '' },
    identityProviders: [...sso.identityProviders, ...gsis.identityProviders],
    roleSource: sso.roleSource,
    email: mail
      ? { inline: (orm) => createInlineDispatch(orm, { transport: mail.transport, from: env.MAIL_FROM, templates: loadMailTemplates(env.MAIL_TEMPLATES_DIR), bookingUrl: env.BOOKING_URL, publicUrl }) }
      : { redisUrl: env.REDIS_URL ?? '' },
    publicUrl,
    sessions: {
      store: env.SESSION_STORE,
      ...(env.SESSION_STORE === 'redis' ? { redisUrl: env.SESSION_REDIS_URL ?? env.REDIS_URL } : {}),
      ...(env.SESSION_IDLE_MINUTES ? { idleMinutes: env.SESSION_IDLE_MINUTES } : {}),
      ...(env.SESSION_ABSOLUTE_HOURS ? { absoluteHours: env.SESSION_ABSOLUTE_HOURS } : {}),
      ...(env.SESSION_CACHE_SECONDS !== undefined ? { cacheSeconds: env.SESSION_CACHE_SECONDS } : {}),
    },
    allowedOrigins: env.ALLOWED_ORIGINS,
    reminders: { hoursBefore: env.REMINDER_HOURS_BEFORE },
    ...(clock ? { clock } : {}),
    attendance: {
      runJobs: env.ATTENDANCE_JOBS === '1',
      ...(env.ESCALATE_AFTER_MINUTES ? { escalateAfterMinutes: env.ESCALATE_AFTER_MINUTES } : {}),
      ...(env.END_OF_DAY ? { endOfDay: env.END_OF_DAY } : {}),
      ...(env.MORNING_LIST_AT ? { morningListAt: env.MORNING_LIST_AT } : {}),
      ...(env.RETENTION_MONTHS ? { retentionMonths: env.RETENTION_MONTHS } : {}),
      ...(env.ALERT_EMAILS.length ? { alertAddresses: { '*': env.ALERT_EMAILS } } : {}),
      ...(env.REBOOK_URL ? { rebookUrl: env.REBOOK_URL } : {}),
    },
    ...publicBooking.options,
    ...(gsis.citizenGsis ? { citizenGsis: gsis.citizenGsis } : {}),
    // The embedded default's demo receivers run on this machine, so it allows private webhook URLs.
    webhooks: { allowPrivateUrls: env.WEBHOOKS_ALLOW_PRIVATE_URLS || !production, ...(env.WEBHOOKS_SECRET_KEY ? { secretKey: env.WEBHOOKS_SECRET_KEY } : {}) },
    // The embedded default makes KEP A's demo administrator a catalogue editor, so the feature shows.
    catalogueEditors: env.CATALOGUE_EDITORS ?? (production ? [] : ['demo-admin-a']),
  }).catch((err: unknown) => {
    server.close();
    throw err;
  });
  if (!production) await seedDemoData(rantevou.orm);

  // Which of the WEB_CONCURRENCY processes answered (1…N, a new number after a restart): a load
  // balancer's health check and a test can see that they all serve. Never a pid or a host name.
  if (cluster.isWorker) app.use('/healthz', (_req, res, next) => void (res.set('X-Rantevou-Worker', String(cluster.worker!.id)), next()));
  if (demoIdp) app.use('/demo-idp', demoIdp.handler);
  for (const [path, handler] of publicBooking.mounts) app.use(path, handler);
  for (const [path, router] of sso.mounts) app.use(path, router);
  for (const [path, router] of gsis.mounts) app.use(path, router);
  if (mail) app.use('/dev/mail', mail.router);
  // Read and sent, never res.sendFile(an absolute path): that answers 404 when the checkout is under a
  // dotted folder (~/.local/…). The page's scripts point at the content-hashed bundles.
  app.get('/', async (_req, res) => void res.type('html').set('Cache-Control', 'no-cache').send(rantevou.widgetPage(await readFile(here('./intranet.html'), 'utf8'))));
  app.get('/call-display', async (_req, res) => void res.type('html').set('Cache-Control', 'no-cache').send(rantevou.widgetPage(await readFile(here('./call-display.html'), 'utf8'))));
  app.get(['/favicon.ico', '/favicon.svg'], (_req, res) => res.sendFile('favicon.svg', { root: here('.'), maxAge: '1d' }));
  app.use(rantevou.router);

  const close = async () => {
    await rantevou.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { url: publicUrl, production, server, close, rantevou, mail, samlLoginUrl: sso.samlLoginUrl, gsis: gsis.demo };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const processes = cluster.isPrimary ? webConcurrency(HostEnv.parse(process.env)) : 1;
    if (processes > 1) runPrimary(processes);
    else await serve();
  } catch (err) {
    if (err instanceof RantevouConfigError) {
      console.error(`Cannot start: ${err.message}`);
      process.exit(CONFIG_ERROR_EXIT);
    }
    throw err;
  }
}

/** The host of `npm start`: one process, or one of the WEB_CONCURRENCY workers (worker 1 prints the URLs). */
async function serve() {
  // The gov.gr example page runs on a second port, so it is another origin (and, on 127.0.0.1
  // against localhost, another site) that the plugin allows to embed the citizen booking widget.
  let apiBase = '';
  const govgr = process.env.DATABASE_URL && !process.env.GOVGR_PORT ? null : await startGovgrSite({ apiBase: () => apiBase, port: govgrPort(process.env) });
  const host = await startHost(govgr ? { ...process.env, ...govgrEnv(process.env, govgr.url) } : process.env);
  apiBase = host.url;
  const lines = [
    `Rantevou is running at ${host.url}/  (${host.production ? 'production mode' : 'embedded default: PGlite in DATA_DIR, demo sign-in, captured mail'})`,
    `  Staff page (widget):   ${host.url}/`,
    `  Health:                ${host.url}/healthz`,
    `  API description:       ${host.url}/api/v1/openapi.json`,
  ];
  if (govgr) lines.push(`  gov.gr example page:   ${govgr.url}/  (another origin, strict CSP: the citizen booking widget)`);
  if (host.samlLoginUrl) lines.push(`  SAML sign-in:          ${host.samlLoginUrl}`, `  Choose a sign-in:      ${host.url}/auth/choose`);
  if (host.gsis.staff) lines.push(`  GSIS sign-in (staff):  ${host.url}/auth/login?idp=gsis-demo  (stand-in of the ΓΓΠΣ OAuth 2.0 service)`);
  if (!host.production) {
    lines.push(`  Captured email:        ${host.url}/dev/mail`);
    lines.push(`  Call display page:     ${host.url}/call-display#store=<KEP id>&key=<display key>  (a display key from «Ουρές & ωράριο» → «Συσκευές»)`);
    lines.push(`  Demo sign-in accounts (pick one on the demo sign-in page):`);
    for (const a of loadDemoAccounts()) lines.push(`    ${a.sub.padEnd(18)} ${a.name} — ${a.description}`);
    lines.push(`  Only on the demo SAML sign-in page (roles from the counter-application stand-in, ${host.url}/demo-counter):`);
    for (const a of loadExtraDemoAccounts()) lines.push(`    ${a.sub.padEnd(18)} ${a.name} — ${a.description}`);
    lines.push(`  Demo citizens (public booking, ${host.url}/api/v1/public/…; sign-in at ${host.url}/demo-citizen-idp):`);
    for (const a of loadDemoCitizens()) lines.push(`    ${a.sub.padEnd(18)} ${a.name} — ${a.description}`);
  }
  if (workerSlot() === 1) console.log(lines.join('\n'));
  // Once: Ctrl-C reaches a worker both from the terminal and from the primary.
  let stopping: Promise<unknown> | null = null;
  const stop = () => void (stopping ??= Promise.all([host.close(), govgr?.close()]).then(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * What the gov.gr example page adds to the host's environment: its origin among the public ones and,
 * in embedded mode without REBOOK_URL, the apology's "book again first in line" link pointing at it
 * (and without MANAGE_URL, the confirmation's "change or cancel" link; without BOOKING_URL, the
 * cancellation's "book again" link).
 */
export function govgrEnv(env: NodeJS.ProcessEnv, govgrUrl: string): NodeJS.ProcessEnv {
  return {
    PUBLIC_ORIGINS: [env.PUBLIC_ORIGINS, govgrUrl].filter(Boolean).join(','),
    ...(!env.DATABASE_URL && !env.REBOOK_URL ? { REBOOK_URL: `${govgrUrl}/?priority={token}` } : {}),
    ...(!env.DATABASE_URL && !env.MANAGE_URL ? { MANAGE_URL: `${govgrUrl}/?manage={token}` } : {}),
    ...(!env.DATABASE_URL && !env.BOOKING_URL ? { BOOKING_URL: `${govgrUrl}/?lang={lang}` } : {}),
  };
}

/** `GOVGR_PORT`, or the port after `PORT` (3001 by default; any free port when `PORT` is 0). */
function govgrPort(env: NodeJS.ProcessEnv): number {
  if (env.GOVGR_PORT) return Number(env.GOVGR_PORT);
  const port = Number(env.PORT ?? 3000);
  return port === 0 ? 0 : port + 1;
}
