import { html, type TemplateResult } from 'lit';
import { byWaitingWorst } from '../../plugin/domain/report-waiting.js';
import type { KepReportLine, Report, ReportFigures } from './reports-api.js';
import type { ReportMessages } from './reports-i18n.js';

/**
 * The table of the citizens who waited (issue 16): per KEP, worst first by its own measure (who
 * waited and was not served, then the share of late video calls, then the 90% wait), the waiting
 * time, late video calls and who waited unserved, with the totals. The directorate sees every KEP;
 * a KEP's administrator their own.
 */
export function waitingTable(report: Report, t: ReportMessages, rows: number): TemplateResult {
  const w = t.waiting;
  const stores = [...report.stores].sort(byWaitingWorst).slice(0, rows);
  const caption = w.caption(report.stores.length);
  return html`
    <h3 id="waiting-title">${w.title}</h3>
    <p class="hint">${w.intro}</p>
    <div class="table-wrapper" tabindex="0" role="region" aria-labelledby="waiting-title">
      <table part="waiting-table">
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.columns.kep}</th>
            <th scope="col" class="number">${w.notServed}</th>
            <th scope="col" class="number">${w.late}</th>
            <th scope="col" class="number">${w.median}</th>
            <th scope="col" class="number">${w.p90}</th>
            <th scope="col" class="number">${w.count}</th>
          </tr>
        </thead>
        <tbody>
          ${report.stores.length === 0 ? html`<tr><td colspan="6">${t.none}</td></tr>` : stores.map((s) => waitingRow(s, t))}
        </tbody>
        <tfoot>
          <tr><th scope="row">${t.total}</th>${waitingCells(report.totals, t)}</tr>
        </tfoot>
      </table>
    </div>
  `;
}

function waitingRow(s: KepReportLine, t: ReportMessages): TemplateResult {
  return html`<tr data-store=${s.code}>
    <th scope="row">${s.name}<br /><span class="hint">${s.code} · ${s.municipality}</span></th>
    ${waitingCells(s, t)}
  </tr>`;
}

function waitingCells(f: ReportFigures, t: ReportMessages): TemplateResult {
  const n = new Intl.NumberFormat(t.locale);
  const pct = new Intl.NumberFormat(t.locale, { style: 'percent', maximumFractionDigits: 1 });
  const late = f.lateVideoStarts;
  return html`
    <td class="number">${n.format(f.waitedNotServed)}</td>
    <td class="number">${late.rate === null ? '—' : html`<span class="rate">${pct.format(late.rate)}</span> (${t.waiting.lateOf(n.format(late.count), n.format(late.started))})`}</td>
    <td class="number">${t.waiting.minutes(f.waitingMinutes.median)}</td>
    <td class="number">${t.waiting.minutes(f.waitingMinutes.p90)}</td>
    <td class="number">${n.format(f.waitingMinutes.count)}</td>
  `;
}
