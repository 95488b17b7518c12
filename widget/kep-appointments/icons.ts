/**
 * The screen's two icons, drawn inline (no icon font to load, no emoji that a system may lack).
 * Each only repeats the text next to it, so screen readers skip it (`aria-hidden`).
 */
import { svg, html, type TemplateResult } from 'lit';

const frame = (paths: TemplateResult) =>
  html`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;

/** A video camera: a video appointment. */
export const videoIcon = (): TemplateResult => frame(svg`<rect x="2" y="6" width="14" height="12" rx="2"></rect><path d="M16 10l6-4v12l-6-4z"></path>`);

/** A warning triangle: needs attention, or cannot be served as booked. */
export const warningIcon = (): TemplateResult => frame(svg`<path d="M12 3L2 21h20L12 3z"></path><path d="M12 10v5"></path><path d="M12 18h.01"></path>`);
