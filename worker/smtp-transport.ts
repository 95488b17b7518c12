import { readFileSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';

/** How the worker reaches the mail server. */
export interface SmtpSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). */
  url: string;
  /** Connections kept open to the server at most. */
  maxConnections: number;
  /** Refuse to send unless the connection is encrypted (STARTTLS required on `smtp://`). */
  requireTls: boolean;
  /** Verify the server's certificate (switch off only for a test server on this machine). */
  rejectUnauthorized: boolean;
  /** A PEM file with the CA that signed the server's certificate, for a private CA. */
  caFile?: string | undefined;
}

/**
 * A pooled nodemailer transport: a few long-lived SMTP connections shared by all concurrent jobs,
 * instead of a TLS handshake per email. Timeouts keep a silent server from holding a job for ever.
 */
export function createSmtpTransport(settings: SmtpSettings): Transporter {
  return nodemailer.createTransport({
    url: settings.url,
    pool: true,
    maxConnections: settings.maxConnections,
    maxMessages: 500,
    requireTLS: settings.requireTls,
    tls: {
      rejectUnauthorized: settings.rejectUnauthorized,
      minVersion: 'TLSv1.2',
      ...(settings.caFile ? { ca: readFileSync(settings.caFile) } : {}),
    },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
}
