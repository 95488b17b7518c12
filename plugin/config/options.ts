import type { MikroORM } from '@mikro-orm/core';
import { z } from 'zod';
import type { Request } from 'express';
import { GsisConnectionOptions, IdentityProviderOptions } from '../auth/identity-provider-options.js';
import { SessionOptions } from '../auth/session-store-options.js';
import type { RoleSource, StaffIdentity } from '../auth/role-source.js';
import type { OutboxDispatch } from '../outbox/outbox-relay.js';
import { DEFAULT_VIDEO_LINK_TEMPLATE, videoLinkTemplateProblem } from '../domain/video-link.js';
import { AttendanceOptions } from '../jobs/attendance-options.js';
import { systemClock, type Clock } from '../domain/clock.js';

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
  /** PostgreSQL (`replicaUrls`: read replicas, for reports, their CSV and the day sheet only), or the embedded PGlite. */
  database: z.union([z.object({ url: z.string().min(1), replicaUrls: z.array(z.string().min(1)).optional() }), z.object({ embeddedDir: z.string().min(1) })]),
  oidc: z.object({
    issuer: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    /** Marks the bundled demo provider; refused in production. */
    demo: z.boolean().default(false),
    /** Tolerated clock difference for ID-token times, in seconds. */
    clockToleranceSeconds: z.number().int().min(0).max(300).default(30),
  }).optional(),
  /**
   * Identity providers side by side (OIDC and SAML 2.0), after `oidc` if both are given; the first
   * is the default of `/auth/login`, the others are `/auth/login?idp=<id>`.
   */
  identityProviders: z.array(IdentityProviderOptions).default([]),
  /**
   * Host-platform mode: the host already knows who is signed in and says so per request. The plugin
   * trusts that identity and still derives the roles itself through the RoleSource.
   */
  getIdentity: z.custom<(req: Request) => Promise<StaffIdentity | null>>((v) => typeof v === 'function').optional(),
  /** Staff sessions: in PostgreSQL (default) or Redis, with their idle and absolute timeouts. */
  sessions: SessionOptions,
  roleSource: z.custom<RoleSource>((v) => typeof (v as RoleSource)?.rolesFor === 'function', 'roleSource must have rolesFor()'),
  /**
   * BullMQ on Redis, or (embedded only) a factory of an in-process sender: it gets the plugin's ORM,
   * because the sender reads the appointment when it renders the message.
   */
  email: z.union([
    z.object({ redisUrl: z.string().min(1) }),
    z.object({ inline: z.custom<(orm: MikroORM) => OutboxDispatch>((v) => typeof v === 'function') }),
  ]),
  /** The reminder email: written `hoursBefore` the appointment (0: none), looked for every `checkEverySeconds`. */
  reminders: z
    .object({
      hoursBefore: z.number().min(0).max(168).default(24),
      checkEverySeconds: z.number().int().min(1).max(3600).default(60),
    })
    .prefault({}),
  /** The absolute URL where the router is mounted, when a proxy hides it from requests. */
  publicUrl: z.url().optional(),
  /** Other origins (pages embedding the widgets) allowed to send state-changing requests. */
  allowedOrigins: z.array(z.url()).default([]),
  /** Origins of the pages (gov.gr) that embed the public booking widget: CORS and the sign-in popup serve only these. */
  publicOrigins: z.array(z.url().transform((u) => new URL(u).origin)).default([]),
  /** The citizen identity provider (OIDC, TaxisNet-style). Without it citizens cannot sign in; the public reads still work. */
  citizenOidc: z
    .object({
      issuer: z.url(),
      clientId: z.string().min(1),
      clientSecret: z.string().min(1),
      /** Marks the bundled demo provider; refused in production. */
      demo: z.boolean().default(false),
    })
    .optional(),
  /**
   * The citizen sign-in through GSIS OAuth 2.0 (TaxisNet): the subject is the ΑΦΜ, the names and
   * ΑΦΜ are the service's. Beside `citizenOidc` it is `/public/auth/login?idp=gsis`; `preferred`
   * makes it the sign-in the popup opens when no `idp` is given.
   */
  citizenGsis: GsisConnectionOptions.extend({ preferred: z.boolean().default(false) }).optional(),
  /** The meeting link of a video appointment (myKEPLive); `{token}` becomes 128 random bits. */
  videoLinkTemplate: z
    .string()
    .default(DEFAULT_VIDEO_LINK_TEMPLATE)
    .superRefine((t, ctx) => {
      const problem = videoLinkTemplateProblem(t);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** The rules of public booking; every one has a default. */
  publicBooking: z
    .object({
      /** How long a chosen slot is kept for the citizen while they fill in the form. */
      holdMinutes: z.number().int().min(1).max(30).default(5),
      /** How long a slot freed by a cancellation stays out of public view (staff may still book it). */
      cooldownMinutes: z.number().int().min(0).max(240).default(10),
      /** How long a freed time offered to the first citizen on the waitlist is held for them (WAITLIST_OFFER_MINUTES). */
      waitlistOfferMinutes: z.number().int().min(5).max(24 * 60).default(30),
      /** The earliest a public slot may start after now. */
      minNoticeMinutes: z.number().int().min(0).max(10_080).default(120),
      /** Public slots are offered up to this many days ahead. */
      horizonDays: z.number().int().min(1).max(366).default(60),
      /** Future appointments one citizen may have at once. */
      maxFutureAppointmentsPerCitizen: z.number().int().min(1).max(1000).default(3),
      /** How long a citizen's sign-in lasts. */
      citizenTokenMinutes: z.number().int().min(5).max(24 * 60).default(120),
      /** Per client IP (and per process unless `rateLimitRedisUrl`): every public request, and the public writes (sign-in, hold, book, cancel, move). */
      readsPerMinute: z.number().int().min(1).default(600),
      writesPerMinute: z.number().int().min(1).default(60),
      /**
       * Redis for those counts, shared by every process and instance (the host passes REDIS_URL).
       * Unset: each process counts in memory. While it is down, public writes answer 503 and reads go through.
       */
      rateLimitRedisUrl: z.string().min(1).optional(),
      /**
       * The link in the confirmation email to see, move or cancel the appointment, when a page of the
       * host shows `<kep-manage-booking>` (e.g. `https://www.gov.gr/kep/?manage={token}`); unset: the
       * plugin's own page at `/api/v1/public/manage/{token}` (browsers get HTML, API clients JSON).
       */
      manageUrl: z.string().includes('{token}', { message: 'publicBooking.manageUrl must contain {token}' }).optional(),
      /**
       * Unmet demand (issue 17): a public search (availability or hold) that finds no free time within
       * this many days from today is counted per KEP × procedure × mode × ISO week, and the booking
       * widget then suggests nearby KEPs with a time within them. Host: UNMET_DEMAND_DAYS.
       */
      unmetDemandDays: z.number().int().min(1).max(366).default(14),
    })
    .prefault({}),
  /**
   * What time it is for the plugin's rules: booking windows and notice, holds and cool-downs, the
   * attendance jobs, reminders, reports' "this week", and the expiry of manage and priority links.
   * Default: the machine's clock; a test or a rehearsal of a day passes its own.
   *
   * Sign-in stays on the machine's clock whatever this says: staff sessions and their cookies, the
   * citizens' bearer tokens (the widget compares their expiry with the browser's clock), pending
   * sign-ins, SAML and OIDC assertion times, Redis TTLs, idempotency keys (a retried request comes
   * in real time) and the outbox relay's hand-overs to BullMQ. The browser, the identity providers
   * and Redis live in real time, so a clock far from it must not reach them.
   */
  clock: z.custom<Clock>((v) => typeof v === 'function', 'clock must be a function returning a Date').default(() => systemClock),
  /** Attendance (issue 8): escalation, end-of-day marking, morning day lists, retention; every field has a default. */
  attendance: AttendanceOptions,
  /**
   * Who edits the procedures catalogue, as the directorate chooses: staff subjects as the SSO gives
   * them, or email addresses (matched without regard to case). Each must also be a store
   * administrator of at least one KEP when they act; everyone else only reads it.
   */
  catalogueEditors: z.array(z.string().trim().min(1)).default([]),
  /**
   * Signed webhooks (issue 17): `allowPrivateUrls` lets subscriptions reach loopback, private and
   * link-local addresses, and plain http (tests, the demo, a closed network; host
   * WEBHOOKS_ALLOW_PRIVATE_URLS); `secretKey` seals the signing secrets in the database
   * (WEBHOOKS_SECRET_KEY; the worker needs the same); `payloadDays`: how long a sent body is kept for replay.
   */
  webhooks: z
    .object({
      allowPrivateUrls: z.boolean().default(false),
      secretKey: z.string().min(16).optional(),
      payloadDays: z.number().int().min(1).max(90).default(7),
    })
    .prefault({}),
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
  const providers = [...(o.oidc ? [o.oidc] : []), ...o.identityProviders];
  if (providers.length === 0 && !o.getIdentity) {
    throw new RantevouConfigError('RANTEVOU_NO_SIGN_IN', 'Configure at least one identity provider (oidc or identityProviders) or getIdentity.');
  }
  const ids = o.identityProviders.map((p) => p.id);
  if (new Set(ids).size !== ids.length || (o.oidc && ids.includes('oidc'))) {
    throw new RantevouConfigError('RANTEVOU_DUPLICATE_IDP', 'Each identity provider needs its own id (`oidc` is taken by the `oidc` option).');
  }
  if (o.identityProviders.some((p) => p.kind === 'saml') && !o.publicUrl) {
    throw new RantevouConfigError('RANTEVOU_SAML_NEEDS_PUBLIC_URL', 'SAML needs publicUrl: the ACS URL and our entityID are fixed, never taken from a request.');
  }
  if (o.mode === 'production') {
    if (providers.some((p) => p.demo)) {
      throw new RantevouConfigError(
        'RANTEVOU_DEMO_IDP_IN_PRODUCTION',
        'Production mode cannot use the demo identity provider: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET to your public-administration SSO.',
      );
    }
    if ('embeddedDir' in o.database) throw new RantevouConfigError('RANTEVOU_EMBEDDED_DB_IN_PRODUCTION', 'Production mode needs DATABASE_URL (PostgreSQL).');
    if (o.citizenGsis?.demo) {
      throw new RantevouConfigError(
        'RANTEVOU_DEMO_CITIZEN_IDP_IN_PRODUCTION',
        'Production mode cannot use the GSIS stand-in for citizens: set GSIS_CITIZEN_CLIENT_ID and GSIS_CITIZEN_CLIENT_SECRET (and GSIS_ENV or GSIS_CITIZEN_BASE_URL).',
      );
    }
    if (o.citizenOidc?.demo) {
      throw new RantevouConfigError(
        'RANTEVOU_DEMO_CITIZEN_IDP_IN_PRODUCTION',
        'Production mode cannot use the demo citizen identity provider: set CITIZEN_OIDC_ISSUER, CITIZEN_OIDC_CLIENT_ID and CITIZEN_OIDC_CLIENT_SECRET.',
      );
    }
    if ('inline' in o.email) throw new RantevouConfigError('RANTEVOU_INLINE_EMAIL_IN_PRODUCTION', 'Production mode sends email through BullMQ: set REDIS_URL.');
  }
  return o;
}
