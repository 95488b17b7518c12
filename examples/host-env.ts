import { z } from 'zod';

/** Every environment variable the reference host reads; README.md has the same table. */
export const HostEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  /** Read replicas of DATABASE_URL, comma-separated: only reports, their CSV and the day sheet read from them. */
  DATABASE_REPLICA_URLS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((u) => u.trim()).filter(Boolean)),
  /** HTTP processes of this instance (node:cluster); default: the cores with DATABASE_URL, 1 on the embedded default (which refuses more). */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  REDIS_URL: z.string().optional(),
  SESSION_STORE: z.enum(['postgres', 'redis']).default('postgres'),
  SESSION_REDIS_URL: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).optional(),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).optional(),
  SESSION_CACHE_SECONDS: z.coerce.number().min(0).max(60).optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('ΚΕΠ — Ραντεβού <no-reply@rantevou.invalid>'),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  ROLES_FILE: z.string().optional(),
  COUNTER_APP_URL: z.url().optional(),
  COUNTER_APP_TOKEN: z.string().optional(),
  COUNTER_APP_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
  ROLES_FROM_CLAIMS: z.enum(['0', '1']).default('0'),
  SAML_IDP_ENTRY_POINT: z.url().optional(),
  SAML_IDP_ISSUER: z.string().optional(),
  SAML_IDP_CERT_FILE: z.string().optional(),
  SAML_IDP_LOGOUT_URL: z.url().optional(),
  SAML_SP_KEY_FILE: z.string().optional(),
  SAML_SP_CERT_FILE: z.string().optional(),
  SAML_WANT_ENCRYPTED_ASSERTIONS: z.enum(['0', '1']).default('0'),
  /** `1`: accept RSA-SHA1 signatures and SHA-1 digests from the SAML_IDP_* IdP (refused by default). */
  SAML_ALLOW_SHA1: z.enum(['0', '1']).default('0'),
  SAML_ATTRIBUTE_SUB: z.string().optional(),
  SAML_ATTRIBUTE_NAME: z.string().default('displayName'),
  SAML_ATTRIBUTE_EMAIL: z.string().default('mail'),
  SAML_LABEL: z.string().default('Δημόσια Διοίκηση (SAML 2.0)'),
  /** GSIS OAuth 2.0 (ΓΓΠΣ): `production` or `test` picks the base URLs that are not given. */
  GSIS_ENV: z.enum(['production', 'test']).default('production'),
  GSIS_STAFF_BASE_URL: z.url().optional(),
  GSIS_STAFF_CLIENT_ID: z.string().optional(),
  GSIS_STAFF_CLIENT_SECRET: z.string().optional(),
  GSIS_STAFF_SUBJECT: z.enum(['userid', 'taxid']).default('userid'),
  GSIS_STAFF_LABEL: z.string().default('Κωδικοί δημόσιας διοίκησης (ΓΓΠΣ)'),
  GSIS_CITIZEN_BASE_URL: z.url().optional(),
  GSIS_CITIZEN_CLIENT_ID: z.string().optional(),
  GSIS_CITIZEN_CLIENT_SECRET: z.string().optional(),
  GSIS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5000),
  GSIS_PKCE: z.enum(['0', '1']).default('0'),
  /** Which citizen sign-in the popup opens when both OIDC and GSIS are configured. */
  CITIZEN_SIGN_IN: z.enum(['oidc', 'gsis']).optional(),
  PUBLIC_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  VIDEO_LINK_TEMPLATE: z.string().optional(),
  CITIZEN_OIDC_ISSUER: z.url().optional(),
  CITIZEN_OIDC_CLIENT_ID: z.string().optional(),
  CITIZEN_OIDC_CLIENT_SECRET: z.string().optional(),
  PUBLIC_READS_PER_MINUTE: z.coerce.number().int().min(1).optional(),
  PUBLIC_WRITES_PER_MINUTE: z.coerce.number().int().min(1).optional(),
  PUBLIC_MAX_FUTURE_PER_CITIZEN: z.coerce.number().int().min(1).optional(),
  /** How long a freed time is held for the first citizen on the waitlist (publicBooking.waitlistOfferMinutes; default 30). */
  WAITLIST_OFFER_MINUTES: z.coerce.number().int().min(5).max(1440).optional(),
  /** Days within which a public search that finds no time counts as unmet demand (publicBooking.unmetDemandDays). */
  UNMET_DEMAND_DAYS: z.coerce.number().int().min(1).max(366).optional(),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  TRUST_PROXY: z.string().optional(),
  MAIL_TEMPLATES_DIR: z.string().optional(),
  REMINDER_HOURS_BEFORE: z.coerce.number().min(0).max(168).default(24),
  ATTENDANCE_JOBS: z.enum(['0', '1']).default('1'),
  ESCALATE_AFTER_MINUTES: z.coerce.number().int().min(1).max(240).optional(),
  END_OF_DAY: z.string().optional(),
  MORNING_LIST_AT: z.string().optional(),
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).optional(),
  /** The "book again first in line" link of the apology for a missed appointment; must contain {token}. */
  REBOOK_URL: z.string().optional(),
  /** The public booking page a cancellation email links to (`{lang}`, `{storeId}` filled in); the embedded default's is the gov.gr example page. */
  BOOKING_URL: z.url().optional(),
  /** The confirmation email's link to see, move or cancel the appointment; must contain {token}. */
  MANAGE_URL: z.string().optional(),
  /** Webhooks may reach loopback, private and link-local addresses, and plain http (tests, the demo): webhooks.allowPrivateUrls. */
  WEBHOOKS_ALLOW_PRIVATE_URLS: z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true'),
  /** Seals the webhook signing secrets in the database (webhooks.secretKey; the worker needs the same). */
  WEBHOOKS_SECRET_KEY: z.string().min(16).optional(),
  ALERT_EMAILS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((a) => a.trim()).filter(Boolean)),
  // Unset and set-but-empty differ: the embedded default names a demo editor only when it is unset.
  CATALOGUE_EDITORS: z
    .string()
    .optional()
    .transform((s) => s?.split(',').map((a) => a.trim()).filter(Boolean)),
});

export type HostEnv = z.infer<typeof HostEnv>;

/** Production mode is chosen by DATABASE_URL: then nothing embedded starts. */
export function isProduction(env: HostEnv): boolean {
  return Boolean(env.DATABASE_URL);
}
