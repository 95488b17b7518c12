import { DateTime } from 'luxon';
import type { Report } from '../domain/report.js';
import { escapeHtml } from '../domain/escape-html.js';
import { decimal, percent } from './reports-csv.js';
import { BAND_FLOORS, BAND_ICONS, missedBand, type MissedBand } from '../domain/missed-bands.js';
import { byWaitingWorst } from '../domain/report-waiting.js';

/** The bands' words in print, with their shape (black and white keeps them apart). */
const BAND_WORDS: Record<MissedBand, string> = { none: 'Κανένα', low: 'Χαμηλό', medium: 'Μέτριο', high: 'Υψηλό' };
const bandText = (band: MissedBand) => `${BAND_ICONS[band]} ${BAND_WORDS[band]}`;
const BAND_LEGEND = `Ποσοστό χαμένων: ${bandText('high')} ${percent(BAND_FLOORS.high)}% και πάνω · ${bandText('medium')} ${percent(BAND_FLOORS.medium)}% έως κάτω από ${percent(BAND_FLOORS.high)}% · ${bandText('low')} κάτω από ${percent(BAND_FLOORS.medium)}% · ${bandText('none')} 0%`;

/**
 * The report ready to print (A4 landscape): the period, the KEPs worst first with every figure, and
 * the totals. Every value is escaped.
 */
export function reportHtml(report: Report, generatedAt: Date): string {
  const d = (date: string) => DateTime.fromISO(date).toFormat('dd/MM/yyyy');
  const title = `Αναφορά προσέλευσης ${d(report.from)} – ${d(report.to)}`;
  const cells = (r: Report['totals']) =>
    [r.booked, r.served, r.arrived, r.noShow, r.missedByStaff, missedPercent(r.missedByStaffRate), r.unmetDemand, r.cancelled, r.unrecorded, r.upcoming,
      decimal(r.leadTimeDays.median) || '—', decimal(r.leadTimeDays.p90) || '—', cellPercent(r.utilisation)]
      .map((c) => `<td>${escapeHtml(String(c))}</td>`)
      .join('');
  const rows = report.stores
    .map((s) => {
      const high = missedBand(s.missedByStaffRate) === 'high';
      return `<tr${high ? ' class="high"' : ''}><th scope="row">${escapeHtml(s.name)}<br><small>${escapeHtml(s.code)} · ${escapeHtml(s.municipality)}</small>${
        high ? `<br><strong>${BAND_ICONS.high} Υψηλό ποσοστό χαμένων</strong>` : ''}</th>${cells(s)}</tr>`;
    })
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
  tr.high th { border-left: 3mm solid #000; } tr.high td:nth-child(7) { font-weight: bold; }
  h2 { font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; }
  .no-print { margin: 4mm 0; } @media print { .no-print { display: none; } body { max-width: none; } }
</style></head>
<body>
<p class="no-print">Για εκτύπωση πατήστε Ctrl+P (⌘P σε Mac).</p>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${report.stores.length} ΚΕΠ, από το χειρότερο (ποσοστό ραντεβού που χάθηκαν από την υπηρεσία) · Εκδόθηκε ${escapeHtml(DateTime.fromJSDate(generatedAt, { zone: 'Europe/Athens' }).toFormat('dd/MM/yyyy HH:mm'))}<br>${BAND_LEGEND}</p>
<table>
<caption class="no-print">Ανά ΚΕΠ: ραντεβού και τι απέγιναν, χρόνος αναμονής και αξιοποίηση του ωραρίου</caption>
<thead><tr><th scope="col">ΚΕΠ</th><th scope="col">Ραντεβού</th><th scope="col">Εξυπηρ.</th><th scope="col">Ήρθαν</th><th scope="col">Δεν προσήλθαν</th><th scope="col">Χάθηκαν από την υπηρεσία</th><th scope="col">% χαμένων</th><th scope="col">Αναζητήσεις χωρίς ώρα</th><th scope="col">Ακυρώσεις</th><th scope="col">Χωρίς καταγραφή</th><th scope="col">Μελλοντικά</th><th scope="col">Αναμονή διάμεσος (ημ.)</th><th scope="col">Αναμονή 90% (ημ.)</th><th scope="col">Αξιοποίηση ωραρίου</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="14">Δεν υπάρχουν ΚΕΠ σε αυτή την αναφορά.</td></tr>'}
</tbody>
<tfoot><tr><th scope="row">Σύνολο</th>${cells(report.totals)}</tr></tfoot>
</table>
${waitingTable(report)}
</body></html>`;
}

/** The missed rate with its band's shape and word. */
function missedPercent(rate: number | null): string {
  const band = missedBand(rate);
  return band === null ? '—' : `${percent(rate)}% ${bandText(band)}`;
}

function cellPercent(rate: number | null): string {
  return rate === null ? '—' : `${percent(rate)}%`;
}

/** The citizens who waited (issue 16), per KEP from the worst: waiting time, late video starts, waited and not served. */
function waitingTable(report: Report): string {
  const cells = (r: Report['totals']) =>
    [decimal(r.waitingMinutes.median) || '—', decimal(r.waitingMinutes.p90) || '—', r.waitingMinutes.count, r.lateVideoStarts.count, r.lateVideoStarts.started,
      cellPercent(r.lateVideoStarts.rate), r.waitedNotServed]
      .map((c) => `<td>${escapeHtml(String(c))}</td>`)
      .join('');
  const rows = [...report.stores]
    .sort(byWaitingWorst)
    .map((s) => `<tr><th scope="row">${escapeHtml(s.name)}<br><small>${escapeHtml(s.code)} · ${escapeHtml(s.municipality)}</small></th>${cells(s)}</tr>`)
    .join('\n');
  return `<h2>Οι πολίτες που περίμεναν</h2>
<p class="meta">Από την άφιξη ως την κλήση: για βιντεοκλήση, από το «Περιμένω» του πολίτη ως την έναρξη. Καθυστερημένη: η κλήση ξεκίνησε αργότερα από τα λεπτά ειδοποίησης του ΚΕΠ μετά την ώρα του ραντεβού ή το «Περιμένω» (ό,τι ήταν αργότερα). Από το χειρότερο: όσοι περίμεναν και δεν εξυπηρετήθηκαν.</p>
<table>
<thead><tr><th scope="col">ΚΕΠ</th><th scope="col">Άφιξη ως κλήση, διάμεσος (λεπτά)</th><th scope="col">Άφιξη ως κλήση, 90% (λεπτά)</th><th scope="col">Μετρήσεις</th><th scope="col">Βιντεοκλήσεις με καθυστέρηση</th><th scope="col">Βιντεοκλήσεις που ξεκίνησαν</th><th scope="col">% καθυστερημένων</th><th scope="col">Περίμεναν και δεν εξυπηρετήθηκαν</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="8">Δεν υπάρχουν ΚΕΠ σε αυτή την αναφορά.</td></tr>'}
</tbody>
<tfoot><tr><th scope="row">Σύνολο</th>${cells(report.totals)}</tr></tfoot>
</table>`;
}
