/**
 * The new-appointment form's data, apart from its markup: reading, checking, turning
 * into an API request, and showing the server's objections field by field.
 */
import type { NewAppointment, ProblemError } from '../shared/api.js';
import { dateInAthens, formatDate, formatTime } from '../shared/dates.js';
import { describeError, type Messages } from '../shared/i18n.js';

/** The form's inputs, in the order they appear and their errors are listed. */
export const FIELDS = ['firstName', 'lastName', 'time', 'email', 'phone', 'notes'] as const;
export type Field = (typeof FIELDS)[number];
export type FormValues = Record<Field, string>;
export type FieldErrors = Partial<Record<Field, string>>;

export interface FormErrors {
  fields: FieldErrors;
  /** Problems that belong to no single field. */
  general: string[];
}

export function readForm(form: HTMLFormElement): FormValues {
  const data = new FormData(form);
  return Object.fromEntries(FIELDS.map((field) => [field, String(data.get(field) ?? '').trim()])) as FormValues;
}

export function validate(values: FormValues, t: Messages): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.firstName) errors.firstName = t.errors.firstName;
  if (!values.lastName) errors.lastName = t.errors.lastName;
  // A time input holds '' until hours and minutes are both filled in.
  if (!/^\d{2}:\d{2}/.test(values.time)) errors.time = t.errors.time;
  if (values.email && !values.email.includes('@')) errors.email = t.errors.email;
  return errors;
}

/** The request for the appointment at `values.time` on `date` (YYYY-MM-DD). */
export function toRequest(values: FormValues, date: string): NewAppointment {
  const body: NewAppointment = {
    firstName: values.firstName,
    lastName: values.lastName,
    // Seconds, if a browser adds them, are dropped: the API takes wall-clock minutes.
    startsAt: `${date}T${values.time.slice(0, 5)}`,
  };
  // Empty optional fields are left out rather than sent as ''.
  for (const key of ['email', 'phone', 'notes'] as const) if (values[key]) body[key] = values[key];
  return body;
}

/**
 * A server problem shown like client-side errors: next to the field the server names,
 * otherwise in the summary. `date` is the day the form books on.
 */
export function formErrorsFrom(error: ProblemError, t: Messages, date: string): FormErrors {
  const { problem } = error;
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const { path, message } of problem.errors ?? []) {
    const field = fieldOf(path);
    if (field) fields[field] ??= message;
    else general.push(message);
  }
  const summary = describeError(error, t);
  // 409: the time is taken, so the error belongs next to the time.
  if (error.status === 409) fields.time = [summary, describeSlots(problem.nextFreeSlots, t, date)].join(' ').trim();
  else if (!problem.errors?.length) general.push(summary);
  return { fields, general };
}

/** "Ελεύθερες ώρες: 09:30, 09:45", with the date for slots on another day than `date`. */
function describeSlots(slots: string[] | undefined, t: Messages, date: string): string {
  if (!slots?.length) return '';
  const times = slots.map((slot) => {
    const day = dateInAthens(new Date(slot));
    return day === date ? formatTime(slot) : `${formatDate(day)} ${formatTime(slot)}`;
  });
  return `${t.freeSlots} ${times.join(', ')}`;
}

/** The form field a server error path refers to; the API calls the time `startsAt`. */
function fieldOf(path: string): Field | undefined {
  if (path === 'startsAt') return 'time';
  return (FIELDS as readonly string[]).includes(path) ? (path as Field) : undefined;
}
