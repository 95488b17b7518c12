import { z } from 'zod';

/** Every environment variable the reference host reads; README.md has the same table. */
export const HostEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('ΚΕΠ — Ραντεβού <no-reply@rantevou.invalid>'),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  ROLES_FILE: z.string().optional(),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  TRUST_PROXY: z.string().optional(),
});

export type HostEnv = z.infer<typeof HostEnv>;

/** Production mode is chosen by DATABASE_URL: then nothing embedded starts. */
export function isProduction(env: HostEnv): boolean {
  return Boolean(env.DATABASE_URL);
}
