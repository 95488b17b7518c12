import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

const BAR = 6;
const GAP = 2;
const HEIGHT = 32;

/**
 * A small inline chart of a KEP's weeks: the height of each bar is the week's appointments, its red
 * part those missed by staff, on one scale for the whole report so KEPs compare at a glance. No chart
 * library: a few rects. The chart is an image to assistive technology, its text alternative the
 * numbers themselves (the table around it has the totals).
 */
export function weeklyChart(booked: readonly number[], missed: readonly number[], max: number, label: string): TemplateResult {
  const scale = max > 0 ? HEIGHT / max : 0;
  const width = booked.length * (BAR + GAP);
  const bars: SVGTemplateResult[] = booked.map((b, i) => {
    const x = i * (BAR + GAP);
    const hb = Math.max(b > 0 ? 1 : 0, Math.round(b * scale));
    const hm = Math.min(hb, Math.max(missed[i]! > 0 ? 2 : 0, Math.round(missed[i]! * scale)));
    return svg`<rect class="booked" x=${x} y=${HEIGHT - hb} width=${BAR} height=${hb}></rect>${
      hm > 0 ? svg`<rect class="missed" x=${x} y=${HEIGHT - hm} width=${BAR} height=${hm}></rect>` : nothing
    }`;
  });
  return html`<svg class="chart" part="chart" role="img" aria-label=${label} viewBox="0 0 ${Math.max(width, 1)} ${HEIGHT}" width=${Math.max(width, 1)} height=${HEIGHT}
    preserveAspectRatio="none" focusable="false"><title>${label}</title><line class="axis" x1="0" y1=${HEIGHT - 0.5} x2=${width} y2=${HEIGHT - 0.5}></line>${bars}</svg>`;
}
