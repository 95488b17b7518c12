/**
 * Whether the shown day is closed: a national holiday or a closure of the whole KEP (a notice
 * above the list), or a closure of one queue (a smaller line). Appointments kept on such a day
 * still list below it. The notice is static text, not a live region: it is read with the page,
 * not shouted at every reload.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ApiClient } from '../shared/api.js';
import { addDays, formatDate, formatWeekday } from '../shared/dates.js';
import type { AppointmentMessages } from './appointments-i18n.js';

/** What closes the day: reasons for the whole KEP, and per queue. */
export interface DayClosures {
  date: string;
  kep: string[];
  queues: { queueId: string; reason: string }[];
}

interface HolidayItem { date: string; nameEl: string; nameEn: string; kind: 'national' | 'local' }
interface ExceptionItem { queueId: string | null; startDate: string; endDate: string; hours: unknown; reason: string; recursYearly: boolean }

/** Whether an exception covers `date`; a yearly one on the same month-days of every year from its first. */
export function covers(e: Pick<ExceptionItem, 'startDate' | 'endDate' | 'recursYearly'>, date: string): boolean {
  if (!e.recursYearly) return e.startDate <= date && date <= e.endDate;
  const length = Math.round((Date.parse(e.endDate) - Date.parse(e.startDate)) / 86_400_000);
  const year = Number(date.slice(0, 4));
  // A yearly closure may run over New Year, so the one that began last year can still cover the date.
  return [year - 1, year].some((y) => {
    const start = `${String(y).padStart(4, '0')}${e.startDate.slice(4)}`;
    return start >= e.startDate && start <= date && date <= addDays(start, length);
  });
}

/**
 * Loads the closures of the shown day once per change of store or day; the national holidays once
 * per store and year (they do not change). A failure shows no notice: the list still works.
 */
export class ClosedDayController implements ReactiveController {
  closures: DayClosures | null = null;
  #holidays = new Map<string, Promise<HolidayItem[]>>();
  #key = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly lang: () => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Called on every update; fetches only when the store or the day changed. */
  show(api: ApiClient, storeId: string, date: string): void {
    const key = `${storeId}|${date}`;
    if (!storeId || key === this.#key) return;
    this.#key = key;
    this.closures = null;
    void this.#load(api, storeId, date, key);
  }

  async #load(api: ApiClient, storeId: string, date: string, key: string): Promise<void> {
    const year = date.slice(0, 4);
    const cacheKey = `${storeId}|${year}`;
    let holidays = this.#holidays.get(cacheKey);
    if (!holidays) {
      holidays = api.storeRequest<{ items: HolidayItem[] }>(storeId, 'GET', `/holidays?year=${year}`).then((a) => a.items);
      holidays.catch(() => this.#holidays.delete(cacheKey));
      this.#holidays.set(cacheKey, holidays);
    }
    const params = new URLSearchParams({ from: date, to: date });
    const [h, x] = await Promise.allSettled([holidays, api.storeRequest<{ items: ExceptionItem[] }>(storeId, 'GET', `/exceptions?${params}`)]);
    if (key !== this.#key) return;
    const en = this.lang() === 'en';
    // The KEP's own yearly holidays come with the exceptions too; the holidays list gives the national ones.
    const national = h.status === 'fulfilled' ? h.value.filter((i) => i.kind === 'national' && i.date === date).map((i) => (en ? i.nameEn : i.nameEl)) : [];
    const closed = x.status === 'fulfilled' ? x.value.items.filter((e) => e.hours === null && covers(e, date)) : [];
    this.closures = {
      date,
      kep: [...national, ...closed.filter((e) => e.queueId === null).map((e) => e.reason)],
      queues: closed.filter((e) => e.queueId !== null).map((e) => ({ queueId: e.queueId!, reason: e.reason })),
    };
    this.host.requestUpdate();
  }
}

/** The notice above the day's list; nothing on an open day or while the list spans days. */
export function renderClosedDay(t: AppointmentMessages, closures: DayClosures | null, queueName: (id: string) => string): TemplateResult | typeof nothing {
  if (!closures || (!closures.kep.length && !closures.queues.length)) return nothing;
  // The sentence ends with its own full stop.
  const plain = (reason: string) => reason.trim().replace(/[.!;·]+$/, '');
  const day = `${formatWeekday(closures.date, t.locale)} ${formatDate(closures.date)}`;
  return html`<div class="closed-day">
    ${closures.kep.length ? html`<p class="closed-kep">${t.closed.kep(day, closures.kep.map(plain).join(' · '))}</p>` : nothing}
    ${closures.queues.map((q) => html`<p class="closed-queue">${t.closed.queue(queueName(q.queueId), plain(q.reason))}</p>`)}
  </div>`;
}
