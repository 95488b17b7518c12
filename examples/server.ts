import { fileURLToPath } from 'node:url';
import express from 'express';
import { createRantevou, createStaticFileRoleSource, RantevouConfigError } from '../plugin/index.js';
import { createDemoIdp, loadDemoAccounts } from './demo-idp/demo-idp.js';
import { seedDemoData } from './demo-data.js';
import { HostEnv, isProduction } from './host-env.js';
import { createMailCapture } from './mail-capture.js';
import { sendOutboxEmail } from '../worker/send-outbox-email.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const DEMO_CLIENT = { client_id: 'rantevou-demo', client_secret: 'demo-secret-not-for-production' };

/** The reference host: an Express app that mounts the plugin, as a government platform would. */
export async function startHost(rawEnv: NodeJS.ProcessEnv = process.env) {
  const env = HostEnv.parse(rawEnv);
  const production = isProduction(env);
  const app = express();
  if (env.TRUST_PROXY) app.set('trust proxy', env.TRUST_PROXY);
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

  const rantevou = await createRantevou({
    mode: production ? 'production' : 'embedded',
    database: production ? { url: env.DATABASE_URL! } : { embeddedDir: env.DATA_DIR },
    oidc: useDemoIdp
      ? { issuer: `${publicUrl}/demo-idp`, clientId: DEMO_CLIENT.client_id, clientSecret: DEMO_CLIENT.client_secret, demo: true }
      : { issuer: env.OIDC_ISSUER!, clientId: env.OIDC_CLIENT_ID ?? '', clientSecret: env.OIDC_CLIENT_SECRET ?? '' },
    roleSource: createStaticFileRoleSource(env.ROLES_FILE ?? here('./demo-roles.json')),
    email: mail
      ? { inline: (orm) => async (ids) => { for (const id of ids) await sendOutboxEmail(orm, { transport: mail.transport, from: env.MAIL_FROM }, id); } }
      : { redisUrl: env.REDIS_URL ?? '' },
    publicUrl,
    allowedOrigins: env.ALLOWED_ORIGINS,
  }).catch((err: unknown) => {
    server.close();
    throw err;
  });
  if (!production) await seedDemoData(rantevou.orm);

  if (demoIdp) app.use('/demo-idp', demoIdp.handler);
  if (mail) app.use('/dev/mail', mail.router);
  app.get('/', (_req, res) => res.sendFile(here('./intranet.html')));
  app.use(rantevou.router);

  const close = async () => {
    await rantevou.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { url: publicUrl, production, server, close, rantevou, mail };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const host = await startHost();
    const lines = [
      `Rantevou is running at ${host.url}/  (${host.production ? 'production mode' : 'embedded default: PGlite in DATA_DIR, demo sign-in, captured mail'})`,
      `  Staff page (widget):   ${host.url}/`,
      `  Health:                ${host.url}/healthz`,
      `  API description:       ${host.url}/api/v1/openapi.json`,
    ];
    if (!host.production) {
      lines.push(`  Captured email:        ${host.url}/dev/mail`);
      lines.push(`  Demo sign-in accounts (pick one on the demo sign-in page):`);
      for (const a of loadDemoAccounts()) lines.push(`    ${a.sub.padEnd(18)} ${a.name} — ${a.description}`);
    }
    console.log(lines.join('\n'));
    const stop = () => void host.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    if (err instanceof RantevouConfigError) {
      console.error(`Cannot start: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}
