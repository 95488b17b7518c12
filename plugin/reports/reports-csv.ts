import { stringify } from 'csv-stringify/sync';
import type { Report } from '../domain/report.js';

/** The columns, in Greek, as the directorate reads them. */
const HEADER = [
  'Κωδικός ΚΕΠ', 'ΚΕΠ', 'Δήμος', 'Ραντεβού', 'Εξυπηρετήθηκαν', 'Ήρθαν', 'Δεν προσήλθαν', 'Χάθηκαν από την υπηρεσία',
  'Ποσοστό χαμένων από την υπηρεσία (%)', 'Ακυρώσεις', 'Χωρίς καταγραφή', 'Μελλοντικά',
  'Χρόνος αναμονής: διάμεσος (ημέρες)', 'Χρόνος αναμονής: 90ό εκατοστημόριο (ημέρες)', 'Λεπτά ραντεβού', 'Λεπτά διαθέσιμα', 'Αξιοποίηση ωραρίου (%)',
  'Αναζητήσεις χωρίς ελεύθερη ώρα', 'Από την άφιξη ως την κλήση: διάμεσος (λεπτά)', 'Από την άφιξη ως την κλήση: 90ό εκατοστημόριο (λεπτά)', 'Αναμονές που μετρήθηκαν',
  'Βιντεοκλήσεις που ξεκίνησαν', 'Βιντεοκλήσεις που ξεκίνησαν με καθυστέρηση', 'Ποσοστό καθυστερημένων βιντεοκλήσεων (%)', 'Περίμεναν και δεν εξυπηρετήθηκαν',
];

/**
 * The report as CSV: one line per KEP (worst first) and a totals line. `;`, a BOM and decimal commas,
 * which Excel with Greek settings opens by double-click; names cannot run as formulas.
 */
export function reportCsv(report: Report): string {
  const line = (code: string, name: string, municipality: string, r: Report['totals']) => [
    code, name, municipality, r.booked, r.served, r.arrived, r.noShow, r.missedByStaff, percent(r.missedByStaffRate), r.cancelled, r.unrecorded, r.upcoming,
    decimal(r.leadTimeDays.median), decimal(r.leadTimeDays.p90), r.bookedMinutes, r.offeredMinutes, percent(r.utilisation),
    r.unmetDemand, decimal(r.waitingMinutes.median), decimal(r.waitingMinutes.p90), r.waitingMinutes.count,
    r.lateVideoStarts.started, r.lateVideoStarts.count, percent(r.lateVideoStarts.rate), r.waitedNotServed,
  ].map((c) => neutralise(String(c)));
  const rows = report.stores.map((s) => line(s.code, s.name, s.municipality, s));
  rows.push(line('', `Σύνολο ${report.from} – ${report.to}`, '', report.totals));
  return '\uFEFF' + stringify([HEADER, ...rows], { delimiter: ';' });
}

/** "12,5" for 0.125; empty when there is nothing to divide. */
export function percent(rate: number | null): string {
  return rate === null ? '' : decimal(Math.round(rate * 1000) / 10);
}

/** A number with a Greek decimal comma; empty for null. */
export function decimal(value: number | null): string {
  return value === null ? '' : String(value).replace('.', ',');
}

function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(,\d+)?$/.test(cell) ? `'${cell}` : cell;
}
