import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** How the sink behaves; all optional. */
export interface SmtpSinkOptions {
  /** Listen on this port (to stop and start "the same" mail server); default any free port. */
  port?: number;
  /** Refuses a recipient: return the reply (a 5xx for good, a 4xx for "try later"), or null to accept. */
  rejectRecipient?: (address: string) => { code: number; message: string } | null;
  /** Waits this long after a message arrived before answering 250 (a slow server; it counts as received). */
  replyDelayMs?: number;
}

/** A real SMTP server that accepts everything (unless told to refuse) and keeps the parsed messages. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<{
  url: string;
  port: number;
  messages: ParsedMail[];
  /** The raw MIME of each message, in the same order. */
  raw: string[];
  close(): Promise<void>;
}> {
  const messages: ParsedMail[] = [];
  const raw: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A sink that is closed must be gone at once (a mail server that went down), not after 30 s.
    closeTimeout: 200,
    onRcptTo(address, _session, callback) {
      const refusal = options.rejectRecipient?.(address.address) ?? null;
      if (refusal === null) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const source = Buffer.concat(chunks);
        simpleParser(source)
          .then((mail) => {
            messages.push(mail);
            raw.push(source.toString('utf8'));
            if (options.replyDelayMs) setTimeout(() => callback(), options.replyDelayMs);
            else callback();
          })
          .catch(callback);
      });
    },
  });
  // A client that vanishes mid-message (a killed worker) resets its connection; the server carries on.
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    raw,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until `predicate` holds, polling; fails the test with `what` after `timeoutMs`. */
export async function eventually(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
