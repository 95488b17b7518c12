import type { MikroORM } from '@mikro-orm/core';
import { z } from 'zod';
import type { RoleSource } from '../auth/role-source.js';
import type { OutboxDispatch } from '../outbox/outbox-relay.js';

/** A setting that would be unsafe or cannot work; thrown by `createRantevou` before anything starts. */
export class RantevouConfigError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RantevouConfigError';
  }
}

/** The options of `createRantevou`, validated once at creation. */
export const RantevouOptionsSchema = z.object({
  /** `production`: real PostgreSQL, Redis, SMTP and identity provider; nothing demo may be used. */
  mode: z.enum(['production', 'embedded']),
  database: z.union([z.object({ url: z.string().min(1) }), z.object({ embeddedDir: z.string().min(1) })]),
  oidc: z.object({
    issuer: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    /** Marks the bundled demo provider; refused in production. */
    demo: z.boolean().default(false),
  }),
  roleSource: z.custom<RoleSource>((v) => typeof (v as RoleSource)?.rolesFor === 'function', 'roleSource must have rolesFor()'),
  /**
   * BullMQ on Redis, or (embedded only) a factory of an in-process sender: it gets the plugin's ORM,
   * because the sender reads the appointment when it renders the message.
   */
  email: z.union([
    z.object({ redisUrl: z.string().min(1) }),
    z.object({ inline: z.custom<(orm: MikroORM) => OutboxDispatch>((v) => typeof v === 'function') }),
  ]),
  /** The absolute URL where the router is mounted, when a proxy hides it from requests. */
  publicUrl: z.url().optional(),
  /** Other origins (pages embedding the widgets) allowed to send state-changing requests. */
  allowedOrigins: z.array(z.url()).default([]),
  /** Where the built widget bundle is; served at `/widget/rantevou.js`. */
  widgetDir: z.string().optional(),
  /** Where 5xx errors are reported (never personal data: messages only). */
  log: z.custom<(message: string, err?: unknown) => void>((v) => typeof v === 'function').optional(),
});

export type RantevouOptions = z.input<typeof RantevouOptionsSchema>;
export type ParsedOptions = z.output<typeof RantevouOptionsSchema>;

/** Parses the options and refuses unsafe combinations with a coded, helpful error. */
export function parseOptions(input: RantevouOptions): ParsedOptions {
  const parsed = RantevouOptionsSchema.safeParse(input);
  if (!parsed.success) {
    throw new RantevouConfigError('RANTEVOU_BAD_OPTIONS', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const o = parsed.data;
  if (o.mode === 'production') {
    if (o.oidc.demo) {
      throw new RantevouConfigError(
        'RANTEVOU_DEMO_IDP_IN_PRODUCTION',
        'Production mode cannot use the demo identity provider: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET to your public-administration SSO.',
      );
    }
    if ('embeddedDir' in o.database) throw new RantevouConfigError('RANTEVOU_EMBEDDED_DB_IN_PRODUCTION', 'Production mode needs DATABASE_URL (PostgreSQL).');
    if ('inline' in o.email) throw new RantevouConfigError('RANTEVOU_INLINE_EMAIL_IN_PRODUCTION', 'Production mode sends email through BullMQ: set REDIS_URL.');
  }
  return o;
}
