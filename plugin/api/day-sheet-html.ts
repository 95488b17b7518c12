import { DateTime } from 'luxon';
import type { Appointment } from '../db/appointment.entity.js';
import type { Store } from '../db/store.entity.js';
import { escapeHtml } from '../domain/escape-html.js';

const STATUS_EL: Record<string, string> = {
  booked: 'Κλεισμένο', arrived: 'Ήρθε', served: 'Εξυπηρετήθηκε', cancelled: 'Ακυρώθηκε', no_show: 'Δεν προσήλθε', missed_by_staff: 'Χάθηκε από την υπηρεσία',
};

/** The status as staff read it on paper. */
export function statusLabel(status: string): string {
  return STATUS_EL[status] ?? status;
}

/**
 * The printed day list of a KEP: one A4 page (or more), Greek headings, the KEP and the date, and a
 * column to tick arrivals by hand. Every value is escaped: a name is text, never markup.
 */
export function renderDaySheet(store: Store, date: string, queueName: string | null, items: readonly Appointment[]): string {
  const day = DateTime.fromISO(date, { zone: store.timeZone }).setLocale('el');
  const rows = items
    .map((a) => {
      const time = DateTime.fromJSDate(a.startsAt, { zone: store.timeZone }).toFormat('HH:mm');
      const cancelled = a.status === 'cancelled';
      return `<tr${cancelled ? ' class="cancelled"' : ''}>
<td class="time">${time}</td><td class="ref">${escapeHtml(a.reference)}</td><td>${escapeHtml(`${a.lastName} ${a.firstName}`)}${a.businessName ? `<br><small>για ${escapeHtml(a.businessName)}</small>` : ''}</td>
<td>${escapeHtml(a.phone ?? '')}</td><td>${escapeHtml(a.procedure ?? '')}</td><td>${escapeHtml(a.notes ?? '')}</td>
<td>${escapeHtml(queueName ? '' : a.queue.name)}</td><td>${statusLabel(a.status)}</td><td class="tick" aria-label="Προσήλθε">☐</td></tr>`;
    })
    .join('\n');
  const title = `Ραντεβού ${day.toFormat('dd/MM/yyyy')} — ${store.name}`;
  return `<!doctype html>
<html lang="el"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
  @page { size: A4 portrait; margin: 15mm 12mm; }
  body { font: 11pt/1.35 Arial, "Helvetica Neue", sans-serif; color: #000; margin: 0 auto; max-width: 190mm; }
  h1 { font-size: 15pt; margin: 0 0 2mm; } p.meta { margin: 0 0 4mm; }
  table { width: 100%; border-collapse: collapse; } thead { display: table-header-group; }
  th, td { border: 1px solid #444; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
  th { background: #eee; } td.time, td.ref { white-space: nowrap; font-weight: bold; } td.ref { font-family: "Courier New", monospace; } td.tick { text-align: center; font-size: 14pt; width: 12mm; }
  tr { break-inside: avoid; } tr.cancelled td { text-decoration: line-through; color: #555; }
  .no-print { margin: 4mm 0; }
  @media print { .no-print { display: none; } body { max-width: none; } }
</style></head>
<body>
<p class="no-print">Για εκτύπωση πατήστε Ctrl+P (⌘P σε Mac).</p>
<h1>Ραντεβού ημέρας ${escapeHtml(day.toFormat('cccc dd/MM/yyyy'))}</h1>
<p class="meta"><strong>${escapeHtml(store.name)}</strong> — ${escapeHtml(store.address)}${queueName ? ` — Ουρά: ${escapeHtml(queueName)}` : ''} — ${items.filter((a) => a.status !== 'cancelled').length} ραντεβού</p>
<table>
<thead><tr><th>Ώρα</th><th>Κωδικός</th><th>Ονοματεπώνυμο</th><th>Τηλέφωνο</th><th>Διαδικασία</th><th>Σημειώσεις</th><th>${queueName ? '' : 'Ουρά'}</th><th>Κατάσταση</th><th>Προσήλθε</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="9">Δεν υπάρχουν ραντεβού για αυτή την ημέρα.</td></tr>'}
</tbody></table>
</body></html>`;
}
