import { html, nothing, type TemplateResult } from 'lit';
import { focusField } from './focus.js';

/** One problem of an error summary; `field` is the id of the control it links to (null: the form as a whole). */
export interface FieldProblem {
  field: string | null;
  message: string;
}

/** How an error summary is named and fits its page. */
export interface ErrorSummaryOptions {
  /** Prefix of the title's id (`${id}-title`), unique in the shadow root. */
  id: string;
  title: string;
  /** The title's level under the section it sits in; `h3` unless said. */
  heading?: 'h3' | 'h4';
  /** More classes, for instance for the caller to find it by. */
  className?: string;
  /** The CSS part a page may style it by (`<kep-booking>`'s `error-summary`). */
  part?: string;
}

/**
 * The GOV.UK error summary of a widget (staff screens, the citizen's booking and its management): a title, then each problem, a link that moves focus to
 * its field when it has one. role="alert" and focusable, so that the caller can move focus to it after
 * a failed submit (`focusAfterRender(this, '.error-summary')`); nothing when there are no problems.
 */
export function renderErrorSummary(problems: readonly (FieldProblem | string)[], o: ErrorSummaryOptions): TemplateResult | typeof nothing {
  if (!problems.length) return nothing;
  const titleId = `${o.id}-title`;
  const title = o.heading === 'h4' ? html`<h4 id=${titleId}>${o.title}</h4>` : html`<h3 id=${titleId}>${o.title}</h3>`;
  return html`<div class=${o.className ? `error-summary ${o.className}` : 'error-summary'} part=${o.part ?? nothing} role="alert" tabindex="-1" aria-labelledby=${titleId}>
    ${title}
    <ul>${problems.map((p) => html`<li>${typeof p === 'string' ? p : p.field ? html`<a href="#${p.field}" @click=${(e: Event) => focusField(e, p.field!)}>${p.message}</a>` : p.message}</li>`)}</ul>
  </div>`;
}
