import { DateTime } from 'luxon';
import type { Report } from '../domain/report.js';
import { escapeHtml } from '../domain/escape-html.js';
import { decimal, percent } from './reports-csv.js';

/**
 * The report ready to print (A4 landscape): the period, the KEPs worst first with every figure, and
 * the totals. Every value is escaped.
 */
export function reportHtml(report: Report, generatedAt: Date): string {
  const d = (date: string) => DateTime.fromISO(date).toFormat('dd/MM/yyyy');
  const title = `Αναφορά προσέλευσης ${d(report.from)} – ${d(report.to)}`;
  const cells = (r: Report['totals']) =>
    [r.booked, r.served, r.arrived, r.noShow, r.missedByStaff, cellPercent(r.missedByStaffRate), r.cancelled, r.unrecorded, r.upcoming,
      decimal(r.leadTimeDays.median) || '—', decimal(r.leadTimeDays.p90) || '—', cellPercent(r.utilisation)]
      .map((c) => `<td>${escapeHtml(String(c))}</td>`)
      .join('');
  const rows = report.stores
    .map((s) => `<tr><th scope="row">${escapeHtml(s.name)}<br><small>${escapeHtml(s.code)} · ${escapeHtml(s.municipality)}</small></th>${cells(s)}</tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="el"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
  @page { size: A4 landscape; margin: 12mm; }
  body { font: 10pt/1.35 Arial, "Helvetica Neue", sans-serif; color: #000; margin: 0 auto; max-width: 277mm; }
  h1 { font-size: 15pt; margin: 0 0 2mm; } p.meta { margin: 0 0 4mm; }
  table { width: 100%; border-collapse: collapse; } thead { display: table-header-group; }
  th, td { border: 1px solid #444; padding: 1mm 1.5mm; text-align: right; vertical-align: top; }
  th[scope="row"], thead th:first-child { text-align: left; } thead th { background: #eee; } tfoot th, tfoot td { font-weight: bold; }
  tr { break-inside: avoid; } small { font-weight: normal; color: #333; }
  .no-print { margin: 4mm 0; } @media print { .no-print { display: none; } body { max-width: none; } }
</style></head>
<body>
<p class="no-print">Για εκτύπωση πατήστε Ctrl+P (⌘P σε Mac).</p>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${report.stores.length} ΚΕΠ, από το χειρότερο (ποσοστό ραντεβού που χάθηκαν από την υπηρεσία) · Εκδόθηκε ${escapeHtml(DateTime.fromJSDate(generatedAt, { zone: 'Europe/Athens' }).toFormat('dd/MM/yyyy HH:mm'))}</p>
<table>
<caption class="no-print">Ανά ΚΕΠ: ραντεβού και τι απέγιναν, χρόνος αναμονής και αξιοποίηση του ωραρίου</caption>
<thead><tr><th scope="col">ΚΕΠ</th><th scope="col">Ραντεβού</th><th scope="col">Εξυπηρ.</th><th scope="col">Ήρθαν</th><th scope="col">Δεν προσήλθαν</th><th scope="col">Χάθηκαν από την υπηρεσία</th><th scope="col">% χαμένων</th><th scope="col">Ακυρώσεις</th><th scope="col">Χωρίς καταγραφή</th><th scope="col">Μελλοντικά</th><th scope="col">Αναμονή διάμεσος (ημ.)</th><th scope="col">Αναμονή 90% (ημ.)</th><th scope="col">Αξιοποίηση ωραρίου</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="13">Δεν υπάρχουν ΚΕΠ σε αυτή την αναφορά.</td></tr>'}
</tbody>
<tfoot><tr><th scope="row">Σύνολο</th>${cells(report.totals)}</tr></tfoot>
</table>
</body></html>`;
}

function cellPercent(rate: number | null): string {
  return rate === null ? '—' : `${percent(rate)}%`;
}
