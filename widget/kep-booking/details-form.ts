/**
 * The citizen's details form of `<kep-booking>`: its fields, the checks the browser can make before
 * asking the server, and the server's field errors mapped back onto the fields.
 */
import type { ProblemError } from '../shared/api.js';
import type { BookingDetails } from './booking-api.js';
import type { BookingMessages } from './booking-i18n.js';
import type { StepError } from './booking-step.js';

/** The fields, in the order they are shown (and their errors are summarised). */
export const DETAIL_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'businessName', 'businessTaxId'] as const;

/** One field of the form; also the id of its control. */
export type DetailField = (typeof DETAIL_FIELDS)[number];

/** What the citizen typed, kept by the booking element so that a step back and forth loses nothing. */
export type DetailsDraft = Partial<Record<DetailField | 'business', string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Greek or international, with the spaces, dashes and brackets people type; the server keeps E.164.
const PHONE = /^\+?[\d\s\-().]{10,20}$/;
const TAX_ID = /^\d{9}$/;

/** The citizen's problems with `draft`, in field order; empty when it may be sent. */
export function validateDetails(draft: DetailsDraft, t: BookingMessages, o: { namesFromIdentity: boolean }): StepError[] {
  const errors: StepError[] = [];
  const add = (field: DetailField, message: string) => errors.push({ field, message });
  const value = (field: DetailField) => draft[field]?.trim() ?? '';
  if (!o.namesFromIdentity && !value('firstName')) add('firstName', t.errors.firstName);
  if (!o.namesFromIdentity && !value('lastName')) add('lastName', t.errors.lastName);
  if (!value('email')) add('email', t.errors.email);
  else if (!EMAIL.test(value('email'))) add('email', t.errors.emailInvalid);
  if (value('phone') && !PHONE.test(value('phone'))) add('phone', t.errors.phone);
  if (draft.business) {
    if (!value('businessName')) add('businessName', t.errors.businessName);
    if (!TAX_ID.test(value('businessTaxId').replace(/\s/g, ''))) add('businessTaxId', t.errors.businessTaxId);
  }
  return errors;
}

/**
 * The body of `POST /bookings` (less the hold) from a valid draft. With the names from the identity
 * provider the body leaves them out: the server books under the signed-in citizen's own.
 */
export function toBookingDetails(draft: DetailsDraft, language: 'el' | 'en', o: { namesFromIdentity: boolean }): BookingDetails {
  const value = (field: DetailField) => draft[field]?.trim() ?? '';
  const details: BookingDetails = { email: value('email'), language };
  if (!o.namesFromIdentity) Object.assign(details, { firstName: value('firstName'), lastName: value('lastName') });
  if (value('phone')) details.phone = value('phone');
  if (draft.business) details.business = { name: value('businessName'), taxId: value('businessTaxId').replace(/\s/g, '') };
  return details;
}

/** The server's validation errors (400), each on its field when it names one of ours. */
export function errorsFromProblem(error: ProblemError, fallback: string): StepError[] {
  const listed = error.problem.errors ?? [];
  const errors: StepError[] = listed.map((e) => ({ field: fieldOf(e.path), message: e.message }));
  if (errors.length === 0) errors.push({ field: null, message: error.problem.detail ?? fallback });
  const order = (e: StepError) => (e.field ? DETAIL_FIELDS.indexOf(e.field as DetailField) : -1);
  return errors.sort((a, b) => order(a) - order(b));
}

function fieldOf(path: string): DetailField | null {
  const normalised = path.replace(/^\/+/, '').replaceAll('/', '.');
  const byPath: Record<string, DetailField> = { 'business.name': 'businessName', 'business.taxId': 'businessTaxId' };
  const field = byPath[normalised] ?? normalised;
  return (DETAIL_FIELDS as readonly string[]).includes(field) ? (field as DetailField) : null;
}

/** A version 4 UUID; `crypto.randomUUID` exists only on https pages, so http ones build it by hand. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
