/** What nodemailer puts on a failed send. */
interface SmtpErrorFields {
  code?: string;
  responseCode?: number;
  command?: string;
}

// 5xx replies about our own session, not about this message: wrong credentials or TLS policy. Every
// message would fail alike until an operator fixes the configuration, so they are worth retrying.
const SESSION_REPLIES = new Set([530, 534, 535, 538]);

/**
 * A failure that sending again cannot fix: the server refused this message or its recipient for good
 * (an SMTP 5xx reply, e.g. 550 "no such mailbox"), or the address cannot be used at all. Anything else
 * (no connection, a timeout, a 4xx "try later", bad credentials) is worth another attempt.
 */
export function isPermanentMailError(err: unknown): boolean {
  const e = (err ?? {}) as SmtpErrorFields;
  if (e.code === 'EAUTH' || e.code === 'ETLS' || e.code === 'ECONNECTION' || e.code === 'ETIMEDOUT' || e.code === 'ESOCKET') return false;
  if (typeof e.responseCode === 'number') return e.responseCode >= 500 && e.responseCode < 600 && !SESSION_REPLIES.has(e.responseCode);
  // No SMTP reply at all, yet an envelope error: nodemailer found no usable recipient address.
  return e.code === 'EENVELOPE';
}

/** The reason kept on the outbox row, for the staff who read it: the server's reply, as it gave it. */
export function mailErrorReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s+/g, ' ').trim().slice(0, 2000) || 'Άγνωστο σφάλμα αποστολής';
}

/**
 * A summary without personal data, for logs and the job queue: a server's reply may quote the
 * recipient's address, so only the codes are kept.
 */
export function mailErrorSummary(err: unknown): string {
  const e = (err ?? {}) as SmtpErrorFields;
  const parts = [e.code, e.responseCode, e.command].filter((x) => x !== undefined && x !== '');
  if (parts.length > 0) return `mail delivery failed: ${parts.join(' ')}`;
  return `mail delivery failed: ${err instanceof Error ? err.name : 'error'}`;
}
