/**
 * The add/edit form's data, apart from its markup: the draft a person types, checking it,
 * turning it into a request (all fields for a new appointment, only the changed ones for an
 * edit), and placing the server's objections next to the fields they concern.
 */
import type { Appointment, AppointmentInput, AppointmentMode, ProblemError } from '../shared/api.js';
import { dateInAthens, formatDate, formatTime } from '../shared/dates.js';
import { describeError, messagesFor } from '../shared/i18n.js';
import type { ProcedureSuggestion } from './appointments-api.js';
import type { AppointmentMessages, FormField } from './appointments-i18n.js';

/** The fields in the order they appear, which is the order their errors are listed in. */
export const FIELDS: readonly FormField[] = [
  'firstName', 'lastName', 'mode', 'queueId', 'date', 'time', 'durationMinutes', 'email', 'phone', 'taxId',
  'businessName', 'businessTaxId', 'procedure', 'source', 'notes',
];

/** What the form holds: every value as typed, plus whether a business is represented. */
export interface Draft {
  firstName: string;
  lastName: string;
  mode: AppointmentMode;
  queueId: string;
  date: string;
  time: string;
  durationMinutes: string;
  email: string;
  phone: string;
  taxId: string;
  business: boolean;
  businessName: string;
  businessTaxId: string;
  procedure: string;
  source: string;
  notes: string;
}

/** An error message per field that has one. */
export type FieldErrors = Partial<Record<FormField, string>>;

/** What the error summary lists: field errors (linked to their fields) and the rest. */
export interface FormErrors {
  fields: FieldErrors;
  /** Problems that belong to no single field. */
  general: string[];
}

/** A blank form for a booking on `date` in `queue` (the default queue when the KEP's queues are known). */
export function emptyDraft(date: string, queue?: { id: string; mode: AppointmentMode }): Draft {
  return {
    firstName: '', lastName: '', mode: queue?.mode ?? 'in_person', queueId: queue?.id ?? '', date, time: '', durationMinutes: '',
    email: '', phone: '', taxId: '', business: false, businessName: '', businessTaxId: '', procedure: '', source: 'phone', notes: '',
  };
}

/** The form filled with an appointment, to edit it. */
export function draftOf(a: Appointment): Draft {
  return {
    firstName: a.firstName,
    lastName: a.lastName,
    mode: a.mode,
    queueId: a.queueId,
    date: dateInAthens(new Date(a.startsAt)),
    time: formatTime(a.startsAt),
    durationMinutes: String(a.durationMinutes),
    email: a.email ?? '',
    phone: a.phone ?? '',
    taxId: a.taxId ?? '',
    business: a.business !== null,
    businessName: a.business?.name ?? '',
    businessTaxId: a.business?.taxId ?? '',
    procedure: a.procedure ?? '',
    source: a.source,
    notes: a.notes ?? '',
  };
}

/**
 * Whether `afm` is a well-formed Greek tax id: nine digits whose last is the check digit. The
 * server checks it too; here it only saves a round trip.
 */
export function isValidAfm(afm: string): boolean {
  if (!/^\d{9}$/.test(afm) || afm === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(afm[i]) * 2 ** (8 - i);
  return (sum % 11) % 10 === Number(afm[8]);
}

/** The checks a browser can make; the server makes them all again, and a few more. */
export function validate(d: Draft, t: AppointmentMessages): FieldErrors {
  const e = t.form.errors;
  const errors: FieldErrors = {};
  if (!d.firstName.trim()) errors.firstName = e.firstName;
  if (!d.lastName.trim()) errors.lastName = e.lastName;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.date)) errors.date = e.date;
  // A time input holds '' until hours and minutes are both filled in.
  if (!/^\d{2}:\d{2}/.test(d.time)) errors.time = e.time;
  const minutes = Number(d.durationMinutes);
  if (d.durationMinutes && !(Number.isInteger(minutes) && minutes >= 5 && minutes <= 240)) errors.durationMinutes = e.durationMinutes;
  if (d.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim())) errors.email = e.email;
  // Loose on purpose: the server knows every numbering plan (libphonenumber), this only catches letters.
  if (d.phone.trim() && !/^\+?[\d\s().-]{7,}$/.test(d.phone.trim())) errors.phone = e.phone;
  if (d.taxId.trim() && !isValidAfm(d.taxId.trim())) errors.taxId = e.taxId;
  if (d.business) {
    if (!d.businessName.trim()) errors.businessName = e.businessName;
    if (!isValidAfm(d.businessTaxId.trim())) errors.businessTaxId = e.businessTaxId;
  }
  return errors;
}

