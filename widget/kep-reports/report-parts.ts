import { html, nothing, type TemplateResult } from 'lit';
import type { ReportFigures } from './reports-api.js';
import type { ReportMessages } from './reports-i18n.js';
import { BAND_FLOORS, BAND_ICONS, missedBand, type MissedBand } from '../../plugin/domain/missed-bands.js';

/**
 * The pieces of the report table that `<kep-reports>` repeats per KEP and for the totals: the
 * figures' cells, the band badge of a missed rate, and the legend that explains both and the charts.
 */

/** A band as a badge: its shape and its word, on its colour (never the colour alone). */
export function bandBadge(band: MissedBand, t: ReportMessages): TemplateResult {
  return html`<span class="band band--${band}"><span aria-hidden="true">${BAND_ICONS[band]}</span> ${t.bands[band]}</span>`;
}

/** The cells after the KEP's name: the missed ones as rate, count and band in one, and beside them the searches that found no time. */
export function figureCells(f: ReportFigures, t: ReportMessages): TemplateResult {
  const n = new Intl.NumberFormat(t.locale);
  const pct = new Intl.NumberFormat(t.locale, { style: 'percent', maximumFractionDigits: 1 });
  const rate = f.missedByStaffRate;
  const band = missedBand(rate);
  return html`
    <td class="number">${n.format(f.booked)}</td>
    <td class="number">${n.format(f.served + f.arrived)}</td>
    <td class="number">${n.format(f.noShow)}</td>
    <td class="number missed" data-band=${band ?? nothing}>
      <span class="rate">${rate === null ? '—' : pct.format(rate)}</span> <span class="count">(${n.format(f.missedByStaff)})</span>
      ${band ? html`<br />${bandBadge(band, t)}` : nothing}
    </td>
    <td class="number unmet">${n.format(f.unmetDemand)}</td>
    <td class="number">${n.format(f.cancelled)}</td>
    <td class="number">${n.format(f.unrecorded)}</td>
    <td class="number">${f.leadTimeDays.median === null && f.leadTimeDays.p90 === null
      ? '—'
      : html`${t.days(f.leadTimeDays.median)} /<br />${t.days(f.leadTimeDays.p90)}`}</td>
    <td class="number">${f.utilisation === null ? '—' : pct.format(f.utilisation)}</td>
  `;
}

/** What the bands mean (with their bounds) and how to read the charts, whose one scale tops at `max`. */
export function reportLegend(t: ReportMessages, max: number): TemplateResult {
  const pct = new Intl.NumberFormat(t.locale, { style: 'percent', maximumFractionDigits: 1 });
  const ranges: Record<MissedBand, string> = {
    none: pct.format(0),
    low: t.bandRanges.below(pct.format(BAND_FLOORS.medium)),
    medium: t.bandRanges.between(pct.format(BAND_FLOORS.medium), pct.format(BAND_FLOORS.high)),
    high: t.bandRanges.from(pct.format(BAND_FLOORS.high)),
  };
  return html`<div class="legend">
    <p class="legend-title" id="bands-title">${t.bandsTitle}</p>
    <ul class="bands" aria-labelledby="bands-title">
      ${(['high', 'medium', 'low', 'none'] as const).map((b) => html`<li>${bandBadge(b, t)} ${ranges[b]}</li>`)}
    </ul>
    <p>
      <span aria-hidden="true"><span class="swatch swatch--booked"></span>${t.legend.booked} <span class="swatch swatch--missed"></span>${t.legend.missed}.</span>
      ${t.scale(max)}
    </p>
    <p>${t.unmetNote}</p>
  </div>`;
}
