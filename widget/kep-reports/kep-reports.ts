import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiClient, ProblemError } from '../shared/api.js';
import { addDays, formatDate, isIsoDate, todayInAthens } from '../shared/dates.js';
import { renderErrorSummary } from '../shared/error-summary.js';
import { focusAfterRender } from '../shared/focus.js';
import { describeError, messagesFor } from '../shared/i18n.js';
import { fetchReport, reportPath, type KepReportLine, type Report } from './reports-api.js';
import { reportMessages, type ReportMessages } from './reports-i18n.js';
import { styles } from './kep-reports.styles.js';
import { weeklyChart } from './weekly-chart.js';
import { BAND_ICONS, missedBand } from '../../plugin/domain/missed-bands.js';
import { figureCells, reportLegend } from './report-parts.js';
import { waitingTable } from './waiting-table.js';

type Session = { state: 'loading' } | { state: 'signed-out' } | { state: 'ready' } | { state: 'failed'; message: string };
type PeriodField = 'from' | 'to';
type ReportView = 'attendance' | 'waiting';

/** How many KEPs show before "show all": the directorate's list of 1,000 KEPs starts with the worst. */
const FIRST_ROWS = 50;
/** The longest period the server accepts. */
const MAX_DAYS = 366;

declare global {
  interface HTMLElementEventMap {
    'kep-report-loaded': CustomEvent<{ from: string; to: string; stores: number }>;
  }
}

/**
 * `<kep-reports>`: the attendance report of circular 000 — per KEP and period, booked, served, did not
 * come, missed by staff, cancelled, unrecorded, lead time and use of the hours, worst first, with a
 * weekly bar row per KEP (one scale for the page, numbers on the bars) and links to the CSV and the
 * printable page; beside the missed rate, the public searches that found no time (unmet demand). A second
 * view («Οι πολίτες που περίμεναν») shows the citizens who waited (time from arrival to the call, late
 * video calls, waited and not served), worst first by those. Missed rates carry a band (shape, word and colour, explained in a legend) and the
 * KEPs of the high band a marked row with a badge. The table fits a 1280 px screen. Staff see their KEPs; the
 * central supervisor every KEP. With `store-id`, one KEP.
 *
 * @example
 * ```html
 * <script type="module" src="/widget/rantevou.js"></script>
 * <kep-reports api-base="" lang="el"></kep-reports>
 * ```
 *
 * @fires kep-report-loaded - After a report is shown; `detail` is `{ from, to, stores }`. Bubbles and
 *   crosses shadow roots.
 *
 * @csspart table - The report table.
 * @csspart waiting-table - The table of the citizens who waited.
 * @csspart chart - Each KEP's weekly chart.
 *
 * @cssprop --kep-primary - Links and buttons (gov.gr blue, #003476).
 * @cssprop --kep-error - Missed by staff, in the charts and the worst rates (#b60202).
 * @cssprop --kep-muted - The appointments in the charts, hints (#505a5f).
 * @cssprop --kep-focus - The focus ring (#ffdd00).
 */
export class KepReports extends LitElement {
  static override styles = styles;

  static override properties = {
    apiBase: { attribute: 'api-base' },
    storeId: { attribute: 'store-id' },
    // Reflected so that screen readers pronounce the content in its language.
    lang: { reflect: true },
    from: {},
    to: {},
    session: { state: true },
    report: { state: true },
    loading: { state: true },
    error: { state: true },
    formErrors: { state: true },
    showAll: { state: true },
    view: { state: true },
    announcement: { state: true },
  };

  /** URL prefix of the plugin (attribute `api-base`); '' means the page's origin. */
  declare apiBase: string;
  /** One KEP's UUID (attribute `store-id`); without it, every KEP the signed-in person may read. */
  declare storeId: string | null;
  /** 'el' (default) or 'en'. */
  declare lang: string;
  /** First and last day of the period, YYYY-MM-DD; default: the four weeks up to today. */
  declare from: string;
  declare to: string;

  private declare session: Session;
  private declare report: Report | null;
  private declare loading: boolean;
  private declare error: string | null;
  private declare formErrors: Partial<Record<PeriodField, string>> | null;
  private declare showAll: boolean;
  /** Which table shows: attendance and missed appointments (first), or the citizens who waited. */
  private declare view: ReportView;
  private declare announcement: string;

  #api = new ApiClient('');
  #request: AbortController | null = null;

