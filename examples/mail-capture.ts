import { Router } from 'express';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { escapeHtml } from '../plugin/domain/escape-html.js';

/** A file that came with a captured message: the `.ics` invitation, say. */
interface CapturedAttachment {
  filename: string;
  contentType: string;
  content: string;
}

interface CapturedMail {
  at: Date;
  to: string;
  subject: string;
  messageId: string;
  text: string;
  html: string;
  attachments: CapturedAttachment[];
  raw: string;
}

/**
 * The embedded default's mailbox: a real nodemailer transport that renders each message to MIME
 * and keeps the last 200 in memory, listed at a URL instead of being sent. Each message shows its
 * text, its HTML and its calendar invitation, and the raw MIME as a mail client would receive it.
 */
export function createMailCapture(limit = 200): { transport: Transporter; router: Router; messages: CapturedMail[] } {
  const messages: CapturedMail[] = [];
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  transport.on('idle', () => {});
  const original = transport.sendMail.bind(transport);
  transport.sendMail = (async (mail: SendMailOptions) => {
    const info = await original(mail);
    const ical = mail.icalEvent as { filename?: string; method?: string; content?: unknown } | undefined;
    messages.unshift({
      at: new Date(),
      to: String(mail.to),
      subject: String(mail.subject),
      messageId: info.messageId,
      text: String(mail.text ?? ''),
      html: withInlineImages(String(mail.html ?? ''), mail.attachments ?? []),
      attachments: ical?.content
        ? [{ filename: ical.filename ?? 'invite.ics', contentType: `text/calendar; charset=utf-8; method=${ical.method ?? 'PUBLISH'}`, content: String(ical.content) }]
        : [],
      raw: (info.message as Buffer).toString('utf8'),
    });
    messages.length = Math.min(messages.length, limit);
    return info;
  }) as typeof transport.sendMail;

  const router = Router();
  router.get('/', (_req, res) => {
    const rows = messages
      .map(
        (m, i) =>
          `<tr><td>${m.at.toISOString()}</td><td>${escapeHtml(m.to)}</td><td><a href="mail/${i}">${escapeHtml(m.subject)}</a></td><td>${m.attachments.map((a) => escapeHtml(a.filename)).join(', ')}</td></tr>`,
      )
      .join('');
    res.type('html').send(`<!doctype html><html lang="el"><meta charset="utf-8"><title>Εξερχόμενα email (demo)</title>
<body style="font-family:system-ui,sans-serif;margin:2rem"><h1>Εξερχόμενα email (demo)</h1>
<p>Στην ενσωματωμένη λειτουργία τα email δεν αποστέλλονται· εμφανίζονται εδώ.</p>
<table border="1" cellpadding="6"><thead><tr><th>Ώρα (UTC)</th><th>Προς</th><th>Θέμα</th><th>Συνημμένα</th></tr></thead><tbody>${rows || '<tr><td colspan="4">Κανένα email ακόμη.</td></tr>'}</tbody></table></body></html>`);
  });
  router.get('/:index/html', (req, res) => {
    const mail = messages[Number(req.params.index)];
    if (!mail?.html) return void res.status(404).type('text').send('Δεν βρέθηκε.');
    // The message's own HTML, shown as the citizen's mail client would: no scripts, no requests out.
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox").type('html').send(mail.html);
  });
  router.get('/:index/attachments/:n', (req, res) => {
    const attachment = messages[Number(req.params.index)]?.attachments[Number(req.params.n)];
    if (!attachment) return void res.status(404).type('text').send('Δεν βρέθηκε.');
    res.attachment(attachment.filename).type(attachment.contentType).send(attachment.content);
  });
  router.get('/:index', (req, res) => {
    const index = Number(req.params.index);
    const mail = messages[index];
    if (!mail) return void res.status(404).type('text').send('Δεν βρέθηκε.');
    if (req.query.raw !== undefined) return void res.type('text/plain; charset=utf-8').send(mail.raw);
    const files = mail.attachments.map((a, n) => `<li><a href="${index}/attachments/${n}">${escapeHtml(a.filename)}</a> (${escapeHtml(a.contentType)})</li>`).join('');
    res.type('html').send(`<!doctype html><html lang="el"><meta charset="utf-8"><title>${escapeHtml(mail.subject)}</title>
<body style="font-family:system-ui,sans-serif;margin:2rem"><p><a href="../mail">← Όλα τα email</a> · <a href="?raw">MIME</a>${mail.html ? ` · <a href="${index}/html">HTML</a>` : ''}</p>
<dl><dt>Προς</dt><dd>${escapeHtml(mail.to)}</dd><dt>Θέμα</dt><dd>${escapeHtml(mail.subject)}</dd><dt>Message-ID</dt><dd>${escapeHtml(mail.messageId)}</dd>
${files ? `<dt>Συνημμένα</dt><dd><ul>${files}</ul></dd>` : ''}</dl>
<pre style="white-space:pre-wrap;font:inherit">${escapeHtml(mail.text)}</pre></body></html>`);
  });
  return { transport, router, messages };
}

/**
 * The HTML with its inline pictures (`cid:`, the reference's QR code) as `data:` URLs, so the mailbox
 * page shows them as a mail client shows the message's inline parts, under a CSP that fetches nothing.
 */
function withInlineImages(html: string, attachments: NonNullable<SendMailOptions['attachments']>): string {
  let out = html;
  for (const a of attachments) {
    if (!a.cid || !Buffer.isBuffer(a.content)) continue;
    out = out.replaceAll(`cid:${a.cid}`, `data:${a.contentType ?? 'application/octet-stream'};base64,${a.content.toString('base64')}`);
  }
  return out;
}
