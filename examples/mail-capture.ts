import { Router } from 'express';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { escapeHtml } from '../plugin/domain/escape-html.js';

interface CapturedMail {
  at: Date;
  to: string;
  subject: string;
  messageId: string;
  text: string;
  raw: string;
}

/**
 * The embedded default's mailbox: a real nodemailer transport that renders each message to MIME
 * and keeps the last 200 in memory, listed at a URL instead of being sent.
 */
export function createMailCapture(limit = 200): { transport: Transporter; router: Router; messages: CapturedMail[] } {
  const messages: CapturedMail[] = [];
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  transport.on('idle', () => {});
  const original = transport.sendMail.bind(transport);
  transport.sendMail = (async (mail: SendMailOptions) => {
    const info = await original(mail);
    messages.unshift({
      at: new Date(),
      to: String(mail.to),
      subject: String(mail.subject),
      messageId: info.messageId,
      text: String(mail.text ?? ''),
      raw: (info.message as Buffer).toString('utf8'),
    });
    messages.length = Math.min(messages.length, limit);
    return info;
  }) as typeof transport.sendMail;

  const router = Router();
  router.get('/', (_req, res) => {
    const rows = messages
      .map((m, i) => `<tr><td>${m.at.toISOString()}</td><td>${escapeHtml(m.to)}</td><td><a href="mail/${i}">${escapeHtml(m.subject)}</a></td></tr>`)
      .join('');
    res.type('html').send(`<!doctype html><html lang="el"><meta charset="utf-8"><title>Εξερχόμενα email (demo)</title>
<body style="font-family:system-ui,sans-serif;margin:2rem"><h1>Εξερχόμενα email (demo)</h1>
<p>Στην ενσωματωμένη λειτουργία τα email δεν αποστέλλονται· εμφανίζονται εδώ.</p>
<table border="1" cellpadding="6"><thead><tr><th>Ώρα (UTC)</th><th>Προς</th><th>Θέμα</th></tr></thead><tbody>${rows || '<tr><td colspan="3">Κανένα email ακόμη.</td></tr>'}</tbody></table></body></html>`);
  });
  router.get('/:index', (req, res) => {
    const mail = messages[Number(req.params.index)];
    if (!mail) return void res.status(404).type('text').send('Δεν βρέθηκε.');
    if (req.query.raw !== undefined) return void res.type('text/plain; charset=utf-8').send(mail.raw);
    res.type('html').send(`<!doctype html><html lang="el"><meta charset="utf-8"><title>${escapeHtml(mail.subject)}</title>
<body style="font-family:system-ui,sans-serif;margin:2rem"><p><a href="../mail">← Όλα τα email</a> · <a href="?raw">MIME</a></p>
<dl><dt>Προς</dt><dd>${escapeHtml(mail.to)}</dd><dt>Θέμα</dt><dd>${escapeHtml(mail.subject)}</dd><dt>Message-ID</dt><dd>${escapeHtml(mail.messageId)}</dd></dl>
<pre style="white-space:pre-wrap;font:inherit">${escapeHtml(mail.text)}</pre></body></html>`);
  });
  return { transport, router, messages };
}
