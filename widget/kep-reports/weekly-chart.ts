import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

/** The chart's size in CSS pixels: every chart of a page is as wide and as high, whatever its weeks. */
const WIDTH = 144;
const BARS = 40;
const LABELS = 13;
/** Below this width a bar has no room for its own number: only the busiest week is labelled. */
const LABELLED_SLOT = 16;

/**
 * A KEP's weeks as a row of bars: each bar's height is the week's appointments and its red part those
 * missed by staff, on the one scale `max` of the whole report (the busiest week of any KEP), so that
 * the bars of two KEPs compare by height. Each bar has its number above it (or, for long periods,
 * the busiest week has). No chart library: a few rects. To assistive technology the chart is one
 * image whose text alternative is every number (`label`).
 */
export function weeklyChart(booked: readonly number[], missed: readonly number[], max: number, label: string): TemplateResult {
  const n = booked.length;
  const slot = n > 0 ? WIDTH / n : WIDTH;
  const bar = Math.max(2, Math.min(18, slot - 2));
  const scale = max > 0 ? BARS / max : 0;
  const bottom = LABELS + BARS;
  const busiest = booked.indexOf(Math.max(...booked));
  const bars: SVGTemplateResult[] = booked.map((b, i) => {
    const x = i * slot + (slot - bar) / 2;
    // Heights are not rounded, so that they stay proportional; a week with any appointment shows.
    const hb = Math.max(1, b * scale);
    const m = missed[i] ?? 0;
    const hm = m > 0 ? Math.min(hb, Math.max(2, m * scale)) : 0;
    const labelled = (slot >= LABELLED_SLOT || i === busiest);
    if (b === 0) return svg``;
    return svg`<rect class="booked" x=${x} y=${bottom - hb} width=${bar} height=${hb} data-value=${b}></rect>${
      hm > 0 ? svg`<rect class="missed" x=${x} y=${bottom - hm} width=${bar} height=${hm} data-value=${m}></rect>` : nothing
    }${labelled ? svg`<text class="value" x=${x + bar / 2} y=${bottom - hb - 2} text-anchor="middle">${b}</text>` : nothing}`;
  });
  return html`<svg class="chart" part="chart" role="img" aria-label=${label} viewBox="0 0 ${WIDTH} ${bottom + 1}" width=${WIDTH} height=${bottom + 1}
    focusable="false"><title>${label}</title><line class="axis" x1="0" y1=${bottom + 0.5} x2=${WIDTH} y2=${bottom + 0.5}></line>${bars}</svg>`;
}