/** The request's fields that the form has a field for. */
type FormFields = Required<{ [K in Exclude<keyof AppointmentInput, 'procedureId'>]: AppointmentInput[K] | null }>;

/** Every field of the draft as the request names it; an empty optional field is null. */
function fieldsOf(d: Draft): FormFields {
  const optional = (value: string) => value.trim() || null;
  return {
    firstName: d.firstName.trim(),
    lastName: d.lastName.trim(),
    // Seconds, if a browser adds them, are dropped: the API takes wall-clock minutes.
    startsAt: `${d.date}T${d.time.slice(0, 5)}`,
    durationMinutes: d.durationMinutes ? Number(d.durationMinutes) : null,
    queueId: d.queueId || null,
    email: optional(d.email),
    phone: optional(d.phone),
    taxId: optional(d.taxId),
    businessName: d.business ? optional(d.businessName) : null,
    businessTaxId: d.business ? optional(d.businessTaxId) : null,
    procedure: optional(d.procedure),
    source: (d.source || null) as NonNullable<AppointmentInput['source']> | null,
    notes: optional(d.notes),
    mode: d.mode,
  };
}

/**
 * The suggestion the procedure field holds, by its id: a picked suggestion fills in its exact name.
 * Other text is left to the server, which also knows a catalogue name typed in other case or accents.
 */
function pickedProcedure(d: Draft, suggestions: readonly ProcedureSuggestion[]): Pick<AppointmentInput, 'procedureId'> {
  const id = suggestions.find((p) => p.name === d.procedure.trim())?.id;
  return id ? { procedureId: id } : {};
}

/** The body of a new appointment: empty optional fields are left out, not sent as null. */
export function toCreateBody(d: Draft, suggestions: readonly ProcedureSuggestion[]): AppointmentInput {
  const all = fieldsOf(d);
  const body = Object.fromEntries(Object.entries(all).filter(([, value]) => value !== null)) as unknown as AppointmentInput;
  return { ...body, ...pickedProcedure(d, suggestions) };
}

/**
 * The body of an edit: only what differs from `original`, so that the audit shows what was
 * meant to change and a field nobody touched is never rewritten.
 */
export function toPatchBody(d: Draft, original: Appointment, suggestions: readonly ProcedureSuggestion[]): Partial<AppointmentInput> {
  const before = fieldsOf(draftOf(original));
  const after = fieldsOf(d);
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    // An emptied duration means "as it was": the API has no null for it.
    if (key === 'durationMinutes' && after[key] === null) continue;
    if (after[key] !== before[key]) body[key] = after[key];
  }
  if ('procedure' in body) Object.assign(body, pickedProcedure(d, suggestions));
  return body as Partial<AppointmentInput>;
}

/**
 * A server problem shown like client-side errors: next to the field the server names,
 * otherwise in the summary. 409 (the time is taken) goes next to the time, with the free times.
 */
export function formErrorsFrom(error: ProblemError, t: AppointmentMessages, date: string): FormErrors {
  const { problem } = error;
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const { path, message } of problem.errors ?? []) {
    const field = fieldOf(path);
    if (field) fields[field] ??= message;
    else general.push(message);
  }
  const summary = describeError(error, messagesFor(t.locale));
  if (error.status === 409 && problem.nextFreeSlots) {
    fields.time = [summary, describeSlots(problem.nextFreeSlots, date, messagesFor(t.locale).freeSlots)].join(' ').trim();
  } else if (!problem.errors?.length) general.push(summary);
  return { fields, general };
}

/** "Ελεύθερες ώρες: 09:30, 09:45", with the date for slots on another day than `date`. */
function describeSlots(slots: string[], date: string, label: string): string {
  if (!slots.length) return '';
  const times = slots.map((slot) => {
    const day = dateInAthens(new Date(slot));
    return day === date ? formatTime(slot) : `${formatDate(day)} ${formatTime(slot)}`;
  });
  return `${label} ${times.join(', ')}`;
}

/** The form field a server error path refers to; the API calls the date and time `startsAt`, the picked procedure `procedureId`. */
function fieldOf(path: string): FormField | undefined {
  if (path === 'startsAt') return 'time';
  if (path === 'procedureId') return 'procedure';
  if (path === 'business') return 'businessTaxId';
  return (FIELDS as readonly string[]).includes(path) ? (path as FormField) : undefined;
}
