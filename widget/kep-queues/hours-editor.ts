/**
 * The weekly-hours editor of `<kep-queues>`: the draft being edited, its checks, a one-line summary
 * of a week, and the markup (native time inputs and buttons, so it all works from the keyboard).
 */
import { html, type TemplateResult } from 'lit';
import type { WeeklyHours } from './queues-api.js';
import type { QueueMessages } from './queues-i18n.js';

const DAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
type Day = (typeof DAYS)[number];

/** The hours being edited: every weekday (empty = closed) and the slot length. */
export interface HoursDraft {
  queueId: string;
  slotMinutes: number;
  days: Record<Day, [string, string][]>;
}

export function toDraft(queueId: string, hours: WeeklyHours, slotMinutes: number): HoursDraft {
  const days = Object.fromEntries(DAYS.map((d) => [d, (hours[d] ?? []).map(([a, b]) => [a, b] as [string, string])])) as HoursDraft['days'];
  return { queueId, slotMinutes, days };
}

export function fromDraft(draft: HoursDraft): WeeklyHours {
  const out: WeeklyHours = {};
  for (const d of DAYS) if (draft.days[d].length) out[d] = draft.days[d];
  return out;
}

/** Problems of the draft, one message per day, for the error summary. */
export function draftProblems(draft: HoursDraft, t: QueueMessages): string[] {
  const problems: string[] = [];
  DAYS.forEach((d, i) => {
    const intervals = draft.days[d];
    if (intervals.some(([a, b]) => !/^\d{2}:\d{2}$/.test(a) || !/^\d{2}:\d{2}$/.test(b))) problems.push(`${t.weekdays[i]}: ${t.errors.time}`);
    else if (intervals.some(([a, b]) => b <= a)) problems.push(`${t.weekdays[i]}: ${t.errors.order}`);
  });
  return problems;
}

/** "Δευ–Παρ 08:00–15:00 · Σαβ 09:00–13:00": consecutive days with the same hours grouped. */
export function summariseHours(hours: WeeklyHours, t: QueueMessages): string {
  const text = (d: Day) => (hours[d] ?? []).map(([a, b]) => `${a}–${b}`).join(', ');
  const parts: string[] = [];
  for (let i = 0; i < DAYS.length; ) {
    const same = text(DAYS[i]!);
    let j = i;
    while (j + 1 < DAYS.length && text(DAYS[j + 1]!) === same) j++;
    if (same) parts.push(`${t.weekdaysShort[i]}${j > i ? `–${t.weekdaysShort[j]}` : ''} ${same}`);
    i = j + 1;
  }
  return parts.length ? parts.join(' · ') : t.closedAllWeek;
}

/** What the editor calls back with. */
export interface HoursEditorHandlers {
  change(draft: HoursDraft): void;
  save(event: Event): void;
  cancel(): void;
}

/** The editor: a fieldset per weekday with its intervals, the slot length, save and cancel. */
export function renderHoursEditor(draft: HoursDraft, queueName: string, t: QueueMessages, on: HoursEditorHandlers): TemplateResult {
  const update = (d: Day, intervals: [string, string][]) => on.change({ ...draft, days: { ...draft.days, [d]: intervals } });
  // Typed times are written into the draft without a re-render: Chromium reports '' while a time is
  // half typed, and writing that back into the field would wipe what the person is typing.
  const setTime = (d: Day, k: number, end: 0 | 1) => (event: Event) => {
    draft.days[d][k]![end] = (event.target as HTMLInputElement).value.slice(0, 5);
  };
  return html`
    <form class="hours-editor" part="hours-editor" aria-labelledby="hours-editor-title" novalidate @submit=${on.save}>
      <h4 id="hours-editor-title" tabindex="-1">${t.hoursEditor(queueName)}</h4>
      ${DAYS.map((d, i) => {
        const day = t.weekdays[i]!;
        return html`
          <fieldset class="weekday">
            <legend>${day}</legend>
            ${draft.days[d].length === 0 ? html`<p class="hint">${t.closedDay}</p>` : ''}
            ${draft.days[d].map(
              ([a, b], k) => html`
                <div class="interval">
                  <label>${t.from} <input type="time" step="300" .value=${a} aria-label="${day} ${k + 1}: ${t.from}" @change=${setTime(d, k, 0)} /></label>
                  <label>${t.to} <input type="time" step="300" .value=${b} aria-label="${day} ${k + 1}: ${t.to}" @change=${setTime(d, k, 1)} /></label>
                  <button type="button" class="secondary" @click=${() => update(d, draft.days[d].filter((_, n) => n !== k))}>${t.removeInterval(day, k + 1)}</button>
                </div>
              `,
            )}
            <button type="button" class="secondary" aria-label="${t.addInterval}: ${day}" @click=${() => update(d, [...draft.days[d], lastEnd(draft.days[d])])}>
              ${t.addInterval}
            </button>
          </fieldset>
        `;
      })}
      <div class="form-group">
        <label for="slot-minutes">${t.slotMinutes}</label>
        <input id="slot-minutes" type="number" min="5" max="240" step="5" .value=${String(draft.slotMinutes)}
          @change=${(e: Event) => on.change({ ...draft, slotMinutes: Number((e.target as HTMLInputElement).value) })} />
      </div>
      <div class="actions">
        <button type="submit">${t.save}</button>
        <button type="button" class="secondary" @click=${on.cancel}>${t.cancel}</button>
      </div>
    </form>
  `;
}

/** A new interval starts where the day's last one ends (08:00–14:00 suggests 17:00–19:00 next). */
function lastEnd(intervals: [string, string][]): [string, string] {
  if (intervals.length === 0) return ['08:00', '15:00'];
  const end = intervals[intervals.length - 1]![1];
  const hour = Math.min(22, Number(end.slice(0, 2)) + 3);
  return [`${String(hour).padStart(2, '0')}:00`, `${String(hour + 1).padStart(2, '0')}:00`];
}