  constructor() {
    super();
    this.apiBase = '';
    this.storeId = null;
    this.lang = 'el';
    this.to = todayInAthens();
    this.from = addDays(this.to, -27);
    this.session = { state: 'loading' };
    this.report = null;
    this.loading = false;
    this.error = null;
    this.formErrors = null;
    this.showAll = false;
    this.view = 'attendance';
    this.announcement = '';
  }

  get #t(): ReportMessages {
    return reportMessages(this.lang);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('apiBase')) this.#api = new ApiClient(this.apiBase ?? '');
    if (changed.has('apiBase') || changed.has('storeId') || changed.has('from') || changed.has('to')) void this.#load();
  }

  override render(): TemplateResult {
    const t = this.#t;
    const session = this.session;
    if (session.state === 'signed-out') return html`<p>${t.signedOut} <a href=${this.#api.loginUrl(location.href)}>${t.signIn}</a></p>`;
    if (session.state === 'failed') return html`<p class="problem" role="alert">${session.message}</p>`;
    return html`
      <h2>${t.title}</h2>
      ${this.#renderPeriod()}
      <div class="status" role="status" aria-live="polite">${this.announcement}</div>
      ${this.error ? html`<p class="problem" role="alert">${this.error}</p>` : this.#renderReport()}
    `;
  }

  #renderPeriod(): TemplateResult {
    const t = this.#t;
    const errors = this.formErrors;
    const field = (name: PeriodField) => {
      const error = errors?.[name];
      return html`<div class="form-group ${error ? 'form-group--error' : ''}">
        <label for=${name}>${t[name]}</label>
        ${error ? html`<p id="${name}-error" class="error-message"><span class="visually-hidden">${t.errorPrefix}</span> ${error}</p>` : nothing}
        <input id=${name} name=${name} type="date" .value=${name === 'from' ? this.from : this.to} aria-describedby=${error ? `${name}-error` : nothing}
          aria-invalid=${error ? 'true' : nothing} />
      </div>`;
    };
    const problems = (['from', 'to'] as const).flatMap((f) => (errors?.[f] ? [{ field: f, message: errors[f] }] : []));
    return html`
      ${renderErrorSummary(problems, { id: 'error-summary', title: t.errorSummaryTitle })}
      <form novalidate @submit=${this.#onSubmit}>
        <fieldset class="period">
          <legend>${t.period}</legend>
          ${field('from')} ${field('to')}
          <button type="submit">${t.show}</button>
        </fieldset>
      </form>
    `;
  }

  #renderReport(): TemplateResult {
    const t = this.#t;
    const report = this.report;
    if (!report) return html`<p>${t.loading}</p>`;
    const rows = this.showAll ? report.stores : report.stores.slice(0, FIRST_ROWS);
    const max = Math.max(0, ...report.stores.flatMap((s) => s.series.booked));
    const request = { from: report.from, to: report.to, ...(this.storeId ? { storeId: this.storeId } : {}) };
    return html`
      <div class="links">
        <a href=${this.#api.href(reportPath(request, 'csv'))} download>${t.csv}</a>
        <a href=${this.#api.href(reportPath(request, 'html'))} target="_blank" rel="noopener">${t.print} <span class="visually-hidden">${t.opensInNewWindow}</span></a>
      </div>
      ${this.#renderViews()}
      ${this.view === 'waiting' ? waitingTable(report, t, rows.length) : this.#renderAttendance(report, rows, max)}
      ${!this.showAll && report.stores.length > FIRST_ROWS
        ? html`<button type="button" @click=${() => (this.showAll = true)}>${t.showAll(report.stores.length)}</button>`
        : nothing}
    `;
  }

  /** The two views of one report: attendance and missed appointments, or the citizens who waited. */
  #renderViews(): TemplateResult {
    const t = this.#t;
    const button = (view: ReportView, label: string) =>
      html`<button type="button" class="view" aria-pressed=${this.view === view ? 'true' : 'false'} @click=${() => (this.view = view)}>${label}</button>`;
    return html`<div class="views" role="group" aria-label=${t.views.label}>${button('attendance', t.views.attendance)} ${button('waiting', t.waiting.title)}</div>`;
  }

  #renderAttendance(report: Report, rows: readonly KepReportLine[], max: number): TemplateResult {
    const t = this.#t;
    const c = t.columns;
    const caption = t.caption(formatDate(report.from), formatDate(report.to), report.stores.length);
    return html`
      ${reportLegend(t, max)}
      <!-- The table fits 1280 px; on a narrower screen it scrolls sideways: a focusable region lets a keyboard scroll it (axe scrollable-region-focusable). -->
      <div class="table-wrapper" tabindex="0" role="region" aria-label=${caption}>
        <table part="table" aria-busy=${this.loading ? 'true' : 'false'}>
          <caption>${caption}</caption>
          <thead>
            <tr>
              <th scope="col">${c.kep}</th>
              <th scope="col" class="number">${c.booked}</th>
              <th scope="col" class="number">${c.served}</th>
              <th scope="col" class="number">${c.noShow}</th>
              <th scope="col" class="number">${c.missed}</th>
              <th scope="col" class="number">${c.unmet}</th>
              <th scope="col" class="number">${c.cancelled}</th>
              <th scope="col" class="number">${c.unrecorded}</th>
              <th scope="col" class="number">${c.leadTime}</th>
              <th scope="col" class="number">${c.utilisation}</th>
              <th scope="col">${c.weekly}</th>
            </tr>
          </thead>
          <tbody>
            ${report.stores.length === 0
              ? html`<tr><td colspan="11">${t.none}</td></tr>`
              : rows.map((s) => this.#renderRow(s, report.weeks, max))}
          </tbody>
          <tfoot>
            <tr><th scope="row">${t.total}</th>${figureCells(report.totals, t)}<td></td></tr>
          </tfoot>
        </table>
      </div>
    `;
  }

  #renderRow(s: KepReportLine, weeks: readonly string[], max: number): TemplateResult {
    const t = this.#t;
    const label = t.chartLabel(s.name, weeks[0] ?? this.from, s.series.booked, s.series.missedByStaff);
    // The worst KEPs stand out without reading the order: a marked row and a badge by the name.
    const high = missedBand(s.missedByStaffRate) === 'high';
    return html`<tr data-store=${s.code} class=${high ? 'row--high' : ''}>
      <th scope="row">${s.name}<br /><span class="hint">${s.code} · ${s.municipality}</span>${high
        ? html`<span class="highlight"><span aria-hidden="true">${BAND_ICONS.high}</span> ${t.highlight}</span>`
        : nothing}</th>
      ${figureCells(s, t)}
      <td>${weeklyChart(s.series.booked, s.series.missedByStaff, max, label)}</td>
    </tr>`;
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const t = this.#t;
    const form = event.currentTarget as HTMLFormElement;
    const from = (form.elements.namedItem('from') as HTMLInputElement).value;
    const to = (form.elements.namedItem('to') as HTMLInputElement).value;
    const errors: Partial<Record<PeriodField, string>> = {};
    if (!isIsoDate(from)) errors.from = t.errors.from;
    if (!isIsoDate(to)) errors.to = t.errors.to;
    else if (isIsoDate(from) && to < from) errors.to = t.errors.order;
    else if (isIsoDate(from) && addDays(from, MAX_DAYS) <= to) errors.to = t.errors.tooLong;
    if (Object.keys(errors).length > 0) {
      this.formErrors = errors;
      return focusAfterRender(this, '.error-summary');
    }
    this.formErrors = null;
    this.from = from;
    this.to = to;
  }

  async #load(): Promise<void> {
    // Only the last period asked for may land.
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    const { from, to } = this;
    this.loading = true;
    this.announcement = '';
    try {
      const report = await fetchReport(this.#api, { from, to, ...(this.storeId ? { storeId: this.storeId } : {}) }, request.signal);
      this.session = { state: 'ready' };
      this.report = report;
      this.error = null;
      this.showAll = false;
      this.announcement = this.#t.loaded(report.stores.length);
      this.dispatchEvent(new CustomEvent('kep-report-loaded', { detail: { from, to, stores: report.stores.length }, bubbles: true, composed: true }));
    } catch (error) {
      if (request.signal.aborted) return;
      if (error instanceof ProblemError && error.status === 401) this.session = { state: 'signed-out' };
      else if (error instanceof ProblemError && error.status === 404) this.error = this.#t.notFound;
      else if (this.report === null && this.session.state === 'loading') this.session = { state: 'failed', message: describeError(error, messagesFor(this.lang)) };
      else this.error = describeError(error, messagesFor(this.lang));
    } finally {
      if (this.#request === request) this.loading = false;
    }
  }
}
